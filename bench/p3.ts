// P3: upload complete → playback copy ready, for a 2-minute 720p booth recording through the real pipeline (the
// submission with its ffprobe, the job queue and worker, remux, transcode, checks, poster, blob store). Figure 1: that
// time ÷ the recording's duration (goal ≤ 0.3). Figure 2: that time ÷ the pipeline's own ffmpeg transcode command
// run by hand on the same file in the same run (goal ≤ 1.1). Both under the same `nice`, so the ratio is overhead.
// PLAYBACK_PRESET picks the x264 preset (default: the configured one); P3_PRESETS=a,b,c compares several.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTestContext,
  firstOfficialId,
  submitUploaded,
  uploadRecording,
} from '../src/server/testing.js';
import { startWorker } from '../src/server/jobs/worker.js';
import { transcodeArgs } from '../src/server/media/args.js';
import { findMedia } from '../src/server/media/repository.js';
import { loadConfig } from '../src/server/config.js';
import { boothRecording } from './recording.js';
import { runIfMain } from './entry.js';

const SECONDS = 120;
const RATIO_GOAL = 0.3;
const OVERHEAD_GOAL = 1.1;

export interface P3Result {
  preset: string;
  bytes: number;
  durationMs: number;
  /** Upload complete (last byte acknowledged) → the media row is ready, per round. */
  pipelineMs: number[];
  /** The same transcode command alone on the same file, per round. */
  anchorMs: number[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

async function measurePreset(preset: string, rounds: number, file: string): Promise<P3Result> {
  const ctx = await createTestContext({ env: { PLAYBACK_PRESET: preset } });
  const worker = startWorker(ctx.services, { pollMs: 20 });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-p3-'));
  try {
    const officialId = await firstOfficialId(ctx.app);
    const bytes = fs.readFileSync(file);
    const { media, config } = ctx.services;
    const result: P3Result = { preset, bytes: bytes.length, durationMs: 0, pipelineMs: [], anchorMs: [] };
    for (let round = 0; round < rounds; round++) {
      const uploadId = await uploadRecording(ctx.app, bytes, 1024 * 1024);
      const start = performance.now();
      const res = await submitUploaded(ctx.app, uploadId, officialId);
      if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
      for (;;) {
        const row = await findMedia(ctx.services.db, uploadId);
        if (row?.state === 'failed') throw new Error(`processing failed: ${row.failure_reason}`);
        if (row?.state === 'ready') {
          result.durationMs = row.duration_ms ?? 0;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      result.pipelineMs.push(performance.now() - start);

      const output = path.join(work, 'by-hand.mp4');
      const anchorStart = performance.now();
      await media.ffmpeg(
        transcodeArgs({
          input: file,
          output,
          ffmpegVersion: await media.ffmpegVersion(),
          maxHeight: config.PLAYBACK_MAX_HEIGHT,
          preset,
          audioOnly: false,
        }),
      );
      result.anchorMs.push(performance.now() - anchorStart);
    }
    return result;
  } finally {
    await worker.stop();
    await ctx.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function runP3(options: { presets?: string[]; rounds?: number } = {}): Promise<P3Result[]> {
  const presets =
    options.presets ??
    (process.env.P3_PRESETS ?? loadConfig().PLAYBACK_PRESET).split(',').map((p) => p.trim());
  const rounds = options.rounds ?? Number(process.env.P3_ROUNDS ?? 2);
  const file = boothRecording(SECONDS);
  const results: P3Result[] = [];
  for (const preset of presets) results.push(await measurePreset(preset, rounds, file));
  return results;
}

/** Prints each preset's figures beside their anchors; true when the configured (first) preset meets both goals. */
export function printP3(results: P3Result[]): boolean {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  let ok = true;
  results.forEach((r, i) => {
    const pipeline = median(r.pipelineMs);
    const anchor = median(r.anchorMs);
    const ratio = pipeline / r.durationMs;
    const overhead = pipeline / anchor;
    const met = ratio <= RATIO_GOAL && overhead <= OVERHEAD_GOAL;
    if (i === 0) ok = met;
    console.log(
      `P3 [${r.preset}] ${(r.bytes / 1e6).toFixed(1)} MB, ${s(r.durationMs)} 720p VP8+Opus booth recording, ` +
        `${r.pipelineMs.length} rounds (pipeline ${r.pipelineMs.map(s).join(', ')}; by hand ${r.anchorMs.map(s).join(', ')})`,
    );
    console.log(
      `P3 [${r.preset}] upload complete → playback ready ${s(pipeline)} = ${ratio.toFixed(3)}× the recording ` +
        `(anchor: the recording's own ${s(r.durationMs)}) goal ≤ ${RATIO_GOAL}: ${ratio <= RATIO_GOAL ? 'met' : 'MISSED'}`,
    );
    console.log(
      `P3 [${r.preset}] pipeline ${s(pipeline)} vs the same ffmpeg command by hand ${s(anchor)}: ` +
        `${overhead.toFixed(3)}× goal ≤ ${OVERHEAD_GOAL}: ${overhead <= OVERHEAD_GOAL ? 'met' : 'MISSED'}`,
    );
  });
  return ok;
}

runIfMain(import.meta.url, runP3, printP3);
