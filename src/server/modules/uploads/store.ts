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

  override async write(
    readable: http.IncomingMessage | stream.Readable,
    fileId: string,
    offset: number,
  ): Promise<number> {
    const handle = await fsp.open(path.join(this.directory, fileId), 'r+');
    let position = offset;
    try {
      for await (const chunk of readable) {
        const buffer = chunk as Buffer;
        let done = 0;
        while (done < buffer.length) {
          const { bytesWritten } = await handle.write(buffer, done, buffer.length - done, position);
          done += bytesWritten;
          position += bytesWritten;
        }
      }
      await handle.sync();
      return position;
    } catch (error) {
      if (isStorageFull(error)) {
        // Bytes past the request's offset may be half-written and were never acknowledged: drop them.
        await handle.truncate(offset);
        await handle.sync();
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- @tus/server's error shape, not an Error
        throw STORAGE_FULL;
      }
      // A dropped connection keeps what arrived; make it durable, since HEAD will report it.
      await handle.sync().catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
  }
}
