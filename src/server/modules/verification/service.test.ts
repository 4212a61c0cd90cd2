// Phone confirmation by SMS code through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): the code goes
// out through the outbox, the right code gives a single-use token, and the submission spends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestContext,
  firstOfficialId,
  sampleRecording,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';
import type { PhoneVerification, PhoneVerified, Receipt } from '../../../common/api.js';
import { phonePseudonym } from '../privacy/pseudonym.js';

let nextAddress = 0;
/** Each test speaks from its own address, so the per-IP limits are tested only where a test means to. */
const freshIp = () => {
  nextAddress++;
  return `10.1.${nextAddress >> 8}.${nextAddress & 255}`;
};

let nextPhone = 0;
const freshPhone = () => `+7701${String(10_000_000 + ++nextPhone).slice(1)}`;

function problemOf(res: LightMyRequestResponse) {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json<{ type: string; title: string; status: number; detail?: string }>();
}

function client(ctx: TestContext, ip = freshIp()) {
  const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  return {
    ip,
    start: (phone: string, language = 'ru', headers: Record<string, string> = {}) =>
      post('/api/phone-verifications', { phone, language }, headers),
    resend: (id: string) => post(`/api/phone-verifications/${id}/resend`),
    confirm: (id: string, code: string) => post(`/api/phone-verifications/${id}/confirm`, { code }),
    post,
  };
}

/** The codes sent to a number, oldest first, read from the SMS outbox. */
async function codesSentTo(ctx: TestContext, phone: string): Promise<string[]> {
  const rows = await ctx.services.db
    .selectFrom('notifications')
    .select(['body', 'created_at'])
    .where('recipient', '=', phone)
    .where('template', '=', 'code')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => /\b(\d{6})\b/.exec(r.body)?.[1] ?? '');
}

async function lastCode(ctx: TestContext, phone: string): Promise<string> {
  const codes = await codesSentTo(ctx, phone);
  const code = codes[codes.length - 1];
  if (!code) throw new Error(`no code sent to ${phone}`);
  return code;
}

const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function auditActions(ctx: TestContext, subjectId: string): Promise<string[]> {
  const rows = await ctx.services.db
    .selectFrom('audit_events')
    .select('action')
    .where('subject_id', '=', subjectId)
    .execute();
  return rows.map((r) => r.action);
}

