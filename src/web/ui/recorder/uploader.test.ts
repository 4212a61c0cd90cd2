// The streaming uploader against an in-memory tus 1.0.0 server (creation, deferred length, offsets, 409s),
// with connections dropped before and after the server wrote the bytes.
import { describe, expect, it } from 'vitest';
import { MemoryChunkStore } from './chunkStore.js';
import { StreamingUploader, type FetchLike } from './uploader.js';

interface FakeUpload {
  bytes: number[];
  length: number | null;
  metadata: string | null;
}

/** A tus server reduced to its protocol: what it holds, what it answers. */
class FakeTusServer {
  readonly uploads = new Map<string, FakeUpload>();
  private counter = 0;
  /** Called before each request; return 'before' to drop the connection before the server acts, 'after' to drop
   *  the response after it acted, or undefined to answer normally. */
  drop: (method: string, n: number) => 'before' | 'after' | undefined = () => undefined;
  requests: { method: string; offset?: string; length?: string; size: number }[] = [];

  readonly fetch: FetchLike = async (url, init) => {
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    const body = init.body instanceof Uint8Array ? init.body : new Uint8Array(0);
    this.requests.push({
      method,
      offset: headers.get('Upload-Offset') ?? undefined,
      length: headers.get('Upload-Length') ?? undefined,
      size: body.byteLength,
    });
    await Promise.resolve();
    const fault = this.drop(method, this.requests.length);
    if (fault === 'before') throw new TypeError('Failed to fetch');
    const response = this.handle(url, method, headers, body);
    if (fault === 'after') throw new TypeError('Failed to fetch');
    return response;
  };

  private handle(url: string, method: string, headers: Headers, body: Uint8Array): Response {
    if (headers.get('Tus-Resumable') !== '1.0.0') return new Response(null, { status: 412 });
    if (method === 'POST') {
      if (headers.get('Upload-Defer-Length') !== '1') return new Response(null, { status: 400 });
      const id = `upload${++this.counter}abc`;
      this.uploads.set(id, { bytes: [], length: null, metadata: headers.get('Upload-Metadata') });
      return new Response(null, {
        status: 201,
        headers: { Location: `http://server.test/api/uploads/${id}` },
      });
    }
    const id = url.split('/').pop() ?? '';
    const upload = this.uploads.get(id);
    if (!upload) return new Response(null, { status: 404 });
    if (method === 'HEAD') {
      const h: Record<string, string> = { 'Upload-Offset': String(upload.bytes.length) };
      if (upload.length === null) h['Upload-Defer-Length'] = '1';
      else h['Upload-Length'] = String(upload.length);
      return new Response(null, { status: 200, headers: h });
    }
    if (method === 'PATCH') {
      if (headers.get('Content-Type') !== 'application/offset+octet-stream')
        return new Response(null, { status: 415 });
      const offset = Number(headers.get('Upload-Offset'));
      if (offset !== upload.bytes.length) return new Response(null, { status: 409 });
      const declared = headers.get('Upload-Length');
      if (declared !== null) {
        if (upload.length !== null) return new Response(null, { status: 400 });
        const size = Number(declared);
        if (size < offset + body.byteLength) return new Response(null, { status: 400 });
        upload.length = size;
      }
      if (upload.length !== null && offset + body.byteLength > upload.length)
        return new Response(null, { status: 413 });
      upload.bytes.push(...body);
      return new Response(null, { status: 204, headers: { 'Upload-Offset': String(upload.bytes.length) } });
    }
    return new Response(null, { status: 405 });
  }
}

/** Deterministic "recording": chunk i has a size that varies and bytes that encode their position. */
function recording(chunks: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let position = 0;
  for (let i = 0; i < chunks; i++) {
    const size = 1000 + ((i * 7919) % 3000);
    const chunk = new Uint8Array(size);
    for (let j = 0; j < size; j++) chunk[j] = (position + j) % 251;
    position += size;
    out.push(chunk);
  }
  return out;
}

function concat(parts: Uint8Array[]): number[] {
  return parts.flatMap((p) => [...p]);
}

function makeUploader(server: FakeTusServer, store: MemoryChunkStore) {
  return new StreamingUploader({
    endpoint: 'http://server.test/api/uploads',
    fetch: server.fetch,
    store,
    mimeType: 'video/webm;codecs=vp8,opus',
    // A real macrotask, so a test's own timers still run while the uploader is retrying.
    sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  });
}

