// The working-day calendar as data: statutory holidays seeded, moved days and one-off days off added by admins.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import { statutoryDaysOff, type WorkCalendar } from '../../../common/workdays.js';

type Executor = Database | Transaction<DB>;

/** The calendar's exceptions between two days (inclusive); enough for any deadline that starts in the range. */
export async function loadCalendar(db: Executor, from: string, to: string): Promise<WorkCalendar> {
  const rows = await db
    .selectFrom('calendar_days')
    .selectAll()
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return {
    daysOff: new Set(rows.filter((r) => r.kind === 'day_off').map((r) => r.day)),
    workingWeekends: new Set(rows.filter((r) => r.kind === 'working').map((r) => r.day)),
  };
}

/** Adds the statutory days off of the given years; days already present (an admin's edits) are left as they are. */
export async function seedStatutoryCalendar(
  db: Executor,
  years: number[],
  kurbanAit: Record<number, string>,
): Promise<void> {
  for (const year of years) {
    const days = statutoryDaysOff(year, kurbanAit[year]);
    for (const day of days) {
      await db
        .insertInto('calendar_days')
        .values({ day, kind: 'day_off', note: 'statutory' })
        .onConflict((oc) => oc.column('day').doNothing())
        .execute();
    }
  }
}
