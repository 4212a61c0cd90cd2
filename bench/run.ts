// npm run bench: the time from the kiosk's last chunk to the receipt, and the kiosk's bundle size, each beside its
// anchor measured in the same run; then the upload benchmarks P1 (p1.ts) and P2 (p2.ts) against the real server,
// P3 (p3.ts): upload complete → playback copy ready, P4 (p4.ts): the office inbox's query at a million appeals beside
// hand-written SQL, the supervisor dashboard's queries on the same million (oversight.ts), and P5 (p5.ts): status
// look-ups per second beside a Fastify hello world.
// Project: POST /api/appeals for a fully uploaded recording (ffprobe, argon2id of the access code, the registration
// transaction with its jobs). Anchor: ffprobe alone on the same file, the least any "the file is accepted" needs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTestContext,
  firstOfficialId,
  sampleRecording,
  submitUploaded,
  uploadRecording,
} from '../src/server/testing.js';
import { resolveBinary } from '../src/server/media/tools.js';
import { KIOSK_BUDGET_BYTES, measureBundles } from './bundle.js';
import { printP1, runP1 } from './p1.js';
import { printP2, runP2 } from './p2.js';
import { printP3, runP3 } from './p3.js';
import { printP4, runP4 } from './p4.js';
import { printP5, runP5 } from './p5.js';
import { printOversight, runOversight } from './oversight.js';

const ROUNDS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const ctx = await createTestContext();
  try {
    const officialId = await firstOfficialId(ctx.app);
    const recording = sampleRecording('webm', 20);
    const file = path.join(os.tmpdir(), 'dialog-bench.webm');
    fs.writeFileSync(file, recording);
    const ffprobe = resolveBinary('', 'ffprobe');
    const project: number[] = [];
    const anchor: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const uploadId = await uploadRecording(ctx.app, recording, 256 * 1024);
      let start = performance.now();
      const res = await submitUploaded(ctx.app, uploadId, officialId);
      project.push(performance.now() - start);
      if (res.statusCode !== 201) throw new Error(`submit failed: ${res.body}`);
      start = performance.now();
      execFileSync(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
      anchor.push(performance.now() - start);
    }
    const p = median(project);
    const a = median(anchor);
    console.log(`recording: ${(recording.length / 1024).toFixed(0)} KiB, ${ROUNDS} rounds, medians`);
    console.log(`stop → receipt (POST /api/appeals): ${p.toFixed(1)} ms`);
    console.log(`anchor (ffprobe alone):             ${a.toFixed(1)} ms`);
    console.log(`ratio: ${(p / a).toFixed(2)}×`);
  } finally {
    await ctx.close();
  }

  const { kiosk, anchor } = await measureBundles();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('');
  console.log(`kiosk JavaScript, gzipped:              ${kb(kiosk)} (budget ${kb(KIOSK_BUDGET_BYTES)})`);
  console.log(`anchor (React hello world, same Vite):  ${kb(anchor)}`);
  console.log(
    `ratio: ${(kiosk / anchor).toFixed(2)}×; ${kiosk <= KIOSK_BUDGET_BYTES ? 'within' : 'OVER'} budget`,
  );
  if (kiosk > KIOSK_BUDGET_BYTES) process.exitCode = 1;

  console.log('');
  if (!printP1(await runP1())) process.exitCode = 1;
  console.log('');
  if (!printP2(await runP2())) process.exitCode = 1;
  console.log('');
  if (!printP3(await runP3())) process.exitCode = 1;
  console.log('');
  if (!printP4(await runP4())) process.exitCode = 1;
  console.log('');
  if (!printOversight(await runOversight())) process.exitCode = 1;
  console.log('');
  if (!printP5(await runP5())) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
