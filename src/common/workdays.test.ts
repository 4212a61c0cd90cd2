import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addWorkingDays,
  dayInZone,
  formatDay,
  KZ_FIXED_HOLIDAYS,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  parseDay,
  statutoryDaysOff,
  workingDaysBetween,
  type WorkCalendar,
} from './workdays.js';

/** Kurban Ait by year (the government's decree gives the real date; these are the expected Eid al-Adha days). */
const KURBAN_AIT: Record<number, string> = {
  2024: '2024-06-16',
  2025: '2025-06-06',
  2026: '2026-05-27',
  2027: '2027-05-16',
  2028: '2028-05-05',
  2029: '2029-04-24',
  2030: '2030-04-13',
};

function calendarOf(
  years: number[],
  extra: { daysOff?: string[]; workingWeekends?: string[] } = {},
): WorkCalendar {
  const daysOff = new Set<string>(extra.daysOff ?? []);
  for (const year of years) for (const day of statutoryDaysOff(year, KURBAN_AIT[year])) daysOff.add(day);
  return { daysOff, workingWeekends: new Set(extra.workingWeekends ?? []) };
}

const kz = calendarOf([2025, 2026, 2027]);
const kzAllYears = calendarOf([2024, 2025, 2026, 2027, 2028, 2029, 2030]);

function isWeekend(day: string): boolean {
  const weekday = parseDay(day).getUTCDay();
  return weekday === 0 || weekday === 6;
}

describe('working days', () => {
  it.each([
    ['2026-11-21', 'a Saturday'],
    ['2026-11-22', 'a Sunday'],
    ['2026-03-23', 'Nauryz on a Monday'],
    ['2026-12-16', 'Independence Day'],
    ['2026-05-27', 'Kurban Ait'],
    ['2026-03-24', 'the day Nauryz Saturday is carried to'],
    ['2025-07-07', 'the day Capital Day (a Sunday) is carried to'],
  ])('does not count %s (%s) as a working day', (day) => {
    expect(isWorkingDay(day, kz)).toBe(false);
  });

  it.each([
    ['2026-11-18', 'an ordinary Wednesday'],
    ['2026-03-26', 'the Thursday after Nauryz'],
    ['2026-12-17', 'the day after Independence Day'],
  ])('counts %s (%s) as a working day', (day) => {
    expect(isWorkingDay(day, kz)).toBe(true);
  });

  it('counts a weekend day the government made a working day', () => {
    const calendar = calendarOf([2026], { workingWeekends: ['2026-01-10'] });
    expect(isWorkingDay('2026-01-10', calendar)).toBe(true);
    expect(addWorkingDays('2026-01-09', 1, calendar)).toBe('2026-01-10');
    expect(nextWorkingDayOnOrAfter('2026-01-10', calendar)).toBe('2026-01-10');
    expect(workingDaysBetween('2026-01-09', '2026-01-12', calendar)).toBe(2);
  });

  it('does not count a weekday the government moved a day off to', () => {
    const calendar = calendarOf([2025], { daysOff: ['2025-01-03'] });
    expect(isWorkingDay('2025-01-03', calendar)).toBe(false);
    expect(nextWorkingDayOnOrAfter('2025-01-01', calendar)).toBe('2025-01-06');
  });

  it('rejects a day that does not exist', () => {
    expect(() => parseDay('2026-02-30')).toThrow();
    expect(() => parseDay('26-02-03')).toThrow();
    expect(() => isWorkingDay('2026-13-01', kz)).toThrow();
  });
});

