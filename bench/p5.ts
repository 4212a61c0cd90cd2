// P5: status look-ups per second. The real server (`npm start`'s process: API and in-process worker, SQLite) answers
// GET /api/public/appeals/<number> with a look-up token — what the citizen's page asks after the first look-up —
// under keep-alive load from node:http, beside a Fastify "hello world" in a process of its own under the same load in
// the same run. The argon2-bound POST /api/public/lookup (number + access code) is measured too and reported, but the
// goal (≥ 5,000 req/s and ≥ 0.5× hello world) is for the token'd view. The per-address limits are lifted by
// configuration (PUBLIC_READ_RATE_PER_MINUTE, LOOKUP_RATE_PER_MINUTE, LOOKUP_NUMBER_RATE_PER_HOUR), not in code.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startServer, type BenchServer } from './server.js';
import { runIfMain } from './entry.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_P5_SECONDS ?? 10);
const LOOKUP_SECONDS = Number(process.env.BENCH_P5_LOOKUP_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_P5_CONNECTIONS ?? 32);
const WARMUP_SECONDS = 2;
const RATE_GOAL = 5000;
const RATIO_GOAL = 0.5;
const LIFTED = '100000000';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface P5Result {
  view: LoadResult;
  lookup: LoadResult;
  hello: LoadResult;
  connections: number;
}

interface Target {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  expect: number;
}

/** `connections` keep-alive connections, each sending its next request as soon as the last one is answered. */
async function load(target: Target, seconds: number, connections: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const body = target.body === undefined ? undefined : Buffer.from(target.body);
  const headers = {
    ...target.headers,
    ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
  };
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      const req = http.request(target.url, { method: target.method, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === target.expect) {
            requests += 1;
            latencies.push(performance.now() - start);
          } else errors += 1;
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return {
    requests,
    errors,
    seconds: elapsed,
    perSecond: requests / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

async function json<T>(url: string, method: string, body?: unknown, ip?: string): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(ip ? { 'x-forwarded-for': ip } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A typed appeal from the virtual reception, registered as a citizen would: SMS code (read from the outbox), submit. */
async function registerAppeal(server: BenchServer): Promise<{ number: string; code: string }> {
  const phone = '+77015550505';
  const started = await json<{ id: string }>(`${server.url}/api/phone-verifications`, 'POST', {
    phone,
    language: 'ru',
  });
  const db = new Database(path.join(server.dataDir, 'dialog.sqlite'), { readonly: true });
  let sms: string;
  try {
    const row = db
      .prepare(`select body from notifications where recipient = ? and template = 'code' limit 1`)
      .get(phone) as { body: string } | undefined;
    sms = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1] ?? '';
  } finally {
    db.close();
  }
  const { token } = await json<{ token: string }>(
    `${server.url}/api/phone-verifications/${started.id}/confirm`,
    'POST',
    { code: sms },
  );
  const receipt = await json<{ registrationNumber: string; accessCode: string }>(
    `${server.url}/api/appeals`,
    'POST',
    {
      phone,
      phoneToken: token,
      officialId: null,
      type: 'request',
      language: 'ru',
      source: 'web',
      note: 'The bench asks whether the street lights on our road will be repaired this winter.',
    },
  );
  return { number: receipt.registrationNumber, code: receipt.accessCode };
}

/** Fastify's hello world in a process of its own, as the server runs in one: the anchor. */
async function startHello(): Promise<{ url: string; stop: () => void }> {
  const script = `
    import Fastify from 'fastify';
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    console.log(address);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`hello world exited: ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

export async function runP5(): Promise<P5Result> {
  const server = await startServer({
    PUBLIC_READ_RATE_PER_MINUTE: LIFTED,
    LOOKUP_RATE_PER_MINUTE: LIFTED,
    LOOKUP_NUMBER_RATE_PER_HOUR: LIFTED,
    LOG_LEVEL: 'warn',
  });
  const hello = await startHello();
  try {
    const appeal = await registerAppeal(server);
    const lookupBody = JSON.stringify({ registrationNumber: appeal.number, accessCode: appeal.code });
    const first = await json<{ token: string }>(
      `${server.url}/api/public/lookup`,
      'POST',
      JSON.parse(lookupBody),
    );
    const view: Target = {
      url: `${server.url}/api/public/appeals/${appeal.number}`,
      method: 'GET',
      headers: { authorization: `Bearer ${first.token}` },
      expect: 200,
    };
    const helloTarget: Target = { url: hello.url, method: 'GET', expect: 200 };
    // Warm both (JIT, connection pools), then measure them one after the other in the same run.
    await load(view, WARMUP_SECONDS, CONNECTIONS);
    await load(helloTarget, WARMUP_SECONDS, CONNECTIONS);
    const viewResult = await load(view, SECONDS, CONNECTIONS);
    const helloResult = await load(helloTarget, SECONDS, CONNECTIONS);
    const lookup = await load(
      { url: `${server.url}/api/public/lookup`, method: 'POST', body: lookupBody, expect: 200 },
      LOOKUP_SECONDS,
      CONNECTIONS,
    );
    return { view: viewResult, lookup, hello: helloResult, connections: CONNECTIONS };
  } finally {
    hello.stop();
    await server.stop();
  }
}

export function printP5(r: P5Result): boolean {
  const line = (name: string, l: LoadResult) =>
    `${name}${l.perSecond.toFixed(0)} req/s (${l.requests} in ${l.seconds.toFixed(1)} s, p50 ${l.p50Ms.toFixed(1)} ms, ` +
    `p99 ${l.p99Ms.toFixed(1)} ms${l.errors ? `, ${l.errors} errors` : ''})`;
  const ratio = r.view.perSecond / r.hello.perSecond;
  const ok = r.view.perSecond >= RATE_GOAL && ratio >= RATIO_GOAL && r.view.errors === 0;
  console.log(
    `P5: ${r.connections} keep-alive connections from node:http, server and anchor one process each`,
  );
  console.log(line('P5 status view (GET /api/public/appeals/:number, token): ', r.view));
  console.log(line('P5 anchor (Fastify hello world):                         ', r.hello));
  console.log(line('P5 look-up by number + access code (argon2id, POST):     ', r.lookup));
  console.log(
    `P5 status view ${r.view.perSecond.toFixed(0)} req/s, ratio to hello world ${ratio.toFixed(2)}× ` +
      `goal ≥ ${RATE_GOAL} req/s and ≥ ${RATIO_GOAL}×: ${ok ? 'met' : 'MISSED'}`,
  );
  return ok;
}

runIfMain(import.meta.url, runP5, printP5);
