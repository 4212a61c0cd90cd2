// The "process-media" job: ffprobe validates the upload, ffmpeg makes the playback copy (H.264/AAC MP4) and a poster.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PermanentJobError } from '../jobs/registry.js';
import type { Services } from '../services.js';
import { notifyUnusableVideo } from '../modules/appeals/delivery.js';
import { posterArgs, posterTime, remuxArgs, transcodeArgs } from './args.js';
import { MediaRejected, type ProbeResult } from './tools.js';
import { findMedia, setMediaState } from './repository.js';
import { getSettings } from '../modules/settings/service.js';

/** Beyond this the picture is not a camera's: a 8000×16 strip or a 4:1 banner is nobody's face. */
const MIN_SIDE = 16;
const MAX_SIDE = 7680;
const MAX_ASPECT = 4;
/** The playback copy may differ from the source by this much (the last audio frame, a dropped video frame). */
const DURATION_TOLERANCE_MS = 1000;

export interface RejectionOptions {
  /** The camera failed and the person chose to go on with sound only (the upload's `audioOnly` metadata). */
  audioOnly: boolean;
}

/** Pure: why a probed file is not an acceptable appeal recording (for the operator and the kiosk), or null. */
export function rejectionReason(
  probe: ProbeResult,
  maxSeconds: number,
  options: RejectionOptions,
): string | null {
  if (probe.damage) return `the file is damaged or cut short: ${probe.damage}`;
  if (!probe.hasVideo && !probe.hasAudio) return 'the file holds neither picture nor sound';
  if (!probe.hasAudio) return 'the recording has no sound (no audio stream)';
  if (!probe.hasVideo && !options.audioOnly) {
    return 'the recording has no picture (no video stream) and was not marked as sound only';
  }
  if (probe.hasVideo) {
    const { width, height } = probe;
    if (width === null || height === null) return 'the picture size cannot be read';
    const aspect = Math.max(width, height) / Math.max(1, Math.min(width, height));
    if (
      width < MIN_SIDE ||
      height < MIN_SIDE ||
      width > MAX_SIDE ||
      height > MAX_SIDE ||
      aspect > MAX_ASPECT
    ) {
      return `the picture size ${width}×${height} is not a camera's`;
    }
  }
  // A second of grace: the recorder's last chunk may run a little past the limit.
  if (probe.durationMs !== null && probe.durationMs > (maxSeconds + 1) * 1000) {
    return `the recording lasts ${Math.round(probe.durationMs / 1000)} s; at most ${maxSeconds} s are allowed`;
  }
  return null;
}

/** Pure: why a finished playback copy is not what browsers need, or null (a pipeline fault, not the citizen's). */
export function playbackFault(
  output: ProbeResult,
  sourceDurationMs: number | null,
  audioOnly: boolean,
): string | null {
  if (!audioOnly && output.videoCodec !== 'h264')
    return `playback copy has video ${output.videoCodec ?? 'none'}`;
  if (audioOnly && output.hasVideo) return 'sound-only playback copy has a picture';
  if (output.audioCodec !== 'aac') return `playback copy has audio ${output.audioCodec ?? 'none'}`;
  if (output.durationMs === null) return 'playback copy has no duration';
  if (sourceDurationMs !== null && Math.abs(output.durationMs - sourceDurationMs) > DURATION_TOLERANCE_MS) {
    return `playback copy lasts ${output.durationMs} ms, the recording ${sourceDurationMs} ms`;
  }
  return null;
}

/** A refusal of the recording itself: retrying cannot help. */
class Rejection extends Error {}

export interface ProcessAttempt {
  /** The job will not be retried after this run: a transient failure now fails the media with its reason. */
  finalAttempt: boolean;
}

/**
 * uploaded → processing → ready, or failed with a reason. Safe to run twice: a ready or failed row is left alone
 * (an admin's reprocess moves it back to uploaded), and a run cut short by a dead worker simply starts again.
 */
