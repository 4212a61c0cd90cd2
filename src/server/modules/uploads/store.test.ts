// The durable store on a real directory: bytes land where the offset says across batch boundaries, the running
// sha256 is offered only when it covers every byte, and a body cut off mid-way keeps what arrived.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableFileStore } from './store.js';
import { Upload } from '@tus/server';

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/** A body arriving in pieces of the given sizes, as a socket delivers it. */
function body(bytes: Buffer, piece: number): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += piece) pieces.push(bytes.subarray(at, at + piece));
  return Readable.from(pieces);
}

describe('DurableFileStore', () => {
  let dir: string;
  let store: DurableFileStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-store-'));
    store = new DurableFileStore({ directory: dir });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function created(size?: number): Promise<string> {
    const id = crypto.randomBytes(8).toString('hex');
    await store.create(new Upload({ id, offset: 0, size }));
    return id;
  }

  it('writes chunks larger than a batch at their offsets and offers their sha256', async () => {
    const bytes = crypto.randomBytes(3 * 1024 * 1024 + 12_345);
    const id = await created(bytes.length);
    const cut = 1024 * 1024 + 777;
    expect(await store.write(body(bytes.subarray(0, cut), 65_536), id, 0)).toBe(cut);
    expect(await store.write(body(bytes.subarray(cut), 16_384 + 3), id, cut)).toBe(bytes.length);
    expect(fs.readFileSync(path.join(dir, id)).equals(bytes)).toBe(true);
    expect(store.takeDigest(id, bytes.length)).toBe(sha256(bytes));
    // Taken once: a second ask (a repeated finish) must hash from the disk.
    expect(store.takeDigest(id, bytes.length)).toBeNull();
  });

  it('offers no sha256 for an upload it did not see from the first byte, or for another size', async () => {
    const bytes = crypto.randomBytes(5000);
    const id = await created();
    await store.write(body(bytes.subarray(0, 2000), 512), id, 0);
    // Another process (or this one before a restart) wrote the middle: this store's hash no longer follows.
    const other = new DurableFileStore({ directory: dir });
    await other.write(body(bytes.subarray(2000, 4000), 512), id, 2000);
    await store.write(body(bytes.subarray(4000), 512), id, 4000);
    expect(store.takeDigest(id, bytes.length)).toBeNull();
    expect(fs.readFileSync(path.join(dir, id)).equals(bytes)).toBe(true);

    const whole = await created();
    await store.write(body(bytes, 700), whole, 0);
    expect(store.takeDigest(whole, bytes.length - 1)).toBeNull();
  });

  it('keeps what arrived of a body cut off mid-way, and then hashes from the disk', async () => {
    const bytes = crypto.randomBytes(2 * 1024 * 1024);
    const id = await created(bytes.length);
    const half = bytes.length / 2 + 100;
    async function* cutOff() {
      yield bytes.subarray(0, 700_000);
      yield bytes.subarray(700_000, half);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    await expect(store.write(Readable.from(cutOff()), id, 0)).rejects.toThrow('socket hang up');
    expect(fs.readFileSync(path.join(dir, id)).equals(bytes.subarray(0, half))).toBe(true);
    expect(await store.write(body(bytes.subarray(half), 65_536), id, half)).toBe(bytes.length);
    expect(fs.readFileSync(path.join(dir, id)).equals(bytes)).toBe(true);
    expect(store.takeDigest(id, bytes.length)).toBeNull();
  });
});