async function record(uploader: StreamingUploader, chunks: Uint8Array[]): Promise<void> {
  for (const chunk of chunks) {
    await uploader.append(chunk);
    // Let the sender run between chunks, as the one-second timeslice would.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await uploader.finish();
}

describe('StreamingUploader', () => {
  it('delivers every recorded byte in order and declares the length on the last chunk', async () => {
    const server = new FakeTusServer();
    const store = new MemoryChunkStore();
    const uploader = makeUploader(server, store);
    const id = await uploader.create();
    const chunks = recording(12);
    await record(uploader, chunks);
    const upload = server.uploads.get(id)!;
    expect(upload.bytes).toEqual(concat(chunks));
    expect(upload.length).toBe(upload.bytes.length);
    expect(upload.metadata).toBe(`filetype ${btoa('video/webm;codecs=vp8,opus')}`);
    expect(store.chunks.size).toBe(0);
    expect(uploader.progress).toMatchObject({
      recorded: upload.bytes.length,
      acknowledged: upload.bytes.length,
    });
    const withLength = server.requests.filter((r) => r.length !== undefined);
    expect(withLength).toHaveLength(1);
  });

  it('resumes from the server offset when connections drop before and after the server wrote the bytes', async () => {
    const server = new FakeTusServer();
    const store = new MemoryChunkStore();
    const uploader = makeUploader(server, store);
    const id = await uploader.create();
    let patches = 0;
    server.drop = (method) => {
      if (method !== 'PATCH') return undefined;
      patches += 1;
      if (patches === 3) return 'after'; // the server has the bytes; the client never hears so
      if (patches === 6 || patches === 7) return 'before'; // offline for a while
      return undefined;
    };
    const chunks = recording(15);
    await record(uploader, chunks);
    const upload = server.uploads.get(id)!;
    expect(upload.bytes).toEqual(concat(chunks));
    expect(upload.length).toBe(upload.bytes.length);
    expect(store.chunks.size).toBe(0);
    expect(server.requests.some((r) => r.method === 'HEAD')).toBe(true);
  });

  it('keeps a chunk in the store until the server acknowledged it', async () => {
    const server = new FakeTusServer();
    const store = new MemoryChunkStore();
    const uploader = makeUploader(server, store);
    await uploader.create();
    let offline = true;
    server.drop = (method) => (method === 'PATCH' && offline ? 'before' : undefined);
    const chunks = recording(4);
    for (const chunk of chunks) await uploader.append(chunk);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store.chunks.size).toBe(4);
    expect(uploader.progress.acknowledged).toBe(0);
    offline = false;
    await uploader.finish();
    expect(store.chunks.size).toBe(0);
  });

  it('survives a lost response to the final PATCH that declared the length', async () => {
    const server = new FakeTusServer();
    const store = new MemoryChunkStore();
    const uploader = makeUploader(server, store);
    const id = await uploader.create();
    server.drop = (method, n) => {
      const r = server.requests[n - 1];
      return method === 'PATCH' && r?.length !== undefined && !server.uploads.get(id)!.length
        ? 'after'
        : undefined;
    };
    const chunks = recording(5);
    await record(uploader, chunks);
    const upload = server.uploads.get(id)!;
    expect(upload.bytes).toEqual(concat(chunks));
    expect(upload.length).toBe(upload.bytes.length);
  });

  it('continues from the server offset after a 409 conflict', async () => {
    const server = new FakeTusServer();
    const store = new MemoryChunkStore();
    const uploader = makeUploader(server, store);
    const id = await uploader.create();
    const chunks = recording(6);
    await uploader.append(chunks[0]!);
    await uploader.append(chunks[1]!);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Another client (a previous tab) pushed the next chunk; the server's offset moved on without us.
    server.uploads.get(id)!.bytes.push(...chunks[2]!);
    for (const chunk of chunks.slice(2)) await uploader.append(chunk);
    await uploader.finish();
    const upload = server.uploads.get(id)!;
    expect(upload.bytes).toEqual(concat(chunks));
  });

  it('resumes after a reload from the chunks left in the store', async () => {
    const server = new FakeTusServer();
    const store = new MemoryChunkStore();
    // The first page goes offline and is closed while it waits to retry: its sleep never ends.
    const first = new StreamingUploader({
      endpoint: 'http://server.test/api/uploads',
      fetch: server.fetch,
      store,
      mimeType: 'video/webm',
      sleep: () => new Promise<void>(() => undefined),
    });
    const id = await first.create();
    const chunks = recording(5);
    await first.append(chunks[0]!);
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.drop = (method) => (method === 'PATCH' ? 'before' : undefined);
    for (const chunk of chunks.slice(1, 3)) await first.append(chunk);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store.chunks.size).toBe(2);
    server.drop = () => undefined;
    const second = makeUploader(server, store);
    await second.resume(id);
    for (const chunk of chunks.slice(3)) await second.append(chunk);
    await second.finish();
    expect(server.uploads.get(id)!.bytes).toEqual(concat(chunks));
  });
});
