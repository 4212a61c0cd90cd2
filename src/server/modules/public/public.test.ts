// The public side on SQLite and PostgreSQL (TEST_DATABASE): look-up by access code and by SMS code, guessing
// protection, the token, the answer's video and documents, rating, dispute and withdrawal — and every refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { InboxPage } from '../../../common/inbox.js';
import type { PublicAppealView, PublicLookup, SmsCodeSent } from '../../../common/public.js';
import { createTestContext, loginAs, type TestContext } from '../../testing.js';
import { makeAppeal, type AppealRecipe, type MadeAppeal } from './fixtures.js';

const problemOf = (res: LightMyRequestResponse) => {
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json<{ type: string; title: string; status: number }>();
};
const slugOf = (res: LightMyRequestResponse) => problemOf(res).type.replace('/problems/', '');

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({
    env: {
      LOOKUP_RATE_PER_MINUTE: '10000',
      LOOKUP_LOCK_FAILURES: '3',
      LOOKUP_LOCK_MINUTES: '30',
      LOOKUP_NUMBER_RATE_PER_HOUR: '12',
      SMS_CODE_RESEND_SECONDS: '60',
      SMS_CODE_MAX_PER_HOUR: '3',
    },
  });
});
afterAll(() => ctx.close());

const make = (recipe: AppealRecipe = {}) =>
  makeAppeal(ctx.services.db, ctx.services.storage, ctx.services.clock.now(), recipe);

