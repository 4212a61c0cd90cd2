import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from './index.js';
import { LocalBlobStore } from './local.js';
import { S3_PART_SIZE, S3BlobStore } from './s3.js';
import { startS3rver, type RunningS3rver } from './s3rver.js';

interface Driver {
  name: string;
  /** Whether localPath hands out the stored file itself rather than a temporary copy. */
  localPathIsTheBlob: boolean;
  open(): Promise<BlobStore>;
  /** The same kind of store pointed at a place that does not exist. */
  missing(): BlobStore;
  close(): Promise<void>;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-blob-contract-'));
let s3rver: RunningS3rver | undefined;
const s3Clients: S3BlobStore[] = [];

function s3Store(bucket: string): S3BlobStore {
  const env = s3rver!.env;
  const store = new S3BlobStore({
    endpoint: env.S3_ENDPOINT!,
    region: env.S3_REGION!,
    bucket,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: true,
    tempDir: path.join(scratch, 's3-temp'),
  });
  s3Clients.push(store);
  return store;
}

const drivers: Driver[] = [
  {
    name: 'local disk',
    localPathIsTheBlob: true,
    open: () => Promise.resolve(new LocalBlobStore(path.join(scratch, 'local'))),
    missing: () => {
      const root = path.join(scratch, 'gone');
      const store = new LocalBlobStore(root);
      fs.rmSync(root, { recursive: true });
      return store;
    },
    close: () => Promise.resolve(),
  },
  {
    name: 'S3 (s3rver on loopback)',
    localPathIsTheBlob: false,
    async open() {
      s3rver = await startS3rver();
      return s3Store(s3rver.bucket);
    },
    missing: () => s3Store('no-such-bucket'),
    async close() {
      for (const store of s3Clients) store.close();
      await s3rver?.close();
    },
  },
];

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function readAll(stream: Promise<Readable> | Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A body that arrives in uneven pieces, as a network upload does. */
function piecewise(bytes: Buffer, piece = 256 * 1024 + 7): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, at + piece);
    })(),
  );
}

/** Compares bytes without asking the test runner to print a diff of megabytes. */
function expectSameBytes(actual: Buffer, expected: Buffer): void {
  expect(actual.length).toBe(expected.length);
  expect(actual.equals(expected), 'bytes differ').toBe(true);
}

const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
const small = crypto.randomBytes(1000);
// More than two S3 parts, and not a whole number of them.
const large = crypto.randomBytes(2 * S3_PART_SIZE + 3 * 1024 * 1024 + 11);

