// The streaming uploader against an in-memory tus 1.0.0 server (creation, deferred length, offsets, 409s),
// with connections dropped before and after the server wrote the bytes.
import { describe, expect, it } from 'vitest';
import { MemoryChunkStore } from './chunkStore.js';
import { StreamingUploader } from './uploader.js';
import { FakeTusServer, concat, recording } from './fakeTus.js';

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

  it('sends the last chunk in the same request that declares the length when told the recorder is stopping', async () => {
    const server = new FakeTusServer();
    const uploader = makeUploader(server, new MemoryChunkStore());
    const id = await uploader.create();
    const chunks = recording(5);
    for (const chunk of chunks.slice(0, -1)) {
      await uploader.append(chunk);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    uploader.closeSoon();
    await uploader.append(chunks[chunks.length - 1]!);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await uploader.finish();
    const upload = server.uploads.get(id)!;
    expect(upload.bytes).toEqual(concat(chunks));
    const patches = server.requests.filter((r) => r.method === 'PATCH');
    // No empty PATCH just to declare the length: the final bytes carry it.
    expect(patches.every((r) => r.size > 0)).toBe(true);
    expect(patches.filter((r) => r.length !== undefined)).toHaveLength(1);
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

describe('StreamingUploader on the booth', () => {
  it('sends the credential and the cookie with every request, and the reservation in the creation metadata', async () => {
    const server = new FakeTusServer();
    let token = 'first';
    const uploader = new StreamingUploader({
      endpoint: 'http://server.test/api/uploads',
      fetch: server.fetch,
      store: new MemoryChunkStore(),
      mimeType: 'audio/webm',
      metadata: { reservation: 'res_0123456789abcdef', audioOnly: '1' },
      headers: () => ({ authorization: `Bearer ${token}` }),
      sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
    });
    const id = await uploader.create();
    token = 'second';
    await record(uploader, recording(3));
    const metadata = server.uploads.get(id)!.metadata!.split(',');
    expect(metadata).toEqual([
      `filetype ${btoa('audio/webm')}`,
      `reservation ${btoa('res_0123456789abcdef')}`,
      `audioOnly ${btoa('1')}`,
    ]);
    expect(server.requests[0]!.authorization).toBe('Bearer first');
    expect(server.requests.slice(1).every((r) => r.authorization === 'Bearer second')).toBe(true);
    expect(server.requests.every((r) => r.credentials === 'same-origin')).toBe(true);
  });

  it('finishes after a reload when the server already holds every stored byte and the store is empty', async () => {
    const server = new FakeTusServer();
    const store = new MemoryChunkStore();
    const first = makeUploader(server, store);
    const id = await first.create();
    const chunks = recording(4);
    for (const chunk of chunks) await first.append(chunk);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Every byte acknowledged and released, but the page died before Stop: the length was never declared.
    expect(store.chunks.size).toBe(0);
    expect(server.uploads.get(id)!.length).toBeNull();
    const second = makeUploader(server, store);
    await second.resume(id);
    await second.finish();
    const upload = server.uploads.get(id)!;
    expect(upload.bytes).toEqual(concat(chunks));
    expect(upload.length).toBe(upload.bytes.length);
    expect(second.progress).toMatchObject({ recorded: upload.bytes.length, complete: true });
  });

  it('refuses an offset beyond what it recorded while it still knows the recording', async () => {
    const server = new FakeTusServer();
    const store = new MemoryChunkStore();
    const uploader = makeUploader(server, store);
    const id = await uploader.create();
    await uploader.append(recording(1)[0]!);
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.uploads.get(id)!.bytes.push(1, 2, 3);
    await expect(uploader.recheck()).rejects.toThrow('server holds more bytes than were recorded');
  });
});
