// The blob store: one small interface (put a stream, read a byte range, delete, hash) over local disk or S3.
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.js';
import { LocalBlobStore } from './local.js';

export interface BlobInfo {
  size: number;
}

export interface BlobStore {
  /** Writes the stream under `key` durably (fsynced) and returns its size and sha256. */
  put(key: string, body: Readable | Buffer): Promise<{ size: number; sha256: string }>;
  /** Bytes [start, end] inclusive, or the whole blob. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /**
   * Takes a finished file on local disk (a completed upload) into the store under `key`. The local driver moves it
   * (nothing to copy when it already lies at the key's place); other drivers upload it and remove the local file.
   */
  importFile(key: string, file: string): Promise<void>;
  stat(key: string): Promise<BlobInfo | null>;
  delete(key: string): Promise<void>;
  sha256(key: string): Promise<string>;
  /** A path on local disk for tools such as ffmpeg (local driver: the file itself; others: a temporary copy). */
  localPath(key: string): Promise<{ path: string; release(): Promise<void> }>;
  ping(): Promise<void>;
  /** Every blob once, with its size, in the driver's order: the inventory a backup copies. */
  list(): AsyncIterable<{ key: string; size: number }>;
}

/**
 * The configured driver. The S3 driver is loaded only when chosen, so a one-machine install never pays for the AWS
 * SDK's start-up time and memory.
 */
export async function createBlobStore(config: Config): Promise<BlobStore> {
  if (config.STORAGE_DRIVER === 's3') {
    const { S3BlobStore } = await import('./s3.js');
    return new S3BlobStore({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      tempDir: path.join(config.dataDir, 'tmp'),
    });
  }
  return new LocalBlobStore(config.mediaDir);
}