const lookup = (registrationNumber: string, accessCode: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/public/lookup', payload: { registrationNumber, accessCode } });

async function open(appeal: MadeAppeal): Promise<PublicLookup> {
  const res = await lookup(appeal.registrationNumber, appeal.accessCode);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PublicLookup>();
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function call(method: 'GET' | 'POST', appeal: MadeAppeal, path: string, token: string, payload?: object) {
  return ctx.app.inject({
    method,
    url: `/api/public/appeals/${appeal.registrationNumber}${path}`,
    headers: bearer(token),
    ...(payload ? { payload } : {}),
  });
}

const audits = (action: string, subject: string) =>
  ctx.services.db
    .selectFrom('audit_events')
    .select(['detail', 'ip'])
    .where('action', '=', action)
    .where('subject_id', '=', subject)
    .execute();

async function smsCodeTo(phone: string): Promise<string> {
  const row = await ctx.services.db
    .selectFrom('notifications')
    .select('body')
    .where('recipient', '=', phone)
    .where('template', '=', 'code')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const code = /\b(\d{6})\b/.exec(row.body)?.[1];
  if (!code) throw new Error(`no code in ${row.body}`);
  return code;
}

describe('look-up by registration number and access code', () => {
  it('opens the appeal in plain public words, with a token and its HttpOnly cookie', async () => {
    const appeal = await make({
      history: [
        { status: 'under_review', reason: 'internal: ask Ivanov', at: '2026-11-18T06:00:00.000Z' },
        {
          status: 'redirected',
          reason: 'Roads are the city’s, not the district’s',
          at: '2026-11-18T07:00:00.000Z',
        },
        { status: 'extended', reason: 'An inspection on site is needed', at: '2026-11-18T08:00:00.000Z' },
      ],
      status: 'extended',
    });
    const res = await lookup(appeal.registrationNumber, appeal.accessCode.toLowerCase().replace('-', ' '));
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<PublicLookup>();
    expect(view.status).toBe('extended');
    expect(view.token.split('.')).toHaveLength(3);
    expect(Date.parse(view.tokenExpiresAt) - ctx.clock.now().getTime()).toBe(30 * 60_000);
    const cookie = res.cookies.find((c) => c.name === 'dialog_lookup');
    expect(cookie?.value).toBe(view.token);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.path).toBe('/api/public');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(view.addressee?.fullName.ru).toBeTruthy();
    expect(view.addressee?.department?.ru).toBeTruthy();
    expect(view.workingDaysLeft).toBeGreaterThan(0);
    expect(view.history.map((h) => [h.status, h.reason])).toEqual([
      ['registered', null],
      ['under_review', null],
      ['redirected', 'Roads are the city’s, not the district’s'],
      ['extended', 'An inspection on site is needed'],
    ]);
    expect(view.notices.map((n) => n.kind)).toEqual(['redirected', 'extended']);
    expect(view.answer).toBeNull();
    expect(view.can).toEqual({ rate: false, dispute: false, withdraw: true });
    expect(res.body).not.toContain('internal');
    expect(res.body).not.toContain(appeal.phone);
    expect((await audits('appeal.looked_up', appeal.id)).length).toBe(1);
  });

  it('answers a wrong code and an unknown number alike, and audits both', async () => {
    const appeal = await make();
    const wrong = await lookup(appeal.registrationNumber, 'ZZZZZ-ZZZZZ');
    const unknown = await lookup('991231-0001', appeal.accessCode);
    expect(wrong.statusCode).toBe(404);
    expect(problemOf(wrong)).toEqual({ ...problemOf(unknown) });
    expect(slugOf(wrong)).toBe('wrong-access-code');
    expect(await audits('appeal.lookup_failed', appeal.registrationNumber)).toHaveLength(1);
    expect(await audits('appeal.lookup_failed', '991231-0001')).toHaveLength(1);
  });

  it('rejects malformed numbers and codes', async () => {
    expect((await lookup("1' or 1=1", 'ABCDE-12345')).statusCode).toBe(400);
    expect((await lookup('261118-0001', 'x')).statusCode).toBe(400);
  });

  it('locks a number’s code look-ups after repeated failures, lets the SMS route in meanwhile, and unlocks later', async () => {
    const appeal = await make();
    for (let i = 0; i < 3; i++)
      expect((await lookup(appeal.registrationNumber, 'ZZZZZ-ZZZZZ')).statusCode).toBe(404);
    const locked = await lookup(appeal.registrationNumber, appeal.accessCode);
    expect(locked.statusCode).toBe(429);
    expect(slugOf(locked)).toBe('lookup-locked');
    expect(Number(locked.headers['retry-after'])).toBe(30 * 60);
    // The lock does not tell whether the number exists: an unknown number locks the same way.
    for (let i = 0; i < 3; i++) await lookup('991230-0777', 'ZZZZZ-ZZZZZ');
    expect(slugOf(await lookup('991230-0777', 'ZZZZZ-ZZZZZ'))).toBe('lookup-locked');
    const failures = await audits('appeal.lookup_failed', appeal.registrationNumber);
    expect(failures.map((f) => JSON.parse(f.detail) as { locked?: boolean; refused?: string })).toEqual([
      { route: 'code', locked: false },
      { route: 'code', locked: false },
      { route: 'code', locked: true },
      { route: 'code', refused: 'lookup-locked' },
    ]);

    const sent = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/sms-codes',
      payload: { registrationNumber: appeal.registrationNumber, language: 'ru' },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const bySms = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/sms-lookup',
      payload: { registrationNumber: appeal.registrationNumber, code: await smsCodeTo(appeal.phone) },
    });
    expect(bySms.statusCode, bySms.body).toBe(200);

    ctx.clock.advance(30 * 60_000 + 1000);
    expect((await lookup(appeal.registrationNumber, appeal.accessCode)).statusCode).toBe(200);
  });

  it('limits the look-ups of one number per hour, right codes included', async () => {
    const appeal = await make();
    for (let i = 0; i < 12; i++)
      expect((await lookup(appeal.registrationNumber, appeal.accessCode)).statusCode).toBe(200);
    const over = await lookup(appeal.registrationNumber, appeal.accessCode);
    expect(over.statusCode).toBe(429);
    expect(slugOf(over)).toBe('too-many-requests');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    ctx.clock.advance(3600_000);
    expect((await lookup(appeal.registrationNumber, appeal.accessCode)).statusCode).toBe(200);
  });
});