describe(`phone confirmation by SMS code (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ seed: false });
  });
  afterAll(() => ctx.close());

  it('sends a six-digit code through the outbox and stores only its hash', async () => {
    const phone = freshPhone();
    const api = client(ctx);
    const res = await api.start(` 8 ${phone.slice(2, 5)} ${phone.slice(5)} `, 'kk');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const verification = res.json<PhoneVerification>();
    expect(verification).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as unknown,
      resendAfterSeconds: 60,
      expiresInSeconds: 300,
      codeLength: 6,
      triesLeft: 5,
    });
    const sms = await ctx.services.db
      .selectFrom('notifications')
      .selectAll()
      .where('recipient', '=', phone)
      .executeTakeFirstOrThrow();
    expect(sms.template).toBe('code');
    expect(sms.language).toBe('kk');
    expect(sms.body).toMatch(/^Диалог: растау кодыңыз \d{6}\./);
    const code = await lastCode(ctx, phone);
    const row = await ctx.services.db
      .selectFrom('phone_verifications')
      .selectAll()
      .where('id', '=', verification.id)
      .executeTakeFirstOrThrow();
    expect(row.phone_e164).toBe(phone);
    expect(row.code_hash).not.toContain(code);
    expect(row.ip).toBe(api.ip);
    const job = await ctx.services.db
      .selectFrom('jobs')
      .select('payload')
      .where('name', '=', 'send-notification')
      .where('payload', 'like', `%${sms.id}%`)
      .executeTakeFirst();
    expect(job).toBeDefined();
    await ctx.drain();
    const sent = await ctx.services.db
      .selectFrom('notifications')
      .select('state')
      .where('id', '=', sms.id)
      .executeTakeFirstOrThrow();
    expect(sent.state).toBe('sent');
  });

  it('turns the right code into a token, stored only as a hash', async () => {
    const phone = freshPhone();
    const api = client(ctx);
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    const res = await api.confirm(id, await lastCode(ctx, phone));
    expect(res.statusCode, res.body).toBe(200);
    const { token } = res.json<PhoneVerified>();
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const row = await ctx.services.db
      .selectFrom('phone_verifications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.verified_at).toBe(ctx.clock.now().toISOString());
    expect(row.token_hash).not.toContain(token);
    expect(Date.parse(row.token_expires_at ?? '') - ctx.clock.now().getTime()).toBe(30 * 60 * 1000);
  });

  it('does not confirm the same code twice', async () => {
    const phone = freshPhone();
    const api = client(ctx);
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    const code = await lastCode(ctx, phone);
    expect((await api.confirm(id, code)).statusCode).toBe(200);
    const again = await api.confirm(id, code);
    expect(again.statusCode).toBe(410);
    expect(problemOf(again).type).toBe('/problems/verification-expired');
    const resend = await api.resend(id);
    expect(problemOf(resend).type).toBe('/problems/verification-expired');
  });

  it('rejects missing, malformed and extra fields', async () => {
    const api = client(ctx);
    for (const payload of [
      {},
      { phone: '+77011234567' },
      { phone: ['+77011234567', '+77011234568'], language: 'ru' },
      { phone: '+77011234567', language: 'de' },
      { phone: '+77011234567', language: 'ru', extra: 1 },
      { phone: '1'.repeat(40), language: 'ru' },
    ]) {
      const res = await api.post('/api/phone-verifications', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(problemOf(res).type).toBe('/problems/validation-failed');
    }
    const phone = freshPhone();
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    for (const payload of [
      {},
      { code: '12a456' },
      { code: '123' },
      { code: '123456789' },
      { code: ['1', '2'] },
    ]) {
      const res = await api.post(`/api/phone-verifications/${id}/confirm`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const badId = await api.confirm('not-an-id', '123456');
    expect(badId.statusCode).toBe(400);
    // None of these spent a try.
    const row = await ctx.services.db
      .selectFrom('phone_verifications')
      .select('attempts')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(0);
  });

  it('rejects a number that is not a Kazakh mobile, in the asked language', async () => {
    for (const phone of ['+7 727 250 1234', '+44 7700 900123', '12345']) {
      const res = await client(ctx).start(phone, 'ru', { 'accept-language': 'en' });
      expect(res.statusCode, phone).toBe(422);
      const problem = problemOf(res);
      expect(problem.type).toBe('/problems/invalid-phone');
      expect(problem.title).toBe('This is not a Kazakh mobile number');
    }
  });

  it('answers 404 for an unknown confirmation and audits it', async () => {
    const api = client(ctx);
    const id = 'A'.repeat(22);
    const confirm = await api.confirm(id, '123456');
    expect(confirm.statusCode).toBe(404);
    expect(problemOf(confirm).type).toBe('/problems/verification-not-found');
    const resend = await api.resend(id);
    expect(problemOf(resend).type).toBe('/problems/verification-not-found');
    expect(await auditActions(ctx, id)).toEqual([
      'phone_verification.not_found',
      'phone_verification.not_found',
    ]);
  });

  it('counts wrong codes down, then locks the confirmation even for the right code', async () => {
    const phone = freshPhone();
    const api = client(ctx);
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    const code = await lastCode(ctx, phone);
    for (let left = 4; left >= 0; left--) {
      const wrong = await api.confirm(id, otherCode(code));
      expect(wrong.statusCode).toBe(422);
      const problem = problemOf(wrong);
      expect(problem.type).toBe('/problems/verification-code-wrong');
      expect(problem.detail).toBe(`Tries left: ${left}.`);
    }
    const right = await api.confirm(id, code);
    expect(right.statusCode).toBe(429);
    expect(problemOf(right).type).toBe('/problems/verification-locked');
    const resend = await api.resend(id);
    expect(problemOf(resend).type).toBe('/problems/verification-locked');
    const actions = await auditActions(ctx, id);
    expect(actions.filter((a) => a === 'phone_verification.code_wrong')).toHaveLength(5);
    expect(actions).toContain('phone_verification.locked');
  });

  it('takes a shorter or longer wrong code as a wrong try', async () => {
    const phone = freshPhone();
    const api = client(ctx);
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    for (const code of ['1234', '12345678']) {
      const res = await api.confirm(id, code);
      expect(problemOf(res).type).toBe('/problems/verification-code-wrong');
    }
  });

  it('refuses an expired code, and a resend gives a fresh one that works', async () => {
    const phone = freshPhone();
    const api = client(ctx);
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    const first = await lastCode(ctx, phone);
    ctx.clock.advance(300 * 1000);
    const late = await api.confirm(id, first);
    expect(late.statusCode).toBe(410);
    expect(problemOf(late).type).toBe('/problems/verification-expired');
    expect(await auditActions(ctx, id)).toContain('phone_verification.expired');
    const resend = await api.resend(id);
    expect(resend.statusCode, resend.body).toBe(200);
    expect(resend.json<PhoneVerification>()).toMatchObject({
      id,
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
    });
    const second = await lastCode(ctx, phone);
    expect((await codesSentTo(ctx, phone)).length).toBe(2);
    expect((await api.confirm(id, second)).statusCode).toBe(200);
  });

  it('refuses a resend before the wait is over, with Retry-After, then sends a fresh code', async () => {
    const phone = freshPhone();
    const api = client(ctx);
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    const first = await lastCode(ctx, phone);
    ctx.clock.advance(45 * 1000);
    const early = await api.resend(id);
    expect(early.statusCode).toBe(429);
    expect(problemOf(early).type).toBe('/problems/verification-resend-too-early');
    expect(early.headers['retry-after']).toBe('15');
    ctx.clock.advance(15 * 1000);
    // A wrong try before the resend; the fresh code brings fresh tries.
    await api.confirm(id, otherCode(first));
    const resend = await api.resend(id);
    expect(resend.statusCode).toBe(200);
    expect(resend.json<PhoneVerification>().triesLeft).toBe(5);
    const second = await lastCode(ctx, phone);
    expect((await codesSentTo(ctx, phone)).length).toBe(2);
    if (second !== first) {
      const stale = await api.confirm(id, first);
      expect(problemOf(stale).type).toBe('/problems/verification-code-wrong');
    }
    expect((await api.confirm(id, second)).statusCode).toBe(200);
  });

  it('sends at most SMS_CODE_MAX_PER_HOUR codes to one number in an hour, starts and resends alike', async () => {
    const phone = freshPhone();
    const api = client(ctx);
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    ctx.clock.advance(60 * 1000);
    expect((await api.resend(id)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      ctx.clock.advance(60 * 1000);
      expect((await api.start(phone)).statusCode).toBe(201);
    }
    ctx.clock.advance(60 * 1000);
    const start = await api.start(phone);
    expect(start.statusCode).toBe(429);
    expect(problemOf(start).type).toBe('/problems/too-many-requests');
    // The first code was sent 5 minutes ago: it leaves the hour in 55 minutes.
    expect(start.headers['retry-after']).toBe(String(55 * 60));
    const resend = await api.resend(id);
    expect(resend.statusCode).toBe(429);
    expect(problemOf(resend).type).toBe('/problems/too-many-requests');
    expect((await codesSentTo(ctx, phone)).length).toBe(5);
    // Audited under a keyed hash of the number, never the number (the trail outlives an erasure).
    expect(await auditActions(ctx, await phonePseudonym(ctx.services, phone))).toContain(
      'phone_verification.hourly_cap',
    );
    expect(await auditActions(ctx, phone)).toEqual([]);
    // Another number is not affected; this one is again after the hour.
    expect((await api.start(freshPhone())).statusCode).toBe(201);
    ctx.clock.advance(55 * 60 * 1000);
    expect((await api.start(phone)).statusCode).toBe(201);
  });

  it('limits code requests per address', async () => {
    const api = client(ctx);
    const answers: number[] = [];
    for (let i = 0; i < 10; i++) answers.push((await api.start(freshPhone())).statusCode);
    expect(answers).toEqual(Array(10).fill(201));
    const limited = await api.start(freshPhone());
    expect(limited.statusCode).toBe(429);
    expect(problemOf(limited).type).toBe('/problems/too-many-requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe(`codes from one address (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ seed: false, env: { SMS_CODE_MAX_PER_IP_HOUR: '3' } });
  });
  afterAll(() => ctx.close());

  it('sends at most SMS_CODE_MAX_PER_IP_HOUR codes from one address in an hour, to any numbers', async () => {
    const api = client(ctx);
    const first = await api.start(freshPhone());
    const { id } = first.json<PhoneVerification>();
    ctx.clock.advance(60 * 1000);
    expect((await api.resend(id)).statusCode).toBe(200);
    ctx.clock.advance(60 * 1000);
    expect((await api.start(freshPhone())).statusCode).toBe(201);
    ctx.clock.advance(60 * 1000);
    const refused = await api.start(freshPhone());
    expect(refused.statusCode).toBe(429);
    const problem = problemOf(refused);
    expect(problem.type).toBe('/problems/too-many-requests');
    expect(problem.detail).toBe('Too many codes from this address in the last hour.');
    // The first code from this address was sent 3 minutes ago: it leaves the hour in 57 minutes.
    expect(refused.headers['retry-after']).toBe(String(57 * 60));
    expect(await auditActions(ctx, api.ip)).toContain('phone_verification.ip_hourly_cap');
    ctx.clock.advance(60 * 1000);
    expect((await api.resend(id)).statusCode).toBe(429);
    // Another address is not affected; this one is again after the hour.
    expect((await client(ctx).start(freshPhone())).statusCode).toBe(201);
    ctx.clock.advance(57 * 60 * 1000);
    expect((await api.start(freshPhone())).statusCode).toBe(201);
  });

  it('queues each code as its own event, so a resend is sent and a repeat of the same send is not', async () => {
    const phone = freshPhone();
    const api = client(ctx);
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    ctx.clock.advance(60 * 1000);
    expect((await api.resend(id)).statusCode).toBe(200);
    const rows = await ctx.services.db
      .selectFrom('notifications')
      .select('event_key')
      .where('recipient', '=', phone)
      .orderBy('created_at')
      .execute();
    expect(rows.map((r) => r.event_key)).toEqual([`verification:${id}:1`, `verification:${id}:2`]);
  });
});

