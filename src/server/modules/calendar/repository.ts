// The working-day calendar as data: statutory holidays seeded once per year, moved days and one-off days off added
// by admins.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import { statutoryDaysOff, type WorkCalendar } from '../../../common/workdays.js';

type Executor = Database | Transaction<DB>;

/** The calendar's exceptions between two days (inclusive); enough for any deadline that starts in the range. */
export async function loadCalendar(db: Executor, from: string, to: string): Promise<WorkCalendar> {
  const rows = await db
    .selectFrom('calendar_days')
    .select(['day', 'kind'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return {
    daysOff: new Set(rows.filter((r) => r.kind === 'day_off').map((r) => r.day)),
    workingWeekends: new Set(rows.filter((r) => r.kind === 'working').map((r) => r.day)),
  };
}

async function insertStatutoryDays(db: Executor, year: number, kurbanAit: string | undefined): Promise<void> {
  for (const day of statutoryDaysOff(year, kurbanAit)) {
    await db
      .insertInto('calendar_days')
      .values({ day, kind: 'day_off', note: 'statutory', source: 'statutory' })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
  }
}

/** Adds the statutory days off of the given years; days already present (an admin's edits) are left as they are. */
export async function seedStatutoryCalendar(
  db: Executor,
  years: number[],
  kurbanAit: Readonly<Record<number, string>>,
): Promise<void> {
  for (const year of years) await insertStatutoryDays(db, year, kurbanAit[year]);
}

/**
 * Seeds a year's statutory list the first time the year is needed, and never again: once the year is marked, an
 * admin's removal of a statutory day (a decree moved it) stands. Returns the years seeded now.
 */
export async function ensureStatutoryYears(
  db: Executor,
  years: number[],
  kurbanAit: Readonly<Record<number, string>>,
  now: string,
): Promise<number[]> {
  const wanted = [...new Set(years)].filter((y) => y >= 2000 && y <= 2100);
  if (wanted.length === 0) return [];
  const marked = await db.selectFrom('calendar_years').select('year').where('year', 'in', wanted).execute();
  const known = new Set(marked.map((r) => Number(r.year)));
  const seeded: number[] = [];
  for (const year of wanted) {
    if (known.has(year)) continue;
    // The mark first: of two callers at once, only the one that inserted it seeds (the other sees 0 rows).
    const result = await db
      .insertInto('calendar_years')
      .values({ year, seeded_at: now })
      .onConflict((oc) => oc.column('year').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) continue;
    await insertStatutoryDays(db, year, kurbanAit[year]);
    seeded.push(year);
  }
  return seeded;
}

export interface CalendarDayRow {
  day: string;
  kind: 'day_off' | 'working';
  note: string;
  source: 'statutory' | 'admin';
}

export async function listCalendarDays(db: Executor, from: string, to: string): Promise<CalendarDayRow[]> {
  return db
    .selectFrom('calendar_days')
    .select(['day', 'kind', 'note', 'source'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

export async function findCalendarDay(db: Executor, day: string): Promise<CalendarDayRow | undefined> {
  return db
    .selectFrom('calendar_days')
    .select(['day', 'kind', 'note', 'source'])
    .where('day', '=', day)
    .executeTakeFirst();
}

/** False when the day already has an entry. */
export async function insertCalendarDay(db: Executor, row: CalendarDayRow): Promise<boolean> {
  const result = await db
    .insertInto('calendar_days')
    .values(row)
    .onConflict((oc) => oc.column('day').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteCalendarDay(db: Executor, day: string): Promise<boolean> {
  const result = await db.deleteFrom('calendar_days').where('day', '=', day).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
