// Small-count suppression and the periods, as pure functions: tables of known cases and properties over any table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offeredPeriods, periodRange } from '../../../common/openstats.js';
import { isProtected, suppressColumn, suppressTable, type Mark } from './suppression.js';

const none = (n: number) => Array.from({ length: n }, () => false);

/** Every value a hidden cell can take, given its label and the hidden cells' sum, found by trying them all. */
function feasibleValues(bases: number[], marks: Mark[], k: number, cell: number): Set<number> {
  const hidden = marks.flatMap((m, i) => (m ? [i] : []));
  const sum = hidden.reduce((s, i) => s + (bases[i] ?? 0), 0);
  const found = new Set<number>();
  const walk = (at: number, values: number[], left: number) => {
    if (at === hidden.length) {
      if (left === 0) found.add(values[hidden.indexOf(cell)] ?? -1);
      return;
    }
    const small = marks[hidden[at] ?? 0] === 'small';
    for (let v = small ? 0 : k; v <= (small ? Math.min(k - 1, left) : left); v += 1)
      walk(at + 1, [...values, v], left - v);
  };
  walk(0, [], sum);
  return found;
}

describe('a column under a published total', () => {
  it('hides a cell below k, and the next smallest so the total does not give it away', () => {
    expect(suppressColumn([3, 40, 12, 9], 5, none(4), true)).toEqual(['small', null, null, 'complementary']);
  });

  it('hides no more than the small cells when they already hide each other', () => {
    expect(suppressColumn([2, 2, 2, 30], 5, none(4), true)).toEqual(['small', 'small', 'small', null]);
  });

  it('adds a cell when two small ones would pin each other down (4 + 4 = 8 means both are 4)', () => {
    expect(suppressColumn([4, 4, 30, 7], 5, none(4), true)).toEqual([
      'small',
      'small',
      null,
      'complementary',
    ]);
  });

  it('adds another cell when a hidden zero would be read off exactly (0 + 5 = 5)', () => {
    const marks = suppressColumn([0, 5, 6, 50], 5, none(4), true);
    expect(marks).toEqual(['small', 'complementary', 'complementary', null]);
  });

  it('leaves cells alone when the total is not published', () => {
    expect(suppressColumn([3, 40], 5, none(2), false)).toEqual(['small', null]);
  });

  it('shows everything at or above k', () => {
    expect(suppressColumn([5, 6, 100], 5, none(3), true)).toEqual([null, null, null]);
  });

  it('knows a lone hidden cell is never safe', () => {
    expect(isProtected([3, 10], ['small', null], 5)).toBe(false);
  });
});

describe('a table of departments under the region', () => {
  const row = (received: number, onTime: number, answered: number, ratings: number) => ({
    received,
    on_time: onTime,
    answer_time: answered,
    satisfaction: ratings,
  });

  it('hides every measure of a department with 3 appeals, and protects each measure on its own', () => {
    const rows = [row(3, 3, 3, 1), row(20, 18, 18, 9), row(12, 10, 10, 4), row(30, 28, 27, 2)];
    const total = row(65, 59, 58, 16);
    const marks = suppressTable(rows, total, 5);
    expect(marks.rows[0]).toEqual({
      received: 'small',
      on_time: 'small',
      answer_time: 'small',
      satisfaction: 'small',
    });
    // received: 12 is the smallest other; ratings: 4 and 2 are small, 1 + 4 + 2 = 7 leaves each 0…4 open.
    expect(marks.rows.map((m) => m.received)).toEqual(['small', null, 'complementary', null]);
    expect(marks.rows.map((m) => m.satisfaction)).toEqual(['small', null, 'small', 'small']);
    expect(marks.total).toEqual({ received: null, on_time: null, answer_time: null, satisfaction: null });
  });

  it('hides the region’s total when its departments cannot hide each other (4 + 4)', () => {
    const marks = suppressTable([row(4, 4, 4, 0), row(4, 4, 4, 0)], row(8, 8, 8, 0), 5);
    expect(marks.total.received).toBe('complementary');
    expect(marks.rows.map((m) => m.received)).toEqual(['small', 'small']);
  });

  it('hides the region’s own figures when it has fewer than k', () => {
    const marks = suppressTable([row(2, 1, 1, 0), row(1, 0, 0, 0)], row(3, 1, 1, 0), 5);
    expect(marks.total.received).toBe('small');
    expect(marks.rows.every((m) => Object.values(m).every((v) => v === 'small'))).toBe(true);
  });
});

describe('properties', () => {
  const column = fc.record({
    k: fc.integer({ min: 2, max: 6 }),
    bases: fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 5 }),
  });

  it('never shows a cell below k, and no small cell can be worked out from the total', () => {
    fc.assert(
      fc.property(column, ({ k, bases }) => {
        const totalShown = bases.reduce((s, b) => s + b, 0) >= k;
        const marks = suppressColumn(bases, k, none(bases.length), totalShown);
        for (const [i, b] of bases.entries()) if (b < k) expect(marks[i]).toBe('small');
        // suppressTable hides the total of a column that stays unprotected; only then may it be.
        if (!totalShown || !isProtected(bases, marks, k)) {
          expect(marks.every((m) => m !== null) || !totalShown).toBe(true);
          return;
        }
        // Brute force: a small cell hidden with others has at least two values consistent with what is public.
        for (const [i, m] of marks.entries())
          if (m === 'small') expect(feasibleValues(bases, marks, k, i).size).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with trying every value (isProtected is exact)', () => {
    fc.assert(
      fc.property(column, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), ({ k, bases }, hide) => {
        const marks: Mark[] = bases.map((b, i) => (b < k ? 'small' : hide[i] ? 'complementary' : null));
        const hidden = marks.filter(Boolean).length;
        const brute =
          hidden === 0 ||
          (hidden >= 2 &&
            marks.every((m, i) => m !== 'small' || feasibleValues(bases, marks, k, i).size >= 2));
        expect(isProtected(bases, marks, k)).toBe(brute);
      }),
      { numRuns: 300 },
    );
  });
});

describe('periods', () => {
  it.each([
    ['last-12-months', '2025-11-01', '2026-10-31', true],
    ['2026', '2026-01-01', '2026-10-31', false],
    ['2025', '2025-01-01', '2025-12-31', true],
    ['2026-Q3', '2026-07-01', '2026-09-30', true],
    ['2026-Q4', '2026-10-01', '2026-10-31', false],
    ['2024-Q1', '2024-01-01', '2024-03-31', true],
  ])('ends %s by the last published day (31 October 2026)', (key, from, to, complete) => {
    expect(periodRange(key, '2026-10-31')).toEqual({ from, to, complete });
  });

  it('refuses a period that starts after the last published day, or is no period', () => {
    expect(periodRange('2027', '2026-10-31')).toBeNull();
    expect(periodRange('2026-Q1', '2025-12-31')).toBeNull();
    expect(periodRange('last-week', '2026-10-31')).toBeNull();
  });

  it('offers the last 12 months, then each year with the quarters that have begun', () => {
    expect(offeredPeriods('2026-04-30', 2)).toEqual([
      'last-12-months',
      '2026',
      '2026-Q2',
      '2026-Q1',
      '2025',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ]);
  });
});
