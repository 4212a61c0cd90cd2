// The virtual reception's submission rules, on SQLite or PostgreSQL (TEST_DATABASE): a phone confirmed by SMS code
// whatever SMS_CODE_REQUIRED says, a typed appeal without a recording, a daily limit per phone.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhoneVerification, PhoneVerified, Receipt } from '../../../common/api.js';
import type { PublicLookup } from '../../../common/public.js';
import { TEXT_APPEAL_MIN_LENGTH } from '../../../common/limits.js';
import {
  createTestContext,
  firstOfficialId,
  sampleRecording,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';

let ctx: TestContext;
let officialId: string;
let nextIp = 0;
let nextPhone = 0;
const freshIp = () => `10.9.${Math.floor(++nextIp / 250)}.${(nextIp % 250) + 1}`;
const freshPhone = () => `+7702${String(10_000_000 + ++nextPhone).slice(1)}`;

const TEXT = 'The street lights on Abay avenue have not worked for a month; please repair them.';

beforeAll(async () => {
  // SMS_CODE_REQUIRED stays off (the demo's booths need no code): the web rule must hold on its own.
  ctx = await createTestContext({
    env: { WEB_SMS_CODE_REQUIRED: 'true', SMS_CODE_REQUIRED: 'false', WEB_APPEALS_PER_PHONE_DAY: '2' },
  });
  officialId = await firstOfficialId(ctx.app);
});
afterAll(() => ctx.close());

function problemOf(res: LightMyRequestResponse) {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json<{ type: string; title: string; status: number; detail?: string }>();
}

async function confirmedToken(phone: string): Promise<string> {
  const ip = freshIp();
  const started = await ctx.app.inject({
    method: 'POST',
    url: '/api/phone-verifications',
    remoteAddress: ip,
    payload: { phone, language: 'ru' },
  });
  expect(started.statusCode, started.body).toBe(201);
  const { id } = started.json<PhoneVerification>();
  const row = await ctx.services.db
    .selectFrom('notifications')
    .select('body')
    .where('recipient', '=', phone)
    .where('template', '=', 'code')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const code = /\b(\d{6})\b/.exec(row.body)![1]!;
  const confirmed = await ctx.app.inject({
    method: 'POST',
    url: `/api/phone-verifications/${id}/confirm`,
    remoteAddress: ip,
    payload: { code },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return confirmed.json<PhoneVerified>().token;
}

function submit(payload: Record<string, unknown>) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/appeals',
    remoteAddress: freshIp(),
    payload: { officialId, type: 'complaint', language: 'en', source: 'web', ...payload },
  });
}

