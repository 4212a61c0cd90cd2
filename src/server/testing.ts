// Test support: an app on a fresh SQLite file or a fresh PostgreSQL schema (TEST_DATABASE=sqlite|postgres),
// real ffmpeg samples, and a tus client over app.inject(). Used by the integration tests only.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from './config.js';
import { buildApp } from './app.js';
import { openRuntime } from './runtime.js';
import { fixedClock } from './clock.js';
import { seedDemo } from './db/seed.js';
import { drainJobs } from './jobs/worker.js';
import { resolveBinary } from './media/tools.js';
import type { Services } from './services.js';

export const testDialect = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestContext {
  app: FastifyInstance;
  services: Services;
  clock: ReturnType<typeof fixedClock>;
  dataDir: string;
  drain(): Promise<number>;
  close(): Promise<void>;
}

/** A working Wednesday morning in Almaty, far from holidays, unless the test says otherwise. */
export const DEFAULT_NOW = '2026-11-18T05:00:00.000Z';

export async function createTestContext(
  options: { seed?: boolean; now?: string; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-test-'));
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    DATA_DIR: dataDir,
    ...(testDialect === 'postgres' ? { DATABASE_URL: testPostgresUrl, DATABASE_SCHEMA: schema } : {}),
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '1000',
    // Many tests send `source: 'web'` from one phone to mean "a browser"; the virtual reception's own tests
    // (modules/appeals/web.test.ts) turn its SMS rule and its daily limit back on.
    WEB_SMS_CODE_REQUIRED: 'false',
    WEB_APPEALS_PER_PHONE_DAY: '1000',
    // Tests change appeals behind the public page's back; modules/public/public.test.ts tries the cache itself.
    PUBLIC_VIEW_CACHE_SECONDS: '0',
    ...options.env,
  });
  const clock = fixedClock(options.now ?? DEFAULT_NOW);
  const log = pino({ level: 'silent' });
  const runtime = await openRuntime(config, { clock, log });
  if (options.seed !== false) await seedDemo(runtime.database.db, runtime.storage, clock);
  const app = await buildApp(runtime);
  await app.ready();
  const services = app.services;
  return {
    app,
    services,
    clock,
    dataDir,
    drain: () => drainJobs(services),
    async close() {
      await app.close();
      await runtime.database.close();
      if (testDialect === 'postgres') {
        const client = new pg.Client({ connectionString: testPostgresUrl });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const sampleDir = path.join(os.tmpdir(), 'dialog-test-media');

/** A real recording made by ffmpeg (VP8 + Opus in WebM, like Chromium's MediaRecorder), cached between runs. */
export function sampleRecording(kind: 'webm' | 'video-only' | 'text' = 'webm', seconds = 3): Buffer {
  fs.mkdirSync(sampleDir, { recursive: true });
  const file = path.join(sampleDir, `${kind}-${seconds}.${kind === 'text' ? 'txt' : 'webm'}`);
  if (!fs.existsSync(file)) {
    const ffmpeg = resolveBinary('', 'ffmpeg');
    const temp = `${file}.${process.pid}.tmp${kind === 'text' ? '' : '.webm'}`;
    if (kind === 'text') {
      fs.writeFileSync(temp, 'this is not a video\n'.repeat(100));
    } else {
      const audio = kind === 'webm' ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`] : [];
      const audioCodec = kind === 'webm' ? ['-c:a', 'libopus'] : [];
      execFileSync(ffmpeg, [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `testsrc2=size=320x240:rate=15:duration=${seconds}`,
        ...audio,
        '-c:v',
        'libvpx',
        '-b:v',
        '300k',
        '-deadline',
        'realtime',
        ...audioCodec,
        temp,
      ]);
    }
    fs.renameSync(temp, file);
  }
  return fs.readFileSync(file);
}

const TUS = { 'tus-resumable': '1.0.0' };

/** Who an upload request speaks for: a browser's uploader cookie or a booth's bearer credential. */
export interface Uploader {
  cookie?: string;
  authorization?: string;
}

// Each test app has one browser by default, so tests that upload and then submit need not carry the cookie.
const defaultUploaders = new WeakMap<FastifyInstance, Uploader>();

/** The app's default test browser (its uploader cookie), once it has made an upload. */
export function defaultUploader(app: FastifyInstance): Uploader {
  return defaultUploaders.get(app) ?? {};
}

function uploaderHeaders(app: FastifyInstance, as?: Uploader): Record<string, string> {
  const who = as ?? defaultUploaders.get(app) ?? {};
  return {
    ...(who.cookie ? { cookie: who.cookie } : {}),
    ...(who.authorization ? { authorization: who.authorization } : {}),
  };
}

/** The `dialog_uploader=…` cookie a response set, if any. */
export function uploaderCookie(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name === 'dialog_uploader');
  return cookie ? `dialog_uploader=${cookie.value}` : undefined;
}

export interface CreateUploadOptions {
  /** Defaults to the app's own test browser. */
  as?: Uploader;
  /** Creation metadata besides filetype, e.g. { reservation, audioOnly: '1' }. */
  metadata?: Record<string, string>;
}

export async function createUpload(
  app: FastifyInstance,
  mime = 'video/webm',
  options: CreateUploadOptions = {},
): Promise<{ id: string; location: string; response: LightMyRequestResponse; as: Uploader }> {
  const metadata = Object.entries({ filetype: mime, ...options.metadata })
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
  const response = await app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      ...TUS,
      ...uploaderHeaders(app, options.as),
      'upload-defer-length': '1',
      'upload-metadata': metadata,
    },
  });
  let as = options.as ?? defaultUploaders.get(app) ?? {};
  const given = uploaderCookie(response);
  if (given && !as.authorization && !as.cookie) {
    as = { cookie: given };
    if (!options.as) defaultUploaders.set(app, as);
  }
  const location = String(response.headers.location ?? '');
  return { id: location.split('/').pop() ?? '', location, response, as };
}

export function patchChunk(
  app: FastifyInstance,
  location: string,
  offset: number,
  chunk: Buffer,
  total?: number,
  as?: Uploader,
) {
  return app.inject({
    method: 'PATCH',
    url: location,
    headers: {
      ...TUS,
      ...uploaderHeaders(app, as),
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      ...(total !== undefined ? { 'upload-length': String(total) } : {}),
    },
    payload: chunk,
  });
}

/** HEAD of an upload: what the server holds. */
export function headUpload(app: FastifyInstance, location: string, as?: Uploader) {
  return app.inject({ method: 'HEAD', url: location, headers: { ...TUS, ...uploaderHeaders(app, as) } });
}

/** Streams a recording the way the kiosk does: deferred length, fixed-size chunks, the length on the last one. */
export async function uploadRecording(
  app: FastifyInstance,
  bytes: Buffer,
  chunkSize = 64 * 1024,
  mime = 'video/webm',
  options: CreateUploadOptions = {},
): Promise<string> {
  const { id, location, response, as } = await createUpload(app, mime, options);
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    const end = Math.min(bytes.length, offset + chunkSize);
    const res = await patchChunk(
      app,
      location,
      offset,
      bytes.subarray(offset, end),
      end === bytes.length ? bytes.length : undefined,
      as,
    );
    if (res.statusCode !== 204) throw new Error(`patch failed: ${res.statusCode} ${res.body}`);
  }
  return id;
}

/** Registers an appeal for a finished upload, as a booth would (no SMS code, addressed to `officialId`). */
export function submitUploaded(app: FastifyInstance, uploadId: string, officialId: string) {
  return app.inject({
    method: 'POST',
    url: '/api/appeals',
    payload: {
      uploadId,
      phone: '+77012345678',
      officialId,
      type: 'request',
      language: 'kk',
      source: 'kiosk',
    },
  });
}

export async function loginAs(
  app: FastifyInstance,
  username: string,
  password = `${username}-demo`,
): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'dialog_session');
  if (!cookie) throw new Error('no session cookie');
  return `dialog_session=${cookie.value}`;
}

export async function firstOfficialId(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/api/directory/officials' });
  const list = res.json<{ id: string }[]>();
  if (!list[0]) throw new Error('no officials');
  return list[0].id;
}

/** Live (not zombie) processes of a process group, with their command lines (Linux /proc). */
export function processGroup(pgid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      found.push({ pid: Number(entry), command });
    } catch {
      // exited while we looked
    }
  }
  return found;
}

/** Starts a tus upload of unknown length on a real server (`base`): its location and the uploader's cookie. */
export async function startUploadOverHttp(base: string): Promise<{ location: string; cookie: string }> {
  const created = await fetch(`${base}/api/uploads`, {
    method: 'POST',
    headers: {
      'tus-resumable': '1.0.0',
      'upload-defer-length': '1',
      'upload-metadata': `filetype ${Buffer.from('video/webm').toString('base64')}`,
    },
  });
  if (created.status !== 201) throw new Error(`upload not created: ${created.status}`);
  return {
    location: created.headers.get('location') ?? '',
    cookie: (created.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
  };
}
