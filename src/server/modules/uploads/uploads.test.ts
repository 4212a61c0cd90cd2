// The tus endpoint through HTTP, on SQLite or PostgreSQL (TEST_DATABASE): who may touch an upload, what creation
// metadata is accepted, offsets that overlap or leave a gap, the size cap, and what the last byte sets in motion.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestContext,
  createUpload,
  firstOfficialId,
  headUpload,
  patchChunk,
  sampleRecording,
  testDialect,
  uploadRecording,
  type TestContext,
  type Uploader,
} from '../../testing.js';
import { kioskTokenHash } from '../kiosks/service.js';
import { findMedia } from '../../media/repository.js';

const TUS = { 'tus-resumable': '1.0.0' };
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

function problemOf(res: LightMyRequestResponse) {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json<{ type: string; status: number }>().type.replace('/problems/', '');
}

/** A paired booth, made directly in the table: its bearer credential. */
async function booth(ctx: TestContext, name: string): Promise<Uploader & { kioskId: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const kioskId = crypto.randomUUID();
  await ctx.services.db
    .insertInto('kiosks')
    .values({
      id: kioskId,
      name,
      location: 'Öskemen',
      token_hash: kioskTokenHash(token),
      last_heartbeat_at: null,
      created_at: ctx.clock.now().toISOString(),
      revoked_at: null,
      software_version: null,
      last_ip: null,
    })
    .execute();
  return { authorization: `Bearer ${token}`, kioskId };
}

async function newBrowser(ctx: TestContext): Promise<Uploader> {
  const { as } = await createUpload(ctx.app, 'video/webm', { as: {} });
  if (!as.cookie) throw new Error('no uploader cookie');
  return as;
}

function heldBytes(ctx: TestContext, id: string): Buffer {
  return fs.readFileSync(path.join(ctx.services.config.mediaDir, 'uploads', id));
}

describe(`who may touch an upload (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('gives a browser an HttpOnly uploader cookie with its first upload and ties the upload to it', async () => {
    const { id, response, as } = await createUpload(ctx.app, 'video/webm', { as: {} });
    expect(response.statusCode, response.body).toBe(201);
    const cookie = response.cookies.find((c) => c.name === 'dialog_uploader');
    expect(cookie).toMatchObject({ path: '/api', httpOnly: true, sameSite: 'Strict' });
    const row = await findMedia(ctx.services.db, id);
    const value = (as.cookie ?? '').split('=')[1] ?? '';
    expect(row?.owner).toBe(`session:${crypto.createHash('sha256').update(value).digest('hex')}`);

    // The same browser keeps its cookie: no second one is handed out.
    const again = await createUpload(ctx.app, 'video/webm', { as });
    expect(again.response.statusCode).toBe(201);
    expect(again.response.cookies.find((c) => c.name === 'dialog_uploader')).toBeUndefined();
  });

  it("refuses another browser, no cookie and a booth on a browser's upload, and keeps the bytes", async () => {
    const owner = await newBrowser(ctx);
    const stranger = await newBrowser(ctx);
    const kiosk = await booth(ctx, 'booth 1');
    const bytes = sampleRecording('webm', 2);
    const { id, location } = await createUpload(ctx.app, 'video/webm', { as: owner });
    expect(
      (await patchChunk(ctx.app, location, 0, bytes.subarray(0, 1000), undefined, owner)).statusCode,
    ).toBe(204);

    for (const who of [stranger, { cookie: 'dialog_uploader=' + 'x'.repeat(43) }, kiosk, { cookie: '' }]) {
      const head = await headUpload(ctx.app, location, who);
      expect(head.statusCode).toBe(403);
      const patch = await patchChunk(ctx.app, location, 1000, bytes.subarray(1000, 2000), undefined, who);
      expect(patch.statusCode).toBe(403);
      expect(problemOf(patch)).toBe('upload-forbidden');
      const del = await ctx.app.inject({ method: 'DELETE', url: location, headers: { ...TUS, ...who } });
      expect(del.statusCode).toBe(403);
    }
    expect(heldBytes(ctx, id).equals(bytes.subarray(0, 1000))).toBe(true);
    const head = await headUpload(ctx.app, location, owner);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe('1000');
  });

  it("refuses another booth and a browser on a booth's upload", async () => {
    const first = await booth(ctx, 'booth A');
    const second = await booth(ctx, 'booth B');
    const { id, location, response } = await createUpload(ctx.app, 'video/webm', { as: first });
    expect(response.statusCode).toBe(201);
    expect(response.cookies.find((c) => c.name === 'dialog_uploader')).toBeUndefined();
    expect((await findMedia(ctx.services.db, id))?.owner).toBe(`kiosk:${first.kioskId}`);
    const bytes = sampleRecording('webm', 2);
    for (const who of [second, await newBrowser(ctx)]) {
      expect((await headUpload(ctx.app, location, who)).statusCode).toBe(403);
      expect(
        (await patchChunk(ctx.app, location, 0, bytes.subarray(0, 100), undefined, who)).statusCode,
      ).toBe(403);
      const del = await ctx.app.inject({ method: 'DELETE', url: location, headers: { ...TUS, ...who } });
      expect(del.statusCode).toBe(403);
    }
    expect((await patchChunk(ctx.app, location, 0, bytes, bytes.length, first)).statusCode).toBe(204);
    expect((await findMedia(ctx.services.db, id))?.sha256).toBe(sha256(bytes));
  });

  it('answers 404 for an upload that does not exist, and 401 for a bad booth credential', async () => {
    const owner = await newBrowser(ctx);
    const head = await headUpload(ctx.app, '/api/uploads/AAAAAAAAAAAAAAAAAAAAAA', owner);
    expect(head.statusCode).toBe(404);
    const { location } = await createUpload(ctx.app, 'video/webm', { as: owner });
    const forged = await headUpload(ctx.app, location, { authorization: `Bearer ${'Z'.repeat(43)}` });
    expect(forged.statusCode).toBe(401);
  });

  it('lets the owner abandon an unfinished upload, never one that belongs to an appeal', async () => {
    const owner = await newBrowser(ctx);
    const { id, location } = await createUpload(ctx.app, 'video/webm', { as: owner });
    await patchChunk(ctx.app, location, 0, Buffer.alloc(500, 1), undefined, owner);
    const del = await ctx.app.inject({ method: 'DELETE', url: location, headers: { ...TUS, ...owner } });
    expect(del.statusCode).toBe(204);
    expect(await findMedia(ctx.services.db, id)).toBeUndefined();
    expect(fs.existsSync(path.join(ctx.services.config.mediaDir, 'uploads', id))).toBe(false);
    expect(fs.existsSync(path.join(ctx.services.config.mediaDir, 'uploads', `${id}.json`))).toBe(false);
    expect((await headUpload(ctx.app, location, owner)).statusCode).toBe(404);

    const officialId = await firstOfficialId(ctx.app);
    const used = await uploadRecording(ctx.app, sampleRecording('webm', 2), 64 * 1024, 'video/webm', {
      as: owner,
    });
    const submitted = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { cookie: owner.cookie },
      payload: {
        uploadId: used,
        phone: '+7 701 234 5678',
        officialId,
        type: 'complaint',
        language: 'ru',
        source: 'web',
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const refused = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/uploads/${used}`,
      headers: { ...TUS, ...owner },
    });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused)).toBe('upload-already-used');
    expect((await findMedia(ctx.services.db, used))?.appeal_id).toBeTruthy();
  });
});

