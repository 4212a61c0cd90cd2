// The public statistics on SQLite and PostgreSQL (TEST_DATABASE): figures of a hand-built set of appeals, small
// counts suppressed (and not recoverable from the total), the JSON against its served schema, the CSV, caching,
// and every refusal.
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsDocument, StatsRow } from '../../../common/openstats.js';
import { createTestContext, type TestContext } from '../../testing.js';
import { makeStatsAppeal, type StatsAppealRecipe } from './fixtures.js';

let ctx: TestContext;
const READ_LIMIT = 100;

const get = (url: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url, headers });
const doc = async (period?: string) => {
  const res = await get(`/api/open-data/stats.json${period ? `?period=${period}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<StatsDocument>();
};
const row = (d: StatsDocument, code: string) => d.departments.find((r) => r.department_code === code);
const slugOf = (res: LightMyRequestResponse) => {
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json<{ type: string }>().type.replace('/problems/', '');
};

/** Answered on time, after `days` working days. */
const onTime = (
  department: string,
  registeredOn: string,
  days: number,
  score?: number,
): StatsAppealRecipe => ({
  department,
  registeredOn,
  deadlineOn: '2026-12-31',
  answeredOn: registeredOn,
  workingDays: days,
  ...(score ? { score } : {}),
});

beforeAll(async () => {
  // Now: 18 November 2026, so the figures run to 31 October 2026.
  ctx = await createTestContext({ env: { PUBLIC_READ_RATE_PER_MINUTE: String(READ_LIMIT) } });
  // Only three bodies, so that the one with 3 appeals must be hidden behind another.
  await ctx.services.db
    .updateTable('departments')
    .set({ active: 0 })
    .where('code', 'not in', ['housing', 'transport', 'education'])
    .execute();
  const q3: StatsAppealRecipe[] = [
    // housing: 8 received; 6 on time, 1 late, 1 open past its deadline; 5 ratings.
    onTime('housing', '2026-07-06', 2, 5),
    onTime('housing', '2026-07-07', 3, 4),
    onTime('housing', '2026-07-08', 3, 4),
    onTime('housing', '2026-07-09', 5, 3),
    onTime('housing', '2026-07-10', 7, 5),
    onTime('housing', '2026-07-13', 10),
    {
      department: 'housing',
      registeredOn: '2026-07-14',
      deadlineOn: '2026-08-04',
      answeredOn: '2026-08-11',
      workingDays: 20,
    },
    { department: 'housing', registeredOn: '2026-07-15', deadlineOn: '2026-08-05' },
    // transport: 6, all on time, 2 ratings.
    onTime('transport', '2026-08-03', 1, 4),
    onTime('transport', '2026-08-04', 1, 5),
    onTime('transport', '2026-08-05', 2),
    onTime('transport', '2026-08-06', 2),
    onTime('transport', '2026-08-07', 4),
    onTime('transport', '2026-08-10', 4),
    // education: 3, on time, each rated 1.
    onTime('education', '2026-09-01', 1, 1),
    onTime('education', '2026-09-02', 1, 1),
    onTime('education', '2026-09-03', 1, 1),
  ];
  const others: StatsAppealRecipe[] = [
    onTime('housing', '2026-10-05', 4),
    onTime('housing', '2025-12-10', 4),
    // After the last published day: never counted yet.
    onTime('housing', '2026-11-02', 1),
    // Not assigned to a body, open past its deadline.
    { department: null, registeredOn: '2026-10-06', deadlineOn: '2026-10-27', status: 'registered' },
  ];
  const { db, storage, clock } = ctx.services;
  for (const recipe of [...q3, ...others]) await makeStatsAppeal(db, storage, clock.now(), recipe);
});
afterAll(() => ctx.close());

describe('the figures of a quarter', () => {
  let q3: StatsDocument;
  beforeAll(async () => {
    q3 = await doc('2026-Q3');
  });

  it('names the period and the last published day', () => {
    expect(q3.period).toEqual({ key: '2026-Q3', from: '2026-07-01', to: '2026-09-30', complete: true });
    expect(q3.published_through).toBe('2026-10-31');
    expect(q3.min_count).toBe(5);
    expect(q3.license.id).toBe('CC-BY-4.0');
    expect(q3.departments.map((r) => r.department_code)).toEqual(['housing', 'transport', 'education']);
  });

  it('counts a body’s appeals, its on-time share, median answer time and ratings', () => {
    expect(row(q3, 'housing')).toMatchObject({
      level: 'department',
      received: 8,
      due: 8,
      answered_on_time: 6,
      on_time_share: 0.75,
      answered: 7,
      median_answer_working_days: 5,
      ratings: 5,
      average_rating: 4.2,
      suppressed: [],
    });
  });

  it('sums the whole region, with its own median', () => {
    expect(q3.region).toMatchObject({
      level: 'region',
      department_id: null,
      received: 17,
      due: 17,
      answered_on_time: 15,
      on_time_share: 0.882,
      answered: 16,
      median_answer_working_days: 2,
      ratings: 10,
      average_rating: 3.3,
      suppressed: [],
    });
  });

  it('shows no rate of the body with 3 appeals', () => {
    const education = row(q3, 'education') as StatsRow;
    expect(education).toMatchObject({
      received: null,
      due: null,
      answered_on_time: null,
      on_time_share: null,
      answered: null,
      median_answer_working_days: null,
      ratings: null,
      average_rating: null,
    });
    expect(education.suppressed).toEqual([
      { measure: 'received', reason: 'small' },
      { measure: 'on_time', reason: 'small' },
      { measure: 'answer_time', reason: 'small' },
      { measure: 'satisfaction', reason: 'small' },
    ]);
  });

  it('hides another body too, so the total minus the rest never gives the 3 back', () => {
    const transport = row(q3, 'transport') as StatsRow;
    expect(transport.received).toBeNull();
    expect(transport.suppressed).toEqual([
      { measure: 'received', reason: 'complementary' },
      { measure: 'on_time', reason: 'complementary' },
      { measure: 'answer_time', reason: 'complementary' },
      { measure: 'satisfaction', reason: 'small' },
    ]);
    // What subtraction leaves is the two bodies together, never one.
    const shown = (f: 'received' | 'due' | 'answered' | 'ratings') =>
      q3.departments.reduce((s, r) => s + (r[f] ?? 0), 0);
    for (const f of ['received', 'due', 'answered', 'ratings'] as const) {
      const hiddenRows = q3.departments.filter((r) => r[f] === null);
      expect(hiddenRows.length, f).toBeGreaterThanOrEqual(2);
      expect((q3.region[f] as number) - shown(f), f).toBeGreaterThanOrEqual(q3.min_count);
    }
  });
});

describe('periods', () => {
  it('counts the last 12 months by default, and the year to the last published day', async () => {
    const last12 = await doc();
    expect(last12.period).toMatchObject({ key: 'last-12-months', from: '2025-11-01', to: '2026-10-31' });
    expect(row(last12, 'housing')?.received).toBe(10);
    const year = await doc('2026');
    expect(year.period).toEqual({ key: '2026', from: '2026-01-01', to: '2026-10-31', complete: false });
    expect(row(year, 'housing')?.received).toBe(9);
    expect(year.region.received).toBe(19);
  });

  it('lists appeals no body holds yet apart, suppressed when few', async () => {
    const q4 = await doc('2026-Q4');
    const unassigned = q4.departments.find((r) => r.level === 'unassigned');
    expect(unassigned).toMatchObject({ department_id: null, received: null });
    expect(q4.region.received).toBeNull();
  });
});

describe('the formats', () => {
  it('serves a JSON Schema the document validates against', async () => {
    const res = await get('/api/open-data/stats.schema.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/schema+json');
    const schema = res.json<Record<string, unknown>>();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const validate = new Ajv({ strict: false }).compile(schema);
    for (const period of ['2026-Q3', '2026-Q4', 'last-12-months']) {
      const body = await doc(period);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ ...(await doc('2026-Q3')), extra: 1 })).toBe(false);
  });

  it('serves the same figures as CSV, region first, with the licence in a Link header', async () => {
    const res = await get('/api/open-data/stats.csv?period=2026-Q3');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="dialog-stats-2026-Q3.csv"');
    expect(res.headers.link).toContain('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
    const records = parse<Record<string, string>>(res.body, { bom: true, columns: true });
    expect(records.map((r) => r.level)).toEqual(['region', 'department', 'department', 'department']);
    expect(records[0]).toMatchObject({ period: '2026-Q3', received: '17', on_time_share: '0.882' });
    expect(records[1]).toMatchObject({
      department_code: 'housing',
      name_ru: 'Городской отдел жилищно-коммунального хозяйства',
      received: '8',
      median_answer_working_days: '5',
      average_rating: '4.2',
      suppressed: '',
    });
    expect(records[3]).toMatchObject({
      department_code: 'education',
      received: '',
      on_time_share: '',
      suppressed: 'received:small;on_time:small;answer_time:small;satisfaction:small',
    });
  });
});

