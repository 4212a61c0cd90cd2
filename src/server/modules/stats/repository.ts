// SQL of the oversight figures: one condition builder (the period by registration day, the filters, the figure asked
// for) behind every aggregate and every drill-down list, so a list always holds exactly the appeals its figure counts.
// The indexes these lean on are in migrations/0016_oversight.ts.
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import { OVERSIGHT_METRICS, type OversightMetric } from '../../../common/oversight.js';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import { officialNameColumns } from '../directory/repository.js';

type Executor = Database | Transaction<DB>;

export interface StatsFilter {
  /** ISO dates, inclusive, the office's time zone (the appeal's registration day). */
  from: string;
  to: string;
  departmentId?: string | undefined;
  officialId?: string | undefined;
  categoryId?: string | undefined;
  kioskId?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
}

/** Which appeals a figure is about: the filter, and today for "overdue". */
export interface StatsWhere extends StatsFilter {
  /** Today in the office's time zone: an open appeal whose deadline is before it is overdue. */
  today: string;
}

/** The figures the dashboard counts; each is also a drill-down list. */
export const METRICS = OVERSIGHT_METRICS;
export type Metric = OversightMetric;

/** 'pair': department and official together ('<department>|<official>'), which both tables and the totals sum from. */
export const GROUP_KEYS = ['department', 'official', 'pair', 'category', 'kiosk', 'day', 'all'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

const GROUP_COLUMNS: Record<Exclude<GroupKey, 'all'>, readonly string[]> = {
  department: ['a.department_id'],
  official: ['a.addressee_official_id'],
  pair: ['a.department_id', 'a.addressee_official_id'],
  category: ['a.category_id'],
  kiosk: ['a.kiosk_id'],
  day: ['a.registered_on'],
};

/** Frozen with migration 0007's partial index, as in the inbox. */
const CLOSED_STATUSES = ['answered', 'left_without_consideration', 'withdrawn'] as const;

type AppealsEb = ExpressionBuilder<DB & { a: DB['appeals'] }, 'a'>;

function onTime(eb: AppealsEb) {
  return eb('a.first_answered_on', '<=', eb.ref('a.deadline_on'));
}

/** Answered after the deadline, or still open (and ours) with the deadline passed. */
function overdue(eb: AppealsEb, today: string) {
  return eb.or([
    eb('a.first_answered_on', '>', eb.ref('a.deadline_on')),
    eb.and([
      eb('a.first_answered_on', 'is', null),
      eb('a.status', 'not in', CLOSED_STATUSES),
      eb('a.outside_redirected_at', 'is', null),
      eb('a.deadline_on', '<', today),
    ]),
  ]);
}

function metricCondition(eb: AppealsEb, metric: Metric, today: string) {
  switch (metric) {
    case 'received':
      return sql<boolean>`1 = 1`;
    case 'answered':
      return eb('a.first_answered_on', 'is not', null);
    case 'answeredOnTime':
      return onTime(eb);
    case 'overdue':
      return overdue(eb, today);
    case 'extended':
      return eb.exists(
        eb
          .selectFrom('deadline_changes as d')
          .select(sql`1`.as('one'))
          .whereRef('d.appeal_id', '=', 'a.id'),
      );
    case 'redirected':
      return eb.exists(
        eb
          .selectFrom('appeal_routings as r')
          .select(sql`1`.as('one'))
          .where('r.kind', 'in', ['redirect', 'redirect_outside'])
          .whereRef('r.appeal_id', '=', 'a.id'),
      );
    case 'disputed':
      return eb.exists(
        eb
          .selectFrom('appeal_disputes as x')
          .select(sql`1`.as('one'))
          .whereRef('x.appeal_id', '=', 'a.id'),
      );
    case 'rated':
      return eb.exists(
        eb
          .selectFrom('appeal_ratings as g')
          .select(sql`1`.as('one'))
          .whereRef('g.appeal_id', '=', 'a.id'),
      );
  }
}

/** The appeals of `where` that `metric` counts. */
export function statsBase(db: Executor, where: StatsWhere, metric: Metric = 'received') {
  return db.selectFrom('appeals as a').where((eb) => {
    const all: Expression<SqlBool>[] = [
      eb('a.registered_on', '>=', where.from),
      eb('a.registered_on', '<=', where.to),
    ];
    if (where.departmentId) all.push(eb('a.department_id', '=', where.departmentId));
    if (where.officialId) all.push(eb('a.addressee_official_id', '=', where.officialId));
    if (where.categoryId) all.push(eb('a.category_id', '=', where.categoryId));
    if (where.kioskId) all.push(eb('a.kiosk_id', '=', where.kioskId));
    if (where.type) all.push(eb('a.type', '=', where.type as DB['appeals']['type']));
    if (where.status) all.push(eb('a.status', '=', where.status as DB['appeals']['status']));
    if (metric !== 'received') all.push(metricCondition(eb, metric, where.today));
    return eb.and(all);
  });
}

function groupExpr(group: GroupKey) {
  if (group === 'all') return sql<string>`''`;
  return sql<string>`${sql.join(
    GROUP_COLUMNS[group].map((c) => sql`coalesce(${sql.ref(c)}, '')`),
    sql` || '|' || `,
  )}`;
}

const groupRefs = (group: Exclude<GroupKey, 'all'>) => GROUP_COLUMNS[group].map((c) => sql.ref(c));

/** received, answered, on time, overdue per group. */
export async function countCore(db: Executor, where: StatsWhere, group: GroupKey) {
  let q = statsBase(db, where).select((eb) => [
    groupExpr(group).as('id'),
    eb.fn.countAll<number | string>().as('received'),
    eb.fn.count<number | string>('a.first_answered_on').as('answered'),
    eb.fn.sum<number | string | null>(eb.case().when(onTime(eb)).then(1).else(0).end()).as('on_time'),
    eb.fn
      .sum<number | string | null>(eb.case().when(overdue(eb, where.today)).then(1).else(0).end())
      .as('overdue'),
  ]);
  if (group !== 'all') q = q.groupBy(groupRefs(group));
  return q.execute();
}

/** How many appeals per group `metric` counts (the figures kept in other tables: extended, redirected, disputed). */
export async function countMetric(db: Executor, where: StatsWhere, group: GroupKey, metric: Metric) {
  let q = statsBase(db, where, metric).select((eb) => [
    groupExpr(group).as('id'),
    eb.fn.countAll<number | string>().as('n'),
  ]);
  if (group !== 'all') q = q.groupBy(groupRefs(group));
  return q.execute();
}

/** How many answered appeals took each number of working days, per group: the medians' histogram. */
export async function answerDaysHistogram(db: Executor, where: StatsWhere, group: GroupKey) {
  let q = statsBase(db, where, 'answered').select((eb) => [
    groupExpr(group).as('id'),
    'a.answer_working_days as days',
    eb.fn.countAll<number | string>().as('n'),
  ]);
  if (group !== 'all') q = q.groupBy(groupRefs(group));
  return q.groupBy('a.answer_working_days').execute();
}

/** Ratings per group: how many and the sum of their scores. */
export async function ratingTotals(db: Executor, where: StatsWhere, group: GroupKey) {
  let q = statsBase(db, where)
    .innerJoin('appeal_ratings as g', 'g.appeal_id', 'a.id')
    .select((eb) => [
      groupExpr(group).as('id'),
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string>('g.score').as('total'),
    ]);
  if (group !== 'all') q = q.groupBy(groupRefs(group));
  return q.execute();
}

/** The period as instants, for booth traffic (counted by when the person stood at the booth, not registration). */
export interface BoothRange {
  fromInstant: string;
  beforeInstant: string;
  /** The office zone's offset from UTC, minutes. */
  offsetMinutes: number;
  kioskId?: string | undefined;
}

function boothBase(db: Executor, range: BoothRange) {
  let q = db
    .selectFrom('appeals as a')
    .where('a.source', '=', 'kiosk')
    .where('a.registered_at', '>=', range.fromInstant)
    .where('a.registered_at', '<', range.beforeInstant);
  if (range.kioskId) q = q.where('a.kiosk_id', '=', range.kioskId);
  return q;
}

/** Appeals recorded at booths per local hour slot ('YYYY-MM-DDTHH'). */
export async function boothSlots(db: Executor, dialect: 'sqlite' | 'postgres', range: BoothRange) {
  const shift = `${range.offsetMinutes} minutes`;
  const local =
    dialect === 'postgres'
      ? sql<string>`to_char(a.registered_at::timestamp + ${shift}::interval, 'YYYY-MM-DD"T"HH24')`
      : sql<string>`strftime('%Y-%m-%dT%H', a.registered_at, ${'+' + shift})`;
  return (
    boothBase(db, range)
      .select((eb) => [local.as('slot'), eb.fn.countAll<number | string>().as('n')])
      // By position: PostgreSQL would not match the expression again with its parameter bound a second time.
      .groupBy(sql`1`)
      .execute()
  );
}

/** Appeals recorded at each booth. */
export async function boothsByKiosk(db: Executor, range: BoothRange) {
  return boothBase(db, range)
    .leftJoin('kiosks as k', 'k.id', 'a.kiosk_id')
    .select((eb) => ['a.kiosk_id as id', 'k.name', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['a.kiosk_id', 'k.name'])
    .execute();
}

/** Names for the groups' ids. */
export async function groupNames(db: Executor, group: GroupKey, ids: readonly string[]) {
  const wanted = ids.filter((id) => id !== '');
  if (wanted.length === 0 || group === 'day' || group === 'all' || group === 'pair') return [];
  switch (group) {
    case 'department':
      return db
        .selectFrom('departments')
        .select(['id', 'name_kk', 'name_ru', 'name_en'])
        .where('id', 'in', wanted)
        .execute();
    case 'category':
      return db
        .selectFrom('categories')
        .select(['id', 'name_kk', 'name_ru', 'name_en'])
        .where('id', 'in', wanted)
        .execute();
    case 'official':
      return db
        .selectFrom('officials')
        .select(['id', 'full_name_kk as name_kk', 'full_name_ru as name_ru', 'full_name_en as name_en'])
        .where('id', 'in', wanted)
        .execute();
    case 'kiosk':
      return (await db.selectFrom('kiosks').select(['id', 'name']).where('id', 'in', wanted).execute()).map(
        (k) => ({ id: k.id, name_kk: k.name, name_ru: k.name, name_en: k.name }),
      );
  }
}

/** Whether a filter's id names a row of its table. */
export async function exists(
  db: Executor,
  table: 'departments' | 'officials' | 'categories' | 'kiosks',
  id: string,
): Promise<boolean> {
  return (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** One page of the appeals behind a figure, newest first, after the keyset (registered_at, id). */
export function listStatsAppeals(
  db: Executor,
  where: StatsWhere,
  metric: Metric,
  after: readonly [string, string] | null,
  limit: number,
) {
  let q = statsBase(db, where, metric)
    .leftJoin('officials as o', 'o.id', 'a.addressee_official_id')
    .leftJoin('categories as c', 'c.id', 'a.category_id')
    .leftJoin('media_files as m', 'm.id', 'a.media_id')
    .select([
      'a.id',
      'a.registration_number',
      'a.phone_e164',
      'a.language',
      'a.type',
      'a.status',
      'a.source',
      'a.registered_at',
      'a.registered_on',
      'a.deadline_on',
      'a.escalated_at',
      'a.outside_redirected_at',
      'a.first_answered_on',
      'a.answer_working_days',
      'a.department_id',
      'a.addressee_official_id',
      'a.kiosk_id',
      ...officialNameColumns,
      'c.name_kk as category_kk',
      'c.name_ru as category_ru',
      'c.name_en as category_en',
      'm.state as media_state',
    ]);
  if (after) q = q.where(sql<boolean>`(a.registered_at, a.id) < (${after[0]}, ${after[1]})`);
  return q.orderBy('a.registered_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

export type StatsAppealRow = Awaited<ReturnType<typeof listStatsAppeals>>[number];

export async function findRegisteredOn(trx: Executor, appealId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('appeals')
    .select('registered_on')
    .where('id', '=', appealId)
    .executeTakeFirst();
  return row?.registered_on;
}

/** Writes an appeal's first answer's day and working days, unless an earlier answer already did. */
export async function setFirstAnswer(
  trx: Executor,
  appealId: string,
  day: string,
  workingDays: number,
): Promise<void> {
  await trx
    .updateTable('appeals')
    .set({ first_answered_on: day, answer_working_days: workingDays })
    .where('id', '=', appealId)
    .where('first_answered_on', 'is', null)
    .execute();
}

/** Active supervisors with an email: the weekly summary's recipients. */
export function supervisorsWithEmail(db: Executor) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'language', 'roles'])
    .where('active', '=', 1)
    .where('email', 'is not', null)
    .where('roles', 'like', '%supervisor%')
    .orderBy('id')
    .execute();
}