describe(`what an upload may declare (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  async function reservation(owner: string, changes: { expiresInMs?: number; appealId?: string } = {}) {
    const id = crypto.randomUUID();
    const now = ctx.clock.now();
    await ctx.services.db
      .insertInto('appeal_reservations')
      .values({
        id,
        registration_number: `261118-9${crypto.randomInt(100000).toString().padStart(5, '0')}`,
        access_code_hash: 'x',
        owner,
        kiosk_id: null,
        registered_on: '2026-11-18',
        deadline_on: '2026-12-09',
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + (changes.expiresInMs ?? 86_400_000)).toISOString(),
        appeal_id: changes.appealId ?? null,
      })
      .execute();
    return id;
  }

  const ownerOf = async (as: Uploader) => {
    const { id } = await createUpload(ctx.app, 'video/webm', { as });
    return (await findMedia(ctx.services.db, id))?.owner ?? '';
  };

  it('ties an upload to a live reservation of the same owner', async () => {
    const me = await newBrowser(ctx);
    const reservationId = await reservation(await ownerOf(me));
    const { id, response } = await createUpload(ctx.app, 'video/webm', {
      as: me,
      metadata: { reservation: reservationId },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect((await findMedia(ctx.services.db, id))?.reservation_id).toBe(reservationId);
  });

  it("refuses a reservation that is unknown, expired, spent, or someone else's", async () => {
    const me = await newBrowser(ctx);
    const mine = await ownerOf(me);
    const other = await newBrowser(ctx);
    const expired = await reservation(mine, { expiresInMs: -1000 });
    const theirs = await reservation(await ownerOf(other));
    const officialId = await firstOfficialId(ctx.app);
    const recording = await uploadRecording(ctx.app, sampleRecording('webm', 2), 64 * 1024, 'video/webm', {
      as: me,
    });
    const appeal = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { cookie: me.cookie },
      payload: {
        uploadId: recording,
        phone: '+7 701 234 5678',
        officialId,
        type: 'complaint',
        language: 'ru',
        source: 'web',
      },
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    const appealId = (await findMedia(ctx.services.db, recording))?.appeal_id ?? '';
    const spent = await reservation(mine, { appealId });

    const cases: [string, string][] = [
      [crypto.randomUUID(), 'reservation-not-found'],
      [expired, 'reservation-not-found'],
      [spent, 'reservation-not-found'],
      [theirs, 'upload-forbidden'],
    ];
    const before = await ctx.services.db.selectFrom('media_files').select('id').execute();
    for (const [reservationId, slug] of cases) {
      const { response } = await createUpload(ctx.app, 'video/webm', {
        as: me,
        metadata: { reservation: reservationId },
      });
      expect(response.statusCode).toBe(slug === 'upload-forbidden' ? 403 : 404);
      expect(problemOf(response)).toBe(slug);
    }
    const after = await ctx.services.db.selectFrom('media_files').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('accepts a sound-only type only for a recording marked audio-only, and marks it', async () => {
    const me = await newBrowser(ctx);
    for (const mime of ['audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4']) {
      const plain = await createUpload(ctx.app, mime, { as: me });
      expect(plain.response.statusCode).toBe(415);
      expect(problemOf(plain.response)).toBe('unsupported-media-type');
      const marked = await createUpload(ctx.app, mime, { as: me, metadata: { audioOnly: '1' } });
      expect(marked.response.statusCode, marked.response.body).toBe(201);
      expect((await findMedia(ctx.services.db, marked.id))?.audio_only).toBe(1);
    }
    const video = await createUpload(ctx.app, 'video/webm', { as: me });
    expect((await findMedia(ctx.services.db, video.id))?.audio_only).toBe(0);
    const videoMarked = await createUpload(ctx.app, 'video/webm', { as: me, metadata: { audioOnly: '1' } });
    expect((await findMedia(ctx.services.db, videoMarked.id))?.audio_only).toBe(1);
    for (const mime of ['text/plain', 'image/png', 'audio/wav']) {
      const refused = await createUpload(ctx.app, mime, { as: me, metadata: { audioOnly: '1' } });
      expect(refused.response.statusCode).toBe(415);
    }
  });
});

describe(`offsets and sizes (${testDialect})`, () => {
  let ctx: TestContext;
  const max = 64 * 1024;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { UPLOAD_MAX_BYTES: String(max) } });
  });
  afterAll(() => ctx.close());

  it('refuses an overlapping and a gapped chunk with 409 and the held offset, and keeps the bytes', async () => {
    const bytes = crypto.randomBytes(3000);
    const { id, location } = await createUpload(ctx.app);
    expect((await patchChunk(ctx.app, location, 0, bytes.subarray(0, 1000))).statusCode).toBe(204);
    for (const offset of [0, 999, 1001, 2000]) {
      const wrong = await patchChunk(ctx.app, location, offset, Buffer.alloc(500, 0xff));
      expect(wrong.statusCode).toBe(409);
      expect(problemOf(wrong)).toBe('upload-offset-mismatch');
      expect(wrong.headers['upload-offset']).toBe('1000');
      expect(heldBytes(ctx, id).equals(bytes.subarray(0, 1000))).toBe(true);
    }
    expect((await headUpload(ctx.app, location)).headers['upload-offset']).toBe('1000');
    expect((await patchChunk(ctx.app, location, 1000, bytes.subarray(1000), bytes.length)).statusCode).toBe(
      204,
    );
    expect(heldBytes(ctx, id).equals(bytes)).toBe(true);
  });

  it('refuses a chunk that would pass UPLOAD_MAX_BYTES, and a declared length above it, with 413', async () => {
    const { location } = await createUpload(ctx.app);
    expect((await patchChunk(ctx.app, location, 0, Buffer.alloc(max - 10, 1))).statusCode).toBe(204);
    const over = await patchChunk(ctx.app, location, max - 10, Buffer.alloc(11, 1));
    expect(over.statusCode).toBe(413);
    expect(problemOf(over)).toBe('payload-too-large');
    expect((await headUpload(ctx.app, location)).headers['upload-offset']).toBe(String(max - 10));

    const declared = await createUpload(ctx.app);
    const tooLong = await patchChunk(ctx.app, declared.location, 0, Buffer.alloc(10, 1), max + 1);
    expect(tooLong.statusCode).toBe(413);
    const whole = await ctx.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...TUS, cookie: declared.as.cookie, 'upload-length': String(max + 1) },
    });
    expect(whole.statusCode).toBe(413);
  });
});

describe(`the last byte (${testDialect})`, () => {
  let ctx: TestContext;
  let officialId: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    officialId = await firstOfficialId(ctx.app);
  });
  afterAll(() => ctx.close());

  it('records the size and sha256, and answers HEAD of a finished upload from its row', async () => {
    const bytes = sampleRecording('webm', 2);
    const id = await uploadRecording(ctx.app, bytes, 10_000);
    const row = await findMedia(ctx.services.db, id);
    expect(row).toMatchObject({ state: 'uploaded', sha256: sha256(bytes) });
    // PostgreSQL hands bigint columns back as strings.
    expect(Number(row?.size_bytes)).toBe(bytes.length);
    const head = await headUpload(ctx.app, `/api/uploads/${id}`);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(bytes.length));
    expect(head.headers['upload-length']).toBe(String(bytes.length));
    // A repeat of the last, empty PATCH (its reply was lost) is answered, more bytes are not.
    expect((await patchChunk(ctx.app, `/api/uploads/${id}`, bytes.length, Buffer.alloc(0))).statusCode).toBe(
      204,
    );
    const more = await patchChunk(ctx.app, `/api/uploads/${id}`, bytes.length, Buffer.alloc(10));
    expect(more.statusCode).toBe(409);
    expect(more.headers['upload-offset']).toBe(String(bytes.length));
  });

  it('finishes an upload whose last byte landed before the server could take note, at the next HEAD', async () => {
    const bytes = sampleRecording('webm', 2);
    const id = await uploadRecording(ctx.app, bytes);
    // What a kill -9 between the write and the finish hook leaves behind.
    await ctx.services.db
      .updateTable('media_files')
      .set({ state: 'uploading', size_bytes: null, sha256: null })
      .where('id', '=', id)
      .execute();
    const head = await headUpload(ctx.app, `/api/uploads/${id}`);
    expect(head.headers['upload-offset']).toBe(String(bytes.length));
    expect(await findMedia(ctx.services.db, id)).toMatchObject({ state: 'uploaded', sha256: sha256(bytes) });
  });

  it('sends a recording whose appeal was registered before its last byte straight to processing', async () => {
    const bytes = sampleRecording('webm', 2);
    const first = await uploadRecording(ctx.app, bytes);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      payload: {
        uploadId: first,
        phone: '+7 701 234 5678',
        officialId,
        type: 'complaint',
        language: 'kk',
        source: 'web',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const appealId = (await findMedia(ctx.services.db, first))?.appeal_id ?? '';
    expect(appealId).not.toBe('');

    const { id, location } = await createUpload(ctx.app);
    expect((await patchChunk(ctx.app, location, 0, bytes.subarray(0, 5000))).statusCode).toBe(204);
    // Deferred delivery claims the growing upload for the appeal (engineer B's submit does this).
    await ctx.services.db
      .updateTable('media_files')
      .set({ appeal_id: appealId })
      .where('id', '=', id)
      .execute();
    const jobsBefore = await ctx.services.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'process-media')
      .where('payload', 'like', `%${id}%`)
      .execute();
    expect(jobsBefore).toHaveLength(0);
    expect((await patchChunk(ctx.app, location, 5000, bytes.subarray(5000), bytes.length)).statusCode).toBe(
      204,
    );
    const jobs = await ctx.services.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'process-media')
      .where('payload', 'like', `%${id}%`)
      .execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.max_attempts).toBe(ctx.services.config.MEDIA_MAX_ATTEMPTS);
    expect(await findMedia(ctx.services.db, id)).toMatchObject({ state: 'uploaded', sha256: sha256(bytes) });
    // An unclaimed upload waits for its submission instead.
    const loose = await uploadRecording(ctx.app, bytes);
    const looseJobs = await ctx.services.db
      .selectFrom('jobs')
      .select('id')
      .where('payload', 'like', `%${loose}%`)
      .execute();
    expect(looseJobs).toHaveLength(0);
  });

  it('reassembles any chunking of a real recording to the same sha256', async () => {
    const bytes = sampleRecording('webm', 3);
    const digest = sha256(bytes);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        async (cuts) => {
          const points = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
          const { id, location } = await createUpload(ctx.app);
          for (let i = 0; i + 1 < points.length; i++) {
            const [from, to] = [points[i] ?? 0, points[i + 1] ?? 0];
            const last = i + 2 === points.length;
            const res = await patchChunk(
              ctx.app,
              location,
              from,
              bytes.subarray(from, to),
              last ? bytes.length : undefined,
            );
            expect(res.statusCode).toBe(204);
            expect(res.headers['upload-offset']).toBe(String(to));
          }
          const row = await findMedia(ctx.services.db, id);
          expect(row?.sha256).toBe(digest);
          expect(sha256(heldBytes(ctx, id))).toBe(digest);
        },
      ),
      { numRuns: 15 },
    );
  });
});
