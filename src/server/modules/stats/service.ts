// The oversight figures, shared by the supervisor's dashboard (/office/oversight), the public statistics and Open311:
// per department or official (or category, booth, day) how many appeals were received in a period, answered, answered
// on time, overdue, extended, redirected, disputed, the median answer time in working days and the average rating.
// Definitions (docs/oversight.md): the period is the registration day; "on time" is a first answer on or before the
// deadline as it stood (extensions count); "overdue" is a first answer after it, or still open past it here.
import type { Transaction } from 'kysely';
import { dayInZone, workingDaysBetween } from '../../../common/workdays.js';
import type { DB } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { calendarBetween } from '../calendar/service.js';
import {
  answerDaysHistogram,
  countCore,
  countMetric,
  exists,
  findRegisteredOn,
  ratingTotals,
  setFirstAnswer,
  type GroupKey,
  type StatsFilter,
  type StatsWhere,
} from './repository.js';

/** The period (registration days, inclusive) and the filters; defined beside the SQL that reads it. */
export type { StatsFilter };

export interface PerformanceRow {
  /** The department's or official's id (category, booth or day with those groupings); '' for "none named". */
  id: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  overdue: number;
  extended: number;
  redirected: number;
  disputed: number;
  medianAnswerWorkingDays: number | null;
  averageRating: number | null;
  ratings: number;
}

/** The longest period one request may ask for: the dashboard's custom range is capped so a figure stays cheap. */
export const MAX_PERIOD_DAYS = 3 * 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks the filter: real dates, from ≤ to, within MAX_PERIOD_DAYS, and ids that name existing rows. */
export async function checkFilter(services: Services, filter: StatsFilter): Promise<void> {
  for (const [name, value] of [
    ['from', filter.from],
    ['to', filter.to],
  ] as const) {
    if (
      !DAY.test(value) ||
      Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
    )
      throw new Problem('validation-failed', `${name}: not a date`);
  }
  if (filter.from > filter.to)
    throw new Problem('validation-failed', 'from: the period must not end before it starts');
  const span = (Date.parse(filter.to) - Date.parse(filter.from)) / 86_400_000;
  if (span >= MAX_PERIOD_DAYS)
    throw new Problem('validation-failed', `to: at most ${MAX_PERIOD_DAYS} days in one period`);
  const { db } = services;
  const checks = [
    ['departments', filter.departmentId, 'department-not-found'],
    ['officials', filter.officialId, 'official-not-found'],
    ['categories', filter.categoryId, 'category-not-found'],
    ['kiosks', filter.kioskId, 'kiosk-not-found'],
  ] as const;
  for (const [table, id, problem] of checks)
    if (id !== undefined && !(await exists(db, table, id))) throw new Problem(problem);
}

/** The filter as the repository takes it, with today in the office's zone. */
export function statsWhere(services: Services, filter: StatsFilter): StatsWhere {
  return { ...filter, today: dayInZone(services.clock.now(), services.config.TIME_ZONE) };
}

/** The median of a histogram of whole days (the lower middle for an even count, so it is a day someone waited). */
export function histogramMedian(histogram: ReadonlyMap<number, number>): number | null {
  let total = 0;
  for (const n of histogram.values()) total += n;
  if (total === 0) return null;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (const days of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(days) ?? 0;
    if (seen >= middle) return days;
  }
  return null;
}

const num = (v: number | string | null | undefined) => Number(v ?? 0);

/** A group's counts before the median and the average are taken: what groups add up from. */
interface RawRow {
  id: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  overdue: number;
  extended: number;
  redirected: number;
  disputed: number;
  histogram: Map<number, number>;
  ratings: number;
  ratingTotal: number;
}

