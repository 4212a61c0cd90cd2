// The recording's upload, from the first byte to "every byte is here": who may start one, the media row that
// follows the tus upload, and what happens when the last byte lands.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { canMoveMedia } from '../../../common/statuses.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { findMedia } from '../../media/repository.js';
import { enqueue } from '../../jobs/queue.js';
import type { MediaFile } from '../../db/types.js';

export const UPLOADS_PREFIX = 'uploads';

/** Mime types a recording may declare: what browsers' MediaRecorder and phones produce. */
const VIDEO_TYPES = /^(video\/(webm|mp4|quicktime|x-matroska|3gpp))(;.*)?$/i;
/** Only when the camera failed and the person chose to go on with sound only. */
const AUDIO_TYPES = /^(audio\/(webm|ogg|mp4))(;.*)?$/i;

export function isAcceptedRecordingType(mime: string | null | undefined, audioOnly = false): boolean {
  if (typeof mime !== 'string') return false;
  const type = mime.trim();
  return VIDEO_TYPES.test(type) || (audioOnly && AUDIO_TYPES.test(type));
}

/** 128 random bits: the upload's id is also the capability to append to it and to submit it. */
export function newUploadId(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/** Where tus keeps an upload's bytes while it grows (and, with the local driver, for good). */
export function uploadFile(services: Services, id: string): string {
  return path.join(services.config.mediaDir, UPLOADS_PREFIX, id);
}

export interface UploadStart {
  owner: string;
  mime: string;
  reservationId: string | null;
  audioOnly: boolean;
}

/**
 * Checks the creation metadata (tus Upload-Metadata, already decoded) against the rules: a recording's mime type,
 * audio types only for an audio-only recording, and a reservation that is live and belongs to the same owner.
 */
export async function checkUploadStart(
  services: Services,
  owner: string,
  metadata: Record<string, string | null | undefined>,
): Promise<UploadStart> {
  const audioOnly = metadata.audioOnly === '1';
  const mime = metadata.filetype ?? null;
  if (!mime || !isAcceptedRecordingType(mime, audioOnly)) {
    throw new Problem('unsupported-media-type', `recording type not accepted: ${mime ?? 'none declared'}`);
  }
  const reservationId = metadata.reservation || null;
  if (reservationId) {
    const reservation = await services.db
      .selectFrom('appeal_reservations')
      .select(['owner', 'expires_at', 'appeal_id'])
      .where('id', '=', reservationId)
      .executeTakeFirst();
    const now = services.clock.now().toISOString();
    if (!reservation || reservation.appeal_id !== null || reservation.expires_at <= now) {
      throw new Problem('reservation-not-found');
    }
    if (reservation.owner !== owner) throw new Problem('upload-forbidden');
  }
  return { owner, mime: mime.trim().slice(0, 100), reservationId, audioOnly };
}

export async function recordUploadStarted(services: Services, id: string, start: UploadStart): Promise<void> {
  const now = services.clock.now().toISOString();
  await services.db
    .insertInto('media_files')
    .values({
      id,
      kind: 'appeal_video',
      state: 'uploading',
      mime_type: start.mime,
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
      owner: start.owner,
      reservation_id: start.reservationId,
      audio_only: start.audioOnly ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * Every byte is here: record the size and sha256 of the original (kept untouched), move it into the blob store
 * when that is not the local disk, and mark it uploaded. A recording whose appeal was registered before its last
 * byte arrived (deferred delivery) goes to processing in the same transaction. Safe to run again after a crash
 * at any step (HEAD of a complete upload runs it again).
 */
export async function recordUploadFinished(
  services: Services,
  id: string,
  /** The sha256 of the whole file when the store saw every byte written (saves reading it back). */
  knownSha256: string | null = null,
): Promise<void> {
  const row = await findMedia(services.db, id);
  if (!row || row.state !== 'uploading') return;
  const local = uploadFile(services, id);
  const present = await fsp
    .stat(local)
    .then(() => true)
    .catch(() => false);
  if (present) {
    const { size, sha256 } = knownSha256
      ? { size: (await fsp.stat(local)).size, sha256: knownSha256 }
      : await hashFile(local);
    await services.db
      .updateTable('media_files')
      .set({ size_bytes: size, sha256 })
      .where('id', '=', id)
      .where('state', '=', 'uploading')
      .execute();
    if (services.config.STORAGE_DRIVER !== 'local')
      await services.storage.importFile(row.original_key, local);
  } else if (!row.sha256 || !(await services.storage.stat(row.original_key))) {
    // Only an import that finished before a crash may leave no local file behind.
    throw new Error(`upload ${id}: its bytes are missing`);
  }

  if (!canMoveMedia('uploading', 'uploaded')) throw new Error('media: uploading → uploaded is not allowed');
  const now = services.clock.now().toISOString();
  const queued = await services.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('media_files')
      .set({ state: 'uploaded', updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'uploading')
      .returning(['appeal_id'])
      .executeTakeFirst();
    if (!moved?.appeal_id) return false;
    await enqueue(
      trx,
      services.clock,
      'process-media',
      { mediaId: id },
      { maxAttempts: services.config.MEDIA_MAX_ATTEMPTS },
    );
    return true;
  });
  if (queued) services.nudgeWorker();
}

/**
 * Removes an upload that no appeal has claimed: its row first (so a submission racing with us either claims it
 * before, and we stop, or finds it gone), then its bytes and tus's sidecar. False if an appeal holds it.
 */
export async function discardUpload(
  services: Services,
  row: Pick<MediaFile, 'id' | 'original_key'>,
): Promise<boolean> {
  const result = await services.db
    .deleteFrom('media_files')
    .where('id', '=', row.id)
    .where('appeal_id', 'is', null)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) return false;
  await removeUploadFiles(services, row.id);
  await services.storage.delete(row.original_key);
  return true;
}

/** The bytes tus holds for an upload and its `.json` sidecar. */
export async function removeUploadFiles(services: Services, id: string): Promise<void> {
  const file = uploadFile(services, id);
  await fsp.rm(file, { force: true });
  await fsp.rm(`${file}.json`, { force: true });
}
