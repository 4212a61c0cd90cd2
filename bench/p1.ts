// P1: Stop → receipt for booth recordings over a 10 Mbit/s link with 20 ms delay each way. The project streams each
// 1-second chunk while recording (the kiosk's StreamingUploader against the real server); the anchor uploads the
// same file in one request after Stop over the same kind of link. Both end with POST /api/appeals answered 201.
import fs from 'node:fs';
import { MemoryChunkStore } from '../src/web/ui/recorder/chunkStore.js';
import { StreamingUploader, type FetchLike } from '../src/web/ui/recorder/uploader.js';
import { boothRecording, secondChunks } from './recording.js';
import { cookieFetch, percentile, startServer, type BenchServer } from './server.js';
import { startThrottleProxy } from './throttle.js';
import { runIfMain } from './entry.js';

const LINK_BITS_PER_SECOND = 10_000_000;
const LINK_DELAY_MS = 20;
const MIME = 'video/webm;codecs=vp8,opus';
const TUS = { 'Tus-Resumable': '1.0.0' };

export interface P1Result {
  recordings: number;
  seconds: number;
  bytes: number;
  reservations: boolean;
  stopToReceiptMs: number[];
  /** Stop → the server has acknowledged every byte (the rest of stop → receipt is POST /api/appeals). */
  stopToAckedMs: number[];
  anchorMs: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

interface Exchange {
  method: string;
  bytes: number;
  start: number;
  end: number;
  status: number;
}

interface Booth {
  fetch: FetchLike;
  base: string;
  /** Every request this booth made, for the breakdown of where the time after Stop went. */
  exchanges: Exchange[];
  connections(): number;
  close(): Promise<void>;
}

function tracedFetch(inner: FetchLike, exchanges: Exchange[]): FetchLike {
  return async (url, init) => {
    const start = performance.now();
    const body = init.body;
    const bytes = body instanceof Uint8Array ? body.byteLength : typeof body === 'string' ? body.length : 0;
    const res = await inner(url, init);
    exchanges.push({
      method: init.method ?? 'GET',
      bytes,
      start,
      end: performance.now(),
      status: res.status,
    });
    return res;
  };
}

async function openBooth(server: BenchServer, index: number): Promise<Booth> {
  const proxy = await startThrottleProxy({
    target: { host: server.host, port: server.port },
    bitsPerSecond: LINK_BITS_PER_SECOND,
    delayMs: LINK_DELAY_MS,
    // Each booth has its own address, as booths in different places would (per-address rate limits apply).
    localAddress: `127.0.1.${index + 1}`,
  });
  const exchanges: Exchange[] = [];
  return {
    fetch: tracedFetch(cookieFetch(), exchanges),
    base: proxy.url,
    exchanges,
    connections: () => proxy.connections(),
    close: () => proxy.close(),
  };
}

/** The booth reserves its number when recording starts, once the server offers it; null when it does not. */
async function reserve(booth: Booth): Promise<string | null> {
  const res = await booth.fetch(`${booth.base}/api/appeals/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language: 'kk' }),
  });
  if (res.status === 404) return null;
  if (res.status !== 201) throw new Error(`reservation: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { reservationId: string }).reservationId;
}

async function submit(
  booth: Booth,
  uploadId: string,
  officialId: string,
  reservationId: string | null,
): Promise<void> {
  const res = await booth.fetch(`${booth.base}/api/appeals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      uploadId,
      phone: '+77012345678',
      officialId,
      type: 'request',
      language: 'kk',
      source: 'kiosk',
      ...(reservationId ? { reservationId } : {}),
    }),
  });
  if (res.status !== 201) throw new Error(`submit: HTTP ${res.status} ${await res.text()}`);
}

/** One booth: record in real time while streaming, then Stop → every byte acknowledged → receipt. */
async function streamedRecording(
  booth: Booth,
  chunks: Uint8Array[],
  officialId: string,
): Promise<{ ms: number; ackedMs: number; reserved: boolean }> {
  const reservationId = await reserve(booth);
  const uploader = new StreamingUploader({
    endpoint: `${booth.base}/api/uploads`,
    fetch: booth.fetch,
    store: new MemoryChunkStore(),
    mimeType: MIME,
    metadata: reservationId ? { reservation: reservationId } : {},
  });
  const t0 = performance.now();
  await uploader.create();
  for (let i = 0; i < chunks.length - 1; i++) {
    await sleep(t0 + (i + 1) * 1000 - performance.now());
    void uploader.append(chunks[i]!);
  }
  await sleep(t0 + chunks.length * 1000 - performance.now());
  // Stop: the recorder hands over its last chunk.
  const stop = performance.now();
  uploader.closeSoon();
  await uploader.append(chunks[chunks.length - 1]!);
  await uploader.finish();
  const acked = performance.now();
  await submit(booth, uploader.uploadId!, officialId, reservationId);
  const end = performance.now();
  if (process.env.BENCH_P1_TRACE) {
    const line = booth.exchanges
      .filter((e) => e.end > stop - 2000)
      .map(
        (e) => `${e.method} ${e.bytes} B @${(e.start - stop).toFixed(0)}+${(e.end - e.start).toFixed(0)} ms`,
      );
    console.log(
      `  booth: stop→receipt ${(end - stop).toFixed(0)} ms, ${booth.connections()} connections: ${line.join(', ')}`,
    );
  }
  return { ms: end - stop, ackedMs: acked - stop, reserved: reservationId !== null };
}

/** The anchor booth: the upload is created when recording starts; at Stop the whole file goes in one PATCH. */
async function oneRequestAfterStop(booth: Booth, file: Uint8Array, officialId: string): Promise<number> {
  const reservationId = await reserve(booth);
  const created = await booth.fetch(`${booth.base}/api/uploads`, {
    method: 'POST',
    headers: {
      ...TUS,
      'Upload-Defer-Length': '1',
      'Upload-Metadata': [
        `filetype ${Buffer.from(MIME).toString('base64')}`,
        ...(reservationId ? [`reservation ${Buffer.from(reservationId).toString('base64')}`] : []),
      ].join(','),
    },
  });
  const uploadId = created.headers.get('location')?.split('/').pop();
  if (created.status !== 201 || !uploadId) throw new Error(`anchor create: HTTP ${created.status}`);
  const body = new Uint8Array(file);
  const stop = performance.now();
  const res = await booth.fetch(`${booth.base}/api/uploads/${uploadId}`, {
    method: 'PATCH',
    headers: {
      ...TUS,
      'Content-Type': 'application/offset+octet-stream',
      'Upload-Offset': '0',
      'Upload-Length': String(file.byteLength),
    },
    body,
  });
  if (res.status !== 204 || res.headers.get('upload-offset') !== String(file.byteLength)) {
    throw new Error(`anchor PATCH: HTTP ${res.status}`);
  }
  await submit(booth, uploadId, officialId, reservationId);
  return performance.now() - stop;
}

export async function runP1(
  options: {
    recordings?: number;
    seconds?: number;
    staggerMs?: number;
    serverEnv?: Record<string, string>;
  } = {},
): Promise<P1Result> {
  const recordings = options.recordings ?? Number(process.env.BENCH_P1_RECORDINGS ?? 8);
  const seconds = options.seconds ?? Number(process.env.BENCH_P1_SECONDS ?? 120);
  const staggerMs = options.staggerMs ?? 3000;
  const full = fs.readFileSync(boothRecording(120));
  // A shorter run sends the recording's first part, cut where that many seconds of it end.
  const file = full.subarray(0, Math.floor((full.byteLength * Math.min(seconds, 120)) / 120));
  const chunks = secondChunks(file, seconds);
  const server = await startServer(options.serverEnv);
  const booths: Booth[] = [];
  try {
    const officials = (await (await fetch(`${server.url}/api/directory/officials`)).json()) as {
      id: string;
    }[];
    const officialId = officials[0]!.id;
    for (let i = 0; i <= recordings; i++) booths.push(await openBooth(server, i));

    const anchorMs = await oneRequestAfterStop(booths[recordings]!, file, officialId);
    const results = await Promise.all(
      booths.slice(0, recordings).map(async (booth, i) => {
        await sleep(i * staggerMs);
        return streamedRecording(booth, chunks, officialId);
      }),
    );
    return {
      recordings,
      seconds,
      bytes: file.byteLength,
      reservations: results.every((r) => r.reserved),
      stopToReceiptMs: results.map((r) => r.ms),
      stopToAckedMs: results.map((r) => r.ackedMs),
      anchorMs,
    };
  } finally {
    for (const booth of booths) await booth.close();
    await server.stop();
  }
}

export function printP1(r: P1Result): boolean {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const p50 = percentile(r.stopToReceiptMs, 50);
  const p95 = percentile(r.stopToReceiptMs, 95);
  console.log(
    `P1: ${r.recordings} booths recording ${r.seconds} s each (${(r.bytes / 1e6).toFixed(1)} MB), staggered, ` +
      `each over its own 10 Mbit/s link with 20 ms delay; ${r.reservations ? 'with' : 'without'} reservations`,
  );
  console.log(
    `P1 stop→receipt p50 ${s(p50)}, max ${s(Math.max(...r.stopToReceiptMs))}; of which stop→every byte ` +
      `acknowledged p50 ${s(percentile(r.stopToAckedMs, 50))}, p95 ${s(percentile(r.stopToAckedMs, 95))}`,
  );
  const ok = p95 <= 1000;
  console.log(
    `P1 stop→receipt p95 ${s(p95)} (anchor one request after Stop ${s(r.anchorMs)}, ratio ` +
      `${(p95 / r.anchorMs).toFixed(3)}×) goal ≤ 1 s: ${ok ? 'met' : 'MISSED'}`,
  );
  return ok;
}

runIfMain(import.meta.url, runP1, printP1);
