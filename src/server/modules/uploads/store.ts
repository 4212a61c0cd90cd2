// @tus/file-store appends without fsync, so an acknowledged offset could vanish on power loss. This store syncs
// the file before the offset is acknowledged: an acknowledged byte is a durable byte.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type http from 'node:http';
import type stream from 'node:stream';
import { FileStore } from '@tus/file-store';

export class DurableFileStore extends FileStore {
  override async write(
    readable: http.IncomingMessage | stream.Readable,
    fileId: string,
    offset: number,
  ): Promise<number> {
    const newOffset = await super.write(readable, fileId, offset);
    const handle = await fsp.open(path.join(this.directory, fileId), 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return newOffset;
  }
}