describe('statutory days off', () => {
  it('lists the whole 2026 calendar: fixed holidays, Kurban Ait and the carried weekend holidays', () => {
    expect(statutoryDaysOff(2026, '2026-05-27')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-07',
      '2026-03-08',
      '2026-03-09', // 8 March is a Sunday
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24', // Nauryz 21 March is a Saturday
      '2026-03-25', // Nauryz 22 March is a Sunday
      '2026-05-01',
      '2026-05-07',
      '2026-05-09',
      '2026-05-11', // Victory Day is a Saturday
      '2026-05-27',
      '2026-07-06',
      '2026-08-30',
      '2026-08-31', // Constitution Day is a Sunday
      '2026-10-25',
      '2026-10-26', // Republic Day is a Sunday
      '2026-12-16',
    ]);
  });

  it.each([
    [2025, '2025-03-08', '2025-03-10'],
    [2025, '2025-03-22', '2025-03-24'],
    [2025, '2025-03-23', '2025-03-25'],
    [2025, '2025-07-06', '2025-07-07'],
    [2025, '2025-08-30', '2025-09-01'],
    [2025, '2025-10-25', '2025-10-27'],
    [2026, '2026-05-09', '2026-05-11'],
    [2027, '2027-01-02', '2027-01-04'],
    [2027, '2027-03-21', '2027-03-24'],
    [2027, '2027-05-01', '2027-05-03'],
    [2027, '2027-05-09', '2027-05-10'],
  ])('in %i carries the weekend holiday %s to the next working day %s', (year, holiday, carried) => {
    const days = statutoryDaysOff(year, KURBAN_AIT[year]);
    expect(isWeekend(holiday)).toBe(true);
    expect(days).toContain(holiday);
    expect(days).toContain(carried);
  });

  it('does not carry Orthodox Christmas on a Sunday', () => {
    expect(parseDay('2029-01-07').getUTCDay()).toBe(0);
    expect(statutoryDaysOff(2029)).toContain('2029-01-07');
    expect(statutoryDaysOff(2029)).not.toContain('2029-01-08');
    expect(statutoryDaysOff(2024)).not.toContain('2024-01-08');
  });

  it('does not carry Kurban Ait on a Sunday', () => {
    expect(parseDay('2027-05-16').getUTCDay()).toBe(0);
    const days = statutoryDaysOff(2027, '2027-05-16');
    expect(days).toContain('2027-05-16');
    expect(days).not.toContain('2027-05-17');
  });

  it('leaves Kurban Ait out when the caller does not know its date yet', () => {
    expect(statutoryDaysOff(2026)).not.toContain('2026-05-27');
  });

  it('adds one distinct weekday for every weekend holiday except Orthodox Christmas', () => {
    for (let year = 2024; year <= 2040; year++) {
      const days = statutoryDaysOff(year);
      const fixed = KZ_FIXED_HOLIDAYS.map((md) => `${year}-${md}`);
      const carried = days.filter((d) => !fixed.includes(d));
      const toCarry = fixed.filter((d) => isWeekend(d) && !d.endsWith('-01-07'));
      expect(new Set(days).size).toBe(days.length);
      expect(carried.filter(isWeekend)).toEqual([]);
      expect(carried).toHaveLength(toCarry.length);
    }
  });
});

describe('deadlines in working days', () => {
  it.each([
    ['2026-11-18', 15, '2026-12-09', 'three ordinary weeks from a Wednesday'],
    ['2026-11-25', 15, '2026-12-17', 'one day later because 16 December is a holiday'],
    ['2027-03-15', 15, '2027-04-08', 'three days later because of Nauryz 2027 and its carried Sunday'],
    ['2027-03-19', 1, '2027-03-25', 'past Nauryz Monday, Tuesday and the carried Wednesday'],
    ['2026-03-20', 1, '2026-03-26', 'past the Nauryz weekend and both carried days'],
    [
      '2026-12-31',
      1,
      '2027-01-05',
      'past the New Year days and Monday 4 January, to which Saturday 2 January is carried',
    ],
    ['2026-11-18', 0, '2026-11-18', 'the day itself for zero days'],
    ['2026-11-20', 1, '2026-11-23', 'over a weekend'],
  ])('from %s plus %i working days gives %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(from, n, kz)).toBe(expected);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays('2026-11-18', -1, kz)).toThrow();
    expect(() => addWorkingDays('2026-11-18', 1.5, kz)).toThrow();
  });

  it('registers an appeal received on a Saturday on the next working day', () => {
    expect(nextWorkingDayOnOrAfter('2026-11-21', kz)).toBe('2026-11-23');
  });

  it('registers an appeal received on the Nauryz Saturday after the whole holiday', () => {
    expect(nextWorkingDayOnOrAfter('2026-03-21', kz)).toBe('2026-03-26');
  });

  it('registers an appeal received on a holiday on the next working day', () => {
    expect(nextWorkingDayOnOrAfter('2026-12-16', kz)).toBe('2026-12-17');
    expect(nextWorkingDayOnOrAfter('2026-05-27', kz)).toBe('2026-05-28');
  });

  it('registers an appeal received on a working day on that day', () => {
    expect(nextWorkingDayOnOrAfter('2026-11-18', kz)).toBe('2026-11-18');
  });

  it('counts working days between two days, negative when backwards', () => {
    expect(workingDaysBetween('2026-11-18', '2026-12-09', kz)).toBe(15);
    expect(workingDaysBetween('2026-12-09', '2026-11-18', kz)).toBe(-15);
    expect(workingDaysBetween('2026-11-18', '2026-11-18', kz)).toBe(0);
    expect(workingDaysBetween('2026-11-20', '2026-11-23', kz)).toBe(1);
    expect(workingDaysBetween('2026-12-15', '2026-12-17', kz)).toBe(1);
  });
});

