// The notification routes through app.inject on SQLite or PostgreSQL: the admins' outbox log (roles, filters,
// pages, masking) and the delivery-report callback's rejections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, loginAs, testDialect, type TestContext } from '../../testing.js';
import { notificationRow, queueTestEmail, queueTestSms } from '../../notifications/test-support.js';
import type { NotificationPage } from './schemas.js';
import { maskRecipient } from './service.js';

const TOKEN = 'dlr-token-0123456789abcdef';

function problemOf(res: LightMyRequestResponse) {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json<{ type: string; title: string; status: number; detail?: string }>();
}

describe(`GET /api/admin/notifications (${testDialect})`, () => {
  let ctx: TestContext;
  let admin: string;
  const ids: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await loginAs(ctx.app, 'admin');
    for (let i = 0; i < 3; i++) {
      ids.push(await queueTestSms(ctx, { template: 'code', values: { code: `12345${i}` } }));
      ctx.clock.advance(1000);
    }
    ids.push(
      await queueTestEmail(ctx, { to: 'aigerim@example.kz', template: 'answered', values: { number: '9' } }),
    );
    await ctx.drain();
    // One refused for good, as a gateway would.
    await ctx.services.db
      .updateTable('notifications')
      .set({ state: 'failed', last_error: 'SMSC refused: ESME_RINVDSTADR (0x0000000b)' })
      .where('id', '=', ids[0]!)
      .execute();
  });
  afterAll(() => ctx.close());

  /** `cookie` null: no session at all. */
  const list = (query = '', cookie: string | null = admin) =>
    ctx.app.inject({ url: `/api/admin/notifications${query}`, headers: cookie ? { cookie } : {} });

  it('answers 401 without a session', async () => {
    const res = await list('', null);
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).type).toBe('/problems/not-authenticated');
  });

  it.each(['official', 'operator', 'supervisor'])('answers 403 to the %s', async (user) => {
    const res = await list('', await loginAs(ctx.app, user));
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe('/problems/forbidden');
  });

  it('lists the outbox newest first with state, delivery, reason and gateway, the recipient masked', async () => {
    const res = await list();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const page = res.json<NotificationPage>();
    expect(page.items.map((n) => n.id)).toEqual([...ids].reverse());
    const failed = page.items.find((n) => n.id === ids[0])!;
    expect(failed).toMatchObject({
      channel: 'sms',
      template: 'code',
      state: 'failed',
      reason: 'SMSC refused: ESME_RINVDSTADR (0x0000000b)',
      driver: 'log',
      segments: 1,
    });
    const row = await notificationRow(ctx, ids[0]!);
    expect(failed.recipient).toBe(maskRecipient(row.recipient));
    expect(failed.recipient).not.toBe(row.recipient);
    // With the log driver the office is the only place the code is, so it is shown.
    expect(failed.body).toContain('123450');
    const email = page.items.find((n) => n.channel === 'email')!;
    expect(email).toMatchObject({ recipient: 'a***@example.kz', segments: null, state: 'sent' });
    expect(email.subject).toBe('9 өтінішіне жауап берілді');
  });

  it('filters by state and channel', async () => {
    const failed = (await list('?state=failed')).json<NotificationPage>();
    expect(failed.items.map((n) => n.id)).toEqual([ids[0]]);
    const emails = (await list('?channel=email')).json<NotificationPage>();
    expect(emails.items.map((n) => n.id)).toEqual([ids[3]]);
    const sentSms = (await list('?state=sent&channel=sms')).json<NotificationPage>();
    expect(sentSms.items.map((n) => n.id)).toEqual([ids[2], ids[1]]);
  });

  it('pages with a cursor', async () => {
    const first = (await list('?limit=3')).json<NotificationPage>();
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = (await list(`?limit=3&cursor=${first.nextCursor}`)).json<NotificationPage>();
    expect(second.items.map((n) => n.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it.each([
    ['?state=lost', 'an unknown state'],
    ['?channel=fax', 'an unknown channel'],
    ['?limit=0', 'a zero limit'],
    ['?limit=201', 'a limit over 200'],
    ['?cursor=bm9wZQ', 'a bad cursor'],
    ['?sort=asc', 'an unknown parameter'],
  ])('rejects %s (%s)', async (query) => {
    const res = await list(query);
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).type).toBe('/problems/validation-failed');
  });

  it('masks phones and addresses', () => {
    expect(maskRecipient('+77012345678')).toBe('+7701*****78');
    expect(maskRecipient('aigerim@example.kz')).toBe('a***@example.kz');
    expect(maskRecipient('12345')).toBe('*****');
  });
});

