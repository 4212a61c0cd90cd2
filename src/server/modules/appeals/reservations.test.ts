// Reserved numbers, repeated and deferred submissions, refused recordings and the "video unusable" SMS, through the
// HTTP API on SQLite or PostgreSQL (TEST_DATABASE).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  DEFAULT_NOW,
  createTestContext,
  createUpload,
  firstOfficialId,
  loginAs,
  patchChunk,
  sampleRecording,
  testDialect,
  type TestContext,
  type Uploader,
  uploaderCookie,
} from '../../testing.js';
import type {
  AppealDetail,
  KioskPairing,
  KioskPairingState,
  Receipt,
  Reservation,
} from '../../../common/api.js';
import type { PublicLookup } from '../../../common/public.js';
import { notifyUnusableVideo } from './delivery.js';

let ctx: TestContext;
let officialId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  officialId = await firstOfficialId(ctx.app);
});
afterAll(() => ctx.close());

type Headers = { cookie: string } | { authorization: string } | Record<string, never>;

function problemOf(res: LightMyRequestResponse) {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json<{ type: string; title: string; status: number; detail?: string }>();
}

/** A browser (its uploader cookie, given by its first reservation) or a booth (its bearer credential). */
async function reserve(headers: Headers = {}, language = 'ru', remoteAddress?: string) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/appeals/reservations',
    headers,
    payload: { language },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

async function browserWithReservation(language = 'ru') {
  const res = await reserve({}, language);
  expect(res.statusCode, res.body).toBe(201);
  const cookie = uploaderCookie(res);
  if (!cookie) throw new Error('no uploader cookie');
  return { headers: { cookie }, reservation: res.json<Reservation>() };
}

/** Starts a tus upload as `headers` does and sends the bytes up to `upTo` (all of them, length declared, by default). */
async function upload(
  headers: Headers,
  bytes: Buffer,
  options: { reservation?: string; upTo?: number } = {},
) {
  const as: Uploader = headers;
  const metadata: Record<string, string> = options.reservation ? { reservation: options.reservation } : {};
  const { id, location, response } = await createUpload(ctx.app, 'video/webm', { as, metadata });
  expect(response.statusCode, response.body).toBe(201);
  const send = async (from: number, to: number) => {
    const total = to === bytes.length ? bytes.length : undefined;
    const res = await patchChunk(ctx.app, location, from, bytes.subarray(from, to), total, as);
    expect(res.statusCode, res.body).toBe(204);
  };
  const upTo = options.upTo ?? bytes.length;
  await send(0, upTo);
  return { id, location, finish: () => send(upTo, bytes.length) };
}

function submit(headers: Headers, uploadId: string, extra: Record<string, unknown> = {}) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers,
    payload: {
      uploadId,
      phone: '+7 701 234 5678',
      officialId,
      type: 'request',
      language: 'ru',
      source: 'web',
      ...extra,
    },
  });
}

const appealsNumbered = (number: string) =>
  ctx.services.db.selectFrom('appeals').selectAll().where('registration_number', '=', number).execute();

const smsFor = (appealId: string, template: string) =>
  ctx.services.db
    .selectFrom('notifications')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .where('template', '=', template)
    .execute();

const recording = sampleRecording('webm', 2);