describe('the calendar day in Almaty', () => {
  it.each([
    ['2026-03-20T18:59:59.999Z', '2026-03-20', 'one millisecond before local midnight'],
    ['2026-03-20T19:00:00.000Z', '2026-03-21', 'at local midnight (UTC+5)'],
    ['2026-12-31T19:30:00.000Z', '2027-01-01', 'New Year already began in Almaty'],
    ['2026-11-18T00:00:00.000Z', '2026-11-18', 'UTC midnight is 05:00 in Almaty'],
  ])('maps %s to %s (%s)', (instant, day) => {
    expect(dayInZone(new Date(instant), 'Asia/Almaty')).toBe(day);
  });

  it('gives a different day than UTC in the last five hours of a UTC day', () => {
    const instant = new Date('2026-11-18T20:00:00Z');
    expect(dayInZone(instant, 'UTC')).toBe('2026-11-18');
    expect(dayInZone(instant, 'Asia/Almaty')).toBe('2026-11-19');
  });
});

describe('deadline properties over the 2024–2030 statutory calendar', () => {
  const firstDay = Date.UTC(2024, 0, 1) / 86_400_000;
  const lastDay = Date.UTC(2030, 11, 31) / 86_400_000;
  const anyDay = fc.integer({ min: firstDay, max: lastDay }).map((i) => formatDay(new Date(i * 86_400_000)));
  const anyWorkingDay = anyDay.map((day) => nextWorkingDayOnOrAfter(day, kzAllYears));
  const days = fc.integer({ min: 0, max: 60 });

  it('never puts a deadline on a holiday or a weekend', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 60 }), (day, n) => {
        const deadline = addWorkingDays(day, n, kzAllYears);
        expect(kzAllYears.daysOff.has(deadline)).toBe(false);
        expect(isWeekend(deadline)).toBe(false);
        expect(isWorkingDay(deadline, kzAllYears)).toBe(true);
        expect(deadline > day).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('counts back exactly the working days it added', () => {
    fc.assert(
      fc.property(anyWorkingDay, days, (day, n) => {
        const deadline = addWorkingDays(day, n, kzAllYears);
        expect(workingDaysBetween(day, deadline, kzAllYears)).toBe(n);
        expect(workingDaysBetween(deadline, day, kzAllYears)).toBe(n === 0 ? 0 : -n);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a later deadline for more working days', () => {
    fc.assert(
      fc.property(anyDay, days, days, (day, a, b) => {
        fc.pre(a !== b);
        const [n, m] = a < b ? [a, b] : [b, a];
        expect(addWorkingDays(day, n, kzAllYears) < addWorkingDays(day, m, kzAllYears)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('registers any day on a working day no earlier than itself and at most a holiday stretch later', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const registered = nextWorkingDayOnOrAfter(day, kzAllYears);
        expect(isWorkingDay(registered, kzAllYears)).toBe(true);
        expect(registered >= day).toBe(true);
        expect(registered <= addDays(day, 7)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('deadline properties over any calendar an administrator could make', () => {
  const firstDay = Date.UTC(2025, 0, 1) / 86_400_000;
  const dayIndex = fc.integer({ min: firstDay, max: firstDay + 3 * 365 });
  const toDay = (i: number) => formatDay(new Date(i * 86_400_000));
  const anyDay = dayIndex.map(toDay);
  /** The statutory calendar plus random weekday days off and random working weekends. */
  const anyCalendar = fc
    .tuple(fc.uniqueArray(dayIndex, { maxLength: 60 }), fc.uniqueArray(dayIndex, { maxLength: 30 }))
    .map(([off, working]): WorkCalendar => {
      const base = calendarOf([2025, 2026, 2027, 2028]);
      const daysOff = new Set(base.daysOff);
      for (const day of off.map(toDay)) if (!isWeekend(day)) daysOff.add(day);
      const workingWeekends = new Set(working.map(toDay).filter(isWeekend));
      return { daysOff, workingWeekends };
    });
  const days = fc.integer({ min: 0, max: 40 });

  it('never puts a deadline on a day off, whatever days were added or moved', () => {
    fc.assert(
      fc.property(anyCalendar, anyDay, fc.integer({ min: 1, max: 40 }), (calendar, day, n) => {
        const deadline = addWorkingDays(day, n, calendar);
        expect(isWorkingDay(deadline, calendar)).toBe(true);
        expect(calendar.daysOff.has(deadline) && !calendar.workingWeekends.has(deadline)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('adds n and then m working days exactly as it adds n + m', () => {
    fc.assert(
      fc.property(anyCalendar, anyDay, days, days, (calendar, day, n, m) => {
        expect(addWorkingDays(addWorkingDays(day, n, calendar), m, calendar)).toBe(
          addWorkingDays(day, n + m, calendar),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('never gives an earlier deadline for more working days', () => {
    fc.assert(
      fc.property(anyCalendar, anyDay, days, days, (calendar, day, a, b) => {
        const [n, m] = a <= b ? [a, b] : [b, a];
        expect(addWorkingDays(day, n, calendar) <= addWorkingDays(day, m, calendar)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('counts back from the deadline exactly the working days added to the registration day', () => {
    fc.assert(
      fc.property(anyCalendar, anyDay, days, (calendar, day, n) => {
        const registered = nextWorkingDayOnOrAfter(day, calendar);
        const deadline = addWorkingDays(registered, n, calendar);
        expect(workingDaysBetween(registered, deadline, calendar)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('registers an appeal arriving at any instant on a working day on or after its day in Almaty', () => {
    const anyInstant = fc.integer({
      min: Date.UTC(2025, 0, 1),
      max: Date.UTC(2027, 11, 31),
    });
    fc.assert(
      fc.property(anyCalendar, anyInstant, (calendar, ms) => {
        const arrived = dayInZone(new Date(ms), 'Asia/Almaty');
        const registered = nextWorkingDayOnOrAfter(arrived, calendar);
        expect(isWorkingDay(registered, calendar)).toBe(true);
        expect(registered >= arrived).toBe(true);
        // Nothing in between is a working day: it is the first one.
        for (let d = arrived; d < registered; d = addDays(d, 1))
          expect(isWorkingDay(d, calendar)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('makes an added day off push a deadline that spans it by one working day, and no other', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (day, n, k) => {
        const base = calendarOf([2025, 2026, 2027, 2028]);
        const registered = nextWorkingDayOnOrAfter(day, base);
        const deadline = addWorkingDays(registered, n, base);
        const extra = addWorkingDays(registered, Math.min(k, n), base);
        const edited = { ...base, daysOff: new Set([...base.daysOff, extra]) };
        expect(addWorkingDays(registered, n, edited)).toBe(addWorkingDays(deadline, 1, base));
      }),
      { numRuns: 300 },
    );
  });
});