describe('look-up by a one-time SMS code', () => {
  const request = (registrationNumber: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/public/sms-codes',
      payload: { registrationNumber, language: 'kk' },
    });
  const confirm = (registrationNumber: string, code: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/public/sms-lookup', payload: { registrationNumber, code } });

  it('sends the code to the appeal’s phone, names only its last two digits, and opens the appeal', async () => {
    const appeal = await make();
    const res = await request(appeal.registrationNumber);
    expect(res.statusCode, res.body).toBe(202);
    const sent = res.json<SmsCodeSent>();
    expect(sent).toEqual({
      phoneEnding: appeal.phone.slice(-2),
      codeLength: 6,
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
    });
    const code = await smsCodeTo(appeal.phone);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await confirm(appeal.registrationNumber, wrongCode);
    expect(wrong.statusCode).toBe(422);
    expect(slugOf(wrong)).toBe('sms-code-wrong');
    const ok = await confirm(appeal.registrationNumber, code);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<PublicLookup>().registrationNumber).toBe(appeal.registrationNumber);
    // The code is spent with the look-up.
    expect(slugOf(await confirm(appeal.registrationNumber, code))).toBe('sms-code-wrong');
    const verification = await ctx.services.db
      .selectFrom('phone_verifications')
      .select(['consumed_at'])
      .where('phone_e164', '=', appeal.phone)
      .executeTakeFirstOrThrow();
    expect(verification.consumed_at).not.toBeNull();
  });

  it('answers the same way for a number that does not exist, and sends nothing', async () => {
    const before = await ctx.services.db.selectFrom('notifications').select('id').execute();
    const first = await request('991229-0042');
    expect(first.statusCode).toBe(202);
    const sent = first.json<SmsCodeSent>();
    expect(sent.phoneEnding).toMatch(/^\d{2}$/);
    expect(Object.keys(sent).sort()).toEqual([
      'codeLength',
      'expiresInSeconds',
      'phoneEnding',
      'resendAfterSeconds',
    ]);
    expect((await ctx.services.db.selectFrom('notifications').select('id').execute()).length).toBe(
      before.length,
    );
    const wrong = await confirm('991229-0042', '123456');
    expect(slugOf(wrong)).toBe('sms-code-wrong');
    expect(await audits('appeal.lookup_failed', '991229-0042')).toHaveLength(1);
    ctx.clock.advance(61_000);
    // The made-up ending stays the same, as a real phone's would.
    expect((await request('991229-0042')).json<SmsCodeSent>().phoneEnding).toBe(sent.phoneEnding);
  });

  it('refuses a second code too early and more than the hourly number, for real and unknown numbers alike', async () => {
    const appeal = await make();
    for (const number of [appeal.registrationNumber, '991228-0100']) {
      expect((await request(number)).statusCode).toBe(202);
      const early = await request(number);
      expect(early.statusCode).toBe(429);
      expect(slugOf(early)).toBe('verification-resend-too-early');
    }
    for (let i = 0; i < 2; i++) {
      ctx.clock.advance(61_000);
      expect((await request(appeal.registrationNumber)).statusCode).toBe(202);
      expect((await request('991228-0100')).statusCode).toBe(202);
    }
    ctx.clock.advance(61_000);
    const capped = await request(appeal.registrationNumber);
    expect(capped.statusCode).toBe(429);
    expect(slugOf(capped)).toBe('too-many-requests');
    expect(slugOf(await request('991228-0100'))).toBe('too-many-requests');
  });

  it('refuses a code when none was asked for', async () => {
    const appeal = await make();
    expect(slugOf(await confirm(appeal.registrationNumber, '123456'))).toBe('sms-code-wrong');
    expect((await confirm(appeal.registrationNumber, '12')).statusCode).toBe(400);
  });
});