describe(`reserving a number (${testDialect})`, () => {
  it('hands out increasing, unique numbers from the day’s sequence, with a code shown once', async () => {
    const first = await browserWithReservation();
    const numbers = [first.reservation.registrationNumber];
    for (let i = 0; i < 3; i++) {
      const res = await reserve(first.headers);
      expect(res.statusCode).toBe(201);
      numbers.push(res.json<Reservation>().registrationNumber);
    }
    // An ordinary submission draws from the same sequence.
    const plain = await upload(first.headers, recording);
    const receipt = (await submit(first.headers, plain.id)).json<Receipt>();
    numbers.push(receipt.registrationNumber);
    numbers.push((await reserve(first.headers)).json<Reservation>().registrationNumber);

    expect(new Set(numbers).size).toBe(numbers.length);
    const sequence = numbers.map((n) => {
      expect(n).toMatch(/^261118-\d{4}$/);
      return Number(n.split('-')[1]);
    });
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));

    const r = first.reservation;
    expect(r.reservationId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(r.accessCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(r).toMatchObject({
      registeredOn: '2026-11-18',
      deadlineOn: '2026-12-09',
      deadlineWorkingDays: 15,
    });
    expect(Date.parse(r.expiresAt) - Date.parse(DEFAULT_NOW)).toBe(30 * 24 * 3600 * 1000);
    const row = await ctx.services.db
      .selectFrom('appeal_reservations')
      .selectAll()
      .where('id', '=', r.reservationId)
      .executeTakeFirstOrThrow();
    expect(row.access_code_hash).not.toContain(r.accessCode);
    expect(row.owner).toMatch(/^session:[0-9a-f]{64}$/);
    expect(row.appeal_id).toBeNull();
  });

  it('ties a booth’s reservation to the booth, and refuses a bad credential and a bad body', async () => {
    const booth = await pairedBooth();
    const res = await reserve({ authorization: booth.bearer }, 'kk');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.cookies.find((c) => c.name === 'dialog_uploader')).toBeUndefined();
    const row = await ctx.services.db
      .selectFrom('appeal_reservations')
      .selectAll()
      .where('id', '=', res.json<Reservation>().reservationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner: `kiosk:${booth.kioskId}`, kiosk_id: booth.kioskId });

    const forged = await reserve({ authorization: `Bearer ${'A'.repeat(43)}` });
    expect(forged.statusCode).toBe(401);
    expect(problemOf(forged).type).toBe('/problems/kiosk-not-paired');
    for (const payload of [{}, { language: 'de' }, { language: 'ru', extra: 1 }]) {
      const bad = await ctx.app.inject({ method: 'POST', url: '/api/appeals/reservations', payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(problemOf(bad).type).toBe('/problems/validation-failed');
    }
  });

  it('limits how many numbers one address may reserve a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await reserve({}, 'en', '10.77.0.1')).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe(`submitting under a reservation (${testDialect})`, () => {
  it('registers the appeal under the reserved number, and the reserved code opens it', async () => {
    const { headers, reservation } = await browserWithReservation();
    const { id } = await upload(headers, recording, { reservation: reservation.reservationId });
    const res = await submit(headers, id, { reservationId: reservation.reservationId });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json<Receipt>();
    expect(receipt.registrationNumber).toBe(reservation.registrationNumber);
    expect(receipt.accessCode).toBeUndefined();
    expect(receipt.videoComplete).toBe(true);
    expect(receipt.deadlineOn).toBe(reservation.deadlineOn);

    const [appeal] = await appealsNumbered(reservation.registrationNumber);
    const spent = await ctx.services.db
      .selectFrom('appeal_reservations')
      .select('appeal_id')
      .where('id', '=', reservation.reservationId)
      .executeTakeFirstOrThrow();
    expect(spent.appeal_id).toBe(appeal?.id);

    const lookup = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/lookup',
      payload: { registrationNumber: reservation.registrationNumber, accessCode: reservation.accessCode },
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json<PublicLookup>().status).toBe('registered');
  });

  it('answers a repeated submission with the same receipt: one appeal, one receipt SMS', async () => {
    const { headers, reservation } = await browserWithReservation();
    const { id } = await upload(headers, recording, { reservation: reservation.reservationId });
    const body = { reservationId: reservation.reservationId };
    const first = await submit(headers, id, body);
    const again = await submit(headers, id, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json<Receipt>()).toEqual(first.json<Receipt>());
    expect(again.json<Receipt>().accessCode).toBeUndefined();
    const appeals = await appealsNumbered(reservation.registrationNumber);
    expect(appeals).toHaveLength(1);
    expect(await smsFor(appeals[0]?.id ?? '', 'receipt')).toHaveLength(1);

    // The same reservation with another recording is not the same submission.
    const other = await upload(headers, recording);
    const mismatch = await submit(headers, other.id, body);
    expect(mismatch.statusCode).toBe(409);
    expect(problemOf(mismatch).type).toBe('/problems/reservation-mismatch');
  });

  it('makes exactly one appeal of a double tap', async () => {
    const { headers, reservation } = await browserWithReservation();
    const { id } = await upload(headers, recording, { reservation: reservation.reservationId });
    const body = { reservationId: reservation.reservationId };
    const [a, b] = await Promise.all([submit(headers, id, body), submit(headers, id, body)]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect(a.json<Receipt>().registrationNumber).toBe(reservation.registrationNumber);
    expect(b.json<Receipt>().registrationNumber).toBe(reservation.registrationNumber);
    const appeals = await appealsNumbered(reservation.registrationNumber);
    expect(appeals).toHaveLength(1);
    expect(await smsFor(appeals[0]?.id ?? '', 'receipt')).toHaveLength(1);
    const jobs = await ctx.services.db
      .selectFrom('jobs')
      .select('payload')
      .where('name', '=', 'process-media')
      .execute();
    expect(jobs.filter((j) => j.payload.includes(id))).toHaveLength(1);
  });

  it('keeps a second submission of the same upload without a reservation refused', async () => {
    const { headers } = await browserWithReservation();
    const { id } = await upload(headers, recording);
    expect((await submit(headers, id)).statusCode).toBe(201);
    const again = await submit(headers, id);
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).type).toBe('/problems/upload-already-used');
  });

  it('answers an unknown reservation and someone else’s alike: 404', async () => {
    const owner = await browserWithReservation();
    const { id } = await upload(owner.headers, recording);
    const stranger = await browserWithReservation();
    const booth = await pairedBooth();
    const unknown = await submit(owner.headers, id, { reservationId: 'A'.repeat(22) });
    const theirs = await submit(stranger.headers, id, { reservationId: owner.reservation.reservationId });
    const cookieless = await submit({}, id, { reservationId: owner.reservation.reservationId });
    const boothOne = await submit({ authorization: booth.bearer }, id, {
      reservationId: owner.reservation.reservationId,
    });
    for (const res of [unknown, theirs, cookieless, boothOne]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(problemOf(res)).toEqual(problemOf(unknown));
    }
    expect(problemOf(unknown).type).toBe('/problems/reservation-not-found');
    // Nothing was spent: the owner can still submit.
    const ok = await submit(owner.headers, id, { reservationId: owner.reservation.reservationId });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a recording made under another reservation', async () => {
    const { headers, reservation } = await browserWithReservation();
    const second = (await reserve(headers)).json<Reservation>();
    const { id } = await upload(headers, recording, { reservation: reservation.reservationId });
    const res = await submit(headers, id, { reservationId: second.reservationId });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).type).toBe('/problems/reservation-mismatch');
  });

  it('asks for a reservation before registering a recording still arriving', async () => {
    const { headers } = await browserWithReservation();
    const { id } = await upload(headers, recording, { upTo: 1000 });
    const res = await submit(headers, id, { deliveryPending: true });
    expect(res.statusCode).toBe(400);
    const problem = problemOf(res);
    expect(problem.type).toBe('/problems/validation-failed');
    expect(problem.detail).toMatch(/reservationId/);
    const notComplete = await submit(headers, id);
    expect(problemOf(notComplete).type).toBe('/problems/upload-not-complete');
  });
});

