// The processing pipeline on real ffmpeg and a real database: what it accepts, what it makes, how it fails and retries.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDialect, type TestContext } from '../testing.js';
import { backoffMs, enqueue } from '../jobs/queue.js';
import { runOneJob } from '../jobs/worker.js';
import { PermanentJobError } from '../jobs/registry.js';
import type { Services } from '../services.js';
import { playbackFault, processMedia, rejectionReason } from './process.js';
import { findMedia } from './repository.js';
import { badSample, recordingSample, storedUpload } from './samples.js';
import { createMediaTools, type ProbeResult } from './tools.js';

const good: ProbeResult = {
  formatName: 'matroska,webm',
  durationMs: 12_000,
  hasVideo: true,
  hasAudio: true,
  width: 1280,
  height: 720,
  videoCodec: 'vp8',
  audioCodec: 'opus',
  damage: null,
  rotation: 0,
};
const soundOnly: ProbeResult = { ...good, hasVideo: false, width: null, height: null, videoCodec: null };

describe('what a recording must be', () => {
  const plain = { audioOnly: false };
  it.each<[string, ProbeResult, { audioOnly: boolean }, RegExp | null]>([
    ['a booth recording', good, plain, null],
    ['one with no duration in its header (MediaRecorder)', { ...good, durationMs: null }, plain, null],
    ['a phone held upright', { ...good, width: 720, height: 1280 }, plain, null],
    ['exactly at the limit plus the second of grace', { ...good, durationMs: 301_000 }, plain, null],
    ['sound only, marked so by the booth', soundOnly, { audioOnly: true }, null],
    ['marked sound only but with a picture after all', good, { audioOnly: true }, null],
    ['sound only, not marked', soundOnly, plain, /no picture/],
    ['a picture without sound', { ...good, hasAudio: false, audioCodec: null }, plain, /no sound/],
    [
      'nothing at all',
      { ...soundOnly, hasAudio: false, audioCodec: null },
      plain,
      /neither picture nor sound/,
    ],
    ['a file cut short', { ...good, damage: 'File ended prematurely' }, plain, /cut short: File ended/],
    ['a strip of 8000×16', { ...good, width: 8000, height: 16 }, plain, /8000×16/],
    ['a 15-pixel-wide picture', { ...good, width: 15, height: 20 }, plain, /15×20/],
    ['a banner of 5:1', { ...good, width: 1000, height: 200 }, plain, /1000×200/],
    ['a picture of unknown size', { ...good, width: null }, plain, /size cannot be read/],
    ['longer than allowed', { ...good, durationMs: 302_500 }, plain, /lasts 303 s; at most 300 s/],
  ])('%s', (_name, probe, options, expected) => {
    const reason = rejectionReason(probe, 300, options);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});

describe('what the playback copy must be', () => {
  const mp4: ProbeResult = { ...good, formatName: 'mov,mp4', videoCodec: 'h264', audioCodec: 'aac' };
  it.each<[string, ProbeResult, number | null, boolean, RegExp | null]>([
    ['H.264 + AAC as long as the recording', mp4, 12_400, false, null],
    ['when the recording’s length was unknown', mp4, null, false, null],
    ['sound only: AAC without a picture', { ...soundOnly, audioCodec: 'aac' }, 12_000, true, null],
    ['VP8 left in', { ...mp4, videoCodec: 'vp8' }, 12_000, false, /video vp8/],
    ['Opus left in', { ...mp4, audioCodec: 'opus' }, 12_000, false, /audio opus/],
    ['a picture in a sound-only copy', mp4, 12_000, true, /has a picture/],
    ['two seconds short', mp4, 14_100, false, /lasts 12000 ms, the recording 14100 ms/],
  ])('%s', (_name, output, sourceMs, audioOnly, expected) => {
    const fault = playbackFault(output, sourceMs, audioOnly);
    if (expected === null) expect(fault).toBeNull();
    else expect(fault).toMatch(expected);
  });
});

let ctx: TestContext;
let services: Services;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  services = ctx.services;
});
afterAll(() => ctx.close());

function uploaded(file: string, options: { audioOnly?: boolean } = {}): Promise<string> {
  return storedUpload(services, file, options);
}