describe('the look-up token', () => {
  it('opens the appeal by bearer header or by cookie', async () => {
    const appeal = await make();
    const { token } = await open(appeal);
    const byHeader = await call('GET', appeal, '', token);
    expect(byHeader.statusCode, byHeader.body).toBe(200);
    expect(byHeader.json<PublicAppealView>().registrationNumber).toBe(appeal.registrationNumber);
    const byCookie = await ctx.app.inject({
      method: 'GET',
      url: `/api/public/appeals/${appeal.registrationNumber}`,
      cookies: { dialog_lookup: token },
    });
    expect(byCookie.statusCode).toBe(200);
  });

  it('refuses no token, a forged one, another appeal’s, and an expired one', async () => {
    const appeal = await make();
    const other = await make();
    const { token } = await open(appeal);
    const none = await ctx.app.inject({
      method: 'GET',
      url: `/api/public/appeals/${appeal.registrationNumber}`,
    });
    expect(none.statusCode).toBe(401);
    expect(slugOf(none)).toBe('lookup-token-invalid');
    const [id, expires] = token.split('.');
    const forged = `${id}.${Number(expires) + 3600}.${token.split('.')[2]}`;
    expect(slugOf(await call('GET', appeal, '', forged))).toBe('lookup-token-invalid');
    expect(slugOf(await call('GET', other, '', token))).toBe('lookup-token-invalid');
    expect(slugOf(await call('POST', other, '/withdrawal', token, {}))).toBe('lookup-token-invalid');
    ctx.clock.advance(30 * 60_000 + 1);
    const expired = await call('GET', appeal, '', token);
    expect(expired.statusCode).toBe(401);
    expect(slugOf(expired)).toBe('lookup-token-expired');
  });
});

