// Graceful shutdown with real processes on the test's database and data directory: an API process finishes the
// upload chunk it is receiving when SIGTERM comes and refuses new connections; a worker finishes its job within the
// grace, or gives it back (queued, the attempt not counted) and kills its ffmpeg when the grace runs out.
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  processGroup as group,
  sampleRecording,
  startUploadOverHttp,
  testDialect,
  type TestContext,
} from './testing.js';
import { until } from './notifications/test-support.js';
import { enqueue } from './jobs/queue.js';
import { findMedia } from './media/repository.js';
import { recordingSample, storedUpload } from './media/samples.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const TUS = { 'tus-resumable': '1.0.0' };
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

let ctx: TestContext;
let source: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  source = recordingSample('1280x720', 15, { rate: 30 }); // made once, then cached (the worker-kill test's too)
  // The processes run on the real clock: jobs must be due by it.
  ctx = await createTestContext({ seed: false, now: new Date().toISOString() });
});

afterAll(async () => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await ctx.close();
});

/** `cli.ts <command>` alone in its process group (its ffmpeg too), on the test's database. */
function spawnCli(command: 'start' | 'worker', env: Record<string, string>) {
  const { config } = ctx.services;
  const database =
    config.database.dialect === 'postgres'
      ? { DATABASE_URL: config.database.url, DATABASE_SCHEMA: config.database.schema }
      : { DATABASE_URL: `sqlite:${config.database.file}` };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', command], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATA_DIR: ctx.dataDir,
      ...database,
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_URL: '',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      WORKER_POLL_MS: '100',
      ...env,
    },
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const transcoders = (pgid: number) => group(pgid).filter((p) => p.command.includes('libx264'));
const jobRow = (id: string) =>
  ctx.services.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe(`graceful shutdown (${testDialect})`, () => {
  it('an API process finishes the chunk in flight (fsynced, 204), refuses new connections and exits 0', async () => {
    const api = spawnCli('start', { ROLE: 'api', SHUTDOWN_GRACE_SECONDS: '30' });
    const base = await until(
      'the API to listen',
      async () => /Kiosk:\s+(http:\/\/\S+)\/kiosk/.exec(api.output())?.[1],
      90_000,
    );
    const port = Number(new URL(base).port);
    const bytes = sampleRecording('webm', 3);
    const chunk = 16 * 1024;
    const { location, cookie } = await startUploadOverHttp(base);
    const file = path.join(ctx.dataDir, 'media', 'uploads', location.split('/').pop() ?? '');

    // A chunk whose second half is sent only after SIGTERM.
    let send!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (send = controller) });
    const patched = fetch(`${base}${location}`, {
      method: 'PATCH',
      headers: { ...TUS, cookie, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      body,
      duplex: 'half',
    } as RequestInit);
    send.enqueue(new Uint8Array(bytes.subarray(0, chunk / 2)));
    await until(
      'the first half on disk',
      async () => fs.existsSync(file) && fs.statSync(file).size === chunk / 2,
      20_000,
    );

    api.child.kill('SIGTERM');
    // No new connection from the moment the signal is handled.
    const refused = () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
      });
    await until('new connections to be refused', refused, 10_000);
    expect(api.child.exitCode).toBeNull();

    send.enqueue(new Uint8Array(bytes.subarray(chunk / 2, chunk)));
    send.close();
    const res = await patched;
    expect(res.status).toBe(204);
    expect(res.headers.get('upload-offset')).toBe(String(chunk));
    expect(await api.exited).toBe(0);
    expect(sha256(fs.readFileSync(file))).toBe(sha256(bytes.subarray(0, chunk)));
  }, 180_000);

  it('a worker whose job outlasts the grace gives it back, attempt not counted, its ffmpeg killed, and exits 0', async () => {
    const { db, clock } = ctx.services;
    const mediaId = await storedUpload(ctx.services, source);
    const jobId = await enqueue(db, clock, 'process-media', { mediaId });
    // medium: the 15-second 720p transcode surely outlasts the 1-second grace
    const worker = spawnCli('worker', { PLAYBACK_PRESET: 'medium', SHUTDOWN_GRACE_SECONDS: '1' });
    const pgid = worker.child.pid!;
    await until('the transcode to start', async () => transcoders(pgid)[0], 60_000);
    expect(await jobRow(jobId)).toMatchObject({ state: 'running', attempts: 1 });

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    // Its ffmpeg killed, not left running as an orphan (a killed one may linger as a zombie until reaped).
    await until('no process left in the group', async () => group(pgid).length === 0, 5000);
    const job = await jobRow(jobId);
    expect(job).toMatchObject({ state: 'queued', attempts: 0, locked_by: null, locked_until: null });
    expect(Date.parse(job.run_at)).toBeLessThanOrEqual(Date.now());
    expect((await findMedia(db, mediaId))?.playback_key).toBeNull();
    // Due now, it would be the next worker's first job: out of the way of the next test.
    await db.deleteFrom('jobs').where('id', '=', jobId).execute();
  }, 180_000);

  it('a worker whose job ends within the grace finishes it, claims nothing more, and exits 0', async () => {
    const { db, clock } = ctx.services;
    const mediaId = await storedUpload(ctx.services, source);
    const jobId = await enqueue(db, clock, 'process-media', { mediaId });
    const worker = spawnCli('worker', { PLAYBACK_PRESET: 'ultrafast', SHUTDOWN_GRACE_SECONDS: '120' });
    await until('the transcode to start', async () => transcoders(worker.child.pid!)[0], 60_000);
    const next = await enqueue(db, clock, 'check-kiosks', { period: 'shutdown-test' });

    worker.child.kill('SIGTERM');
    expect(await worker.exited, worker.output()).toBe(0);
    expect(await jobRow(jobId)).toMatchObject({ state: 'done', attempts: 1, locked_by: null });
    expect((await findMedia(db, mediaId))?.state).toBe('ready');
    expect(await jobRow(next)).toMatchObject({ state: 'queued', attempts: 0 });
  }, 180_000);
});
