// @tus/file-store appends without fsync, so an acknowledged offset could vanish on power loss. This store syncs
// the file (and tus's `.json` sidecar) before an offset is acknowledged: an acknowledged byte is a durable byte.
// A full disk truncates the file back to where the request found it, so the upload stays resumable.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type http from 'node:http';
import type stream from 'node:stream';
import { FileStore } from '@tus/file-store';
import { syncDirectory } from '../../storage/local.js';

type Upload = Awaited<ReturnType<FileStore['getUpload']>>;

/** What @tus/server turns into a 507 response; routes.ts turns that into the storage-full problem. */
export const STORAGE_FULL = Object.freeze({ status_code: 507, body: 'storage-full' });

export function isStorageFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** tus's upload records (`<id>.json` beside the bytes), written to a temporary file, synced and renamed. */
export class DurableConfigstore {
  constructor(readonly directory: string) {}

  private file(key: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error(`bad upload id: ${key}`);
    return path.join(this.directory, `${key}.json`);
  }

  async get(key: string): Promise<Upload | undefined> {
    try {
      return JSON.parse(await fsp.readFile(this.file(key), 'utf8')) as Upload;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: Upload): Promise<void> {
    const target = this.file(key);
    const temp = path.join(this.directory, `.${key}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    try {
      const handle = await fsp.open(temp, 'w');
      try {
        await handle.writeFile(JSON.stringify(value));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, target);
      await syncDirectory(this.directory);
    } catch (error) {
      await fsp.rm(temp, { force: true });
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.file(key), { force: true });
  }

  async list(): Promise<string[]> {
    const names = await fsp.readdir(this.directory);
    return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
  }
}

export class DurableFileStore extends FileStore {
  constructor(options: { directory: string }) {
    super({ directory: options.directory, configstore: new DurableConfigstore(options.directory) });
  }

  override async create(file: Upload): Promise<Upload> {
    try {
      return await super.create(file);
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- @tus/server's error shape, not an Error
      if (isStorageFull(error)) throw STORAGE_FULL;
      throw error;
    }
  }

  override async declareUploadLength(id: string, length: number): Promise<void> {
    try {
      await super.declareUploadLength(id, length);
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- @tus/server's error shape, not an Error
      if (isStorageFull(error)) throw STORAGE_FULL;
      throw error;
    }
  }

  /**
   * The sha256 of each upload this process has written since its first byte, and how many bytes it covers, so that
   * the last chunk need not read the whole file back to hash it. Only ever a shortcut: an upload continued by
   * another process (or after a restart, or a failed write) has none, and is hashed from the disk.
   */
  private readonly digests = new Map<string, { hash: crypto.Hash; covers: number }>();

  /** The sha256 of the first `size` bytes of an upload, if this process saw every one of them written. */
  takeDigest(fileId: string, size: number): string | null {
    const running = this.digests.get(fileId);
    this.digests.delete(fileId);
    return running?.covers === size ? running.hash.digest('hex') : null;
  }

  override async write(
    readable: http.IncomingMessage | stream.Readable,
    fileId: string,
    offset: number,
  ): Promise<number> {
    let running = this.digests.get(fileId);
    this.digests.delete(fileId);
    if (offset === 0) running = { hash: crypto.createHash('sha256'), covers: 0 };
    else if (running?.covers !== offset) running = undefined;

    const handle = await fsp.open(path.join(this.directory, fileId), 'r+');
    // Whatever has arrived goes to the disk as soon as the previous write is done, so that a fast sender's chunks
    // become large writes, one on its way to the disk while the next gathers; a sender that gets WRITE_BATCH ahead
    // of the disk waits for it.
    let position = offset;
    let batch: Buffer[] = [];
    let batched = 0;
    let inFlight = false;
    let writing: Promise<void> = Promise.resolve();
    const pump = () => {
      if (inFlight || batched === 0) return;
      const buffers = batch;
      const at = position;
      position += batched;
      batch = [];
      batched = 0;
      inFlight = true;
      writing = writeFully(handle, buffers, at).then(() => {
        inFlight = false;
        pump();
        for (const buffer of buffers) running?.hash.update(buffer);
      });
      // A failed write is seen where the loop next waits for it; until then it must not count as unhandled.
      writing.catch(() => undefined);
    };
    try {
      try {
        for await (const chunk of readable) {
          batch.push(chunk as Buffer);
          batched += (chunk as Buffer).length;
          pump();
          while (batched >= WRITE_BATCH) await writing;
        }
      } finally {
        // Whatever arrived is written, also when the connection dropped: HEAD will report it.
        pump();
        while (inFlight) await writing;
      }
      await handle.sync();
      if (running) {
        this.digests.set(fileId, { hash: running.hash, covers: position });
        this.forgetOldest();
      }
      return position;
    } catch (error) {
      if (isStorageFull(error)) {
        // Bytes past the request's offset may be half-written and were never acknowledged: drop them.
        await handle.truncate(offset);
        await handle.sync();
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- @tus/server's error shape, not an Error
        throw STORAGE_FULL;
      }
      await handle.sync().catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
  }

  /** Unfinished uploads beyond MAX_DIGESTS lose their running hash, the least recently written first. */
  private forgetOldest(): void {
    for (const id of this.digests.keys()) {
      if (this.digests.size <= MAX_DIGESTS) return;
      this.digests.delete(id);
    }
  }
}

const MAX_DIGESTS = 10_000;
const WRITE_BATCH = 1024 * 1024;

async function writeFully(handle: fsp.FileHandle, buffers: Buffer[], at: number): Promise<void> {
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  const written = (await handle.writev(buffers, at)).bytesWritten;
  if (written === total) return;
  // A short write (rare): the rest, from where it stopped.
  const rest = Buffer.concat(buffers, total).subarray(written);
  let done = 0;
  while (done < rest.length) {
    const { bytesWritten } = await handle.write(rest, done, rest.length - done, at + written + done);
    done += bytesWritten;
  }
}
