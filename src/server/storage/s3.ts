// S3-compatible blob store (AWS S3, MinIO, Ceph RGW…): streamed multipart puts, ranged gets, hashes while streaming.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline as streamPipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BlobInfo, BlobStore } from './index.js';
import { checkBlobKey } from './local.js';

export interface S3Settings {
  /** Empty for AWS itself; otherwise the server's base URL, e.g. http://minio:9000. */
  endpoint: string;
  region: string;
  bucket: string;
  /** Empty: the SDK's default credential chain (environment, instance role…). */
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Where `localPath` puts its temporary copies (ffmpeg reads files, not streams). */
  tempDir: string;
}

/** Above one part the body goes up in parts of this size; a recording of a few minutes is a handful of parts. */
export const S3_PART_SIZE = 8 * 1024 * 1024;
/** Parts in flight per put: bounds the memory of one put to about QUEUE × PART bytes. */
const S3_QUEUE_SIZE = 2;

export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly tempDir: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.tempDir = settings.tempDir;
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.accessKeyId
        ? {
            credentials: {
              accessKeyId: settings.accessKeyId,
              secretAccessKey: settings.secretAccessKey,
            },
          }
        : {}),
      // The SDK's default CRC trailers on every request are not understood by many S3-compatible servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // A dead endpoint must fail /readyz quickly instead of hanging it.
      requestHandler: { connectionTimeout: 5000 },
    });
  }

  async put(key: string, body: Readable | Buffer): Promise<{ size: number; sha256: string }> {
    checkBlobKey(key);
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    const hasher = new HashingStream();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: hasher },
      partSize: S3_PART_SIZE,
      queueSize: S3_QUEUE_SIZE,
      leavePartsOnError: false,
    });
    let sourceFailure: Error | undefined;
    const piping = pipeline(source, hasher).catch((error: unknown) => {
      sourceFailure ??= error instanceof Error ? error : new Error(String(error));
    });
    try {
      await upload.done();
    } catch (error) {
      // A body that broke off is the cause; the upload's own error (or a failed abort) is only its echo.
      const cause = sourceFailure ?? error;
      hasher.destroy();
      await piping;
      throw cause;
    }
    await piping;
    if (sourceFailure) throw sourceFailure;
    return { size: hasher.bytes, sha256: hasher.digest() };
  }

  async importFile(key: string, file: string): Promise<void> {
    checkBlobKey(key);
    const expected = (await fsp.stat(file)).size;
    const { size } = await this.put(key, fs.createReadStream(file));
    // The local file is the only copy until the store holds every byte of it.
    if (size !== expected) throw new Error(`import of ${key}: stored ${size} of ${expected} bytes`);
    await fsp.rm(file, { force: true });
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    checkBlobKey(key);
    const result = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }),
    );
    if (!(result.Body instanceof Readable)) throw new Error(`get ${key}: no body`);
    if (!range) return result.Body;
    // Some S3-compatible servers send more than was asked (s3rver answers bytes=0-0 with the whole object); the
    // caller has promised its client exactly end - start + 1 bytes.
    const served = /^bytes (\d+)-(\d+)\//.exec(result.ContentRange ?? '');
    const from = served ? Number(served[1]) : 0;
    const wanted = range.end - range.start + 1;
    if (from === range.start && result.ContentLength === wanted) return result.Body;
    if (from > range.start) {
      result.Body.destroy();
      throw new Error(`get ${key}: asked for bytes from ${range.start}, got from ${from}`);
    }
    const window = new ByteWindow(range.start - from, wanted);
    streamPipeline(result.Body, window, () => undefined);
    return window;
  }

  async stat(key: string): Promise<BlobInfo | null> {
    checkBlobKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    checkBlobKey(key);
    // S3 answers 204 whether or not the object existed, so a repeated delete is harmless.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async sha256(key: string): Promise<string> {
    const hash = crypto.createHash('sha256');
    await pipeline(await this.get(key), hash);
    return hash.digest('hex');
  }

  async localPath(key: string): Promise<{ path: string; release(): Promise<void> }> {
    const body = await this.get(key);
    await fsp.mkdir(this.tempDir, { recursive: true });
    const file = path.join(this.tempDir, `${crypto.randomUUID()}${path.extname(key)}`);
    const release = () => fsp.rm(file, { force: true });
    try {
      await pipeline(body, fs.createWriteStream(file));
    } catch (error) {
      await release();
      throw error;
    }
    return { path: file, release };
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  async *list(): AsyncIterable<{ key: string; size: number }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key) yield { key: object.Key, size: object.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
  );
}

/** Passes bytes through unchanged, counting and hashing them on the way to the upload. */
class HashingStream extends Transform {
  // Not `size`: lib-storage reads a body's `size` as its total length.
  bytes = 0;
  private readonly hash = crypto.createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Lets through `length` bytes after skipping `skip`, then ends. */
class ByteWindow extends Transform {
  constructor(
    private skip: number,
    private remaining: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.remaining <= 0) return callback();
    const from = Math.min(this.skip, chunk.length);
    this.skip -= from;
    const part = chunk.subarray(from, from + this.remaining);
    this.remaining -= part.length;
    if (part.length > 0) this.push(part);
    callback();
  }
}