describe(`submitting with a confirmed phone (${testDialect})`, () => {
  let ctx: TestContext;
  let officialId: string;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { SMS_CODE_REQUIRED: 'true' } });
    officialId = await firstOfficialId(ctx.app);
  });
  afterAll(() => ctx.close());

  async function confirmedToken(phone: string): Promise<string> {
    const api = client(ctx);
    const { id } = (await api.start(phone)).json<PhoneVerification>();
    return (await api.confirm(id, await lastCode(ctx, phone))).json<PhoneVerified>().token;
  }

  async function submit(extra: Record<string, unknown>, uploadId?: string) {
    return ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      payload: {
        uploadId: uploadId ?? (await uploadRecording(ctx.app, sampleRecording('webm', 2))),
        phone: '+7 701 555 0101',
        officialId,
        type: 'request',
        language: 'ru',
        source: 'web',
        ...extra,
      },
    });
  }

  it('refuses an appeal without a confirmed phone and audits it', async () => {
    const res = await submit({});
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe('/problems/phone-not-verified');
    expect(await auditActions(ctx, '+77015550101')).toContain('appeal.phone_not_verified');
  });

  it('accepts the token of the same phone once', async () => {
    const token = await confirmedToken('+77015550101');
    const uploadId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
    const res = await submit({ phoneToken: token }, uploadId);
    expect(res.statusCode, res.body).toBe(201);
    const row = await ctx.services.db
      .selectFrom('phone_verifications')
      .select('consumed_at')
      .where('phone_e164', '=', '+77015550101')
      .where('consumed_at', 'is not', null)
      .executeTakeFirst();
    expect(row?.consumed_at).toBe(ctx.clock.now().toISOString());
    const again = await submit({ phoneToken: token });
    expect(again.statusCode).toBe(403);
    expect(problemOf(again).type).toBe('/problems/phone-not-verified');
  });

  it('refuses the token of another phone, an unknown one, and an expired one', async () => {
    const other = await confirmedToken('+77015550202');
    expect((await submit({ phoneToken: other })).statusCode).toBe(403);
    expect((await submit({ phoneToken: 'x'.repeat(22) })).statusCode).toBe(403);
    const token = await confirmedToken('+77015550101');
    ctx.clock.advance(30 * 60 * 1000);
    expect((await submit({ phoneToken: token })).statusCode).toBe(403);
  });

  it('keeps the token when the submission fails for another reason', async () => {
    const token = await confirmedToken('+77015550101');
    const unknownUpload = await submit({ phoneToken: token }, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(problemOf(unknownUpload).type).toBe('/problems/upload-not-found');
    expect((await submit({ phoneToken: token })).statusCode).toBe(201);
  });

  it('rejects a token that is too long', async () => {
    expect((await submit({ phoneToken: 'x'.repeat(129) })).statusCode).toBe(400);
  });

  it('stores a valid IIN and refuses an invalid one', async () => {
    const bad = await submit({ phoneToken: await confirmedToken('+77015550101'), iin: '900101300127' });
    expect(bad.statusCode).toBe(422);
    const problem = problemOf(bad);
    expect(problem.type).toBe('/problems/invalid-iin');
    expect(problem.detail).toContain('checksum');
    for (const iin of ['90010130012', '90010130012x', '9001013001260']) {
      expect((await submit({ iin })).statusCode, String(iin)).toBe(400);
    }
    const good = await submit({ phoneToken: await confirmedToken('+77015550101'), iin: '850725400014' });
    expect(good.statusCode, good.body).toBe(201);
    const receipt = good.json<Receipt>();
    const row = await ctx.services.db
      .selectFrom('appeals')
      .select('iin')
      .where('registration_number', '=', receipt.registrationNumber)
      .executeTakeFirstOrThrow();
    expect(row.iin).toBe('850725400014');
  });
});

describe(`submitting where confirmation is optional (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('registers an appeal without a token, but not with a bad one', async () => {
    const officialId = await firstOfficialId(ctx.app);
    const payload = async (extra: Record<string, unknown> = {}) => ({
      uploadId: await uploadRecording(ctx.app, sampleRecording('webm', 2)),
      phone: '+7 701 555 0303',
      officialId,
      type: 'request',
      language: 'kk',
      source: 'web',
      ...extra,
    });
    const plain = await ctx.app.inject({ method: 'POST', url: '/api/appeals', payload: await payload() });
    expect(plain.statusCode, plain.body).toBe(201);
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      payload: await payload({ phoneToken: 'y'.repeat(22) }),
    });
    expect(bad.statusCode).toBe(403);
    expect(problemOf(bad).type).toBe('/problems/phone-not-verified');
  });
});