describe(`the outbox log with a real SMS gateway (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({
      env: { SMS_DRIVER: 'http', SMS_HTTP_URL: 'http://127.0.0.1:9/never-called?to={to}&text={text}' },
    });
  });
  afterAll(() => ctx.close());

  it('hides an SMS code’s digits from admins', async () => {
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '918273' } });
    const res = await ctx.app.inject({
      url: '/api/admin/notifications',
      headers: { cookie: await loginAs(ctx.app, 'admin') },
    });
    const item = res.json<NotificationPage>().items.find((n) => n.id === id)!;
    expect(item.body).not.toContain('918273');
    expect(item.body).toContain('••••••');
  });
});

describe(`the delivery-report callback (${testDialect})`, () => {
  let ctx: TestContext;
  let sms: string;

  beforeAll(async () => {
    ctx = await createTestContext({
      seed: false,
      env: { SMS_DLR_TOKEN: TOKEN, SMS_DLR_RATE_PER_MINUTE: '20' },
    });
    sms = await queueTestSms(ctx, { template: 'code', values: { code: '1' } });
    await ctx.drain();
  });
  afterAll(() => ctx.close());

  let address = 0;
  const report = (query: string, options: { token?: string; ip?: string } = {}) =>
    ctx.app.inject({
      url: `/api/notifications/dlr/${options.token ?? TOKEN}${query}`,
      remoteAddress: options.ip ?? `10.9.0.${++address}`,
    });

  it('answers 403 to a wrong token, in problem+json', async () => {
    const res = await report(`?id=${sms}&status=1`, { token: 'x'.repeat(26) });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe('/problems/forbidden');
    expect((await notificationRow(ctx, sms)).delivery_state).toBeNull();
  });

  it('answers 404 notification-not-found for a message it does not know, by our id or the gateway’s', async () => {
    for (const query of ['?id=0193a8e4-0000-7000-8000-00000000abcd&status=1', '?message_id=nope&status=1']) {
      const res = await report(query);
      expect(res.statusCode).toBe(404);
      const problem = problemOf(res);
      expect(problem.type).toBe('/problems/notification-not-found');
      expect(problem.title).toBe('Такого уведомления нет');
    }
  });

  it.each([
    [`?status=1`, 'no message named'],
    [`?id=not-a-uuid&status=1`, 'an id that is not ours'],
    [`?id={id}`, 'no status'],
    [`?id={id}&status=maybe`, 'a status nobody uses'],
    [`?id={id}&status=0`, 'a Kannel type with no meaning'],
  ])('answers 400 to %s (%s)', async (query) => {
    const res = await report(query.replace('{id}', sms));
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).type).toBe('/problems/validation-failed');
  });

  it('takes a report posted as a form', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/notifications/dlr/${TOKEN}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `id=${sms}&status=DELIVRD`,
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await notificationRow(ctx, sms)).delivery_state).toBe('delivered');
  });

  it('rejects a body it cannot read', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/notifications/dlr/${TOKEN}`,
      headers: { 'content-type': 'text/csv' },
      payload: 'id,status',
    });
    expect(res.statusCode).toBe(415);
    expect(problemOf(res).type).toBe('/problems/unsupported-media-type');
  });

  it('limits reports per address', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 21; i++)
      answers.push((await report(`?id=${sms}&status=1`, { ip: '10.9.9.9' })).statusCode);
    expect(answers.slice(0, 20)).toEqual(Array(20).fill(204));
    expect(answers[20]).toBe(429);
  });
});

describe(`the delivery-report callback without a token (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ seed: false });
  });
  afterAll(() => ctx.close());

  it('is not there at all', async () => {
    const res = await ctx.app.inject({ url: '/api/notifications/dlr/anything-at-all-12345?id=x&status=1' });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res).type).toBe('/problems/not-found');
  });
});