describe('caching', () => {
  it('may be cached publicly, with an ETag that answers 304 when it still holds', async () => {
    for (const url of [
      '/api/open-data/stats.json?period=2026-Q3',
      '/api/open-data/stats.csv?period=2026-Q3',
      '/api/open-data/stats.schema.json',
    ]) {
      const first = await get(url);
      expect(first.headers['cache-control'], url).toBe('public, max-age=3600');
      expect(first.headers['access-control-allow-origin']).toBe('*');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]{32}"$/);
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    }
    const other = await get('/api/open-data/stats.json?period=2026');
    expect(other.headers.etag).not.toBe((await get('/api/open-data/stats.json?period=2026-Q3')).headers.etag);
  });
});

describe('refusals', () => {
  it('refuses what is no period (400 validation-failed)', async () => {
    for (const query of ['period=last-week', 'period=2026-Q5', 'period=26', 'period=2026&x=1'])
      for (const format of ['json', 'csv']) {
        const res = await get(`/api/open-data/stats.${format}?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(slugOf(res)).toBe('validation-failed');
      }
  });

  it('refuses a period not published yet, or before 2000 (422 stats-period-invalid)', async () => {
    for (const period of ['2027', '2027-Q1', '1999', '1999-Q4']) {
      const res = await get(`/api/open-data/stats.json?period=${period}`);
      expect(res.statusCode, period).toBe(422);
      expect(slugOf(res)).toBe('stats-period-invalid');
    }
    const csv = await get('/api/open-data/stats.csv?period=2030');
    expect(slugOf(csv)).toBe('stats-period-invalid');
  });

  it('limits reads per address like the other public reads', async () => {
    // Another address (trustProxy) than the rest of this file's requests, so it has its own allowance (per route).
    const from = { 'x-forwarded-for': '192.0.2.7' };
    const codes: number[] = [];
    for (let i = 0; i <= READ_LIMIT; i += 1)
      codes.push((await get('/api/open-data/stats.json?period=2026-Q3', from)).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(READ_LIMIT);
    expect(codes.at(-1)).toBe(429);
    expect(slugOf(await get('/api/open-data/stats.json?period=2026-Q3', from))).toBe('too-many-requests');
  });
});
