// An appeal end to end with its media in an S3-compatible store (s3rver on loopback): portraits, the original, the
// playback copy and the poster all live in the bucket, and the office streams the video from there by ranges.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  firstOfficialId,
  loginAs,
  sampleRecording,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../testing.js';
import type { Receipt } from '../../common/api.js';
import { s3rverClient, startS3rver, type RunningS3rver } from './s3rver.js';

let s3: RunningS3rver;
let ctx: TestContext;
/** A client of its own, so what the test reads is what the bucket holds, not what the app's store says. */
let bucket: S3Client;

beforeAll(async () => {
  s3 = await startS3rver();
  bucket = s3rverClient(s3);
  ctx = await createTestContext({ env: s3.env });
});
afterAll(async () => {
  await ctx?.close();
  bucket?.destroy();
  await s3?.close();
});

async function keysInBucket(): Promise<string[]> {
  const listed = await bucket.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  return (listed.Contents ?? []).map((o) => o.Key ?? '');
}

async function objectBytes(key: string): Promise<Buffer> {
  const got = await bucket.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return Buffer.from(await got.Body!.transformToByteArray());
}

/** Every file under a directory, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe(`an appeal with its media in S3 (${testDialect})`, () => {
  const recording = sampleRecording('webm', 3);
  let appealId: string;

  it('keeps the seeded officials’ portraits in the bucket and serves them from there', async () => {
    const keys = await keysInBucket();
    const portraits = keys.filter((k) => /^photos\/.+\.svg$/.test(k));
    expect(portraits.length).toBeGreaterThan(0);
    const officials = (await ctx.app.inject({ method: 'GET', url: '/api/directory/officials' })).json<
      { photoUrl: string | null }[]
    >();
    const photoUrl = officials.find((o) => o.photoUrl)?.photoUrl;
    expect(photoUrl).toBeTruthy();
    const photo = await ctx.app.inject({ method: 'GET', url: photoUrl! });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/svg+xml');
    const served = photo.rawPayload;
    const stored = await Promise.all(portraits.map(objectBytes));
    expect(stored.some((bytes) => bytes.equals(served))).toBe(true);
  });

  it('registers a streamed recording whose original then lives in the bucket, not on local disk', async () => {
    const uploadId = await uploadRecording(ctx.app, recording, 64 * 1024);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      payload: {
        uploadId,
        phone: '+7 701 234 5678',
        officialId: await firstOfficialId(ctx.app),
        type: 'complaint',
        language: 'ru',
        source: 'kiosk',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json<Receipt>();
    const appeal = await ctx.services.db
      .selectFrom('appeals')
      .select(['id', 'media_id'])
      .where('registration_number', '=', receipt.registrationNumber)
      .executeTakeFirstOrThrow();
    appealId = appeal.id;
    const media = await ctx.services.db
      .selectFrom('media_files')
      .selectAll()
      .where('id', '=', appeal.media_id)
      .executeTakeFirstOrThrow();
    expect(media.sha256).toBe(crypto.createHash('sha256').update(recording).digest('hex'));
    const original = await objectBytes(media.original_key);
    expect(original.equals(recording)).toBe(true);
    // Only uploads still in progress stay on local disk; this one is finished and in the bucket.
    expect(filesUnder(path.join(ctx.dataDir, 'media')).filter((f) => !f.endsWith('.json'))).toEqual([]);
  });

  it('processes it into a playback copy and a poster in the bucket, with no temporary copies left', async () => {
    await ctx.drain();
    const media = await ctx.services.db
      .selectFrom('media_files')
      .selectAll()
      .where('appeal_id', '=', appealId)
      .executeTakeFirstOrThrow();
    expect(media.state, media.failure_reason ?? '').toBe('ready');
    const keys = await keysInBucket();
    expect(keys).toEqual(expect.arrayContaining([media.original_key, media.playback_key, media.poster_key]));
    // localPath lent ffmpeg a temporary copy of the original; release removed it.
    expect(filesUnder(path.join(ctx.dataDir, 'tmp'))).toEqual([]);
  });

  it('streams the video to the official by byte range, the same bytes as the bucket holds, and the poster', async () => {
    const media = await ctx.services.db
      .selectFrom('media_files')
      .selectAll()
      .where('appeal_id', '=', appealId)
      .executeTakeFirstOrThrow();
    const stored = await objectBytes(media.playback_key!);
    expect(stored.length).toBeGreaterThan(1000);
    const cookie = await loginAs(ctx.app, 'official');
    const url = `/api/office/appeals/${appealId}/video`;
    const last = stored.length - 1;
    for (const [start, end] of [
      [0, 1],
      [0, 0],
      [500, 999],
      [last, last],
    ] as const) {
      const part = await ctx.app.inject({
        method: 'GET',
        url,
        headers: { cookie, range: `bytes=${start}-${end}` },
      });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes ${start}-${end}/${stored.length}`);
      expect(part.rawPayload.equals(stored.subarray(start, end + 1))).toBe(true);
    }
    const tail = await ctx.app.inject({ method: 'GET', url, headers: { cookie, range: 'bytes=-100' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(stored.subarray(stored.length - 100))).toBe(true);
    const whole = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(stored)).toBe(true);

    const poster = await ctx.app.inject({
      method: 'GET',
      url: `/api/office/appeals/${appealId}/poster`,
      headers: { cookie },
    });
    expect(poster.statusCode).toBe(200);
    expect(poster.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(poster.rawPayload.equals(await objectBytes(media.poster_key!))).toBe(true);
  });

  it('is ready while the bucket answers, and says the storage is not when it is gone', async () => {
    const ready = await ctx.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', storage: 'ok' } });
    await s3.close();
    const down = await ctx.app.inject('/readyz');
    expect(down.statusCode).toBe(503);
    expect(down.json<{ checks: Record<string, string> }>().checks.database).toBe('ok');
    expect(down.json<{ checks: Record<string, string> }>().checks.storage).not.toBe('ok');
  });
});
