// The "process-media" job: validate with ffprobe, remux to a playable copy with a duration, take a poster frame.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PermanentJobError } from '../jobs/registry.js';
import type { Services } from '../services.js';
import { playbackExtension, posterArgs, posterTime, remuxArgs } from './args.js';
import { MediaRejected, type ProbeResult } from './tools.js';
import { setMediaState } from './repository.js';

/** Pure: why a probed file is not an acceptable appeal recording, or null if it is. */
export function rejectionReason(probe: ProbeResult, maxSeconds: number): string | null {
  if (!probe.hasVideo && !probe.hasAudio) return 'no audio or video stream';
  if (!probe.hasVideo) return 'no video stream';
  if (!probe.hasAudio) return 'no audio stream';
  if (
    probe.width !== null &&
    probe.height !== null &&
    (probe.width < 16 || probe.height < 16 || probe.width > 7680 || probe.height > 7680)
  ) {
    return `unusable picture size ${probe.width}×${probe.height}`;
  }
  // A second of grace: the recorder's last chunk may run a little past the limit.
  if (probe.durationMs !== null && probe.durationMs > (maxSeconds + 1) * 1000) {
    return `longer than ${maxSeconds} s`;
  }
  return null;
}

export async function processMedia(services: Services, mediaId: string): Promise<void> {
  const { db, storage, media, config } = services;
  const row = await db.selectFrom('media_files').selectAll().where('id', '=', mediaId).executeTakeFirst();
  if (!row) return; // the upload was removed; nothing left to do
  if (row.state === 'ready') return;
  if (row.state === 'uploading') throw new Error('upload not finished yet');
  if (row.state !== 'processing') await setMediaState(services, row, 'processing');

  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'dialog-media-'));
  const original = await storage.localPath(row.original_key);
  try {
    let probe: ProbeResult;
    try {
      probe = await media.probe(original.path);
    } catch (error) {
      if (error instanceof MediaRejected) return await fail(services, mediaId, error.message);
      throw error;
    }
    const ext = playbackExtension(probe.formatName);
    const playbackFile = path.join(work, `playback.${ext}`);
    await media.ffmpeg(remuxArgs(original.path, playbackFile));
    const playbackProbe = await media.probe(playbackFile);
    const reason = rejectionReason(playbackProbe, config.RECORDING_MAX_SECONDS);
    if (reason) return await fail(services, mediaId, reason);

    const posterFile = path.join(work, 'poster.jpg');
    await media.ffmpeg(posterArgs(playbackFile, posterFile, posterTime(playbackProbe.durationMs)));

    const playbackKey = `media/${mediaId}/playback.${ext}`;
    const posterKey = `media/${mediaId}/poster.jpg`;
    await storage.put(playbackKey, fs.createReadStream(playbackFile));
    await storage.put(posterKey, fs.createReadStream(posterFile));
    const current = await db
      .selectFrom('media_files')
      .selectAll()
      .where('id', '=', mediaId)
      .executeTakeFirstOrThrow();
    await setMediaState(services, current, 'ready', {
      playback_key: playbackKey,
      poster_key: posterKey,
      duration_ms: playbackProbe.durationMs,
      width: playbackProbe.width,
      height: playbackProbe.height,
      failure_reason: null,
    });
  } finally {
    await original.release();
    await fsp.rm(work, { recursive: true, force: true });
  }
}

async function fail(services: Services, mediaId: string, reason: string): Promise<never> {
  const current = await services.db
    .selectFrom('media_files')
    .selectAll()
    .where('id', '=', mediaId)
    .executeTakeFirstOrThrow();
  await setMediaState(services, current, 'failed', { failure_reason: reason });
  throw new PermanentJobError(reason);
}