describe('the answer', () => {
  it('shows the text, the documents and the video answer, range-streamed and audited per view', async () => {
    const appeal = await make({
      answer: {
        body: 'Отопление восстановлено.\r\nСпасибо.\u0007',
        video: true,
        documents: ['Акт проверки.pdf'],
      },
    });
    const view = await open(appeal);
    expect(view.answer?.body).toBe('Отопление восстановлено.\nСпасибо.');
    expect(view.answer?.author?.position.ru).toBeTruthy();
    expect(view.answer?.documents).toHaveLength(1);
    expect(view.answer?.video?.url).toBe(`/api/public/appeals/${appeal.registrationNumber}/answer-video`);
    expect(view.can).toMatchObject({ rate: true, dispute: true, withdraw: false });
    expect(view.disputeUntil).toBe('2026-12-03');

    const video = view.answer?.video?.url ?? '';
    const whole = await ctx.app.inject({ method: 'GET', url: video, headers: bearer(view.token) });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const size = whole.rawPayload.length;
    const part = await ctx.app.inject({
      method: 'GET',
      url: video,
      headers: { ...bearer(view.token), range: 'bytes=100-199' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(part.rawPayload).toEqual(whole.rawPayload.subarray(100, 200));
    const beyond = await ctx.app.inject({
      method: 'GET',
      url: video,
      headers: { ...bearer(view.token), range: `bytes=${size + 10}-` },
    });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`);
    const start = await ctx.app.inject({
      method: 'GET',
      url: video,
      cookies: { dialog_lookup: view.token },
      headers: { range: 'bytes=0-' },
    });
    expect(start.statusCode).toBe(206);
    // Two views began at byte 0 (the whole file, then bytes=0-); the middle range was the same view.
    expect(await audits('appeal.answer_video_viewed', appeal.id)).toHaveLength(2);
    expect((await ctx.app.inject({ method: 'GET', url: video })).statusCode).toBe(401);

    const poster = await ctx.app.inject({
      method: 'GET',
      url: view.answer?.video?.posterUrl ?? '',
      headers: bearer(view.token),
    });
    expect(poster.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');

    const doc = view.answer?.documents[0];
    const download = await ctx.app.inject({
      method: 'GET',
      url: doc?.url ?? '',
      headers: bearer(view.token),
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Акт проверки.pdf')}`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses another appeal’s document and a video that is not there', async () => {
    const withDocs = await make({ answer: { body: 'Ответ', documents: ['a.pdf'] } });
    const plain = await make({ answer: { body: 'Ответ' } });
    const { token } = await open(plain);
    const res = await call('GET', plain, `/documents/${withDocs.documentIds[0]}`, token);
    expect(res.statusCode).toBe(404);
    expect(slugOf(res)).toBe('not-found');
    expect(slugOf(await call('GET', plain, '/answer-video', token))).toBe('not-found');
  });
});

describe('rating', () => {
  it('takes one rating of an answer and shows it', async () => {
    const appeal = await make({ answer: { body: 'Сделано.' } });
    const { token } = await open(appeal);
    const res = await call('POST', appeal, '/rating', token, {
      satisfied: true,
      score: 5,
      comment: '  Спасибо!  ',
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<PublicAppealView>();
    expect(view.rating).toMatchObject({ satisfied: true, score: 5, comment: 'Спасибо!' });
    expect(view.can.rate).toBe(false);
    const again = await call('POST', appeal, '/rating', token, { satisfied: false, score: 1 });
    expect(again.statusCode).toBe(409);
    expect(slugOf(again)).toBe('already-rated');
    expect(await audits('appeal.rated', appeal.id)).toHaveLength(1);
  });

  it('refuses a rating before the answer, and one out of range or too long', async () => {
    const appeal = await make();
    const { token } = await open(appeal);
    const early = await call('POST', appeal, '/rating', token, { satisfied: true, score: 4 });
    expect(early.statusCode).toBe(409);
    expect(slugOf(early)).toBe('not-answered-yet');
    expect((await call('POST', appeal, '/rating', token, { satisfied: true, score: 6 })).statusCode).toBe(
      400,
    );
    expect((await call('POST', appeal, '/rating', token, { satisfied: true, score: 0 })).statusCode).toBe(
      400,
    );
    expect(
      (await call('POST', appeal, '/rating', token, { satisfied: true, score: 3, comment: 'x'.repeat(1001) }))
        .statusCode,
    ).toBe(400);
    expect((await call('POST', appeal, '/rating', token, { score: 3 })).statusCode).toBe(400);
  });
});

describe('dispute', () => {
  it('reopens an answered appeal for the supervisor with the citizen’s reason', async () => {
    const appeal = await make({ answer: { body: 'Сделано.' } });
    const { token } = await open(appeal);
    const res = await call('POST', appeal, '/dispute', token, { reason: 'Батареи всё ещё холодные.' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<PublicAppealView>();
    expect(view.status).toBe('disputed');
    expect(view.history.at(-1)).toMatchObject({ status: 'disputed', reason: 'Батареи всё ещё холодные.' });
    expect(view.dispute?.reason).toBe('Батареи всё ещё холодные.');
    expect(view.can.dispute).toBe(false);
    const again = await call('POST', appeal, '/dispute', token, { reason: 'Ещё раз' });
    expect(again.statusCode).toBe(409);
    expect(slugOf(again)).toBe('already-disputed');
    const cookie = await loginAs(ctx.app, 'supervisor');
    const inbox = await ctx.app.inject({
      method: 'GET',
      url: '/api/office/appeals?limit=200',
      headers: { cookie },
    });
    const item = inbox
      .json<InboxPage>()
      .items.find((i) => i.registrationNumber === appeal.registrationNumber);
    expect(item?.status).toBe('disputed');
    expect(await audits('appeal.disputed', appeal.id)).toHaveLength(1);
  });

  it('refuses a dispute before the answer, after the 15 days, and without a reason', async () => {
    const open1 = await make();
    const t1 = (await open(open1)).token;
    const early = await call('POST', open1, '/dispute', t1, { reason: 'Нет ответа' });
    expect(early.statusCode).toBe(409);
    expect(slugOf(early)).toBe('not-answered-yet');

    // Answered 16 calendar days ago (Almaty): the 15 days are over.
    const old = await make({ answer: { body: 'Сделано.', at: '2026-11-02T05:00:00.000Z' } });
    const t2 = await open(old);
    expect(t2.can.dispute).toBe(false);
    expect(t2.disputeUntil).toBe('2026-11-17');
    const late = await call('POST', old, '/dispute', t2.token, { reason: 'Не решено' });
    expect(late.statusCode).toBe(409);
    expect(slugOf(late)).toBe('dispute-too-late');

    // The 15th day is still in time.
    const edge = await make({ answer: { body: 'Сделано.', at: '2026-11-03T05:00:00.000Z' } });
    const t3 = await open(edge);
    expect(t3.disputeUntil).toBe('2026-11-18');
    expect((await call('POST', edge, '/dispute', t3.token, { reason: '' })).statusCode).toBe(400);
    expect((await call('POST', edge, '/dispute', t3.token, { reason: 'Не решено' })).statusCode).toBe(200);
  });
});

describe('withdrawal', () => {
  it('withdraws an appeal not yet answered, with or without a reason', async () => {
    const appeal = await make({ status: 'under_review' });
    const { token } = await open(appeal);
    const res = await call('POST', appeal, '/withdrawal', token, { reason: 'Решилось само' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<PublicAppealView>();
    expect(view.status).toBe('withdrawn');
    expect(view.history.at(-1)).toMatchObject({ status: 'withdrawn', reason: 'Решилось само' });
    expect(view.can.withdraw).toBe(false);
    const again = await call('POST', appeal, '/withdrawal', token, {});
    expect(again.statusCode).toBe(409);
    expect(slugOf(again)).toBe('withdraw-not-allowed');
    expect(await audits('appeal.withdrawn', appeal.id)).toHaveLength(1);

    const noReason = await make();
    const t = (await open(noReason)).token;
    const ok = await call('POST', noReason, '/withdrawal', t, {});
    expect(ok.json<PublicAppealView>().history.at(-1)).toMatchObject({ status: 'withdrawn', reason: null });
  });

  it('refuses to withdraw an answered appeal', async () => {
    const appeal = await make({ answer: { body: 'Сделано.' } });
    const { token } = await open(appeal);
    const res = await call('POST', appeal, '/withdrawal', token, { reason: 'Передумал' });
    expect(res.statusCode).toBe(409);
    expect(slugOf(res)).toBe('withdraw-not-allowed');
    expect((await call('POST', appeal, '/withdrawal', token, { reason: 'x'.repeat(1001) })).statusCode).toBe(
      400,
    );
  });
});

describe('the public page cache', () => {
  let cached: TestContext;
  beforeAll(async () => {
    cached = await createTestContext({
      env: { LOOKUP_RATE_PER_MINUTE: '10000', PUBLIC_VIEW_CACHE_SECONDS: '1' },
    });
  });
  afterAll(() => cached.close());

  const view = (appeal: MadeAppeal, token: string) =>
    cached.app.inject({
      method: 'GET',
      url: `/api/public/appeals/${appeal.registrationNumber}`,
      headers: bearer(token),
    });

  it('serves a page built a moment ago, drops it on the citizen’s own change, and rebuilds it after its time', async () => {
    const appeal = await makeAppeal(
      cached.services.db,
      cached.services.storage,
      cached.services.clock.now(),
      {
        status: 'under_review',
      },
    );
    const other = await makeAppeal(cached.services.db, cached.services.storage, cached.services.clock.now());
    const opened = await cached.app.inject({
      method: 'POST',
      url: '/api/public/lookup',
      payload: { registrationNumber: appeal.registrationNumber, accessCode: appeal.accessCode },
    });
    const { token } = opened.json<PublicLookup>();
    expect((await view(appeal, token)).json<PublicAppealView>().status).toBe('under_review');

    // A change made elsewhere (the office, another process) shows once the cached page's second is over.
    await cached.services.db
      .updateTable('appeals')
      .set({ status: 'redirected' })
      .where('id', '=', appeal.id)
      .execute();
    expect((await view(appeal, token)).json<PublicAppealView>().status).toBe('under_review');
    // A cached page is still only for its own appeal's token.
    const otherToken = (
      await cached.app.inject({
        method: 'POST',
        url: '/api/public/lookup',
        payload: { registrationNumber: other.registrationNumber, accessCode: other.accessCode },
      })
    ).json<PublicLookup>().token;
    expect(slugOf(await view(appeal, otherToken))).toBe('lookup-token-invalid');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await view(appeal, token)).json<PublicAppealView>().status).toBe('redirected');

    // The citizen's own change through this process shows at once.
    await cached.services.db
      .updateTable('appeals')
      .set({ status: 'under_review' })
      .where('id', '=', appeal.id)
      .execute();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await view(appeal, token)).json<PublicAppealView>().status).toBe('under_review');
    const withdrawn = await cached.app.inject({
      method: 'POST',
      url: `/api/public/appeals/${appeal.registrationNumber}/withdrawal`,
      headers: bearer(token),
      payload: {},
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await view(appeal, token)).json<PublicAppealView>().status).toBe('withdrawn');
  });
});
