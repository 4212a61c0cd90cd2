// Route, redirect, extend and moderate on SQLite and PostgreSQL (TEST_DATABASE): every action with its history row,
// its own record, its SMS and its audit row, and every refusal with its stable problem type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { AppealDetail } from '../../../common/api.js';
import type { DeadlineHistory, HandlingView, RoutingTargets } from '../../../common/handling.js';
import type { PublicLookup } from '../../../common/public.js';
import { countSegments } from '../../notifications/segments.js';
import { createTestContext, loginAs, type TestContext } from '../../testing.js';
import { makeAppeal, type AppealRecipe, type MadeAppeal } from '../public/fixtures.js';
import { listToEscalate } from '../deadlines/repository.js';

let ctx: TestContext;
const cookies: Record<string, string> = {};
const ids = {
  official: '', // the demo 'official' user's official record (housing head)
  akim: '',
  housingDeputy: '',
  housing: '', // departments
  transport: '',
};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const user of ['operator', 'official', 'akim', 'supervisor', 'admin'])
    cookies[user] = await loginAs(ctx.app, user);
  const db = ctx.services.db;
  const byUser = async (username: string) =>
    (
      await db
        .selectFrom('staff_users')
        .select('official_id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).official_id ?? '';
  ids.official = await byUser('official');
  ids.akim = await byUser('akim');
  const targets = (
    await ctx.app.inject({
      method: 'GET',
      url: '/api/office/routing-targets',
      headers: { cookie: cookies.operator },
    })
  ).json<RoutingTargets>();
  const housing = targets.officials.find((o) => o.id === ids.official)?.departmentId ?? '';
  ids.housing = housing;
  ids.housingDeputy =
    targets.officials.find((o) => o.departmentId === housing && o.id !== ids.official)?.id ?? '';
  ids.transport = targets.departments.find((d) => d.name.en.toLowerCase().includes('transport'))?.id ?? '';
  expect(ids.housingDeputy).not.toBe('');
  expect(ids.transport).not.toBe('');
});
afterAll(() => ctx.close());

const make = (recipe: AppealRecipe = {}) =>
  makeAppeal(ctx.services.db, ctx.services.storage, ctx.services.clock.now(), recipe);

