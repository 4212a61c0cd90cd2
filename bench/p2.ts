// P2: many booths streaming at once, and one upload as fast as it goes. (a) N streams of 2.5 Mbit/s, one PATCH per
// second each, against the real server: no byte lost (every original's sha256 as sent) and the server's peak RSS.
// (b) 200 MB through tus in a few large PATCHes beside a plain Node http server writing a PUT body to a file.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { boothRecording } from './recording.js';
import { percentile, startServer, type BenchServer } from './server.js';
import { runIfMain } from './entry.js';

const MIME = 'video/webm;codecs=vp8,opus';
const RSS_GOAL = 300 * 1024 * 1024;
const THROUGHPUT_BYTES = 200 * 1024 * 1024;
const THROUGHPUT_PATCHES = 4;
const THROUGHPUT_ROUNDS = Number(process.env.BENCH_P2_ROUNDS ?? 5);

export interface P2Result {
  streams: number;
  seconds: number;
  intact: number;
  /** Request → response of each once-a-second PATCH. */
  patchMs: number[];
  /** The largest time any second of recording waited beyond its second to be acknowledged. */
  worstLagMs: number;
  /** The server's peak RSS while the streams ran (high-water mark reset when they began). */
  peakRss: number;
  /** Its RSS when idle, just before: the anchor. */
  startRss: number;
  /** Its peak since it started (start-up compiles the TypeScript and seeds the demo directory). */
  lifetimePeakRss: number;
  projectMBps: number;
  anchorMBps: number;
  throughputSha256Ok: boolean;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send(url: string, options: http.RequestOptions, body?: Uint8Array): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, ...options }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Creates a deferred-length upload as a browser would; returns its URL and the uploader cookie to send back. */
async function createUpload(base: string, localAddress: string): Promise<{ url: string; cookie: string }> {
  const res = await send(`${base}/api/uploads`, {
    method: 'POST',
    localAddress,
    headers: {
      'Tus-Resumable': '1.0.0',
      'Upload-Defer-Length': '1',
      'Upload-Metadata': `filetype ${Buffer.from(MIME).toString('base64')}`,
    },
  });
  const location = res.headers.location;
  if (res.status !== 201 || !location) throw new Error(`create: HTTP ${res.status} ${res.body}`);
  const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  return { url: new URL(location, base).href, cookie };
}

async function patch(
  upload: { url: string; cookie: string },
  localAddress: string,
  offset: number,
  body: Uint8Array,
  finalLength?: number,
): Promise<number> {
  const res = await send(
    upload.url,
    {
      method: 'PATCH',
      localAddress,
      headers: {
        'Tus-Resumable': '1.0.0',
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(body.byteLength),
        'Upload-Offset': String(offset),
        ...(finalLength !== undefined ? { 'Upload-Length': String(finalLength) } : {}),
        ...(upload.cookie ? { cookie: upload.cookie } : {}),
      },
    },
    body,
  );
  const acked = Number(res.headers['upload-offset']);
  if (res.status !== 204 || acked !== offset + body.byteLength) {
    throw new Error(`PATCH at ${offset}: HTTP ${res.status}, offset ${String(acked)} ${res.body}`);
  }
  return acked;
}

/** Each stream its own loopback address, as separate booths would be (the creation rate limit is per address). */
function boothAddress(k: number): string {
  return `127.0.${2 + Math.floor(k / 250)}.${(k % 250) + 1}`;
}

interface StreamOutcome {
  id: string;
  sha256: string;
  patchMs: number[];
  worstLagMs: number;
}

