// Registration day and statutory deadline for an appeal received at an instant.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import {
  addDays,
  addWorkingDays,
  dayInZone,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from '../../../common/workdays.js';
import { loadCalendar } from './repository.js';

export interface Registration {
  registeredOn: string;
  deadlineOn: string;
}

/** Received on a day off → registered on the next working day; the deadline counts working days from there. */
export async function registrationFor(
  db: Database | Transaction<DB>,
  receivedAt: Date,
  timeZone: string,
  workingDays: number,
): Promise<Registration> {
  const received = dayInZone(receivedAt, timeZone);
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