async function media(id: string) {
  const row = await findMedia(services.db, id);
  if (!row) throw new Error(`no media ${id}`);
  return row;
}

/** The stored blob on local disk, for ffprobe. */
async function probeStored(key: string): Promise<ProbeResult> {
  const local = await services.storage.localPath(key);
  try {
    return await services.media.probe(local.path);
  } finally {
    await local.release();
  }
}

/** ffmpeg that crashes the first `failures` times it is run, then is the real one (a crash we cannot cause). */
function crashingFfmpeg(failures: number): Services {
  let left = failures;
  return {
    ...services,
    media: {
      ...services.media,
      ffmpeg(args) {
        if (left-- > 0) return Promise.reject(new Error('ffmpeg exited 139: Segmentation fault'));
        return services.media.ffmpeg(args);
      },
    },
  };
}

describe(`the playback copy (${testDialect})`, () => {
  it('turns a booth recording into H.264/AAC MP4 with a poster, leaving the original untouched', async () => {
    const source = recordingSample('320x240', 3);
    const id = await uploaded(source);
    const before = await media(id);
    await processMedia(services, id);
    const row = await media(id);
    expect(row.state).toBe('ready');
    expect(row.playback_key).toBe(`media/${id}/playback.mp4`);
    expect(row.poster_key).toBe(`media/${id}/poster.jpg`);
    expect(row.processing_attempts).toBe(1);
    expect(row.failure_reason).toBeNull();
    expect(row.duration_ms).toBeGreaterThan(2500);
    expect(row.duration_ms).toBeLessThan(3600);
    expect([row.width, row.height]).toEqual([320, 240]);

    const playback = await probeStored(row.playback_key!);
    expect(playback).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', width: 320, height: 240 });
    expect(playback.formatName).toContain('mp4');
    const poster = await services.storage.stat(row.poster_key!);
    expect(poster?.size).toBeGreaterThan(1000);

    expect(await services.storage.sha256(row.original_key)).toBe(before.sha256);
    expect(before.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(source)).digest('hex'));
  });

  it('is safe to run twice: the second run finds the copy ready and does nothing', async () => {
    const id = await uploaded(recordingSample('320x240', 3));
    await processMedia(services, id);
    const first = await media(id);
    await processMedia(services, id);
    const second = await media(id);
    expect(second).toEqual(first);
    expect(second.processing_attempts).toBe(1);
  });

  it.each<[string, number[], string]>([
    ['1280x960', [960, 720], 'shrinks a 4:3 picture to 720 lines'],
    ['321x241', [320, 240], 'never enlarges, and evens odd sides'],
  ])('from %s makes %j (%s)', async (size, expected) => {
    const id = await uploaded(recordingSample(size, 2));
    await processMedia(services, id);
    const row = await media(id);
    expect(row.state).toBe('ready');
    const playback = await probeStored(row.playback_key!);
    expect([playback.width, playback.height]).toEqual(expected);
  });

  it('keeps a sound-only recording marked by the booth as AAC in MP4, without picture or poster', async () => {
    const id = await uploaded(badSample('audio-only'), { audioOnly: true });
    await processMedia(services, id);
    const row = await media(id);
    expect(row.state).toBe('ready');
    expect(row.poster_key).toBeNull();
    const playback = await probeStored(row.playback_key!);
    expect(playback).toMatchObject({ hasVideo: false, audioCodec: 'aac' });
    expect(playback.formatName).toContain('mp4');
  });

  it('refuses a sound-only recording the booth did not mark, for good and with a reason', async () => {
    const id = await uploaded(badSample('audio-only'));
    await expect(processMedia(services, id)).rejects.toBeInstanceOf(PermanentJobError);
    const row = await media(id);
    expect(row.state).toBe('failed');
    expect(row.failure_reason).toMatch(/no picture/);
    expect(row.playback_key).toBeNull();
    // A refused row stays refused when its job runs again; only an admin's reprocess moves it.
    await processMedia(services, id);
    expect((await media(id)).state).toBe('failed');
  });

  it.each(['too-long', 'too-long-live'] as const)('refuses a recording over the limit (%s)', async (kind) => {
    const strict = { ...services, config: { ...services.config, RECORDING_MAX_SECONDS: 10 } };
    const id = await uploaded(badSample(kind));
    await expect(processMedia(strict, id)).rejects.toBeInstanceOf(PermanentJobError);
    const row = await media(id);
    expect(row.state).toBe('failed');
    expect(row.failure_reason).toMatch(/lasts 30 s; at most 10 s/);
  });
});