/** One booth: a PATCH per second with what was recorded since the last acknowledgement, then the length. */
async function stream(
  server: BenchServer,
  k: number,
  bytes: Uint8Array,
  seconds: number,
  startAt: number,
): Promise<StreamOutcome> {
  const address = boothAddress(k);
  const cut = (i: number) => Math.floor((bytes.byteLength * i) / seconds);
  await sleep(startAt - performance.now());
  const upload = await createUpload(server.url, address);
  const t0 = performance.now();
  const patchMs: number[] = [];
  let worstLagMs = 0;
  let acked = 0;
  let sentSeconds = 0;
  while (sentSeconds < seconds) {
    // Everything recorded by now goes in one PATCH (a slow answer makes the next one larger, as in the kiosk).
    await sleep(t0 + (sentSeconds + 1) * 1000 - performance.now());
    const upTo = Math.min(seconds, Math.floor((performance.now() - t0) / 1000));
    const end = cut(upTo);
    const start = performance.now();
    acked = await patch(
      upload,
      address,
      acked,
      bytes.subarray(acked, end),
      upTo === seconds ? end : undefined,
    );
    const now = performance.now();
    patchMs.push(now - start);
    worstLagMs = Math.max(worstLagMs, now - (t0 + (sentSeconds + 1) * 1000));
    sentSeconds = upTo;
  }
  return {
    id: new URL(upload.url).pathname.split('/').pop()!,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    patchMs,
    worstLagMs,
  };
}

/** Uploads THROUGHPUT_BYTES in a few PATCHes over loopback; returns MB/s from creation to the last acknowledgement. */
async function tusThroughput(server: BenchServer, data: Buffer): Promise<{ mbps: number; id: string }> {
  const address = '127.0.9.1';
  const start = performance.now();
  const upload = await createUpload(server.url, address);
  const step = Math.ceil(data.byteLength / THROUGHPUT_PATCHES);
  for (let at = 0; at < data.byteLength; at += step) {
    const end = Math.min(data.byteLength, at + step);
    await patch(upload, address, at, data.subarray(at, end), end === data.byteLength ? end : undefined);
  }
  const seconds = (performance.now() - start) / 1000;
  return { mbps: data.byteLength / 1e6 / seconds, id: new URL(upload.url).pathname.split('/').pop()! };
}

// The anchor: a plain Node http server in its own process, piping each PUT body into a file.
const PLAIN_PUT_SERVER = `
const http = require('node:http'), fs = require('node:fs'), path = require('node:path');
let n = 0;
http.createServer((req, res) => {
  const file = fs.createWriteStream(path.join(process.argv[1], String(n++)));
  req.pipe(file);
  file.on('finish', () => { res.writeHead(201); res.end(); });
  file.on('error', (e) => { res.writeHead(500); res.end(String(e)); });
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
`;

