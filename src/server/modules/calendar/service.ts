// Registration day and statutory deadline for an appeal received at an instant, and the calendar admins edit.
// The law (FACTS.md): registered on the day received, or on the next working day; answered within
// DEADLINE_WORKING_DAYS working days of registration. The calendar is read afresh for every deadline, so an admin's
// change counts for the next appeal at once; a deadline already stored on an appeal is never computed again.
import type { Transaction } from 'kysely';
import type { CalendarDay, CalendarDayBody, CalendarYear } from '../../../common/deadlines.js';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import type { Services } from '../../services.js';
import type { Staff } from '../auth/access.js';
import { Problem } from '../../errors.js';
import { recordAudit } from '../audit/repository.js';
import {
  addDays,
  addWorkingDays,
  dayInZone,
  nextWorkingDayOnOrAfter,
  parseDay,
  workingDaysBetween,
  type WorkCalendar,
} from '../../../common/workdays.js';
import {
  deleteCalendarDay,
  ensureStatutoryYears,
  findCalendarDay,
  insertCalendarDay,
  listCalendarDays,
  loadCalendar,
  type CalendarDayRow,
} from './repository.js';

type Executor = Database | Transaction<DB>;

/**
 * First day of Kurban Ait (a public day off), by year. 2024–2026 are the dates the government set; later years are
 * astronomical estimates of Eid al-Adha: the decree sets the real date each year, and an admin corrects the calendar
 * (remove the estimate, add the decreed day). A year not listed gets its fixed holidays only.
 */
export const KZ_KURBAN_AIT: Readonly<Record<number, string>> = {
  2024: '2024-06-16',
  2025: '2025-06-06',
  2026: '2026-05-27',
  2027: '2027-05-16',
  2028: '2028-05-05',
  2029: '2029-04-24',
  2030: '2030-04-13',
};

/** The statutory lists of the years a deadline starting on `day` can reach, seeded if nobody has yet. */
export async function ensureYearsAround(db: Executor, day: string, now: Date): Promise<void> {
  const year = Number(day.slice(0, 4));
  await ensureStatutoryYears(db, [year, year + 1], KZ_KURBAN_AIT, now.toISOString());
}

export interface Registration {
  registeredOn: string;
  deadlineOn: string;
}

/** Received on a day off → registered on the next working day; the deadline counts working days from there. */
export async function registrationFor(
  db: Executor,
  receivedAt: Date,
  timeZone: string,
  workingDays: number,
): Promise<Registration> {
  const received = dayInZone(receivedAt, timeZone);
  await ensureYearsAround(db, received, receivedAt);
  const calendar = await loadCalendar(db, received, addDays(received, 400));
  const registeredOn = nextWorkingDayOnOrAfter(received, calendar);
  return { registeredOn, deadlineOn: addWorkingDays(registeredOn, workingDays, calendar) };
}

export async function workingDaysLeft(
  db: Database,
  now: Date,
  timeZone: string,
  deadlineOn: string,
): Promise<number> {
  const today = dayInZone(now, timeZone);
  const [from, to] = today < deadlineOn ? [today, deadlineOn] : [deadlineOn, today];
  const calendar = await loadCalendar(db, from, to);
  return workingDaysBetween(today, deadlineOn, calendar);
}

/** The calendar between two days, with the statutory lists of their years in place. */
export async function calendarBetween(
  db: Executor,
  from: string,
  to: string,
  now: Date,
): Promise<WorkCalendar> {
  const years = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  await ensureStatutoryYears(db, years, KZ_KURBAN_AIT, now.toISOString());
  return loadCalendar(db, from, to);
}

// Admins

function dayView(row: CalendarDayRow): CalendarDay {
  return { day: row.day, kind: row.kind, note: row.note, statutory: row.source === 'statutory' };
}

/** A year's days off and moved working days (its statutory list seeded on first look). */
export async function calendarYear(services: Services, year: number): Promise<CalendarYear> {
  const { db, clock } = services;
  await ensureStatutoryYears(db, [year], KZ_KURBAN_AIT, clock.now().toISOString());
  const rows = await listCalendarDays(db, `${year}-01-01`, `${year}-12-31`);
  return { year, days: rows.map(dayView) };
}

function isWeekend(day: string): boolean {
  const weekday = parseDay(day).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Adds a day off (a weekday nobody works: a decree, Kurban Ait) or a working day (a weekend day a decree made a
 * working day). Deadlines already on appeals stay as they are; the next ones count the change.
 */
export async function addCalendarDay(
  services: Services,
  actor: Staff,
  body: CalendarDayBody,
  ip: string,
): Promise<CalendarDay> {
  const { db, clock } = services;
  try {
    parseDay(body.day);
  } catch {
    throw new Problem('calendar-day-invalid', `${body.day} is not a day of the calendar.`);
  }
  const year = Number(body.day.slice(0, 4));
  if (year < 2000 || year > 2100) throw new Problem('calendar-day-invalid', 'Years 2000–2100 only.');
  if (body.kind === 'day_off' && isWeekend(body.day))
    throw new Problem('calendar-day-invalid', 'A Saturday or Sunday is a day off already.');
  if (body.kind === 'working' && !isWeekend(body.day))
    throw new Problem('calendar-day-invalid', 'Only a Saturday or Sunday can be made a working day.');
  const row: CalendarDayRow = { day: body.day, kind: body.kind, note: body.note.trim(), source: 'admin' };
  await db.transaction().execute(async (trx) => {
    // The year's statutory list first, so that seeding it later cannot undo this change.
    await ensureStatutoryYears(trx, [year], KZ_KURBAN_AIT, clock.now().toISOString());
    if (!(await insertCalendarDay(trx, row)))
      throw new Problem('calendar-day-exists', `${body.day} is in the calendar already; remove it first.`);
    await recordAudit(trx, clock, {
      actorUserId: actor.id,
      actorKind: 'staff',
      action: 'calendar.day_added',
      subjectType: 'calendar_day',
      subjectId: body.day,
      ip,
      detail: { kind: row.kind, note: row.note },
    });
  });
  return dayView(row);
}

/** Removes a day off or a moved working day, statutory ones included (a decree moved the holiday). */
export async function removeCalendarDay(
  services: Services,
  actor: Staff,
  day: string,
  ip: string,
): Promise<void> {
  const { db, clock } = services;
  try {
    parseDay(day);
  } catch {
    throw new Problem('calendar-day-invalid', `${day} is not a day of the calendar.`);
  }
  await db.transaction().execute(async (trx) => {
    await ensureStatutoryYears(trx, [Number(day.slice(0, 4))], KZ_KURBAN_AIT, clock.now().toISOString());
    const before = await findCalendarDay(trx, day);
    if (!before || !(await deleteCalendarDay(trx, day))) throw new Problem('calendar-day-not-found');
    await recordAudit(trx, clock, {
      actorUserId: actor.id,
      actorKind: 'staff',
      action: 'calendar.day_removed',
      subjectType: 'calendar_day',
      subjectId: day,
      ip,
      detail: { kind: before.kind, note: before.note, statutory: before.source === 'statutory' },
    });
  });
}