describe.each(drivers)('blob store contract: $name', (driver) => {
  let store: BlobStore;

  beforeAll(async () => {
    store = await driver.open();
  });
  afterAll(() => driver.close());

  it('gives back a small body byte for byte, with its size and sha256', async () => {
    expect(await store.put('contract/small.bin', small)).toEqual({ size: small.length, sha256: sha(small) });
    expectSameBytes(await readAll(store.get('contract/small.bin')), small);
    expect(await store.stat('contract/small.bin')).toEqual({ size: small.length });
  });

  it('streams a 20 MB body in and out unchanged, hashing it on the way', async () => {
    const written = await store.put('contract/large.bin', piecewise(large));
    expect(written).toEqual({ size: large.length, sha256: sha(large) });
    expect(await store.stat('contract/large.bin')).toEqual({ size: large.length });
    expectSameBytes(await readAll(store.get('contract/large.bin')), large);
  });

  it('returns the first byte, a middle span and the last byte of a range (inclusive)', async () => {
    const key = 'contract/large.bin';
    const last = large.length - 1;
    expectSameBytes(await readAll(store.get(key, { start: 0, end: 0 })), large.subarray(0, 1));
    expectSameBytes(await readAll(store.get(key, { start: 0, end: 1 })), large.subarray(0, 2));
    const [start, end] = [S3_PART_SIZE - 100, S3_PART_SIZE + 100];
    expectSameBytes(await readAll(store.get(key, { start, end })), large.subarray(start, end + 1));
    expectSameBytes(await readAll(store.get(key, { start: last, end: last })), large.subarray(last));
  });

  it('computes the same sha256 as node:crypto over the stored bytes', async () => {
    expect(await store.sha256('contract/large.bin')).toBe(sha(large));
    expect(await store.sha256('contract/small.bin')).toBe(sha(small));
  });

  it('replaces a blob written again under the same key', async () => {
    const other = crypto.randomBytes(300);
    await store.put('contract/replaced.bin', small);
    await store.put('contract/replaced.bin', piecewise(other, 100));
    expectSameBytes(await readAll(store.get('contract/replaced.bin')), other);
  });

  it('knows nothing of a key never written: stat is null, reading fails', async () => {
    expect(await store.stat('contract/never-written.bin')).toBeNull();
    await expect(readAll(store.get('contract/never-written.bin'))).rejects.toThrow();
  });

  it('deletes, and deleting again (or something never written) is harmless', async () => {
    await store.put('contract/doomed.bin', small);
    await store.delete('contract/doomed.bin');
    expect(await store.stat('contract/doomed.bin')).toBeNull();
    await expect(store.delete('contract/doomed.bin')).resolves.toBeUndefined();
    await expect(store.delete('contract/never-written.bin')).resolves.toBeUndefined();
  });

  it('stores nothing when the body breaks off half way', async () => {
    const broken = Readable.from(
      (async function* () {
        yield large.subarray(0, S3_PART_SIZE + 1);
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw new Error('connection reset');
      })(),
    );
    await expect(store.put('contract/broken.bin', broken)).rejects.toThrow('connection reset');
    expect(await store.stat('contract/broken.bin')).toBeNull();
  });

  it('takes a finished local file into the store and removes the local file', async () => {
    const file = path.join(scratch, `upload-${driver.localPathIsTheBlob ? 'local' : 's3'}`);
    fs.writeFileSync(file, large.subarray(0, 3 * 1024 * 1024));
    await store.importFile('uploads/imported', file);
    expect(fs.existsSync(file)).toBe(false);
    expect(await store.stat('uploads/imported')).toEqual({ size: 3 * 1024 * 1024 });
    expect(await store.sha256('uploads/imported')).toBe(sha(large.subarray(0, 3 * 1024 * 1024)));
  });

  it('lends a readable local file for ffmpeg, and release leaves the blob itself alone', async () => {
    const lent = await store.localPath('contract/small.bin');
    expectSameBytes(fs.readFileSync(lent.path), small);
    await lent.release();
    // Only a temporary copy goes away; the local driver lends the stored file itself.
    expect(fs.existsSync(lent.path)).toBe(driver.localPathIsTheBlob);
    expect(await store.stat('contract/small.bin')).toEqual({ size: small.length });
    await expect(store.localPath('contract/never-written.bin').then((l) => l.release())).rejects.toThrow();
  });

  it.each(['../escape', '/absolute', 'a/../../b', 'a//b', 'a/./b', '', 'with space', 'trailing/'])(
    'refuses the key %j everywhere',
    async (key) => {
      await expect(store.put(key, small)).rejects.toThrow(/bad blob key/);
      await expect(store.get(key)).rejects.toThrow(/bad blob key/);
      await expect(store.stat(key)).rejects.toThrow(/bad blob key/);
      await expect(store.delete(key)).rejects.toThrow(/bad blob key/);
      await expect(store.sha256(key)).rejects.toThrow(/bad blob key/);
      await expect(store.localPath(key)).rejects.toThrow(/bad blob key/);
      await expect(store.importFile(key, path.join(scratch, 'nothing'))).rejects.toThrow(/bad blob key/);
    },
  );

  it('lists every blob once with its size (and no unfinished put)', async () => {
    await store.put('listing/b/two.bin', small);
    await store.put('listing/a.bin', Buffer.from('a'));
    await store.put('listing/a/inner.bin', Buffer.from('in'));
    const listed: { key: string; size: number }[] = [];
    for await (const blob of store.list()) if (blob.key.startsWith('listing/')) listed.push(blob);
    expect(listed.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'listing/a.bin', size: 1 },
      { key: 'listing/a/inner.bin', size: 2 },
      { key: 'listing/b/two.bin', size: small.length },
    ]);
    const everything: string[] = [];
    for await (const blob of store.list()) everything.push(blob.key);
    expect(new Set(everything).size).toBe(everything.length);
    expect(everything.some((key) => key.endsWith('.part'))).toBe(false);
  });

  it('answers ping when reachable, and fails it when its bucket or directory is missing', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    await expect(driver.missing().ping()).rejects.toThrow();
  });
});

describe('S3 driver on the wire', () => {
  it('sends a large body in 8 MB multipart parts and a small one in a single PUT', async () => {
    const server = await startS3rver();
    const store = s3StoreOn(server);
    const commands: string[] = [];
    store.client.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize' },
    );
    try {
      await store.put('wire/large.bin', piecewise(large));
      expect(commands.filter((c) => c === 'CreateMultipartUploadCommand')).toHaveLength(1);
      expect(commands.filter((c) => c === 'UploadPartCommand')).toHaveLength(3);
      expect(commands).toContain('CompleteMultipartUploadCommand');
      commands.length = 0;
      await store.put('wire/small.bin', piecewise(small, 100));
      expect(commands).toEqual(['PutObjectCommand']);
    } finally {
      store.close();
      await server.close();
    }
  });
});

function s3StoreOn(server: RunningS3rver): S3BlobStore {
  return new S3BlobStore({
    endpoint: server.endpoint,
    region: 'us-east-1',
    bucket: server.bucket,
    accessKeyId: server.env.S3_ACCESS_KEY_ID!,
    secretAccessKey: server.env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: true,
    tempDir: path.join(scratch, 's3-temp'),
  });
}