describe(`the npm-shipped ffmpeg 4.x, when the machine has none (${testDialect})`, () => {
  it('makes the same playback copy with -vsync vfr and still refuses a file cut short', async () => {
    const require = createRequire(import.meta.url);
    const shipped = createMediaTools({
      FFMPEG_PATH: (require('@ffmpeg-installer/ffmpeg') as { path: string }).path,
      FFPROBE_PATH: (require('@ffprobe-installer/ffprobe') as { path: string }).path,
    });
    expect((await shipped.ffmpegVersion())?.major).toBe(4);
    const withShipped = { ...services, media: shipped };
    const id = await uploaded(recordingSample('1280x960', 2));
    await processMedia(withShipped, id);
    const row = await media(id);
    expect(row).toMatchObject({ state: 'ready', width: 960, height: 720 });
    expect(await probeStored(row.playback_key!)).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac' });

    const cut = await uploaded(badSample('truncated'));
    await expect(processMedia(withShipped, cut)).rejects.toBeInstanceOf(PermanentJobError);
    expect((await media(cut)).failure_reason).toMatch(/cut short/);
  });
});

describe(`retries (${testDialect})`, () => {
  it('retries after an ffmpeg crash with backoff and gets there, counting the attempts', async () => {
    const { db } = services;
    const id = await uploaded(recordingSample('320x240', 3));
    const jobId = await enqueue(db, ctx.clock, 'process-media', { mediaId: id }, { maxAttempts: 3 });
    const flaky = crashingFfmpeg(1);
    expect(await runOneJob(flaky)).toBe(true);
    const job = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({
      state: 'queued',
      attempts: 1,
      last_error: 'ffmpeg exited 139: Segmentation fault',
    });
    expect((await media(id)).state).toBe('processing');
    expect(await runOneJob(flaky)).toBe(false); // not before its backoff
    ctx.clock.advance(backoffMs(1) + 1);
    expect(await runOneJob(flaky)).toBe(true);
    const row = await media(id);
    expect(row).toMatchObject({ state: 'ready', processing_attempts: 2, failure_reason: null });
    const done = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(done.state).toBe('done');
  });

  it('fails the recording with the last error when the job gives up', async () => {
    const { db } = services;
    const id = await uploaded(recordingSample('320x240', 3));
    const jobId = await enqueue(db, ctx.clock, 'process-media', { mediaId: id }, { maxAttempts: 2 });
    const broken = crashingFfmpeg(100);
    expect(await runOneJob(broken)).toBe(true);
    expect((await media(id)).state).toBe('processing');
    ctx.clock.advance(backoffMs(1) + 1);
    expect(await runOneJob(broken)).toBe(true);
    const row = await media(id);
    expect(row.state).toBe('failed');
    expect(row.processing_attempts).toBe(2);
    expect(row.failure_reason).toBe('processing gave up: ffmpeg exited 139: Segmentation fault');
    const job = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job.state).toBe('failed');
  });

  it('retries, never refuses, when the original is missing from the store', async () => {
    const id = await uploaded(recordingSample('320x240', 3));
    await services.storage.delete((await media(id)).original_key);
    await expect(processMedia(services, id)).rejects.toThrow(/missing from storage/);
    const row = await media(id);
    expect(row.state).toBe('processing');
    expect(row.failure_reason).toBeNull();
  });

  it('waits for an upload still in progress', async () => {
    const id = await uploaded(recordingSample('320x240', 3));
    await services.db.updateTable('media_files').set({ state: 'uploading' }).where('id', '=', id).execute();
    await expect(processMedia(services, id)).rejects.toThrow(/not finished/);
    expect((await media(id)).state).toBe('uploading');
  });
});
