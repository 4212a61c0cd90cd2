// Local-disk blob store under the data directory; every write is fsynced before it is acknowledged.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobInfo, BlobStore } from './index.js';

export class LocalBlobStore implements BlobStore {
  constructor(readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
  }

  resolve(key: string): string {
    checkBlobKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, body: Readable | Buffer): Promise<{ size: number; sha256: string }> {
    const target = this.resolve(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${crypto.randomUUID()}.part`;
    const hash = crypto.createHash('sha256');
    let size = 0;
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    const handle = await fsp.open(temp, 'w');
    try {
      try {
        for await (const chunk of source) {
          const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          hash.update(buf);
          size += buf.length;
          await handle.write(buf);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      // A body that broke off leaves nothing behind, neither at the key nor as a stray part file.
      await fsp.rm(temp, { force: true });
      throw error;
    }
    await fsp.rename(temp, target);
    await syncDirectory(path.dirname(target));
    return { size, sha256: hash.digest('hex') };
  }

  async importFile(key: string, file: string): Promise<void> {
    const target = this.resolve(key);
    if (path.resolve(file) === target) return;
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.rename(file, target);
    await syncDirectory(path.dirname(target));
  }

  // async so that a bad key is a rejected promise, as with every other method and driver.
  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const file = this.resolve(key);
    return fs.createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<BlobInfo | null> {
    try {
      const s = await fsp.stat(this.resolve(key));
      return { size: s.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.resolve(key), { force: true });
  }

  async sha256(key: string): Promise<string> {
    const hash = crypto.createHash('sha256');
    await pipeline(fs.createReadStream(this.resolve(key)), hash);
    return hash.digest('hex');
  }

  async localPath(key: string): Promise<{ path: string; release(): Promise<void> }> {
    const file = this.resolve(key);
    await fsp.access(file, fs.constants.R_OK);
    return { path: file, release: () => Promise.resolve() };
  }

  async ping(): Promise<void> {
    await fsp.access(this.root, fs.constants.W_OK);
  }

  async *list(): AsyncIterable<{ key: string; size: number }> {
    yield* walk(this.root, '');
  }
}

/** Files under `dir`, leaving out a put's unfinished `.part` files. */
async function* walk(dir: string, prefix: string): AsyncGenerator<{ key: string; size: number }> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const key = prefix + entry.name;
    if (entry.isDirectory()) yield* walk(path.join(dir, entry.name), `${key}/`);
    else if (entry.isFile() && !entry.name.endsWith('.part'))
      yield { key, size: (await fsp.stat(path.join(dir, entry.name))).size };
  }
}

/** Keys are slash-separated names of [a-zA-Z0-9._-]; nothing may climb out of the root (or the bucket's prefix). */
export function checkBlobKey(key: string): void {
  if (
    !/^[a-zA-Z0-9._-]+(\/[a-zA-Z0-9._-]+)*$/.test(key) ||
    key.split('/').some((p) => p === '..' || p === '.')
  ) {
    throw new Error(`bad blob key: ${key}`);
  }
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
