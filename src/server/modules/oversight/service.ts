// The supervisor's dashboard: the period's figures beside the previous period's, a time series by registration day,
// the per-department and per-official tables, topics trending up and booths' traffic; the drill-down list behind any
// figure. Supervisors only (routes.ts): every figure here is over all appeals. Figures come from modules/stats.
import type {
  BoothTraffic,
  Figures,
  OversightAppeal,
  OversightDashboard,
  OversightFilters,
  OversightListQuery,
  OversightMetric,
  OversightPage,
  PerformanceItem,
  TopicTrend,
} from '../../../common/oversight.js';
import type { Trilingual } from '../../../common/api.js';
import { addDays } from '../../../common/workdays.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { tri } from '../directory/service.js';
import { startOfDay } from '../inbox/service.js';
import {
  boothSlots,
  boothsByKiosk,
  countCore,
  groupNames,
  listStatsAppeals,
  type GroupKey,
  type StatsAppealRow,
} from '../stats/repository.js';
import {
  checkFilter,
  performanceBy,
  performanceSplit,
  statsWhere,
  type PerformanceRow,
  type StatsFilter,
} from '../stats/service.js';

export function statsFilterOf(filters: OversightFilters): StatsFilter {
  return {
    from: filters.from,
    to: filters.to,
    departmentId: filters.department,
    officialId: filters.official,
    categoryId: filters.category,
    kioskId: filters.kiosk,
    type: filters.type,
    status: filters.status,
  };
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

const EMPTY: Figures = {
  received: 0,
  answered: 0,
  answeredOnTime: 0,
  overdue: 0,
  extended: 0,
  redirected: 0,
  disputed: 0,
  medianAnswerWorkingDays: null,
  averageRating: null,
  ratings: 0,
};

function figuresOf(row: PerformanceRow | undefined): Figures {
  if (!row) return EMPTY;
  const { id: _id, ...figures } = row;
  return figures;
}

/** Names of a grouping's ids, trilingual; null for '' (no named official, no topic). */
export async function namesOf(
  services: Services,
  group: GroupKey,
  ids: readonly string[],
): Promise<Map<string, Trilingual>> {
  const rows = await groupNames(services.db, group, ids);
  return new Map(rows.map((r) => [r.id, tri(r, 'name')]));
}

async function named(
  services: Services,
  group: GroupKey,
  rows: PerformanceRow[],
): Promise<PerformanceItem[]> {
  const names = await namesOf(
    services,
    group,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, name: names.get(r.id) ?? null }));
}

/** The zone's offset from UTC in minutes on a day (Kazakhstan keeps no summer time, so one figure per period). */
export function zoneOffsetMinutes(day: string, timeZone: string): number {
  return (Date.parse(`${day}T00:00:00Z`) - Date.parse(startOfDay(day, timeZone))) / 60_000;
}

