// The public statistics (/stats and the open data): each department's figures for a period from modules/stats, with
// small counts suppressed (suppression.ts), as one document the page, the JSON and the CSV share. Figures are
// monthly: every period ends by the last day of the last complete month. Reused by a process for STATS_CACHE_SECONDS.
import { stringify } from 'csv-stringify/sync';
import {
  STATS_LICENSE,
  STATS_MEASURES,
  periodRange,
  type StatsDocument,
  type StatsMeasure,
  type StatsRow,
} from '../../../common/openstats.js';
import { addDays, dayInZone } from '../../../common/workdays.js';
import { Problem } from '../../errors.js';
import type { Services } from '../../services.js';
import { performanceBy, type PerformanceRow } from '../stats/service.js';
import { listPublicDepartments } from './repository.js';
import { suppressTable, type Bases, type RowMarks } from './suppression.js';

export const SCHEMA_PATH = '/api/open-data/stats.schema.json';

/** The first year a period may name: nothing was registered before the booths. */
const FIRST_YEAR = 2000;

/** The last day of the month before today's (the office's time zone): the last day the figures cover. */
export function publishedThrough(services: Services): string {
  const today = dayInZone(services.clock.now(), services.config.TIME_ZONE);
  return addDays(`${today.slice(0, 8)}01`, -1);
}

export function schemaUrl(services: Services): string {
  return `${services.config.PUBLIC_URL.replace(/\/+$/, '')}${SCHEMA_PATH}`;
}

/** Each measure's base: the count its figure is computed from, which adds up across departments. No row: none. */
function bases(p: PerformanceRow | undefined): Bases {
  return {
    received: p?.received ?? 0,
    on_time: (p?.answeredOnTime ?? 0) + (p?.overdue ?? 0),
    answer_time: p?.answered ?? 0,
    satisfaction: p?.ratings ?? 0,
  };
}

type Department = Awaited<ReturnType<typeof listPublicDepartments>>[number];

function toRow(
  level: StatsRow['level'],
  dept: Department | null,
  p: PerformanceRow | undefined,
  marks: RowMarks,
): StatsRow {
  const shown = (m: StatsMeasure) => marks[m] === null;
  const base = bases(p);
  const due = base.on_time;
  const onTime = p?.answeredOnTime ?? 0;
  return {
    level,
    department_id: dept?.id ?? null,
    department_code: dept?.code ?? null,
    name_kk: dept?.name_kk ?? null,
    name_ru: dept?.name_ru ?? null,
    name_en: dept?.name_en ?? null,
    received: shown('received') ? base.received : null,
    due: shown('on_time') ? due : null,
    answered_on_time: shown('on_time') ? onTime : null,
    on_time_share: shown('on_time') && due > 0 ? Math.round((onTime / due) * 1000) / 1000 : null,
    answered: shown('answer_time') ? base.answer_time : null,
    median_answer_working_days: shown('answer_time') ? (p?.medianAnswerWorkingDays ?? null) : null,
    ratings: shown('satisfaction') ? base.satisfaction : null,
    average_rating: shown('satisfaction') ? (p?.averageRating ?? null) : null,
    suppressed: STATS_MEASURES.flatMap((measure) => {
      const reason = marks[measure];
      return reason ? [{ measure, reason }] : [];
    }),
  };
}

async function buildStats(services: Services, key: string, through: string): Promise<StatsDocument> {
  const range = periodRange(key, through);
  if (!range || Number(key.slice(0, 4)) < FIRST_YEAR)
    throw new Problem('stats-period-invalid', `Figures are published up to ${through}, from ${FIRST_YEAR}.`);
  const filter = { from: range.from, to: range.to };
  const [byDepartment, all] = await Promise.all([
    performanceBy(services, 'department', filter),
    performanceBy(services, 'all', filter),
  ]);
  const figures = new Map(byDepartment.map((r) => [r.id, r]));
  const departments = await listPublicDepartments(
    services.db,
    byDepartment.map((r) => r.id).filter((id) => id !== ''),
  );
  const rows: { level: StatsRow['level']; dept: Department | null; p: PerformanceRow | undefined }[] =
    departments.map((dept) => ({ level: 'department', dept, p: figures.get(dept.id) }));
  const unassigned = figures.get('');
  if (unassigned) rows.push({ level: 'unassigned', dept: null, p: unassigned });
  const total = all[0];
  const k = services.config.STATS_MIN_COUNT;
  const marks = suppressTable(
    rows.map((r) => bases(r.p)),
    bases(total),
    k,
  );
  return {
    dataset: 'dialog-public-statistics',
    schema: schemaUrl(services),
    license: { ...STATS_LICENSE },
    period: { key, ...range },
    published_through: through,
    min_count: k,
    region: toRow('region', null, total, marks.total),
    departments: rows.map((r, i) => toRow(r.level, r.dept, r.p, marks.rows[i] as RowMarks)),
  };
}

const caches = new WeakMap<Services, Map<string, { until: number; doc: Promise<StatsDocument> }>>();

/** The statistics of a period (`last-12-months`, `2026`, `2026-Q3`); 422 stats-period-invalid before 2000 or after the last published day. */
export function publicStats(services: Services, key: string): Promise<StatsDocument> {
  const through = publishedThrough(services);
  const ttl = services.config.STATS_CACHE_SECONDS * 1000;
  if (ttl === 0) return buildStats(services, key, through);
  let cache = caches.get(services);
  if (!cache) {
    cache = new Map<string, { until: number; doc: Promise<StatsDocument> }>();
    caches.set(services, cache);
  }
  const now = Date.now();
  for (const [k, v] of cache) if (v.until <= now) cache.delete(k);
  const cacheKey = `${key}|${through}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit.doc;
  const doc = buildStats(services, key, through);
  cache.set(cacheKey, { until: now + ttl, doc });
  // A failure (a bad period, a database hiccup) is not kept.
  doc.catch(() => cache.delete(cacheKey));
  return doc;
}

/** The CSV's columns: the document's fields, flattened; the region first, then the departments. */
export const CSV_COLUMNS = [
  'period',
  'period_from',
  'period_to',
  'published_through',
  'level',
  'department_id',
  'department_code',
  'name_kk',
  'name_ru',
  'name_en',
  'received',
  'due',
  'answered_on_time',
  'on_time_share',
  'answered',
  'median_answer_working_days',
  'ratings',
  'average_rating',
  'suppressed',
] as const;

/** The document as CSV (UTF-8 with a byte-order mark, so spreadsheets read Kazakh and Russian; CRLF line ends). */
export function statsCsv(doc: StatsDocument): string {
  const records = [doc.region, ...doc.departments].map((row) => ({
    ...row,
    period: doc.period.key,
    period_from: doc.period.from,
    period_to: doc.period.to,
    published_through: doc.published_through,
    suppressed: row.suppressed.map((s) => `${s.measure}:${s.reason}`).join(';'),
  }));
  return `\ufeff${stringify(records, {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
    cast: { number: (n) => String(n) },
  })}`;
}
