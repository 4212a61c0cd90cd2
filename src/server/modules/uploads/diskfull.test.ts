// A full disk during an upload, for real: the uploads directory is a small tmpfs that the test fills. The server
// answers 507 storage-full, keeps exactly the bytes it had before the failed chunk, and resumes once space returns.
// Mounting needs root (as in CI).
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestContext,
  createUpload,
  headUpload,
  patchChunk,
  sampleRecording,
  testDialect,
  type TestContext,
} from '../../testing.js';
import { findMedia } from '../../media/repository.js';

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe(`a full disk during an upload (${testDialect})`, () => {
  let ctx: TestContext;
  let uploadsDir: string;
  let filler: string;
  let mounted = false;

  beforeAll(async () => {
    ctx = await createTestContext();
    uploadsDir = path.join(ctx.services.config.mediaDir, 'uploads');
    filler = path.join(uploadsDir, '.filler');
    fs.mkdirSync(uploadsDir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', uploadsDir]);
    mounted = true;
  });
  // A failed test must not leave the disk full for the next one.
  afterEach(() => free());
  afterAll(async () => {
    if (mounted) execFileSync('umount', [uploadsDir]);
    await ctx.close();
  });

  /** Fills the disk so that about `leave` bytes stay free. */
  function fill(leave: number) {
    const { bavail, bsize } = fs.statfsSync(uploadsDir);
    const size = Math.max(0, Number(bavail) * Number(bsize) - leave);
    fs.writeFileSync(filler, Buffer.alloc(size, 7));
  }
  const free = () => fs.rmSync(filler, { force: true });
  const held = (id: string) => fs.readFileSync(path.join(uploadsDir, id));

  function expectStorageFull(res: LightMyRequestResponse, offset: number) {
    expect(res.statusCode).toBe(507);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ type: string }>().type).toBe('/problems/storage-full');
    expect(res.headers['upload-offset']).toBe(String(offset));
  }

  it('answers 507, keeps the bytes it had before the chunk, and finishes once space returns', async () => {
    const bytes = sampleRecording('webm', 3);
    const chunk = 16 * 1024;
    const { id, location } = await createUpload(ctx.app);
    let offset = 0;
    for (; offset < 2 * chunk; offset += chunk) {
      expect(
        (await patchChunk(ctx.app, location, offset, bytes.subarray(offset, offset + chunk))).statusCode,
      ).toBe(204);
    }
    fill(40 * 1024);
    let failed: LightMyRequestResponse | null = null;
    while (offset + chunk < bytes.length) {
      const res = await patchChunk(ctx.app, location, offset, bytes.subarray(offset, offset + chunk));
      if (res.statusCode !== 204) {
        failed = res;
        break;
      }
      offset += chunk;
    }
    if (!failed) throw new Error('the disk never filled up');
    expectStorageFull(failed, offset);
    // Nothing half-written stays behind, and a retry while still full changes nothing.
    expect(held(id).equals(bytes.subarray(0, offset))).toBe(true);
    expectStorageFull(
      await patchChunk(ctx.app, location, offset, bytes.subarray(offset, offset + chunk)),
      offset,
    );
    const head = await headUpload(ctx.app, location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(offset));
    expect(held(id).equals(bytes.subarray(0, offset))).toBe(true);
    expect((await findMedia(ctx.services.db, id))?.state).toBe('uploading');

    free();
    for (; offset < bytes.length; offset += chunk) {
      const end = Math.min(bytes.length, offset + chunk);
      const res = await patchChunk(
        ctx.app,
        location,
        offset,
        bytes.subarray(offset, end),
        end === bytes.length ? bytes.length : undefined,
      );
      expect(res.statusCode, res.body).toBe(204);
    }
    expect(sha256(held(id))).toBe(sha256(bytes));
    expect(await findMedia(ctx.services.db, id)).toMatchObject({ state: 'uploaded', sha256: sha256(bytes) });
  });

  it('lets the client repeat a final chunk that declared the length and then hit the full disk', async () => {
    const bytes = sampleRecording('webm', 2);
    const lastFrom = bytes.length - 40 * 1024;
    const { id, location } = await createUpload(ctx.app);
    expect((await patchChunk(ctx.app, location, 0, bytes.subarray(0, lastFrom))).statusCode).toBe(204);
    // Room for tus's small record of the length, not for the chunk.
    fill(8 * 1024);
    const last = () => patchChunk(ctx.app, location, lastFrom, bytes.subarray(lastFrom), bytes.length);
    expectStorageFull(await last(), lastFrom);
    const head = await headUpload(ctx.app, location);
    expect(head.headers['upload-offset']).toBe(String(lastFrom));
    expect(head.headers['upload-length']).toBe(String(bytes.length));
    expect(held(id).equals(bytes.subarray(0, lastFrom))).toBe(true);

    free();
    const done = await last();
    expect(done.statusCode, done.body).toBe(204);
    expect(await findMedia(ctx.services.db, id)).toMatchObject({ state: 'uploaded', sha256: sha256(bytes) });
  });

  it('refuses to start an upload on a full disk with 507 and leaves no row behind', async () => {
    const before = await ctx.services.db.selectFrom('media_files').select('id').execute();
    fill(0);
    try {
      const { response } = await createUpload(ctx.app);
      expect(response.statusCode).toBe(507);
      expect(response.json<{ type: string }>().type).toBe('/problems/storage-full');
    } finally {
      free();
    }
    const after = await ctx.services.db.selectFrom('media_files').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});