describe(`the virtual reception's submissions (${testDialect})`, () => {
  it('registers a typed appeal from a confirmed phone, with the text as its note and no media', async () => {
    const phone = freshPhone();
    const res = await submit({ phone, phoneToken: await confirmedToken(phone), note: `  ${TEXT}  ` });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json<Receipt>();
    expect(receipt.accessCode).toBeTruthy();
    expect(receipt).toMatchObject({
      videoComplete: false,
      audioOnly: false,
      kiosk: null,
      status: 'registered',
    });
    const row = await ctx.services.db
      .selectFrom('appeals')
      .select(['note', 'media_id', 'source'])
      .where('registration_number', '=', receipt.registrationNumber)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ note: TEXT, media_id: null, source: 'web' });
    // No processing job for an appeal without a recording; the receipt SMS is queued as for any other.
    const jobs = await ctx.services.db.selectFrom('jobs').select('name').execute();
    expect(jobs.filter((j) => j.name === 'process-media')).toHaveLength(0);
    const sms = await ctx.services.db
      .selectFrom('notifications')
      .select('template')
      .where('recipient', '=', phone)
      .where('template', '=', 'receipt')
      .execute();
    expect(sms).toHaveLength(1);
  });

  it('lets the receipt open the typed appeal on the public site', async () => {
    const phone = freshPhone();
    const receipt = (
      await submit({ phone, phoneToken: await confirmedToken(phone), note: TEXT })
    ).json<Receipt>();
    const lookup = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/lookup',
      remoteAddress: freshIp(),
      payload: { registrationNumber: receipt.registrationNumber, accessCode: receipt.accessCode },
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json<PublicLookup>().registrationNumber).toBe(receipt.registrationNumber);
  });

  it('registers an uploaded recording from a confirmed phone', async () => {
    const phone = freshPhone();
    const uploadId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    const res = await submit({ phone, phoneToken: await confirmedToken(phone), uploadId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Receipt>().videoComplete).toBe(true);
  });

  it('refuses a web appeal without an SMS code although SMS_CODE_REQUIRED is off, and audits it', async () => {
    const phone = freshPhone();
    const typed = await submit({ phone, note: TEXT });
    expect(typed.statusCode).toBe(403);
    expect(problemOf(typed).type).toBe('/problems/phone-not-verified');
    const uploadId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    const recorded = await submit({ phone, uploadId });
    expect(problemOf(recorded).type).toBe('/problems/phone-not-verified');
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', phone)
      .execute();
    expect(audit.map((a) => a.action)).toContain('appeal.phone_not_verified');
    // The booth's rule is untouched: SMS_CODE_REQUIRED is off, so a booth needs no code.
    const kiosk = await submit({ phone, uploadId, source: 'kiosk' });
    expect(kiosk.statusCode, kiosk.body).toBe(201);
  });

  it('refuses a web appeal with another phone’s token', async () => {
    const token = await confirmedToken(freshPhone());
    const res = await submit({ phone: freshPhone(), phoneToken: token, note: TEXT });
    expect(problemOf(res).type).toBe('/problems/phone-not-verified');
  });

  it('refuses a typed appeal that is too short or empty, and keeps the token for the next try', async () => {
    const phone = freshPhone();
    const token = await confirmedToken(phone);
    for (const note of [undefined, '', ' '.repeat(40), 'x'.repeat(TEXT_APPEAL_MIN_LENGTH - 1)]) {
      const res = await submit({ phone, phoneToken: token, ...(note === undefined ? {} : { note }) });
      expect(res.statusCode).toBe(422);
      expect(problemOf(res).type).toBe('/problems/text-appeal-too-short');
    }
    const ok = await submit({ phone, phoneToken: token, note: 'x'.repeat(TEXT_APPEAL_MIN_LENGTH) });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a typed appeal that is too long', async () => {
    const phone = freshPhone();
    const res = await submit({ phone, phoneToken: await confirmedToken(phone), note: 'x'.repeat(2001) });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).type).toBe('/problems/validation-failed');
  });

  it('refuses an appeal without a recording from a booth, and a typed one under a reservation', async () => {
    const phone = freshPhone();
    const kiosk = await submit({ phone, source: 'kiosk', note: TEXT });
    expect(kiosk.statusCode).toBe(422);
    expect(problemOf(kiosk).type).toBe('/problems/upload-required');
    const reserved = await submit({
      phone,
      phoneToken: await confirmedToken(phone),
      note: TEXT,
      reservationId: 'AAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(problemOf(reserved).type).toBe('/problems/upload-required');
  });

  it('registers at most WEB_APPEALS_PER_PHONE_DAY appeals from one phone in 24 hours', async () => {
    const phone = freshPhone();
    for (let i = 0; i < 2; i++) {
      const res = await submit({ phone, phoneToken: await confirmedToken(phone), note: TEXT });
      expect(res.statusCode, res.body).toBe(201);
    }
    const third = await submit({ phone, phoneToken: await confirmedToken(phone), note: TEXT });
    expect(third.statusCode).toBe(429);
    expect(problemOf(third).type).toBe('/problems/too-many-requests');
    // A booth is not counted, and the next day the phone may write again.
    const uploadId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    expect((await submit({ phone, uploadId, source: 'kiosk' })).statusCode).toBe(201);
    ctx.clock.advance(24 * 3600_000 + 1000);
    const nextDay = await submit({ phone, phoneToken: await confirmedToken(phone), note: TEXT });
    expect(nextDay.statusCode, nextDay.body).toBe(201);
  });
});
