import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths, normaliseRanges, redact, redirectDueOn, REDACTION_MARK } from './handling.js';
import { isWorkingDay, statutoryDaysOff, workingDaysBetween, type WorkCalendar } from './workdays.js';

const calendar: WorkCalendar = {
  daysOff: new Set([...statutoryDaysOff(2026, '2026-05-27'), ...statutoryDaysOff(2027, '2027-05-16')]),
  workingWeekends: new Set(),
};

describe('the redirect window', () => {
  it('closes three working days after registration', () => {
    expect(redirectDueOn('2026-11-18', calendar)).toBe('2026-11-23');
  });

  it('steps over Independence Day and a weekend', () => {
    expect(redirectDueOn('2026-12-14', calendar)).toBe('2026-12-18');
    expect(redirectDueOn('2026-12-17', calendar)).toBe('2026-12-22');
  });

  it('steps over the new year’s holidays', () => {
    // 1 January 2027 is a Friday; 2 January falls on Saturday and carries over to Monday the 4th.
    expect(redirectDueOn('2026-12-30', calendar)).toBe('2027-01-06');
  });

  it('always ends on a working day exactly three working days later', () => {
    const days = fc
      .integer({ min: 0, max: 600 })
      .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10))
      .filter((d) => isWorkingDay(d, calendar));
    fc.assert(
      fc.property(days, (registered) => {
        const due = redirectDueOn(registered, calendar);
        return isWorkingDay(due, calendar) && workingDaysBetween(registered, due, calendar) === 3;
      }),
    );
  });
});

describe('the extension ceiling', () => {
  it('adds calendar months, keeping the day', () => {
    expect(addMonths('2026-11-18', 2)).toBe('2027-01-18');
    expect(addMonths('2026-03-05', 12)).toBe('2027-03-05');
  });

  it('takes the last day of a shorter month', () => {
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });

  it('is never earlier than the start nor later than the same day count allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 12 }), (n, months) => {
        const start = new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
        const end = addMonths(start, months);
        const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
        return end > start && days >= months * 28 - 3 && days <= months * 31;
      }),
    );
  });
});

describe('redaction', () => {
  it('replaces each hidden part with the mark and keeps the rest', () => {
    const text = 'Call Aigerim on +77015550101.';
    const ranges = normaliseRanges(
      [
        { start: 16, end: 28 },
        { start: 5, end: 12 },
      ],
      text.length,
    );
    expect(ranges).toEqual([
      { start: 5, end: 12 },
      { start: 16, end: 28 },
    ]);
    expect(redact(text, ranges ?? [])).toBe('Call […] on […].');
  });

  it('merges overlapping and touching parts', () => {
    expect(
      normaliseRanges(
        [
          { start: 0, end: 5 },
          { start: 3, end: 8 },
          { start: 8, end: 9 },
        ],
        10,
      ),
    ).toEqual([{ start: 0, end: 9 }]);
  });

  it('refuses empty parts and parts past the end', () => {
    expect(normaliseRanges([{ start: 3, end: 3 }], 10)).toBeNull();
    expect(normaliseRanges([{ start: 4, end: 2 }], 10)).toBeNull();
    expect(normaliseRanges([{ start: 0, end: 11 }], 10)).toBeNull();
    expect(normaliseRanges([], 10)).toEqual([]);
  });

  it('never lets a hidden character through, and keeps every other one in order', () => {
    const input = fc.string({ minLength: 1, maxLength: 60 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 1, max: text.length }))
            .filter(([a, b]) => a < b)
            .map(([start, end]) => ({ start, end })),
          { maxLength: 5 },
        ),
      ),
    );
    fc.assert(
      fc.property(input, ([text, raw]) => {
        const ranges = normaliseRanges(raw, text.length);
        if (!ranges) return false;
        const out = redact(text, ranges);
        const kept = [...text].filter((_, i) => !ranges.some((r) => i >= r.start && i < r.end)).join('');
        return (
          out.split(REDACTION_MARK).join('') === kept &&
          out.split(REDACTION_MARK).length - 1 === ranges.length
        );
      }),
    );
  });
});
