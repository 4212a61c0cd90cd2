// The real server, killed with SIGKILL in the middle of a chunk: started again on the same data directory it tells
// the uploader where to resume, the finished original is byte-identical (sha256), and the appeal goes through.
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRecording, startUploadOverHttp, testDialect, testPostgresUrl } from '../../testing.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const TUS = { 'tus-resumable': '1.0.0' };
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

interface Server {
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
}

describe(`the server killed with SIGKILL mid-upload (${testDialect})`, () => {
  const children = new Set<ChildProcess>();
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-kill-'));
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_URL: '',
      ROLE: 'all',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testDialect === 'postgres' ? testPostgresUrl : '',
      DATABASE_SCHEMA: testDialect === 'postgres' ? schema : '',
    };
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (testDialect === 'postgres') {
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });

  /** `node --import tsx src/server/cli.ts start` — one process, so SIGKILL reaches the server itself. */
  function start(): Promise<Server> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'start'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let output = '';
    return new Promise<Server>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
      const onData = (data: Buffer) => {
        output += data.toString();
        const base = /Kiosk:\s+(http:\/\/\S+)\/kiosk/.exec(output)?.[1];
        if (base) {
          clearTimeout(timer);
          resolve({ child, base, exited });
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`server exited early:\n${output}`));
      });
    });
  }

  it('resumes from the held offset after a restart, with identical bytes, and the appeal is registered', async () => {
    const bytes = sampleRecording('webm', 3);
    const chunk = 16 * 1024;
    let server = await start();

    const { location, cookie } = await startUploadOverHttp(server.base);
    expect(cookie).toMatch(/^dialog_uploader=/);
    const id = location.split('/').pop() ?? '';
    const file = path.join(dataDir, 'media', 'uploads', id);

    const patch = (base: string, offset: number, body: Buffer | ReadableStream<Uint8Array>, total?: number) =>
      fetch(`${base}${location}`, {
        method: 'PATCH',
        headers: {
          ...TUS,
          cookie,
          'content-type': 'application/offset+octet-stream',
          'upload-offset': String(offset),
          ...(total !== undefined ? { 'upload-length': String(total) } : {}),
        },
        body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
        duplex: 'half',
      } as RequestInit);

    let acknowledged = 0;
    for (; acknowledged < 3 * chunk; acknowledged += chunk) {
      const res = await patch(server.base, acknowledged, bytes.subarray(acknowledged, acknowledged + chunk));
      expect(res.status).toBe(204);
      expect(res.headers.get('upload-offset')).toBe(String(acknowledged + chunk));
    }

    // A chunk that never ends: part of it reaches the disk, then the server dies under it.
    const part = bytes.subarray(acknowledged, acknowledged + 8 * 1024);
    const hanging = patch(
      server.base,
      acknowledged,
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(part));
        },
      }),
    ).catch((error: unknown) => error);
    await expect
      .poll(() => fs.statSync(file).size, { timeout: 20_000, interval: 20 })
      .toBe(acknowledged + part.length);
    server.child.kill('SIGKILL');
    await server.exited;
    expect(server.child.signalCode).toBe('SIGKILL');
    expect(await hanging).toBeInstanceOf(Error);

    server = await start();
    const head = await fetch(`${server.base}${location}`, { method: 'HEAD', headers: { ...TUS, cookie } });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThanOrEqual(acknowledged);
    expect(offset).toBeLessThanOrEqual(acknowledged + part.length);
    expect(fs.readFileSync(file).equals(bytes.subarray(0, offset))).toBe(true);
    // Nobody else may pick it up meanwhile.
    const stranger = await fetch(`${server.base}${location}`, { method: 'HEAD', headers: TUS });
    expect(stranger.status).toBe(403);

    for (let at = offset; at < bytes.length; at += chunk) {
      const end = Math.min(bytes.length, at + chunk);
      const res = await patch(
        server.base,
        at,
        bytes.subarray(at, end),
        end === bytes.length ? bytes.length : undefined,
      );
      expect(res.status).toBe(204);
    }
    expect(sha256(fs.readFileSync(file))).toBe(sha256(bytes));

    const officials = (await (await fetch(`${server.base}/api/directory/officials`)).json()) as {
      id: string;
    }[];
    const submitted = await fetch(`${server.base}/api/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        uploadId: id,
        phone: '+7 701 234 5678',
        officialId: officials[0]?.id ?? null,
        type: 'complaint',
        language: 'kk',
        source: 'web',
      }),
    });
    const receipt = (await submitted.json()) as { registrationNumber?: string };
    expect(submitted.status, JSON.stringify(receipt)).toBe(201);
    expect(receipt.registrationNumber).toMatch(/^\d{6}-\d{4}$/);

    server.child.kill('SIGTERM');
    await server.exited;
  }, 240_000);
});
