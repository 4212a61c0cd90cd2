// Fault test: a worker process killed (-9, with its ffmpeg) mid-transcode. Its lease runs out, a second worker takes
// the job again, and the playback copy comes out right. Real worker processes on the test's database and data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, processGroup, testDialect, type TestContext } from '../../testing.js';
import { enqueue } from '../../jobs/queue.js';
import { findMedia } from '../../media/repository.js';
import { recordingSample, storedUpload } from '../../media/samples.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const SECONDS = 15;

let ctx: TestContext;
let source: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  source = recordingSample('1280x720', SECONDS, { rate: 30 }); // made once, then cached
  // The workers run on the real clock: the job must be due by it.
  ctx = await createTestContext({ seed: false, now: new Date().toISOString() });
});

afterAll(async () => {
  for (const child of children) killGroup(child);
  await ctx.close();
});

/** A worker process alone in its process group, so killing the group takes its ffmpeg (under `nice`) too. */
function startWorker(env: Record<string, string>): ChildProcess {
  const { config } = ctx.services;
  const database =
    config.database.dialect === 'postgres'
      ? { DATABASE_URL: config.database.url, DATABASE_SCHEMA: config.database.schema }
      : { DATABASE_URL: `sqlite:${config.database.file}` };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'worker'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      DATA_DIR: ctx.dataDir,
      ...database,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      WORKER_POLL_MS: '100',
      JOB_LEASE_SECONDS: '2',
      ...env,
    },
  });
  child.stderr?.on('data', () => undefined);
  children.push(child);
  return child;
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Command lines of the live processes in a process group. */
const groupCommands = (pgid: number) => processGroup(pgid).map((p) => p.command);

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe(`a worker killed mid-transcode (${testDialect})`, () => {
  it('loses nothing: the job is taken again once the lease runs out and the copy is right', async () => {
    const { db, clock } = ctx.services;
    const mediaId = await storedUpload(ctx.services, source);
    const jobId = await enqueue(db, clock, 'process-media', { mediaId }, { maxAttempts: 6 });

    // medium: slow enough that the transcode is surely still running when it is killed
    const first = startWorker({ PLAYBACK_PRESET: 'medium' });
    await until(
      'the first worker to start transcoding',
      async () =>
        (await findMedia(db, mediaId))?.state === 'processing' &&
        groupCommands(first.pid!).some((c) => c.includes('libx264')),
      20_000,
    );
    await sleep(500);
    killGroup(first);
    await until(
      'the first worker and its ffmpeg to be gone',
      () => Promise.resolve(!groupCommands(first.pid!).length),
      5000,
    );

    const killed = await findMedia(db, mediaId);
    expect(killed).toMatchObject({ state: 'processing', playback_key: null, processing_attempts: 1 });
    const held = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(held).toMatchObject({ state: 'running', attempts: 1 });

    const second = startWorker({ PLAYBACK_PRESET: 'ultrafast' });
    const ready = await until(
      'the second worker to finish the copy',
      async () => {
        const row = await findMedia(db, mediaId);
        return row?.state === 'ready' ? row : null;
      },
      30_000,
    );
    killGroup(second);

    expect(ready.processing_attempts).toBe(2);
    const job = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
    expect(job.locked_by).toBeNull();

    const local = await ctx.services.storage.localPath(ready.playback_key!);
    try {
      const playback = await ctx.services.media.probe(local.path);
      expect(playback).toMatchObject({
        videoCodec: 'h264',
        audioCodec: 'aac',
        width: 1280,
        height: 720,
        damage: null,
      });
      expect(Math.abs(playback.durationMs! - SECONDS * 1000)).toBeLessThanOrEqual(1000);
    } finally {
      await local.release();
    }
  });
});