export async function processMedia(
  services: Services,
  mediaId: string,
  attempt: ProcessAttempt = { finalAttempt: false },
): Promise<void> {
  const row = await findMedia(services.db, mediaId);
  if (!row) return; // the upload was removed; nothing left to do
  if (row.state === 'ready' || row.state === 'failed') return;
  if (row.state === 'uploading') throw new Error('upload not finished yet');
  await setMediaState(services, row, 'processing', {
    processing_attempts: row.processing_attempts + 1,
  });
  try {
    await makePlaybackCopy(services, mediaId, row.original_key, row.audio_only === 1);
  } catch (error) {
    if (error instanceof Rejection) {
      await markFailed(services, mediaId, error.message);
      await notifyUnusableVideo(services, mediaId, error.message);
      throw new PermanentJobError(error.message);
    }
    if (attempt.finalAttempt) {
      const message = error instanceof Error ? error.message : String(error);
      await markFailed(services, mediaId, `processing gave up: ${message}`.slice(0, 1000));
    }
    throw error;
  }
}

async function makePlaybackCopy(
  services: Services,
  mediaId: string,
  originalKey: string,
  markedAudioOnly: boolean,
): Promise<void> {
  const { storage, media, config } = services;
  const maxSeconds = (await getSettings(services)).recordingMaxSeconds;
  const options = { audioOnly: markedAudioOnly };
  // A missing original is the store's fault, not the citizen's: retried, never a rejection.
  if (!(await storage.stat(originalKey))) throw new Error(`original ${originalKey} is missing from storage`);
  // Beside the store's files (a rename, not a copy, moves the result in) and named by the media, so a run that a
  // killed worker left behind is cleared by the next one.
  const work = path.join(config.dataDir, 'tmp', `media-${mediaId}`);
  const original = await storage.localPath(originalKey);
  try {
    await fsp.rm(work, { recursive: true, force: true });
    await fsp.mkdir(work, { recursive: true });
    const declared = await probeOrReject(services, original.path);
    const early = rejectionReason(declared, maxSeconds, options);
    if (early) throw new Rejection(early);

    // MediaRecorder's WebM has no duration in its header: a stream copy (a tenth of a second) tells the real one
    // before minutes of transcoding are spent on a recording that is too long. Matroska takes any codec.
    const source = path.join(work, 'source.mkv');
    await media.ffmpeg(remuxArgs(original.path, source));
    const probe = await probeOrReject(services, source);
    const reason = rejectionReason(probe, maxSeconds, options);
    if (reason) throw new Rejection(reason);

    const audioOnly = !probe.hasVideo;
    const playbackFile = path.join(work, 'playback.mp4');
    const posterFile = path.join(work, 'poster.jpg');
    const transcode = transcodeArgs({
      input: source,
      output: playbackFile,
      ffmpegVersion: await media.ffmpegVersion(),
      maxHeight: config.PLAYBACK_MAX_HEIGHT,
      preset: config.PLAYBACK_PRESET,
      audioOnly,
      // The stream copy may have lost a phone's rotation tag; the original has it.
      rotation: declared.rotation,
    });
    // The poster comes from the source alongside the transcode (a tenth of a second the copy need not wait for).
    await Promise.all([
      media.ffmpeg(transcode),
      audioOnly
        ? null
        : media.ffmpeg(posterArgs(source, posterFile, posterTime(probe.durationMs), declared.rotation)),
    ]);
    const playback = await media.probe(playbackFile);
    const fault = playbackFault(playback, probe.durationMs, audioOnly);
    if (fault) throw new Error(fault);

    const playbackKey = `media/${mediaId}/playback.mp4`;
    const posterKey = audioOnly ? null : `media/${mediaId}/poster.jpg`;
    await Promise.all([fsync(playbackFile), posterKey ? fsync(posterFile) : null]);
    await storage.importFile(playbackKey, playbackFile);
    if (posterKey) await storage.importFile(posterKey, posterFile);
    const current = await findMedia(services.db, mediaId);
    if (!current) return; // deleted while we worked
    await setMediaState(services, current, 'ready', {
      playback_key: playbackKey,
      poster_key: posterKey,
      duration_ms: playback.durationMs,
      width: playback.width,
      height: playback.height,
      failure_reason: null,
    });
  } finally {
    await original.release();
    await fsp.rm(work, { recursive: true, force: true });
  }
}

/** ffmpeg does not sync what it writes; a copy marked ready must survive a power cut. */
async function fsync(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function probeOrReject(services: Services, file: string): Promise<ProbeResult> {
  try {
    return await services.media.probe(file);
  } catch (error) {
    if (error instanceof MediaRejected) throw new Rejection(error.message);
    throw error;
  }
}

async function markFailed(services: Services, mediaId: string, reason: string): Promise<void> {
  const current = await findMedia(services.db, mediaId);
  if (!current || current.state === 'failed') return;
  await setMediaState(services, current, 'failed', { failure_reason: reason });
}
