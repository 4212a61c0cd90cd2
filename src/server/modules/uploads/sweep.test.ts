// The abandoned-upload sweep on SQLite or PostgreSQL (TEST_DATABASE): what it removes after UPLOAD_ABANDON_HOURS,
// and what it must never touch (an appeal's recording, one under a live reservation, one still being written).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  createUpload,
  firstOfficialId,
  patchChunk,
  sampleRecording,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';
import { findMedia } from '../../media/repository.js';
import { scheduleUploadSweep, sweepAbandonedUploads } from './sweep.js';

const HOUR = 3600 * 1000;

describe(`the abandoned-upload sweep (${testDialect})`, () => {
  let ctx: TestContext;
  let uploadsDir: string;
  let officialId: string;
  // File times are real, so the test clock starts at the real now.
  beforeAll(async () => {
    ctx = await createTestContext({ now: new Date().toISOString() });
    uploadsDir = path.join(ctx.services.config.mediaDir, 'uploads');
    officialId = await firstOfficialId(ctx.app);
  });
  afterAll(() => ctx.close());

  const exists = (id: string) => fs.existsSync(path.join(uploadsDir, id));
  const sidecar = (id: string) => fs.existsSync(path.join(uploadsDir, `${id}.json`));

  async function reservation(expiresInMs: number, appealId: string | null = null) {
    const id = crypto.randomUUID();
    const media = await createUpload(ctx.app);
    const owner = (await findMedia(ctx.services.db, media.id))?.owner ?? '';
    const discarded = await ctx.app.inject({
      method: 'DELETE',
      url: media.location,
      headers: { 'tus-resumable': '1.0.0', cookie: media.as.cookie },
    });
    expect(discarded.statusCode).toBe(204);
    await ctx.services.db
      .insertInto('appeal_reservations')
      .values({
        id,
        registration_number: `261118-8${crypto.randomInt(100000).toString().padStart(5, '0')}`,
        access_code_hash: 'x',
        owner,
        kiosk_id: null,
        registered_on: '2026-11-18',
        deadline_on: '2026-12-09',
        created_at: ctx.clock.now().toISOString(),
        expires_at: new Date(ctx.clock.now().getTime() + expiresInMs).toISOString(),
        appeal_id: appealId,
      })
      .execute();
    return id;
  }

  async function partial(metadata: Record<string, string> = {}) {
    const { id, location } = await createUpload(ctx.app, 'video/webm', { metadata });
    expect((await patchChunk(ctx.app, location, 0, crypto.randomBytes(2000))).statusCode).toBe(204);
    return id;
  }

  async function submitted() {
    const id = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      payload: {
        uploadId: id,
        phone: '+7 701 234 5678',
        officialId,
        type: 'complaint',
        language: 'ru',
        source: 'web',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { mediaId: id, appealId: (await findMedia(ctx.services.db, id))?.appeal_id ?? '' };
  }

  it('removes what nobody finished or submitted, and keeps what an appeal or a live reservation holds', async () => {
    const unfinished = await partial();
    const finished = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    const failed = await uploadRecording(ctx.app, sampleRecording('text'));
    await ctx.services.db
      .updateTable('media_files')
      .set({ state: 'failed' })
      .where('id', '=', failed)
      .execute();
    const liveReservation = await reservation(30 * 24 * HOUR);
    const underLive = await partial({ reservation: liveReservation });
    const shortReservation = await reservation(2 * HOUR);
    const underExpired = await partial({ reservation: shortReservation });
    const appeal = await submitted();
    // Registered with the network down: the appeal holds the upload while its bytes still arrive.
    const arriving = await partial();
    await ctx.services.db
      .updateTable('media_files')
      .set({ appeal_id: appeal.appealId })
      .where('id', '=', arriving)
      .execute();
    const stillWritten = await partial();
    const lonelyExpired = await reservation(HOUR);
    const lonelyLive = await reservation(10 * 24 * HOUR);
    const spent = await reservation(HOUR, appeal.appealId);
    const stray = 'strayAAAAAAAAAAAAAAAAA';
    fs.writeFileSync(path.join(uploadsDir, stray), crypto.randomBytes(700));
    fs.writeFileSync(path.join(uploadsDir, `${stray}.json`), '{}');

    // Nothing is old yet.
    expect(await sweepAbandonedUploads(ctx.services)).toEqual({
      uploads: 0,
      bytes: 0,
      strays: 0,
      reservations: 0,
    });

    ctx.clock.advance(25 * HOUR);
    // A chunk arrived an hour ago: PATCH touches the file, not the row.
    const recent = new Date(ctx.clock.now().getTime() - HOUR);
    fs.utimesSync(path.join(uploadsDir, stillWritten), recent, recent);

    const removed = await sweepAbandonedUploads(ctx.services);
    const finishedSize = sampleRecording('webm', 2).length;
    const failedSize = sampleRecording('text').length;
    expect(removed).toEqual({
      uploads: 4,
      bytes: 2000 + finishedSize + failedSize + 2000 + 700,
      strays: 1,
      reservations: 2,
    });
    for (const id of [unfinished, finished, failed, underExpired, stray]) {
      expect(await findMedia(ctx.services.db, id)).toBeUndefined();
      expect(exists(id)).toBe(false);
      expect(sidecar(id)).toBe(false);
    }
    for (const id of [underLive, appeal.mediaId, arriving, stillWritten]) {
      expect(await findMedia(ctx.services.db, id)).toBeDefined();
      expect(exists(id)).toBe(true);
    }
    expect(sidecar(underLive) && sidecar(arriving) && sidecar(stillWritten)).toBe(true);
    const reservations = await ctx.services.db.selectFrom('appeal_reservations').select('id').execute();
    const left = reservations.map((r) => r.id);
    expect(left).toEqual(expect.arrayContaining([liveReservation, lonelyLive, spent]));
    expect(left).not.toContain(lonelyExpired);
    expect(left).not.toContain(shortReservation);

    // The appeal's recording is still whole and processable.
    const row = await findMedia(ctx.services.db, appeal.mediaId);
    expect(row?.appeal_id).toBe(appeal.appealId);
    expect(fs.readFileSync(path.join(uploadsDir, appeal.mediaId)).equals(sampleRecording('webm', 2))).toBe(
      true,
    );
  });

  it('runs on a timer in the worker and logs what it removed', async () => {
    const old = await partial();
    ctx.clock.advance(25 * HOUR);
    const lines: string[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const sweep = scheduleUploadSweep(ctx.services, log, 20);
    try {
      await expect
        .poll(() => lines.some((l) => l.includes('abandoned uploads swept')), { timeout: 5000 })
        .toBe(true);
    } finally {
      await sweep.stop();
    }
    expect(await findMedia(ctx.services.db, old)).toBeUndefined();
    // The first test's upload that was still being written is a day older now too.
    const logged = JSON.parse(lines.find((l) => l.includes('swept')) ?? '{}') as { uploads?: number };
    expect(logged.uploads).toBe(2);
  });
});