/** The anchor server, started once; each call to `put` times one PUT of `data`. */
async function startPlainPut(): Promise<{ put: (data: Buffer) => Promise<number>; stop: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-bench-put-'));
  const child = spawn(process.execPath, ['-e', PLAIN_PUT_SERVER, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', () => reject(new Error('plain PUT server exited')));
  });
  let round = 0;
  return {
    put: async (data) => {
      const start = performance.now();
      const res = await send(
        `http://127.0.0.1:${port}/file`,
        { method: 'PUT', headers: { 'Content-Length': String(data.byteLength) } },
        data,
      );
      if (res.status !== 201) throw new Error(`plain PUT: HTTP ${res.status}`);
      const mbps = data.byteLength / 1e6 / ((performance.now() - start) / 1000);
      fs.rmSync(path.join(dir, String(round++)), { force: true });
      return mbps;
    },
    stop: () => {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function runP2(options: { streams?: number; seconds?: number } = {}): Promise<P2Result> {
  const streams = options.streams ?? Number(process.env.BENCH_P2_STREAMS ?? 100);
  const seconds = options.seconds ?? Number(process.env.BENCH_P2_SECONDS ?? 60);
  const recording = fs.readFileSync(boothRecording(120));
  const window = Math.floor((recording.byteLength * Math.min(seconds, 120)) / 120);
  const server = await startServer();
  try {
    const lifetimePeakRss = server.memory().hwm;
    const startRss = server.memory().rss;
    server.resetPeak();
    // Each booth sends a different stretch of the recording, so that mixed-up bytes would not hash the same.
    const begin = performance.now() + 500;
    const outcomes = await Promise.all(
      Array.from({ length: streams }, (_, k) => {
        const offset = Math.floor(((recording.byteLength - window) * k) / Math.max(1, streams - 1));
        const bytes = recording.subarray(offset, offset + window);
        return stream(server, k, bytes, seconds, begin + (1000 * k) / streams);
      }),
    );
    const peakRss = server.memory().hwm;

    // The project's rounds and the anchor's alternate, so that a change in the machine's load falls on both.
    const data = crypto.randomBytes(THROUGHPUT_BYTES);
    const project: number[] = [];
    const anchor: number[] = [];
    const ids: string[] = [];
    const plain = await startPlainPut();
    try {
      for (let i = 0; i < THROUGHPUT_ROUNDS; i++) {
        const { mbps, id } = await tusThroughput(server, data);
        project.push(mbps);
        ids.push(id);
        anchor.push(await plain.put(data));
      }
    } finally {
      plain.stop();
    }

    const db = new Database(path.join(server.dataDir, 'dialog.sqlite'), { readonly: true });
    let intact = 0;
    let throughputSha256Ok = false;
    try {
      const row = db.prepare('SELECT state, size_bytes, sha256 FROM media_files WHERE id = ?');
      for (const o of outcomes) {
        const held = row.get(o.id) as { state: string; size_bytes: number; sha256: string } | undefined;
        const file = path.join(server.dataDir, 'media', 'uploads', o.id);
        const onDisk = fs.existsSync(file)
          ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
          : null;
        if (held?.state === 'uploaded' && held.sha256 === o.sha256 && onDisk === o.sha256) intact += 1;
      }
      const expected = crypto.createHash('sha256').update(data).digest('hex');
      throughputSha256Ok = ids.every(
        (id) => (row.get(id) as { sha256: string } | undefined)?.sha256 === expected,
      );
    } finally {
      db.close();
    }
    const median = (v: number[]) => percentile(v, 50);
    return {
      streams,
      seconds,
      intact,
      patchMs: outcomes.flatMap((o) => o.patchMs),
      worstLagMs: Math.max(...outcomes.map((o) => o.worstLagMs)),
      peakRss,
      startRss,
      lifetimePeakRss,
      projectMBps: median(project),
      anchorMBps: median(anchor),
      throughputSha256Ok,
    };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

export function printP2(r: P2Result): boolean {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const streamsOk = r.intact === r.streams && r.peakRss <= RSS_GOAL;
  console.log(
    `P2: ${r.streams} streams × ${r.seconds} s at 2.5 Mbit/s, one PATCH a second each; ` +
      `PATCH p50 ${percentile(r.patchMs, 50).toFixed(0)} ms, p95 ${percentile(r.patchMs, 95).toFixed(0)} ms, ` +
      `worst lag behind the recording ${(r.worstLagMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `P2 streams ${r.streams}, intact by sha256 ${r.intact}/${r.streams}, server peak RSS ${mb(r.peakRss)} ` +
      `(anchor: the same server idle ${mb(r.startRss)}, ratio ${(r.peakRss / r.startRss).toFixed(2)}×; ` +
      `${mb(r.lifetimePeakRss)} at start-up) ` +
      `goal ≥ 100 streams, no byte lost, ≤ 300 MB: ${streamsOk && r.streams >= 100 ? 'met' : 'MISSED'}`,
  );
  const ratio = r.projectMBps / r.anchorMBps;
  const throughputOk = ratio >= 0.8 && r.throughputSha256Ok;
  console.log(
    `P2 single upload ${r.projectMBps.toFixed(0)} MB/s through tus, ${THROUGHPUT_PATCHES} PATCHes of 200 MB ` +
      `(anchor plain Node http PUT to a file ${r.anchorMBps.toFixed(0)} MB/s, ratio ${ratio.toFixed(2)}×) ` +
      `goal ≥ 0.8×: ${throughputOk ? 'met' : 'MISSED'}${r.throughputSha256Ok ? '' : ' (sha256 mismatch)'}`,
  );
  return streamsOk && r.streams >= 100 && throughputOk;
}

runIfMain(import.meta.url, runP2, printP2);
