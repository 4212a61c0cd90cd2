// The supervisor's dashboard on SQLite or PostgreSQL (TEST_DATABASE): each figure against a hand-built set of appeals
// (on time, late, open past the deadline, extended, redirected, disputed, rated), the median in working days across
// a holiday through a real answer, filters, drill-down lists equal to their figures, CSV and XLSX exports parsed
// back with their filters, the role rules, every rejection, and the weekly summary (content, language, once a week).
import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OversightDashboard, OversightMetric, OversightPage } from '../../../common/oversight.js';
import type { AppealStatus } from '../../../common/statuses.js';
import { tickSchedules, SCHEDULES } from '../../jobs/schedule.js';
import { DEFAULT_NOW, createTestContext, loginAs, type TestContext } from '../../testing.js';
import { performanceBy } from '../stats/service.js';
import { sendWeeklySummaries } from './weekly.js';

let ctx: TestContext;
const cookies: Record<string, string> = {};
let o1 = { id: '', department: '' };
let o2 = { id: '', department: '' };
let kioskId = '';
const PERIOD = 'from=2026-11-02&to=2026-11-13';

function problemOf(res: LightMyRequestResponse) {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json<{ type: string; status: number }>().type.replace(/^.*\//, '');
}

function get(who: string, url: string) {
  return ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
}

interface Recipe {
  official: { id: string; department: string } | null;
  department?: string;
  on: string;
  deadline: string;
  status: AppealStatus;
  answeredOn?: string;
  workingDays?: number;
  kiosk?: boolean;
  at?: string;
}

async function makeAppeal(r: Recipe): Promise<string> {
  const id = crypto.randomUUID();
  const at = r.at ?? `${r.on}T05:00:00.000Z`;
  await ctx.services.db
    .insertInto('appeals')
    .values({
      id,
      registration_number: `${r.on.slice(2).replace(/-/g, '')}-${String(crypto.randomInt(10000, 100000))}`,
      access_code_hash: 'x',
      phone_e164: '+77015550000',
      iin: null,
      language: 'ru',
      type: 'complaint',
      category_id: null,
      addressee_official_id: r.official?.id ?? null,
      department_id: r.official?.department ?? r.department ?? null,
      status: r.status,
      source: r.kiosk ? 'kiosk' : 'web',
      kiosk_id: r.kiosk ? kioskId : null,
      note: null,
      media_id: null,
      registered_on: r.on,
      registered_at: at,
      deadline_on: r.deadline,
      answered_at: r.answeredOn ? `${r.answeredOn}T06:00:00.000Z` : null,
      first_answered_on: r.answeredOn ?? null,
      answer_working_days: r.workingDays ?? null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

const ids: Record<string, string> = {};

async function rate(appealId: string, score: number) {
  const answerId = crypto.randomUUID();
  const author = await ctx.services.db
    .selectFrom('staff_users')
    .select('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  await ctx.services.db
    .insertInto('answers')
    .values({
      id: answerId,
      appeal_id: appealId,
      author_user_id: author.id,
      body: 'Ответ',
      outcome: 'explained',
      created_at: DEFAULT_NOW,
      media_id: null,
    })
    .execute();
  await ctx.services.db
    .insertInto('appeal_ratings')
    .values({
      appeal_id: appealId,
      answer_id: answerId,
      satisfied: score >= 4 ? 1 : 0,
      score,
      comment: null,
      created_at: DEFAULT_NOW,
    })
    .execute();
  return answerId;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const { db } = ctx.services;
  for (const who of ['supervisor', 'operator', 'official', 'admin'])
    cookies[who] = await loginAs(ctx.app, who);
  const own = await db
    .selectFrom('staff_users as u')
    .innerJoin('officials as o', 'o.id', 'u.official_id')
    .select(['o.id', 'o.department_id'])
    .where('u.username', '=', 'official')
    .executeTakeFirstOrThrow();
  o1 = { id: own.id, department: own.department_id };
  const other = await db
    .selectFrom('officials')
    .select(['id', 'department_id'])
    .where('department_id', '!=', own.department_id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  o2 = { id: other.id, department: other.department_id };
  kioskId = crypto.randomUUID();
  await db
    .insertInto('kiosks')
    .values({ id: kioskId, name: 'ЦОН Алмалы', location: '', token_hash: null, created_at: DEFAULT_NOW })
    .execute();

  ids.a1 = await makeAppeal({
    official: o1,
    on: '2026-11-02',
    deadline: '2026-11-20',
    status: 'answered',
    answeredOn: '2026-11-05',
    workingDays: 3,
    kiosk: true,
    at: '2026-11-02T04:30:00.000Z', // 09:30 in Almaty
  });
  ids.a2 = await makeAppeal({
    official: o1,
    on: '2026-11-03',
    deadline: '2026-11-10',
    status: 'disputed',
    answeredOn: '2026-11-12',
    workingDays: 7,
    kiosk: true,
    at: '2026-11-03T04:45:00.000Z', // 09:45
  });
  ids.a3 = await makeAppeal({
    official: o1,
    on: '2026-11-04',
    deadline: '2026-11-11',
    status: 'under_review',
  });
  ids.a4 = await makeAppeal({ official: o2, on: '2026-11-05', deadline: '2026-11-26', status: 'extended' });
  ids.a5 = await makeAppeal({
    official: o2,
    on: '2026-11-06',
    deadline: '2026-11-27',
    status: 'answered',
    answeredOn: '2026-11-09',
    workingDays: 1,
    kiosk: true,
    at: '2026-11-06T09:10:00.000Z', // 14:10
  });
  ids.a6 = await makeAppeal({
    official: null,
    department: o1.department,
    on: '2026-11-09',
    deadline: '2026-11-30',
    status: 'withdrawn',
  });
  // The previous period (2026-10-21 – 2026-11-01) and after the period.
  ids.a7 = await makeAppeal({
    official: o1,
    on: '2026-10-30',
    deadline: '2026-11-20',
    status: 'answered',
    answeredOn: '2026-11-02',
    workingDays: 1,
  });
  ids.a8 = await makeAppeal({ official: o1, on: '2026-11-16', deadline: '2026-12-07', status: 'registered' });

  const actor = (
    await db
      .selectFrom('staff_users')
      .select('id')
      .where('username', '=', 'operator')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('deadline_changes')
    .values({
      id: crypto.randomUUID(),
      appeal_id: ids.a4,
      old_deadline_on: '2026-11-16',
      new_deadline_on: '2026-11-26',
      reason: 'экспертиза',
      history_id: null,
      actor_user_id: actor,
      at: DEFAULT_NOW,
    })
    .execute();
  await db
    .insertInto('appeal_routings')
    .values({
      id: crypto.randomUUID(),
      appeal_id: ids.a5,
      kind: 'redirect',
      from_official_id: o1.id,
      from_department_id: o1.department,
      to_official_id: o2.id,
      to_department_id: o2.department,
      outside_body: null,
      reason: 'не по адресу',
      due_on: '2026-11-09',
      late: 0,
      history_id: null,
      actor_user_id: actor,
      at: DEFAULT_NOW,
    })
    .execute();
  // A route by the operator is not a redirect.
  await db
    .insertInto('appeal_routings')
    .values({
      id: crypto.randomUUID(),
      appeal_id: ids.a3,
      kind: 'route',
      from_official_id: null,
      from_department_id: null,
      to_official_id: o1.id,
      to_department_id: o1.department,
      outside_body: null,
      reason: 'маршрут',
      due_on: '2026-11-09',
      late: 0,
      history_id: null,
      actor_user_id: actor,
      at: DEFAULT_NOW,
    })
    .execute();
  await rate(ids.a1, 5);
  const a2Answer = await rate(ids.a2, 2);
  await db
    .insertInto('appeal_disputes')
    .values({
      id: crypto.randomUUID(),
      appeal_id: ids.a2,
      answer_id: a2Answer,
      reason: 'не решено',
      created_at: DEFAULT_NOW,
    })
    .execute();
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

describe('figures', () => {
  it('counts each figure of the period against the hand-built appeals', async () => {
    const res = await get('supervisor', `/api/office/oversight?${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<OversightDashboard>();
    expect(d.totals).toEqual({
      received: 6,
      answered: 3,
      answeredOnTime: 2,
      overdue: 2,
      extended: 1,
      redirected: 1,
      disputed: 1,
      medianAnswerWorkingDays: 3,
      averageRating: 3.5,
      ratings: 2,
    });
    expect(d.previousFrom).toBe('2026-10-21');
    expect(d.previousTo).toBe('2026-11-01');
    expect(d.previousTotals.received).toBe(1);
    const first = d.officials.find((o) => o.id === o1.id);
    expect(first).toMatchObject({
      received: 3,
      answered: 2,
      answeredOnTime: 1,
      overdue: 2,
      disputed: 1,
      medianAnswerWorkingDays: 3,
    });
    expect(first?.name?.ru).not.toBe('');
    // The department counts its appeal with no named official too; the withdrawn one is never overdue.
    expect(d.departments.find((x) => x.id === o1.department)).toMatchObject({ received: 4, overdue: 2 });
    expect(d.departments.find((x) => x.id === o2.department)).toMatchObject({
      received: 2,
      extended: 1,
      redirected: 1,
      overdue: 0,
    });
    expect(d.officials.find((o) => o.id === '')?.received).toBe(1);
    expect(d.series.map((p) => p.day)).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-09',
    ]);
    expect(d.series.find((p) => p.day === '2026-11-03')).toMatchObject({
      received: 1,
      answered: 1,
      overdue: 1,
    });
    expect(d.topics).toEqual([{ id: '', name: null, current: 6, previous: 1 }]);
  });

  it('counts booth traffic per local day, hour and booth', async () => {
    const d = (await get('supervisor', `/api/office/oversight?${PERIOD}`)).json<OversightDashboard>();
    expect(d.booths.byKiosk).toEqual([{ id: kioskId, name: 'ЦОН Алмалы', count: 3 }]);
    expect(d.booths.byHour.find((h) => h.hour === 9)?.count).toBe(2);
    expect(d.booths.byHour.find((h) => h.hour === 14)?.count).toBe(1);
    expect(d.booths.byHour).toHaveLength(24);
    expect(d.booths.byDay).toEqual([
      { day: '2026-11-02', count: 1 },
      { day: '2026-11-03', count: 1 },
      { day: '2026-11-06', count: 1 },
    ]);
  });

  it('narrows every figure by the filters', async () => {
    const byOfficial = (
      await get('supervisor', `/api/office/oversight?${PERIOD}&official=${o2.id}`)
    ).json<OversightDashboard>();
    expect(byOfficial.totals).toMatchObject({
      received: 2,
      answered: 1,
      extended: 1,
      redirected: 1,
      overdue: 0,
    });
    const byStatus = (
      await get('supervisor', `/api/office/oversight?${PERIOD}&status=disputed`)
    ).json<OversightDashboard>();
    expect(byStatus.totals).toMatchObject({ received: 1, disputed: 1, ratings: 1, averageRating: 2 });
    const byKiosk = (
      await get('supervisor', `/api/office/oversight?${PERIOD}&kiosk=${kioskId}`)
    ).json<OversightDashboard>();
    expect(byKiosk.totals.received).toBe(3);
    const byDepartment = (
      await get('supervisor', `/api/office/oversight?${PERIOD}&department=${o1.department}&type=complaint`)
    ).json<OversightDashboard>();
    expect(byDepartment.totals.received).toBe(4);
    const byType = (
      await get('supervisor', `/api/office/oversight?${PERIOD}&type=proposal`)
    ).json<OversightDashboard>();
    expect(byType.totals.received).toBe(0);
    expect(byType.totals.medianAnswerWorkingDays).toBeNull();
  });

  it('gives the shared performanceBy the same rows', async () => {
    const rows = await performanceBy(ctx.services, 'official', { from: '2026-11-02', to: '2026-11-13' });
    expect(rows.find((r) => r.id === o2.id)).toMatchObject({
      received: 2,
      answered: 1,
      answeredOnTime: 1,
      medianAnswerWorkingDays: 1,
    });
  });

  it('keeps the working days to the first answer, a holiday not counted', async () => {
    const id = await makeAppeal({
      official: o1,
      on: '2026-12-15',
      deadline: '2027-01-08',
      status: 'registered',
    });
    ctx.clock.set('2026-12-18T06:00:00.000Z');
    try {
      // A month on, the morning's session has lapsed: a new one.
      const cookie = await loginAs(ctx.app, 'official');
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/office/appeals/${id}/answer`,
        headers: { cookie },
        payload: { outcome: 'explained', body: 'Освещение восстановлено.' },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      ctx.clock.set(DEFAULT_NOW);
      // Signing in a month on swept the morning's sessions.
      for (const who of Object.keys(cookies)) cookies[who] = await loginAs(ctx.app, who);
    }
    const row = await ctx.services.db
      .selectFrom('appeals')
      .select(['first_answered_on', 'answer_working_days'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // 16 December is Independence Day: the 17th and the 18th are the two working days.
    expect(row).toEqual({ first_answered_on: '2026-12-18', answer_working_days: 2 });
  });
});

describe('drill-down', () => {
  const metrics: [OversightMetric, keyof OversightDashboard['totals']][] = [
    ['received', 'received'],
    ['answered', 'answered'],
    ['answeredOnTime', 'answeredOnTime'],
    ['overdue', 'overdue'],
    ['extended', 'extended'],
    ['redirected', 'redirected'],
    ['disputed', 'disputed'],
    ['rated', 'ratings'],
  ];
  it('lists exactly the appeals each figure counts', async () => {
    const d = (await get('supervisor', `/api/office/oversight?${PERIOD}`)).json<OversightDashboard>();
    for (const [metric, figure] of metrics) {
      const page = (
        await get('supervisor', `/api/office/oversight/appeals?${PERIOD}&metric=${metric}`)
      ).json<OversightPage>();
      expect(page.items.length, metric).toBe(d.totals[figure]);
    }
    const overdue = (
      await get('supervisor', `/api/office/oversight/appeals?${PERIOD}&metric=overdue`)
    ).json<OversightPage>();
    expect(overdue.items.map((i) => i.id).sort()).toEqual([ids.a2, ids.a3].sort());
  });

  it('pages by keyset, newest first', async () => {
    const first = (
      await get('supervisor', `/api/office/oversight/appeals?${PERIOD}&limit=4`)
    ).json<OversightPage>();
    expect(first.items).toHaveLength(4);
    expect(first.items[0]?.id).toBe(ids.a6);
    const next = (
      await get(
        'supervisor',
        `/api/office/oversight/appeals?${PERIOD}&limit=4&cursor=${first.nextCursor ?? ''}`,
      )
    ).json<OversightPage>();
    expect(next.items.map((i) => i.id)).toEqual([ids.a2, ids.a1]);
    expect(next.nextCursor).toBeNull();
    const bad = await get('supervisor', `/api/office/oversight/appeals?${PERIOD}&cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad)).toBe('invalid-cursor');
  });
});

describe('exports', () => {
  it('streams the overdue list as CSV with the filters written above it, and audits it', async () => {
    const res = await get(
      'supervisor',
      `/api/office/oversight/export?${PERIOD}&official=${o1.id}&table=appeals&metric=overdue&format=csv&lang=en`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('oversight-appeals-2026-11-02-2026-11-13.csv');
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { relax_column_count: true });
    expect(rows[0]).toEqual(['Table', 'Appeals']);
    expect(rows[1]).toEqual(['Registration period', '2026-11-02 – 2026-11-13']);
    expect(rows.find((r) => r[0] === 'Official')?.[1]).not.toBe('');
    expect(rows.find((r) => r[0] === 'Figure')).toEqual(['Figure', 'Overdue']);
    const header = rows.findIndex((r) => r[0] === 'Registration number');
    expect(header).toBeGreaterThan(0);
    expect(rows.slice(header + 1)).toHaveLength(2);
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select(['detail', 'subject_id'])
      .where('action', '=', 'oversight.exported')
      .execute();
    expect(audit.some((a) => a.subject_id === 'appeals' && a.detail.includes('"metric":"overdue"'))).toBe(
      true,
    );
  });

  it('writes the departments table as XLSX with a Filters sheet, in Russian', async () => {
    const res = await get(
      'supervisor',
      `/api/office/oversight/export?${PERIOD}&table=departments&format=xlsx&lang=ru`,
    );
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const data = workbook.worksheets[0];
    const filters = workbook.getWorksheet('Фильтры');
    expect(data?.getRow(1).getCell(2).value).toBe('Поступило');
    expect(data?.rowCount).toBe(3);
    const received = [2, 3].map((n) => Number(data?.getRow(n).getCell(2).value)).sort();
    expect(received).toEqual([2, 4]);
    expect(filters?.getRow(2).values).toEqual([undefined, 'Период регистрации', '2026-11-02 – 2026-11-13']);
  });

  it('exports the other tables', async () => {
    for (const table of ['officials', 'topics', 'series', 'booths']) {
      const res = await get(
        'supervisor',
        `/api/office/oversight/export?${PERIOD}&table=${table}&format=csv&lang=kk`,
      );
      expect(res.statusCode, table).toBe(200);
      const rows = parse(res.body.replace(/^\uFEFF/, ''), { relax_column_count: true });
      expect(rows[0]?.[0]).toBe('Кесте');
    }
  });
});

describe('rejections and role rules', () => {
  it('lets only supervisors in', async () => {
    for (const who of ['operator', 'official', 'admin']) {
      for (const path of ['', '/appeals', '/export']) {
        const res = await get(who, `/api/office/oversight${path}?${PERIOD}&table=series&format=csv`);
        expect(res.statusCode, `${who} ${path}`).toBe(403);
        expect(problemOf(res)).toBe('forbidden');
      }
    }
    const anonymous = await ctx.app.inject({ method: 'GET', url: `/api/office/oversight?${PERIOD}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses bad dates, a period that ends before it starts or is too long, and unknown ids', async () => {
    const cases: [string, number, string][] = [
      ['from=2026-13-01&to=2026-11-13', 400, 'validation-failed'],
      ['from=2026-02-30&to=2026-03-13', 400, 'validation-failed'],
      ['to=2026-11-13', 400, 'validation-failed'],
      ['from=2026-11-14&to=2026-11-13', 400, 'validation-failed'],
      ['from=2020-01-01&to=2026-11-13', 400, 'validation-failed'],
      [`${PERIOD}&department=${crypto.randomUUID()}`, 404, 'department-not-found'],
      [`${PERIOD}&official=${crypto.randomUUID()}`, 404, 'official-not-found'],
      [`${PERIOD}&category=${crypto.randomUUID()}`, 404, 'category-not-found'],
      [`${PERIOD}&kiosk=${crypto.randomUUID()}`, 404, 'kiosk-not-found'],
      [`${PERIOD}&type=rumour`, 400, 'validation-failed'],
      [`${PERIOD}&department=not-an-id`, 400, 'validation-failed'],
    ];
    for (const [query, status, type] of cases) {
      for (const path of ['', '/appeals']) {
        const res = await get('supervisor', `/api/office/oversight${path}?${query}`);
        expect(res.statusCode, `${path}?${query}`).toBe(status);
        expect(problemOf(res), query).toBe(type);
      }
    }
    const badMetric = await get('supervisor', `/api/office/oversight/appeals?${PERIOD}&metric=late`);
    expect(problemOf(badMetric)).toBe('validation-failed');
    const badTable = await get('supervisor', `/api/office/oversight/export?${PERIOD}&table=users&format=csv`);
    expect(problemOf(badTable)).toBe('validation-failed');
    const badFormat = await get(
      'supervisor',
      `/api/office/oversight/export?${PERIOD}&table=series&format=pdf`,
    );
    expect(problemOf(badFormat)).toBe('validation-failed');
    const unknownExport = await get(
      'supervisor',
      `/api/office/oversight/export?${PERIOD}&table=series&format=csv&kiosk=${crypto.randomUUID()}`,
    );
    expect(problemOf(unknownExport)).toBe('kiosk-not-found');
  });
});

describe('weekly summary', () => {
  it('goes to each supervisor once a week, on Monday from the digest hour, in their language', async () => {
    const { db } = ctx.services;
    await db
      .updateTable('staff_users')
      .set({ email: 'boss@example.kz', language: 'kk' })
      .where('username', '=', 'supervisor')
      .execute();
    const weekly = SCHEDULES.filter((s) => s.job === 'send-oversight-weekly');
    // Monday 16 November 2026, 07:00 in Almaty: before DIGEST_HOUR (8).
    ctx.clock.set('2026-11-16T02:00:00.000Z');
    try {
      expect(await tickSchedules(ctx.services, weekly)).toEqual([]);
      ctx.clock.set('2026-11-16T03:30:00.000Z');
      expect(await tickSchedules(ctx.services, weekly)).toEqual(['send-oversight-weekly@2026-11-16']);
      // A second process ticking the same week enqueues nothing.
      expect(await tickSchedules(ctx.services, weekly)).toEqual([]);
      ctx.clock.set('2026-11-18T03:30:00.000Z');
      expect(await tickSchedules(ctx.services, weekly)).toEqual([]);
      ctx.clock.set('2026-11-16T03:30:00.000Z');
      await ctx.drain();
      await sendWeeklySummaries(ctx.services, '2026-11-16');
      const mail = await db
        .selectFrom('notifications')
        .select(['recipient', 'subject', 'body', 'language'])
        .where('template', '=', 'oversightWeekly')
        .execute();
      expect(mail).toHaveLength(1);
      expect(mail[0]?.recipient).toBe('boss@example.kz');
      expect(mail[0]?.language).toBe('kk');
      // Last week: 9–15 November, one appeal (the withdrawn one, not overdue).
      expect(mail[0]?.subject).toContain('2026-11-09 – 2026-11-15');
      expect(mail[0]?.body).toContain('Түсті: 1');
      expect(mail[0]?.body).toContain('/office/oversight?from=2026-11-09&to=2026-11-15');
      // A week already past sends nothing.
      expect(await sendWeeklySummaries(ctx.services, '2026-11-09')).toBe(0);
    } finally {
      ctx.clock.set(DEFAULT_NOW);
    }
  });
});
