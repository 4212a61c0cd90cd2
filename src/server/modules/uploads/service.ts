// The recording's upload, from the first byte to "every byte is here": the media row follows the tus upload.
import crypto from 'node:crypto';
import type { Services } from '../../services.js';
import { findMedia, setMediaState } from '../../media/repository.js';

export const UPLOADS_PREFIX = 'uploads';

/** Mime types a recording may declare: what browsers' MediaRecorder and phones produce. */
const ACCEPTED_TYPES = /^(video\/(webm|mp4|quicktime|x-matroska|3gpp))(;.*)?$/i;

export function isAcceptedRecordingType(mime: string | null | undefined): boolean {
  return typeof mime === 'string' && ACCEPTED_TYPES.test(mime.trim());
}

/** 128 random bits: the upload's id is also the capability to append to it and to submit it. */
export function newUploadId(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export async function recordUploadStarted(services: Services, id: string, mime: string): Promise<void> {
  const now = services.clock.now().toISOString();
  await services.db
    .insertInto('media_files')
    .values({
      id,
      kind: 'appeal_video',
      state: 'uploading',
      mime_type: mime.slice(0, 100),
      size_bytes: null,
      sha256: null,
      duration_ms: null,
      width: null,
      height: null,
      original_key: `${UPLOADS_PREFIX}/${id}`,
      playback_key: null,
      poster_key: null,
      failure_reason: null,
      appeal_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Every byte is here: record the size and the sha256 of the original, which is kept untouched. */
export async function recordUploadFinished(services: Services, id: string): Promise<void> {
  const row = await findMedia(services.db, id);
  if (!row || row.state !== 'uploading') return;
  const key = row.original_key;
  const [info, sha256] = await Promise.all([services.storage.stat(key), services.storage.sha256(key)]);
  await setMediaState(services, row, 'uploaded', { size_bytes: info?.size ?? null, sha256 });
}
