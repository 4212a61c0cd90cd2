// No personal field can leave through a public endpoint (SQLite and PostgreSQL): appeals are seeded with distinctive
// phones, IINs, notes with a citizen's name, answer texts, rating comments and dispute reasons, and not one of those
// strings — nor a registration number, nor an official's or a staff member's name — may appear in any response of
// the endpoints listed below. Every public route that shows figures or appeals belongs in PUBLIC_ENDPOINTS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing.js';
import { makeStatsAppeal } from './fixtures.js';

/** Public (no login, no key) GET routes that could carry appeal data. Add new ones here (Open311's keyless routes). */
export const PUBLIC_ENDPOINTS: string[] = [
  ...['last-12-months', '2026', '2026-Q3', '2026-Q4'].flatMap((period) => [
    `/api/open-data/stats.json?period=${period}`,
    `/api/open-data/stats.csv?period=${period}`,
  ]),
  '/api/open-data/stats.schema.json',
  // Open311 GeoReport v2 without a key (modules/open311): the default 90 days, an earlier range, services, discovery.
  ...['json', 'xml'].flatMap((format) => [
    `/open311/v2/requests.${format}`,
    `/open311/v2/requests.${format}?start_date=2026-07-01T00:00:00Z&end_date=2026-09-15T00:00:00Z`,
    `/open311/v2/services.${format}`,
    `/open311/v2/services/housing.${format}`,
    `/open311/v2/discovery.${format}`,
  ]),
];

const SECRETS = {
  phone: '+77019876543',
  iin: '900101300123',
  note: 'Zhanar Personalova of Protozanov street 81 asks about her pension',
  answer: 'ANSWER-TEXT-7731: your pension was recalculated',
  comment: 'RATING-COMMENT-4417 thank you Aidos',
  dispute: 'DISPUTE-REASON-9902 nothing was fixed',
};

let ctx: TestContext;
/** Every string that must never appear: the seeded ones, their parts, and the names the directory and staff hold. */
const forbidden: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ env: { STATS_MIN_COUNT: '2' } });
  const { db, storage, clock } = ctx.services;
  for (const [i, registeredOn] of ['2026-07-06', '2026-08-03', '2026-09-01', '2026-10-05'].entries()) {
    for (const department of ['housing', 'transport']) {
      const made = await makeStatsAppeal(db, storage, clock.now(), {
        department,
        registeredOn,
        deadlineOn: '2026-12-31',
        answeredOn: registeredOn,
        workingDays: i + 1,
        score: 1 + i,
        phone: SECRETS.phone.replace(/3$/, String(i)),
        iin: SECRETS.iin,
        note: `${SECRETS.note} (${i})`,
        answerBody: SECRETS.answer,
        ratingComment: SECRETS.comment,
        disputeReason: SECRETS.dispute,
      });
      forbidden.push(made.registrationNumber, made.accessCode, made.phone, made.phone.slice(1), made.id);
    }
  }
  forbidden.push(
    ...Object.values(SECRETS),
    SECRETS.phone.slice(-7),
    'Personalova',
    'ANSWER-TEXT',
    'RATING-COMMENT',
  );
  forbidden.push('DISPUTE-REASON', 'internal note');
  const officials = await db
    .selectFrom('officials')
    .select(['full_name_kk', 'full_name_ru', 'full_name_en'])
    .execute();
  for (const o of officials) forbidden.push(o.full_name_kk, o.full_name_ru, o.full_name_en);
  const staff = await db.selectFrom('staff_users').select(['username', 'display_name']).execute();
  for (const s of staff) forbidden.push(`"${s.username}"`, s.display_name);
});
afterAll(() => ctx.close());

describe('public responses', () => {
  it('carry figures of the seeded appeals, so the check below looks at real data', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/open-data/stats.json?period=2026' });
    expect(res.json<{ region: { received: number } }>().region.received).toBe(8);
  });

  it.each(PUBLIC_ENDPOINTS)('%s holds no phone, IIN, note, answer, comment, name or number', async (url) => {
    const res = await ctx.app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    const text = `${JSON.stringify(res.headers)}\n${res.body}`;
    for (const secret of forbidden) expect(text, secret).not.toContain(secret);
  });
});