describe(`a receipt printed while the network was down (${testDialect})`, () => {
  it('registers the appeal with its video arriving, and processes the video once it is in', async () => {
    const { headers, reservation } = await browserWithReservation();
    const video = sampleRecording('webm', 3);
    const delivery = await upload(headers, video, { reservation: reservation.reservationId, upTo: 4096 });
    const body = { reservationId: reservation.reservationId, deliveryPending: true };
    const res = await submit(headers, delivery.id, body);
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json<Receipt>();
    expect(receipt).toMatchObject({
      registrationNumber: reservation.registrationNumber,
      videoComplete: false,
    });
    const [appeal] = await appealsNumbered(reservation.registrationNumber);
    if (!appeal) throw new Error('no appeal');

    const operator = await loginAs(ctx.app, 'operator');
    const detail = async () =>
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/office/appeals/${appeal.id}`,
          headers: { cookie: operator },
        })
      ).json<AppealDetail>();
    expect((await detail()).media?.state).toBe('uploading');
    await ctx.drain();
    expect((await detail()).media?.state).toBe('uploading');
    expect(await smsFor(appeal.id, 'receipt')).toHaveLength(1);

    await delivery.finish();
    await ctx.drain();
    const done = await detail();
    expect(done.media?.state).toBe('ready');
    expect(done.media?.videoUrl).toBe(`/api/office/appeals/${appeal.id}/video`);
    // The booth's later retry of the same submission now learns the video is complete.
    const again = (await submit(headers, delivery.id, body)).json<Receipt>();
    expect(again.videoComplete).toBe(true);
    expect(await smsFor(appeal.id, 'videoUnusable')).toHaveLength(0);
  });

  it('registers normally when the recording arrived after all', async () => {
    const { headers, reservation } = await browserWithReservation();
    const { id } = await upload(headers, recording, { reservation: reservation.reservationId });
    const res = await submit(headers, id, {
      reservationId: reservation.reservationId,
      deliveryPending: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Receipt>().videoComplete).toBe(true);
  });

  it('tells the citizen once, by SMS in their language, when the delivered file is unusable', async () => {
    const { headers, reservation } = await browserWithReservation('kk');
    const junk = sampleRecording('text');
    const delivery = await upload(headers, junk, { reservation: reservation.reservationId, upTo: 100 });
    const res = await submit(headers, delivery.id, {
      reservationId: reservation.reservationId,
      deliveryPending: true,
      language: 'kk',
    });
    expect(res.statusCode, res.body).toBe(201);
    await delivery.finish();
    await ctx.drain();
    const [appeal] = await appealsNumbered(reservation.registrationNumber);
    if (!appeal) throw new Error('no appeal');
    const media = await ctx.services.db
      .selectFrom('media_files')
      .selectAll()
      .where('id', '=', delivery.id)
      .executeTakeFirstOrThrow();
    expect(media.state).toBe('failed');
    expect(media.failure_reason).toBeTruthy();
    // A second report of the same failure (a retried job) sends nothing more.
    await notifyUnusableVideo(ctx.services, delivery.id, 'again');
    await ctx.drain();
    const sms = await smsFor(appeal.id, 'videoUnusable');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ language: 'kk', recipient: '+77012345678', state: 'sent' });
    expect(sms[0]?.body).toContain(reservation.registrationNumber);
    expect(sms[0]?.body).toContain('бейне');
    const audits = await ctx.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', appeal.id)
      .where('action', '=', 'appeal.video_unusable')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('has nobody to tell about an upload that no appeal took', async () => {
    const { headers } = await browserWithReservation();
    const { id } = await upload(headers, recording);
    const before = await ctx.services.db.selectFrom('notifications').select('id').execute();
    await notifyUnusableVideo(ctx.services, id, 'no video stream');
    await notifyUnusableVideo(ctx.services, 'missing-media-id', 'no video stream');
    const after = await ctx.services.db.selectFrom('notifications').select('id').execute();
    expect(after).toHaveLength(before.length);
  });
});

describe(`a refused recording is not kept (${testDialect})`, () => {
  for (const [name, bytes] of [
    ['a file that is not a video', () => sampleRecording('text')],
    ['a video without sound', () => sampleRecording('video-only', 2)],
  ] as const) {
    it(`deletes ${name}: bytes, tus sidecar and row`, async () => {
      const { headers, reservation } = await browserWithReservation();
      const { id } = await upload(headers, bytes(), { reservation: reservation.reservationId });
      const row = await ctx.services.db
        .selectFrom('media_files')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const file = path.join(ctx.services.config.mediaDir, row.original_key);
      const sidecar = path.join(ctx.services.config.mediaDir, 'uploads', `${id}.json`);
      expect(fs.existsSync(file)).toBe(true);
      expect(fs.existsSync(sidecar)).toBe(true);

      const res = await submit(headers, id, { reservationId: reservation.reservationId });
      expect(res.statusCode).toBe(422);
      const problem = problemOf(res);
      expect(problem.type).toBe('/problems/media-rejected');
      expect(problem.detail).toBeTruthy();
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.existsSync(sidecar)).toBe(false);
      const gone = await ctx.services.db
        .selectFrom('media_files')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      expect(gone).toBeUndefined();
      // Nothing registered, and the reservation is still there for a new recording.
      expect(await appealsNumbered(reservation.registrationNumber)).toHaveLength(0);
      const again = await submit(headers, id, { reservationId: reservation.reservationId });
      expect(problemOf(again).type).toBe('/problems/upload-not-found');
    });
  }
});

// A booth paired through the HTTP API, as an admin would.
let nextBooth = 0;
async function pairedBooth() {
  const ip = `10.88.0.${++nextBooth}`;
  const start = await ctx.app.inject({ method: 'POST', url: '/api/kiosk/pairings', remoteAddress: ip });
  const pairing = start.json<KioskPairing>();
  const paired = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/kiosks',
    headers: { cookie: await loginAs(ctx.app, 'admin') },
    payload: { code: pairing.code, name: `Booth ${nextBooth}`, location: 'Öskemen' },
  });
  expect(paired.statusCode, paired.body).toBe(201);
  const state = (
    await ctx.app.inject({
      method: 'GET',
      url: `/api/kiosk/pairings/${pairing.id}`,
      remoteAddress: ip,
      headers: { 'x-pairing-secret': pairing.secret },
    })
  ).json<KioskPairingState>();
  if (!state.token || !state.kiosk) throw new Error('no credential');
  return { bearer: `Bearer ${state.token}`, kioskId: state.kiosk.id };
}

describe(`a phone confirmed when the number was reserved (${testDialect})`, () => {
  let strict: TestContext;
  beforeAll(async () => {
    strict = await createTestContext({ env: { SMS_CODE_REQUIRED: 'true' } });
  });
  afterAll(() => strict.close());

  const phone = '+77015550101';
  const post = (url: string, payload: Record<string, unknown>, headers: Headers = {}) =>
    strict.app.inject({ method: 'POST', url, headers, payload });

  /** Asks for a code, reads it from the SMS outbox and confirms it: the phone token a booth would hold. */
  async function phoneToken(to = phone): Promise<string> {
    const started = await post('/api/phone-verifications', { phone: to, language: 'ru' });
    expect(started.statusCode, started.body).toBe(201);
    const sms = await strict.services.db
      .selectFrom('notifications')
      .select('body')
      .where('recipient', '=', to)
      .where('template', '=', 'code')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const code = /\b(\d{6})\b/.exec(sms.body)?.[1] ?? '';
    const confirmed = await post(`/api/phone-verifications/${started.json<{ id: string }>().id}/confirm`, {
      code,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return confirmed.json<{ token: string }>().token;
  }

  async function reserveConfirmed(token: string, to = phone) {
    const res = await post('/api/appeals/reservations', { language: 'ru', phone: to, phoneToken: token });
    expect(res.statusCode, res.body).toBe(201);
    const cookie = uploaderCookie(res);
    if (!cookie) throw new Error('no uploader cookie');
    return { headers: { cookie }, reservation: res.json<Reservation>() };
  }

  async function uploadAs(headers: Headers, reservationId: string) {
    const as: Uploader = headers;
    const { id, location } = await createUpload(strict.app, 'video/webm', {
      as,
      metadata: { reservation: reservationId },
    });
    const res = await patchChunk(strict.app, location, 0, recording, recording.length, as);
    expect(res.statusCode, res.body).toBe(204);
    return id;
  }

  const submitAs = (headers: Headers, uploadId: string, extra: Record<string, unknown>) =>
    post(
      '/api/appeals',
      {
        uploadId,
        phone,
        officialId: null,
        type: 'request',
        language: 'ru',
        source: 'web',
        ...extra,
      },
      headers,
    );

  it('spends the token at reservation, so a delivery hours later needs none', async () => {
    const token = await phoneToken();
    const { headers, reservation } = await reserveConfirmed(token);
    const id = await uploadAs(headers, reservation.reservationId);
    // The booth was offline for a day: any phone token would long have expired.
    strict.clock.advance(24 * 60 * 60 * 1000);
    const res = await submitAs(headers, id, { reservationId: reservation.reservationId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Receipt>().registrationNumber).toBe(reservation.registrationNumber);
    // The token was spent by the reservation: it cannot confirm another appeal.
    const reused = await post('/api/appeals/reservations', { language: 'ru', phone, phoneToken: token });
    expect(reused.statusCode).toBe(403);
    expect(problemOf(reused).type).toBe('/problems/phone-not-verified');
  });

  it('refuses a submission for another phone under that reservation', async () => {
    const { headers, reservation } = await reserveConfirmed(await phoneToken());
    const id = await uploadAs(headers, reservation.reservationId);
    const res = await submitAs(headers, id, {
      reservationId: reservation.reservationId,
      phone: '+77015550999',
    });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).type).toBe('/problems/reservation-mismatch');
  });

  it('refuses a reservation with a bad token, or a phone without one', async () => {
    const bad = await post('/api/appeals/reservations', {
      language: 'ru',
      phone,
      phoneToken: 'x'.repeat(40),
    });
    expect(bad.statusCode).toBe(403);
    expect(problemOf(bad).type).toBe('/problems/phone-not-verified');
    const bare = await post('/api/appeals/reservations', { language: 'ru', phone });
    expect(bare.statusCode).toBe(403);
    const wrongPhone = await post('/api/appeals/reservations', {
      language: 'ru',
      phone: '+77015550888',
      phoneToken: await phoneToken(),
    });
    expect(wrongPhone.statusCode).toBe(403);
    const notAPhone = await post('/api/appeals/reservations', { language: 'ru', phone: '12345' });
    expect(notAPhone.statusCode).toBe(422);
    expect(problemOf(notAPhone).type).toBe('/problems/invalid-phone');
  });

  it('still asks for a confirmed phone when the reservation was made without one', async () => {
    const res = await post('/api/appeals/reservations', { language: 'ru' });
    const headers = { cookie: uploaderCookie(res) ?? '' };
    const { reservationId } = res.json<Reservation>();
    const id = await uploadAs(headers, reservationId);
    const refused = await submitAs(headers, id, { reservationId });
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).type).toBe('/problems/phone-not-verified');
  });
});

describe(`a late delivery that turns out unusable (${testDialect})`, () => {
  it('is registered all the same (its receipt is printed) and the citizen is told by SMS', async () => {
    const { headers, reservation } = await browserWithReservation('en');
    const junk = sampleRecording('text');
    const { id } = await upload(headers, junk, { reservation: reservation.reservationId });
    const res = await submit(headers, id, {
      reservationId: reservation.reservationId,
      deliveryPending: true,
      language: 'en',
    });
    expect(res.statusCode, res.body).toBe(201);
    await ctx.drain();
    const [appeal] = await appealsNumbered(reservation.registrationNumber);
    if (!appeal) throw new Error('no appeal');
    expect(await smsFor(appeal.id, 'videoUnusable')).toHaveLength(1);
  });
});