/** Appeals recorded at booths per local day, per hour of the day, and per booth, in the period (the booth filter only). */
export async function boothTraffic(services: Services, filter: StatsFilter): Promise<BoothTraffic> {
  const zone = services.config.TIME_ZONE;
  const range = {
    fromInstant: startOfDay(filter.from, zone),
    beforeInstant: startOfDay(addDays(filter.to, 1), zone),
    offsetMinutes: zoneOffsetMinutes(filter.from, zone),
    kioskId: filter.kioskId,
  };
  const [slots, kiosks] = await Promise.all([
    boothSlots(services.db, services.dialect, range),
    boothsByKiosk(services.db, range),
  ]);
  const days = new Map<string, number>();
  const hours = Array.from({ length: 24 }, () => 0);
  for (const s of slots) {
    const n = Number(s.n);
    days.set(s.slot.slice(0, 10), (days.get(s.slot.slice(0, 10)) ?? 0) + n);
    const hour = Number(s.slot.slice(11, 13));
    hours[hour] = (hours[hour] ?? 0) + n;
  }
  return {
    byDay: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, count]) => ({ day, count })),
    byHour: hours.map((count, hour) => ({ hour, count })),
    byKiosk: kiosks
      .map((k) => ({ id: k.id ?? '', name: k.name ?? '', count: Number(k.n) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  };
}

/** Appeals per topic in the period and in the one before, the biggest rise first. */
export async function topicTrends(services: Services, filter: StatsFilter): Promise<TopicTrend[]> {
  const previous = previousPeriod(filter.from, filter.to);
  const [now, before] = await Promise.all([
    countCore(services.db, statsWhere(services, filter), 'category'),
    countCore(services.db, statsWhere(services, { ...filter, ...previous }), 'category'),
  ]);
  const counts = new Map<string, { current: number; previous: number }>();
  for (const r of now) counts.set(r.id, { current: Number(r.received), previous: 0 });
  for (const r of before)
    counts.set(r.id, { current: counts.get(r.id)?.current ?? 0, previous: Number(r.received) });
  const names = await namesOf(services, 'category', [...counts.keys()]);
  return [...counts.entries()]
    .map(([id, c]) => ({ id, name: names.get(id) ?? null, ...c }))
    .sort((a, b) => b.current - b.previous - (a.current - a.previous) || b.current - a.current);
}

export async function dashboard(services: Services, filters: OversightFilters): Promise<OversightDashboard> {
  const filter = statsFilterOf(filters);
  await checkFilter(services, filter);
  const previous = previousPeriod(filter.from, filter.to);
  const [split, previousTotals, series, topics, booths] = await Promise.all([
    performanceSplit(services, filter),
    performanceBy(services, 'all', { ...filter, ...previous }),
    countCore(services.db, statsWhere(services, filter), 'day'),
    topicTrends(services, filter),
    boothTraffic(services, filter),
  ]);
  const [departments, officials] = await Promise.all([
    named(services, 'department', split.departments),
    named(services, 'official', split.officials),
  ]);
  return {
    from: filter.from,
    to: filter.to,
    previousFrom: previous.from,
    previousTo: previous.to,
    totals: figuresOf(split.total),
    previousTotals: figuresOf(previousTotals[0]),
    series: series
      .map((r) => ({
        day: r.id,
        received: Number(r.received),
        answered: Number(r.answered),
        answeredOnTime: Number(r.on_time ?? 0),
        overdue: Number(r.overdue ?? 0),
      }))
      .sort((a, b) => (a.day < b.day ? -1 : 1)),
    departments,
    officials,
    topics,
    booths,
  };
}

// The drill-down list

function encodeCursor(row: { registered_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.registered_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 100)
    )
      return parsed as [string, string];
  } catch {
    // answered below
  }
  throw new Problem('invalid-cursor', 'The cursor is not one this server gave.');
}

export function oversightAppeal(row: StatsAppealRow): OversightAppeal {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    status: row.status,
    type: row.type,
    registeredOn: row.registered_on,
    deadlineOn: row.deadline_on,
    firstAnsweredOn: row.first_answered_on,
    answerWorkingDays: row.answer_working_days === null ? null : Number(row.answer_working_days),
    addressee:
      row.full_name_en === null ? null : { fullName: tri(row, 'full_name'), position: tri(row, 'position') },
    category: row.category_en === null ? null : tri(row, 'category'),
  };
}

export async function appealsBehind(services: Services, query: OversightListQuery): Promise<OversightPage> {
  const filter = statsFilterOf(query);
  await checkFilter(services, filter);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const limit = query.limit ?? 50;
  const rows = await listStatsAppeals(
    services.db,
    statsWhere(services, filter),
    query.metric ?? 'received',
    after,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(oversightAppeal),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** Every appeal behind a figure, page by page (the exports stream these, never holding the whole list). */
export async function* eachAppealBehind(
  services: Services,
  filter: StatsFilter,
  metric: OversightMetric,
  pageSize = 500,
): AsyncGenerator<StatsAppealRow[]> {
  const where = statsWhere(services, filter);
  let after: [string, string] | null = null;
  for (;;) {
    const rows = await listStatsAppeals(services.db, where, metric, after, pageSize);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = [last.registered_at, last.id];
  }
}