async function rawBy(services: Services, groupBy: GroupKey, filter: StatsFilter): Promise<RawRow[]> {
  const { db } = services;
  const where = statsWhere(services, filter);
  const [core, extended, redirected, disputed, histogram, ratings] = await Promise.all([
    countCore(db, where, groupBy),
    countMetric(db, where, groupBy, 'extended'),
    countMetric(db, where, groupBy, 'redirected'),
    countMetric(db, where, groupBy, 'disputed'),
    answerDaysHistogram(db, where, groupBy),
    ratingTotals(db, where, groupBy),
  ]);
  const byId = <R extends { id: string }>(rows: R[]) => new Map(rows.map((r) => [r.id, r]));
  const ext = byId(extended);
  const red = byId(redirected);
  const dis = byId(disputed);
  const rat = byId(ratings);
  const hist = new Map<string, Map<number, number>>();
  for (const h of histogram) {
    const m = hist.get(h.id) ?? new Map<number, number>();
    m.set(num(h.days), (m.get(num(h.days)) ?? 0) + num(h.n));
    hist.set(h.id, m);
  }
  return core
    .filter((c) => num(c.received) > 0)
    .map((c) => ({
      id: c.id,
      received: num(c.received),
      answered: num(c.answered),
      answeredOnTime: num(c.on_time),
      overdue: num(c.overdue),
      extended: num(ext.get(c.id)?.n),
      redirected: num(red.get(c.id)?.n),
      disputed: num(dis.get(c.id)?.n),
      histogram: hist.get(c.id) ?? new Map(),
      ratings: num(rat.get(c.id)?.n),
      ratingTotal: num(rat.get(c.id)?.total),
    }));
}

const COUNTS = [
  'received',
  'answered',
  'answeredOnTime',
  'overdue',
  'extended',
  'redirected',
  'disputed',
] as const;

/** Rows added up by a new id (e.g. 'department|official' rows by department). */
function merge(rows: RawRow[], idOf: (id: string) => string): RawRow[] {
  const out = new Map<string, RawRow>();
  for (const r of rows) {
    const id = idOf(r.id);
    const m = out.get(id) ?? { ...r, id, histogram: new Map<number, number>(), ratings: 0, ratingTotal: 0 };
    if (out.has(id)) for (const k of COUNTS) m[k] += r[k];
    for (const [days, n] of r.histogram) m.histogram.set(days, (m.histogram.get(days) ?? 0) + n);
    m.ratings += r.ratings;
    m.ratingTotal += r.ratingTotal;
    out.set(id, m);
  }
  return [...out.values()];
}

function finish(r: RawRow): PerformanceRow {
  return {
    id: r.id,
    received: r.received,
    answered: r.answered,
    answeredOnTime: r.answeredOnTime,
    overdue: r.overdue,
    extended: r.extended,
    redirected: r.redirected,
    disputed: r.disputed,
    medianAnswerWorkingDays: histogramMedian(r.histogram),
    averageRating: r.ratings === 0 ? null : Math.round((r.ratingTotal / r.ratings) * 100) / 100,
    ratings: r.ratings,
  };
}

const byIdOrder = (a: PerformanceRow, b: PerformanceRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The figures per group for the appeals the filter selects; groups with no appeal received are absent. */
export async function performanceBy(
  services: Services,
  groupBy: GroupKey,
  filter: StatsFilter,
): Promise<PerformanceRow[]> {
  return (await rawBy(services, groupBy, filter)).map(finish).sort(byIdOrder);
}

export interface PerformanceSplit {
  /** The whole (id ''); undefined when nothing was received. */
  total: PerformanceRow | undefined;
  departments: PerformanceRow[];
  officials: PerformanceRow[];
}

/**
 * The totals, per department and per official from one set of queries (grouped by department and official together
 * and added up here): what the dashboard and the weekly summary show.
 */
export async function performanceSplit(services: Services, filter: StatsFilter): Promise<PerformanceSplit> {
  const pairs = await rawBy(services, 'pair', filter);
  const part = (i: 0 | 1) => (id: string) => id.split('|')[i] ?? '';
  return {
    total: merge(pairs, () => '').map(finish)[0],
    departments: merge(pairs, part(0)).map(finish).sort(byIdOrder),
    officials: merge(pairs, part(1)).map(finish).sort(byIdOrder),
  };
}

/**
 * Keeps the first answer's local day and the working days from registration to it on the appeal (once: an answer
 * after a dispute does not move them). Call it in the transaction that records the answer.
 */
export async function recordFirstAnswer(
  trx: Transaction<DB>,
  services: Services,
  appealId: string,
  answeredAt: Date,
): Promise<void> {
  const registeredOn = await findRegisteredOn(trx, appealId);
  if (registeredOn === undefined) return;
  const day = dayInZone(answeredAt, services.config.TIME_ZONE);
  const calendar = await calendarBetween(trx, registeredOn, day, answeredAt);
  await setFirstAnswer(trx, appealId, day, Math.max(0, workingDaysBetween(registeredOn, day, calendar)));
}
