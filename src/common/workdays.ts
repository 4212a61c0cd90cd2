// Working-day arithmetic for statutory deadlines. Dates are calendar days as 'YYYY-MM-DD' strings, no clock, no zone.

export interface WorkCalendar {
  /** Days off that would otherwise be working days (holidays, their carry-overs, moved days off). */
  readonly daysOff: ReadonlySet<string>;
  /** Weekend days that the government made working days. */
  readonly workingWeekends: ReadonlySet<string>;
}

export function parseDay(day: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a day: ${day}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (formatDay(date) !== day) throw new Error(`not a day: ${day}`);
  return date;
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + n);
  return formatDay(date);
}

export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  if (calendar.workingWeekends.has(day)) return true;
  const weekday = parseDay(day).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !calendar.daysOff.has(day);
}

/** The day itself if it is a working day, else the next working day (registration of an appeal received on a day off). */
export function nextWorkingDayOnOrAfter(day: string, calendar: WorkCalendar): string {
  let current = day;
  for (let guard = 0; guard < 366; guard++) {
    if (isWorkingDay(current, calendar)) return current;
    current = addDays(current, 1);
  }
  throw new Error('calendar has no working day within a year');
}

/** The working day that comes `n` working days after `day` (n ≥ 0; n = 0 gives the day itself). */
export function addWorkingDays(day: string, n: number, calendar: WorkCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new Error('n must be a non-negative integer');
  let current = day;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar)) left--;
  }
  return current;
}

/** Working days strictly after `from` up to and including `to`; negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  if (to < from) return -workingDaysBetween(to, from, calendar);
  let count = 0;
  let current = from;
  while (current < to) {
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar)) count++;
  }
  return count;
}

/** The calendar day in a time zone at an instant, as 'YYYY-MM-DD'. */
/** One formatter per time zone: making one costs far more than using it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function dayInZone(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Kazakhstan's fixed-date public holidays (month-day); movable ones (Kurban Ait) and moved days are calendar data. */
export const KZ_FIXED_HOLIDAYS = [
  '01-01',
  '01-02',
  '01-07',
  '03-08',
  '03-21',
  '03-22',
  '03-23',
  '05-01',
  '05-07',
  '05-09',
  '07-06',
  '08-30',
  '10-25',
  '12-16',
] as const;

/**
 * The statutory days off of one year: fixed holidays, plus, for a holiday on a weekend, the next working day
 * (Orthodox Christmas and Kurban Ait do not carry over, by law). Kurban Ait's date is given by the caller.
 */
export function statutoryDaysOff(year: number, kurbanAit?: string): string[] {
  const days = new Set<string>();
  const noCarry = new Set([`${year}-01-07`, kurbanAit ?? '']);
  const holidays = KZ_FIXED_HOLIDAYS.map((md) => `${year}-${md}`);
  if (kurbanAit) holidays.push(kurbanAit);
  for (const day of holidays) days.add(day);
  for (const day of holidays) {
    const weekday = parseDay(day).getUTCDay();
    if ((weekday === 0 || weekday === 6) && !noCarry.has(day)) {
      let carry = addDays(day, 1);
      while ([0, 6].includes(parseDay(carry).getUTCDay()) || days.has(carry)) carry = addDays(carry, 1);
      days.add(carry);
    }
  }
  return [...days].sort();
}
