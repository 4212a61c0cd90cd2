// Small-count suppression for the public statistics: a figure computed from fewer than k appeals is not shown
// ("small"), and when the total above it is shown, more cells are hidden ("complementary") until no small cell can be
// worked out from the total by subtraction. Pure, so it is tested with tables and properties.
import { STATS_MEASURES, type StatsMeasure } from '../../../common/openstats.js';

export type Reason = 'small' | 'complementary';
export type Mark = Reason | null;

/**
 * Whether every small cell of a column is safe: what a reader knows is the total of the hidden cells (the shown
 * total minus the shown cells), that a small cell is 0…k−1 and a complementary one at least k. A small cell is safe
 * when that leaves it at least two possible values; a lone hidden cell never is.
 */
export function isProtected(bases: readonly number[], marks: readonly Mark[], k: number): boolean {
  const hidden = marks.flatMap((m, i) => (m ? [i] : []));
  if (hidden.length === 0) return true;
  if (hidden.length === 1) return false;
  const sum = hidden.reduce((s, i) => s + (bases[i] ?? 0), 0);
  return hidden.every((i) => {
    if (marks[i] !== 'small') return true;
    let low = 0;
    let high = 0;
    for (const j of hidden) {
      if (j === i) continue;
      low += marks[j] === 'small' ? 0 : k;
      high += marks[j] === 'small' ? k - 1 : Number.POSITIVE_INFINITY;
    }
    const from = Math.max(0, sum - high);
    const to = Math.min(k - 1, sum - low);
    return to - from >= 1;
  });
}

/**
 * Marks one column: cells `forced` hidden (their row is hidden already), cells below k, and — when the total above
 * them is published — the smallest shown cells, one at a time, until the column is protected.
 */
export function suppressColumn(
  bases: readonly number[],
  k: number,
  forced: readonly boolean[],
  totalShown: boolean,
): Mark[] {
  const label = (base: number): Reason => (base < k ? 'small' : 'complementary');
  const marks: Mark[] = bases.map((b, i) => (forced[i] || b < k ? label(b) : null));
  if (!totalShown) return marks;
  while (!isProtected(bases, marks, k)) {
    let next = -1;
    for (const [i, b] of bases.entries())
      if (marks[i] === null && (next < 0 || b < (bases[next] ?? 0))) next = i;
    if (next < 0) break;
    marks[next] = 'complementary';
  }
  return marks;
}

export type Bases = Record<StatsMeasure, number>;
export type RowMarks = Record<StatsMeasure, Mark>;

/**
 * Marks a table: rows (departments and the unassigned) under a total (the region). "received" first; a row hidden
 * there has every other measure hidden too (its rates are derived from it); then each other measure on its own base.
 */
export function suppressTable(
  rows: readonly Bases[],
  total: Bases,
  k: number,
): { rows: RowMarks[]; total: RowMarks } {
  const totalMarks = {} as RowMarks;
  const rowMarks: RowMarks[] = rows.map(() => ({}) as RowMarks);
  const received = suppressColumn(
    rows.map((r) => r.received),
    k,
    rows.map(() => false),
    total.received >= k,
  );
  for (const measure of STATS_MEASURES) {
    const small = total.received < k || total[measure] < k;
    const bases = rows.map((r) => r[measure]);
    const marks =
      measure === 'received'
        ? received
        : suppressColumn(
            bases,
            k,
            received.map((m) => m !== null),
            !small,
          );
    // Too few rows to hide a small one among (two bodies, 4 appeals each): the total goes instead.
    totalMarks[measure] = small ? 'small' : isProtected(bases, marks, k) ? null : 'complementary';
    for (const [i, mark] of marks.entries()) (rowMarks[i] as RowMarks)[measure] = mark;
  }
  return { rows: rowMarks, total: totalMarks };
}