function act(user: string, appeal: { id: string }, action: string, payload: object) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/office/appeals/${appeal.id}/${action}`,
    headers: cookies[user] ? { cookie: cookies[user] } : {},
    payload,
  });
}

function get<T>(user: string, url: string): Promise<T> {
  return ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies[user] ?? '' } }).then((res) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  });
}

const handling = (user: string, appeal: { id: string }) =>
  get<HandlingView>(user, `/api/office/appeals/${appeal.id}/handling`);

function slugOf(res: LightMyRequestResponse): string {
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json<{ type: string }>().type.replace('/problems/', '');
}

function expectProblem(res: LightMyRequestResponse, status: number, slug: string) {
  expect({ status: res.statusCode, slug: slugOf(res) }, res.body).toEqual({ status, slug });
}

const appealRow = (id: string) =>
  ctx.services.db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const historyOf = (id: string) =>
  ctx.services.db
    .selectFrom('appeal_status_history')
    .selectAll()
    .where('appeal_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();

const smsOf = (appealId: string, template: string) =>
  ctx.services.db
    .selectFrom('notifications')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .where('template', '=', template)
    .orderBy('created_at')
    .execute();

const auditsOf = (id: string, action: string) =>
  ctx.services.db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_id', '=', id)
    .where('action', '=', action)
    .execute();

async function publicView(appeal: MadeAppeal): Promise<PublicLookup> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/public/lookup',
    payload: { registrationNumber: appeal.registrationNumber, accessCode: appeal.accessCode },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PublicLookup>();
}

describe('routing', () => {
  it('routes a new appeal to an official: under review, new addressee, history, log and audit in one go', async () => {
    const appeal = await make();
    const res = await act('operator', appeal, 'route', {
      officialId: ids.akim,
      reason: '  The akim takes this one personally.  ',
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<HandlingView>();
    expect(view.status).toBe('under_review');
    expect(view.routings).toHaveLength(1);
    expect(view.routings[0]).toMatchObject({
      kind: 'route',
      reason: 'The akim takes this one personally.',
      late: false,
      actor: expect.any(String) as unknown,
    });
    expect(view.routings[0]?.to.official?.fullName.en).toBeTruthy();
    const row = await appealRow(appeal.id);
    expect(row.addressee_official_id).toBe(ids.akim);
    expect(row.status).toBe('under_review');
    const history = await historyOf(appeal.id);
    expect(history.at(-1)).toMatchObject({
      from_status: 'registered',
      to_status: 'under_review',
      reason: 'The akim takes this one personally.',
    });
    expect(await auditsOf(appeal.id, 'appeal.routed')).toHaveLength(1);
    // Routing tells the citizen nothing by SMS: the addressee on the status page is enough.
    expect(await smsOf(appeal.id, 'redirected')).toHaveLength(0);
    // The official it was addressed to no longer sees it; the akim does.
    const gone = await ctx.app.inject({
      method: 'GET',
      url: `/api/office/appeals/${appeal.id}`,
      headers: { cookie: cookies.official },
    });
    expectProblem(gone, 404, 'appeal-not-found');
    expect((await handling('akim', appeal)).status).toBe('under_review');
  });

  it('routes to a department as a whole (no named official)', async () => {
    const appeal = await make();
    const res = await act('operator', appeal, 'route', { departmentId: ids.transport, reason: 'Buses.' });
    expect(res.statusCode, res.body).toBe(200);
    const row = await appealRow(appeal.id);
    expect(row).toMatchObject({ addressee_official_id: null, department_id: ids.transport });
    expect(res.json<HandlingView>().routings[0]?.to).toMatchObject({ official: null, outsideBody: null });
  });

  it('routes an appeal already under review on to someone else (same status, a new history row)', async () => {
    const appeal = await make();
    expect(
      (await act('operator', appeal, 'route', { officialId: ids.official, reason: 'Housing.' })).statusCode,
    ).toBe(200);
    const again = await act('official', appeal, 'route', {
      departmentId: ids.transport,
      reason: 'Buses, in fact.',
    });
    expect(again.statusCode, again.body).toBe(200);
    // The official handed it away: their answer is the last view they may see, with nothing left to do.
    expect(again.json<HandlingView>().can).toMatchObject({ route: false, redirect: false, extend: false });
    expect(again.json<HandlingView>().routings.map((r) => r.reason)).toEqual(['Housing.', 'Buses, in fact.']);
    expect((await historyOf(appeal.id)).slice(-2).map((h) => [h.from_status, h.to_status])).toEqual([
      ['registered', 'under_review'],
      ['under_review', 'under_review'],
    ]);
    expect((await appealRow(appeal.id)).department_id).toBe(ids.transport);
  });

  it('lets the official who holds it route it on to a deputy', async () => {
    const appeal = await make();
    const res = await act('official', appeal, 'route', {
      officialId: ids.housingDeputy,
      reason: 'Buildings are the deputy’s.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await appealRow(appeal.id)).addressee_official_id).toBe(ids.housingDeputy);
  });

  it('refuses what is not a routing', async () => {
    const appeal = await make();
    expectProblem(
      await act('operator', appeal, 'route', { officialId: ids.akim, reason: '  ' }),
      422,
      'reason-required',
    );
    expectProblem(await act('operator', appeal, 'route', { reason: 'x' }), 422, 'routing-target-required');
    expectProblem(
      await act('operator', appeal, 'route', { officialId: crypto.randomUUID(), reason: 'x' }),
      422,
      'unknown-official',
    );
    expectProblem(
      await act('operator', appeal, 'route', { departmentId: crypto.randomUUID(), reason: 'x' }),
      422,
      'unknown-department',
    );
    expectProblem(
      await act('operator', appeal, 'route', {
        officialId: ids.akim,
        departmentId: ids.transport,
        reason: 'x',
      }),
      400,
      'validation-failed',
    );
    expectProblem(
      await act('operator', appeal, 'route', { officialId: ids.akim, reason: 'x', outsideBody: 'y' }),
      400,
      'validation-failed',
    );
    expectProblem(
      await act('operator', appeal, 'route', { officialId: 'nope', reason: 'x' }),
      400,
      'validation-failed',
    );
    const answered = await make({ answer: { body: 'Done.' } });
    expectProblem(
      await act('operator', answered, 'route', { officialId: ids.akim, reason: 'x' }),
      409,
      'invalid-transition',
    );
    expect((await appealRow(appeal.id)).status).toBe('registered');
  });

  it('lets only operators and the official who holds it route: supervisors read, others see nothing', async () => {
    const appeal = await make();
    const body = { officialId: ids.akim, reason: 'x' };
    expectProblem(await act('supervisor', appeal, 'route', body), 403, 'forbidden');
    expectProblem(await act('admin', appeal, 'route', body), 403, 'forbidden');
    expectProblem(await act('akim', appeal, 'route', body), 404, 'appeal-not-found');
    expectProblem(await act('nobody', appeal, 'route', body), 401, 'not-authenticated');
    expect((await appealRow(appeal.id)).status).toBe('registered');
  });

  it('lets one of two operators closing an appeal at once win; the other is told the status moved', async () => {
    const appeal = await make();
    const [a, b] = await Promise.all([
      act('operator', appeal, 'reject', { kind: 'spam', reason: 'first' }),
      act('operator', appeal, 'reject', { kind: 'abuse', reason: 'second' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(slugOf(a.statusCode === 409 ? a : b)).toBe('invalid-transition');
    expect(
      (await historyOf(appeal.id)).filter((h) => h.to_status === 'left_without_consideration'),
    ).toHaveLength(1);
    expect((await handling('operator', appeal)).moderations).toHaveLength(1);
  });
});

describe('redirect', () => {
  it('redirects inside the directory: the department takes it, the citizen gets an SMS naming it', async () => {
    const appeal = await make();
    const res = await act('operator', appeal, 'redirect', {
      departmentId: ids.transport,
      reason: 'Bus routes are the transport department’s.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<HandlingView>();
    expect(view.status).toBe('redirected');
    expect(view.redirectWindow).toEqual({ dueOn: '2026-11-23', state: 'met' });
    expect(view.routings[0]).toMatchObject({ kind: 'redirect', dueOn: '2026-11-23', late: false });
    expect(await appealRow(appeal.id)).toMatchObject({
      status: 'redirected',
      addressee_official_id: null,
      department_id: ids.transport,
    });
    const history = await historyOf(appeal.id);
    const sms = await smsOf(appeal.id, 'redirected');
    expect(sms).toHaveLength(1);
    expect(sms[0]?.event_key).toBe(`appeal:${appeal.id}:redirected:${history.at(-1)?.id}`);
    expect(sms[0]?.body).toContain(appeal.registrationNumber);
    expect(sms[0]?.body).toMatch(/транспорт/i);
    const audit = await auditsOf(appeal.id, 'appeal.redirected');
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ late: false, dueOn: '2026-11-23' });
  });

  it('tells the official an appeal is routed to by email, as of a new appeal', async () => {
    await ctx.services.db
      .updateTable('staff_users')
      .set({ email: 'akim@example.kz' })
      .where('username', '=', 'akim')
      .execute();
    const appeal = await make();
    const res = await act('operator', appeal, 'route', {
      officialId: ids.akim,
      reason: 'The akim’s to decide.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const mails = await ctx.services.db
      .selectFrom('notifications')
      .select(['recipient', 'template'])
      .where('appeal_id', '=', appeal.id)
      .where('channel', '=', 'email')
      .execute();
    expect(mails).toEqual([{ recipient: 'akim@example.kz', template: 'newAppeal' }]);
  });

  it('stops counting an appeal passed to an outside body as overdue, until it comes back to one of ours', async () => {
    // Past its deadline (the test's today is 2026-11-18).
    const appeal = await make({ registeredAt: '2026-10-20T05:00:00.000Z', deadlineOn: '2026-11-10' });
    const overdueNumbers = async () =>
      (
        await get<{ items: { registrationNumber: string; deadlineFlag: string | null }[] }>(
          'operator',
          '/api/office/appeals?view=overdue&limit=200',
        )
      ).items.map((i) => i.registrationNumber);
    const escalatable = async () =>
      (await listToEscalate(ctx.services.db, '2026-11-18', 1000)).map((r) => r.id);
    expect(await overdueNumbers()).toContain(appeal.registrationNumber);
    expect(await escalatable()).toContain(appeal.id);

    const out = await act('operator', appeal, 'redirect', {
      outsideBody: 'Department of Labour Inspection',
      reason: 'Unpaid wages are the labour inspectorate’s to decide.',
    });
    expect(out.statusCode, out.body).toBe(200);
    expect((await appealRow(appeal.id)).outside_redirected_at).not.toBeNull();
    expect(await overdueNumbers()).not.toContain(appeal.registrationNumber);
    expect(await escalatable()).not.toContain(appeal.id);

    // Sent back and routed to one of ours: its deadline runs here again.
    const back = await act('operator', appeal, 'route', { officialId: ids.akim, reason: 'Returned to us.' });
    expect(back.statusCode, back.body).toBe(200);
    expect((await appealRow(appeal.id)).outside_redirected_at).toBeNull();
    expect(await overdueNumbers()).toContain(appeal.registrationNumber);
  });

  it('redirects to an outside body: the appeal stays, the citizen’s page says where and why', async () => {
    const appeal = await make();
    const before = await appealRow(appeal.id);
    const res = await act('operator', appeal, 'redirect', {
      outsideBody: 'Police Department of the East Kazakhstan Region',
      reason: 'A crime is reported: the police decide.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<HandlingView>().routings[0]?.to).toEqual({
      official: null,
      department: null,
      outsideBody: 'Police Department of the East Kazakhstan Region',
    });
    const row = await appealRow(appeal.id);
    expect(row.status).toBe('redirected');
    expect(row.addressee_official_id).toBe(before.addressee_official_id);
    expect((await smsOf(appeal.id, 'redirected'))[0]?.body).toContain(
      'Police Department of the East Kazakhstan Region',
    );
    const page = await publicView(appeal);
    expect(page.notices).toEqual([
      {
        kind: 'redirected',
        at: expect.any(String) as unknown,
        reason: 'A crime is reported: the police decide.',
        to: {
          kk: 'Police Department of the East Kazakhstan Region',
          ru: 'Police Department of the East Kazakhstan Region',
          en: 'Police Department of the East Kazakhstan Region',
        },
      },
    ]);
  });

  it('records a redirect after the 3-working-day window as late, without refusing it', async () => {
    // Registered on Tuesday 10 November 2026: the window closes on Friday the 13th; today is the 18th.
    const appeal = await make({ registeredAt: '2026-11-10T05:00:00.000Z' });
    expect((await handling('operator', appeal)).redirectWindow).toEqual({
      dueOn: '2026-11-13',
      state: 'passed',
    });
    const res = await act('operator', appeal, 'redirect', {
      officialId: ids.akim,
      reason: 'Late but right.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<HandlingView>();
    expect(view.redirectWindow).toEqual({ dueOn: '2026-11-13', state: 'late' });
    expect(view.routings[0]?.late).toBe(true);
    const audit = await auditsOf(appeal.id, 'appeal.redirected');
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ late: true });
  });

  it('counts the window in working days across a holiday', async () => {
    // Registered on Monday 14 December 2026: 16 December is Independence Day, so the window closes on the 18th.
    const appeal = await make({ registeredAt: '2026-12-14T05:00:00.000Z' });
    expect((await handling('operator', appeal)).redirectWindow).toEqual({
      dueOn: '2026-12-18',
      state: 'open',
    });
  });

  it('lets a redirected appeal be redirected again, with a second SMS', async () => {
    const appeal = await make();
    expect(
      (await act('operator', appeal, 'redirect', { departmentId: ids.transport, reason: 'a' })).statusCode,
    ).toBe(200);
    const again = await act('operator', appeal, 'redirect', {
      outsideBody: 'Ministry of Health',
      reason: 'b',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await smsOf(appeal.id, 'redirected')).toHaveLength(2);
    expect(again.json<HandlingView>().routings.map((r) => r.kind)).toEqual(['redirect', 'redirect_outside']);
  });

  it('shortens a long outside body’s name so the SMS stays within two parts', async () => {
    const appeal = await make();
    const name = 'Управление '.padEnd(120, 'х');
    const res = await act('operator', appeal, 'redirect', { outsideBody: name, reason: 'r' });
    expect(res.statusCode, res.body).toBe(200);
    const body = (await smsOf(appeal.id, 'redirected'))[0]?.body ?? '';
    expect(countSegments(body).segments).toBeLessThanOrEqual(2);
    expect(body).toContain('…');
  });

  it('refuses a redirect to where the appeal already is, an empty target, both kinds at once, or no reason', async () => {
    const appeal = await make();
    expectProblem(
      await act('operator', appeal, 'redirect', { officialId: ids.official, reason: 'x' }),
      422,
      'redirect-to-self',
    );
    expectProblem(
      await act('official', appeal, 'redirect', { officialId: ids.official, reason: 'x' }),
      422,
      'redirect-to-self',
    );
    expectProblem(
      await act('operator', appeal, 'redirect', { outsideBody: '   ', reason: 'x' }),
      422,
      'routing-target-required',
    );
    expectProblem(await act('operator', appeal, 'redirect', { reason: 'x' }), 422, 'routing-target-required');
    expectProblem(
      await act('operator', appeal, 'redirect', { officialId: ids.akim, outsideBody: 'Police', reason: 'x' }),
      400,
      'validation-failed',
    );
    expectProblem(
      await act('operator', appeal, 'redirect', { officialId: ids.akim, reason: '' }),
      422,
      'reason-required',
    );
    expectProblem(
      await act('operator', appeal, 'redirect', { outsideBody: 'x'.repeat(121), reason: 'x' }),
      400,
      'validation-failed',
    );
    const answered = await make({ answer: { body: 'Done.' } });
    expectProblem(
      await act('operator', answered, 'redirect', { officialId: ids.akim, reason: 'x' }),
      409,
      'invalid-transition',
    );
    expect((await appealRow(appeal.id)).status).toBe('registered');
    expect(await smsOf(appeal.id, 'redirected')).toHaveLength(0);
  });

  it('lets the official redirect their own appeal but not someone else’s; supervisors never', async () => {
    const mine = await make();
    expect(
      (await act('official', mine, 'redirect', { officialId: ids.akim, reason: 'Not mine.' })).statusCode,
    ).toBe(200);
    const theirs = await make();
    await act('operator', theirs, 'route', { officialId: ids.akim, reason: 'r' });
    expectProblem(
      await act('official', theirs, 'redirect', { officialId: ids.housingDeputy, reason: 'x' }),
      404,
      'appeal-not-found',
    );
    expectProblem(
      await act('supervisor', theirs, 'redirect', { officialId: ids.housingDeputy, reason: 'x' }),
      403,
      'forbidden',
    );
  });
});

describe('extension', () => {
  it('extends by a reasoned decision: new deadline, status, deadline history, SMS with the date', async () => {
    const appeal = await make();
    const res = await act('official', appeal, 'extend', {
      deadlineOn: '2026-12-23',
      reason: 'An inspection of the building is needed.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<HandlingView>()).toMatchObject({ status: 'extended', deadlineOn: '2026-12-23' });
    expect(await appealRow(appeal.id)).toMatchObject({ status: 'extended', deadline_on: '2026-12-23' });
    const sms = await smsOf(appeal.id, 'extended');
    expect(sms).toHaveLength(1);
    expect(sms[0]?.body).toContain('23.12.2026');
    expect((await historyOf(appeal.id)).at(-1)).toMatchObject({
      to_status: 'extended',
      reason: 'An inspection of the building is needed.',
    });
    const deadlines = await get<DeadlineHistory>(
      'supervisor',
      `/api/office/appeals/${appeal.id}/deadline-history`,
    );
    expect(deadlines).toMatchObject({
      registeredOn: '2026-11-18',
      originalDeadlineOn: '2026-12-09',
      deadlineOn: '2026-12-23',
      maxDeadlineOn: '2027-01-18',
      changes: [
        {
          oldDeadlineOn: '2026-12-09',
          newDeadlineOn: '2026-12-23',
          reason: 'An inspection of the building is needed.',
          actor: expect.any(String) as unknown,
        },
      ],
    });
    expect(await auditsOf(appeal.id, 'appeal.extended')).toHaveLength(1);
    // Again, within the ceiling: a second decision, a second SMS, two rows of history.
    const again = await act('official', appeal, 'extend', {
      deadlineOn: '2027-01-18',
      reason: 'Still waiting.',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await smsOf(appeal.id, 'extended')).toHaveLength(2);
    const after = await get<DeadlineHistory>('official', `/api/office/appeals/${appeal.id}/deadline-history`);
    expect(after.changes.map((c) => c.newDeadlineOn)).toEqual(['2026-12-23', '2027-01-18']);
    expect(after.originalDeadlineOn).toBe('2026-12-09');
    expect((await handling('official', appeal)).can.extend).toBe(false);
  });

  it('refuses a deadline not after the current one, beyond two months, or on a day off', async () => {
    const appeal = await make();
    const extend = (deadlineOn: string) => act('official', appeal, 'extend', { deadlineOn, reason: 'r' });
    expectProblem(await extend('2026-12-09'), 422, 'deadline-not-after-current');
    expectProblem(await extend('2026-12-01'), 422, 'deadline-not-after-current');
    expectProblem(await extend('2027-01-19'), 422, 'extension-beyond-maximum');
    expectProblem(await extend('2026-12-12'), 422, 'deadline-not-working-day');
    // Independence Day.
    expectProblem(await extend('2026-12-16'), 422, 'deadline-not-working-day');
    expectProblem(await extend('2026-13-01'), 400, 'validation-failed');
    expectProblem(
      await act('official', appeal, 'extend', { deadlineOn: '2026-12-23', reason: ' ' }),
      422,
      'reason-required',
    );
    expect(await appealRow(appeal.id)).toMatchObject({ status: 'registered', deadline_on: '2026-12-09' });
    expect(await smsOf(appeal.id, 'extended')).toHaveLength(0);
  });

  it('lets only the official who handles it extend', async () => {
    const appeal = await make();
    const body = { deadlineOn: '2026-12-23', reason: 'r' };
    expectProblem(await act('operator', appeal, 'extend', body), 403, 'forbidden');
    expectProblem(await act('supervisor', appeal, 'extend', body), 403, 'forbidden');
    expectProblem(await act('akim', appeal, 'extend', body), 404, 'appeal-not-found');
    const answered = await make({ answer: { body: 'Done.' } });
    expectProblem(await act('official', answered, 'extend', body), 409, 'invalid-transition');
  });
});

describe('moderation', () => {
  it('rejects spam without an SMS, and abuse with one; the reason is public', async () => {
    const spam = await make();
    const res = await act('operator', spam, 'reject', { kind: 'spam', reason: 'Advertising.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<HandlingView>().moderations).toMatchObject([
      { kind: 'spam', reason: 'Advertising.', channel: null },
    ]);
    expect((await appealRow(spam.id)).status).toBe('left_without_consideration');
    expect(await smsOf(spam.id, 'notConsidered')).toHaveLength(0);
    const page = await publicView(spam);
    expect(page.history.at(-1)).toMatchObject({
      status: 'left_without_consideration',
      reason: 'Advertising.',
    });

    const abuse = await make();
    expect((await act('operator', abuse, 'reject', { kind: 'abuse', reason: 'Insults.' })).statusCode).toBe(
      200,
    );
    expect(await smsOf(abuse.id, 'notConsidered')).toHaveLength(1);
    expect(await auditsOf(abuse.id, 'appeal.rejected')).toHaveLength(1);
  });

  it('refuses a rejection by an official, without a reason, or of an answered appeal', async () => {
    const appeal = await make();
    expectProblem(await act('official', appeal, 'reject', { kind: 'spam', reason: 'x' }), 403, 'forbidden');
    expectProblem(await act('supervisor', appeal, 'reject', { kind: 'spam', reason: 'x' }), 403, 'forbidden');
    expectProblem(
      await act('operator', appeal, 'reject', { kind: 'spam', reason: '' }),
      422,
      'reason-required',
    );
    expectProblem(
      await act('operator', appeal, 'reject', { kind: 'rude', reason: 'x' }),
      400,
      'validation-failed',
    );
    const answered = await make({ answer: { body: 'Done.' } });
    expectProblem(
      await act('operator', answered, 'reject', { kind: 'spam', reason: 'x' }),
      409,
      'invalid-transition',
    );
  });

  it('closes a duplicate with "duplicate of N" in the citizen’s language and links both ways', async () => {
    const original = await make();
    const copy = await make();
    const res = await act('operator', copy, 'duplicate', { originalNumber: original.registrationNumber });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<HandlingView>().duplicateOf).toEqual({
      id: original.id,
      registrationNumber: original.registrationNumber,
    });
    expect((await appealRow(copy.id)).status).toBe('left_without_consideration');
    // The fixture's appeals are in Russian.
    expect((await historyOf(copy.id)).at(-1)?.reason).toBe(
      `Дубликат обращения ${original.registrationNumber}`,
    );
    expect((await handling('operator', original)).duplicates).toEqual([
      { id: copy.id, registrationNumber: copy.registrationNumber },
    ]);
    expect(await smsOf(copy.id, 'notConsidered')).toHaveLength(1);
    expect(await auditsOf(copy.id, 'appeal.marked_duplicate')).toHaveLength(1);
    // Its own duplicate cannot then be the original of another.
    const third = await make();
    expectProblem(
      await act('operator', third, 'duplicate', { originalNumber: copy.registrationNumber }),
      422,
      'duplicate-target-is-duplicate',
    );
  });

  it('never closes two appeals as duplicates of each other, even at once', async () => {
    const [first, second] = [await make(), await make()];
    const [a, b] = await Promise.all([
      act('operator', first, 'duplicate', { originalNumber: second.registrationNumber }),
      act('operator', second, 'duplicate', { originalNumber: first.registrationNumber }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 422]);
    expect(slugOf(a.statusCode === 422 ? a : b)).toBe('duplicate-target-is-duplicate');
    const statuses = [(await appealRow(first.id)).status, (await appealRow(second.id)).status].sort();
    expect(statuses).toEqual(['left_without_consideration', 'registered']);
  });

  it('refuses a duplicate of itself or of a missing appeal', async () => {
    const appeal = await make();
    expectProblem(
      await act('operator', appeal, 'duplicate', { originalNumber: appeal.registrationNumber }),
      422,
      'duplicate-of-itself',
    );
    expectProblem(
      await act('operator', appeal, 'duplicate', { originalNumber: '261118-999999' }),
      422,
      'duplicate-target-not-found',
    );
    expectProblem(
      await act('official', appeal, 'duplicate', { originalNumber: '261118-999999' }),
      403,
      'forbidden',
    );
    expect((await appealRow(appeal.id)).status).toBe('registered');
  });

  it('hides parts of the answer from the public and keeps the original for staff', async () => {
    const text = 'Call Aigerim Bekova on +77015550101 about the boiler.';
    const appeal = await make({ answer: { body: text } });
    const start = text.indexOf('Aigerim');
    const phoneAt = text.indexOf('+7701');
    const res = await act('operator', appeal, 'redact', {
      field: 'answer',
      ranges: [
        { start: phoneAt, end: phoneAt + 12 },
        { start, end: start + 'Aigerim Bekova'.length },
      ],
      reason: 'A third person’s name and phone.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<HandlingView>().redactions.answer?.publicText).toBe('Call […] on […] about the boiler.');
    expect((await publicView(appeal)).answer?.body).toBe('Call […] on […] about the boiler.');
    const staff = await get<AppealDetail>('operator', `/api/office/appeals/${appeal.id}`);
    expect(staff.answer?.body).toBe(text);
    const audit = await auditsOf(appeal.id, 'appeal.redacted');
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      field: 'answer',
      reason: 'A third person’s name and phone.',
    });
    // No ranges: public in full again.
    expect(
      (await act('operator', appeal, 'redact', { field: 'answer', ranges: [], reason: 'Checked again.' }))
        .statusCode,
    ).toBe(200);
    expect((await publicView(appeal)).answer?.body).toBe(text);
  });

  it('keeps a public version of the note beside the original', async () => {
    const appeal = await make();
    const res = await act('operator', appeal, 'redact', {
      field: 'note',
      ranges: [
        { start: 0, end: 8 },
        { start: 4, end: 14 },
      ],
      reason: 'r',
    });
    expect(res.statusCode, res.body).toBe(200);
    const note = (await appealRow(appeal.id)).note ?? '';
    expect(res.json<HandlingView>().redactions.note).toMatchObject({
      ranges: [{ start: 0, end: 14 }],
      publicText: `[…]${note.slice(14)}`,
    });
    expect(note).toBe('internal note: never shown to the public');
  });

  it('refuses a redaction outside the text, of an answer not given, or by anyone but an operator', async () => {
    const appeal = await make();
    const redact = (user: string, body: object) => act(user, appeal, 'redact', { reason: 'r', ...body });
    expectProblem(
      await redact('operator', { field: 'note', ranges: [{ start: 5, end: 500 }] }),
      422,
      'redaction-range-invalid',
    );
    expectProblem(
      await redact('operator', { field: 'note', ranges: [{ start: 5, end: 5 }] }),
      422,
      'redaction-range-invalid',
    );
    expectProblem(
      await redact('operator', { field: 'answer', ranges: [{ start: 0, end: 1 }] }),
      409,
      'nothing-to-redact',
    );
    expectProblem(
      await redact('operator', { field: 'note', ranges: [{ start: 0, end: 1 }], reason: ' ' }),
      422,
      'reason-required',
    );
    expectProblem(
      await redact('official', { field: 'note', ranges: [{ start: 0, end: 1 }] }),
      403,
      'forbidden',
    );
    expectProblem(
      await redact('supervisor', { field: 'note', ranges: [{ start: 0, end: 1 }] }),
      403,
      'forbidden',
    );
  });

  it('records a withdrawal the citizen asked for by phone, and tells them', async () => {
    const appeal = await make();
    const res = await act('operator', appeal, 'withdraw', {
      channel: 'phone',
      reason: 'Called: the heating works again.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<HandlingView>().moderations).toMatchObject([{ kind: 'withdrawn', channel: 'phone' }]);
    expect((await appealRow(appeal.id)).status).toBe('withdrawn');
    expect(await smsOf(appeal.id, 'withdrawn')).toHaveLength(1);
    expect(JSON.parse((await auditsOf(appeal.id, 'appeal.withdrawn'))[0]?.detail ?? '{}')).toMatchObject({
      channel: 'phone',
    });
    expectProblem(
      await act('operator', appeal, 'withdraw', { channel: 'phone', reason: 'again' }),
      409,
      'invalid-transition',
    );
  });

  it('refuses a withdrawal without a reason, with an unknown channel, or by an official', async () => {
    const appeal = await make();
    expectProblem(
      await act('operator', appeal, 'withdraw', { channel: 'phone', reason: '' }),
      422,
      'reason-required',
    );
    expectProblem(
      await act('operator', appeal, 'withdraw', { channel: 'pigeon', reason: 'x' }),
      400,
      'validation-failed',
    );
    expectProblem(
      await act('official', appeal, 'withdraw', { channel: 'phone', reason: 'x' }),
      403,
      'forbidden',
    );
  });
});

describe('what the appeal page reads', () => {
  it('says what each role may do', async () => {
    const appeal = await make();
    expect((await handling('operator', appeal)).can).toEqual({
      route: true,
      redirect: true,
      extend: false,
      moderate: true,
      withdraw: true,
      redact: true,
    });
    expect((await handling('official', appeal)).can).toEqual({
      route: true,
      redirect: true,
      extend: true,
      moderate: false,
      withdraw: false,
      redact: false,
    });
    expect((await handling('supervisor', appeal)).can).toEqual({
      route: false,
      redirect: false,
      extend: false,
      moderate: false,
      withdraw: false,
      redact: false,
    });
  });

  it('hides someone else’s appeal like a missing one, and lists the directory', async () => {
    const appeal = await make();
    for (const url of [
      `/api/office/appeals/${appeal.id}/handling`,
      `/api/office/appeals/${appeal.id}/deadline-history`,
    ]) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies.akim } });
      expectProblem(res, 404, 'appeal-not-found');
    }
    const targets = await get<RoutingTargets>('official', '/api/office/routing-targets');
    expect(targets.departments.length).toBeGreaterThan(5);
    expect(targets.officials.every((o) => targets.departments.some((d) => d.id === o.departmentId))).toBe(
      true,
    );
  });
});

describe('the ceiling of an extension is configuration', () => {
  it('allows three months with EXTENSION_MAX_MONTHS=3', async () => {
    const other = await createTestContext({ env: { EXTENSION_MAX_MONTHS: '3' } });
    try {
      const appeal = await makeAppeal(other.services.db, other.services.storage, other.services.clock.now());
      const cookie = await loginAs(other.app, 'official');
      const extend = (deadlineOn: string) =>
        other.app.inject({
          method: 'POST',
          url: `/api/office/appeals/${appeal.id}/extend`,
          headers: { cookie },
          payload: { deadlineOn, reason: 'r' },
        });
      expectProblem(await extend('2027-02-19'), 422, 'extension-beyond-maximum');
      expect((await extend('2027-02-18')).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});
