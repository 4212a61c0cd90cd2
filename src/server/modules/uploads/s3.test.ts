// Uploads with the blob store in S3 (s3rver on loopback): the finished original moves into the bucket, the upload
// still answers HEAD from its row, and discarding or sweeping an unclaimed upload removes its object too.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  defaultUploader,
  headUpload,
  patchChunk,
  sampleRecording,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';
import { findMedia } from '../../media/repository.js';
import { s3rverClient, startS3rver, type RunningS3rver } from '../../storage/s3rver.js';
import { sweepAbandonedUploads } from './sweep.js';

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe(`uploads into S3 (${testDialect})`, () => {
  let s3: RunningS3rver;
  let ctx: TestContext;
  let bucket: S3Client;

  beforeAll(async () => {
    s3 = await startS3rver();
    bucket = s3rverClient(s3);
    ctx = await createTestContext({ env: s3.env, now: new Date().toISOString() });
  });
  afterAll(async () => {
    await ctx?.close();
    bucket?.destroy();
    await s3?.close();
  });

  const inBucket = (key: string) =>
    bucket.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key })).then(
      () => true,
      () => false,
    );
  const local = (id: string) => path.join(ctx.services.config.mediaDir, 'uploads', id);

  it('moves the finished original into the bucket, byte for byte, and still answers HEAD', async () => {
    const bytes = sampleRecording('webm', 2);
    const id = await uploadRecording(ctx.app, bytes, 20_000);
    const row = await findMedia(ctx.services.db, id);
    expect(row).toMatchObject({ state: 'uploaded', sha256: sha256(bytes) });
    expect(fs.existsSync(local(id))).toBe(false);
    const got = await bucket.send(new GetObjectCommand({ Bucket: s3.bucket, Key: row?.original_key }));
    expect(sha256(Buffer.from(await got.Body!.transformToByteArray()))).toBe(sha256(bytes));

    const head = await headUpload(ctx.app, `/api/uploads/${id}`);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(bytes.length));
    expect(head.headers['upload-length']).toBe(String(bytes.length));
    const repeat = await patchChunk(ctx.app, `/api/uploads/${id}`, bytes.length, Buffer.alloc(0));
    expect(repeat.statusCode).toBe(204);
  });

  it('removes the object when an unclaimed upload is discarded or swept', async () => {
    const bytes = sampleRecording('webm', 2);
    const discarded = await uploadRecording(ctx.app, bytes);
    const key = `uploads/${discarded}`;
    expect(await inBucket(key)).toBe(true);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/uploads/${discarded}`,
      headers: { 'tus-resumable': '1.0.0', ...defaultUploader(ctx.app) },
    });
    expect(del.statusCode).toBe(204);
    expect(await inBucket(key)).toBe(false);

    const abandoned = await uploadRecording(ctx.app, bytes);
    expect(await inBucket(`uploads/${abandoned}`)).toBe(true);
    ctx.clock.advance(25 * 3600 * 1000);
    const removed = await sweepAbandonedUploads(ctx.services);
    // This one and the first test's, which nobody submitted either.
    expect(removed.uploads).toBe(2);
    expect(await inBucket(`uploads/${abandoned}`)).toBe(false);
    expect(await findMedia(ctx.services.db, abandoned)).toBeUndefined();
  });
});
