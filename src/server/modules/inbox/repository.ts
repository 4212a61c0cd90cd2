// SQL of the office inbox: one query shape for every view, filter, search and sort, paged by keyset; counts capped;
// saved views. The indexes these lean on are in migrations/0007_inbox.ts.
import {
  sql,
  type ExpressionBuilder,
  type RawBuilder,
  type SelectQueryBuilder,
  type Transaction,
} from 'kysely';
import type { AppealStatus } from '../../../common/statuses.js';
import type { Database, Dialect } from '../../db/index.js';
import type { DB, InboxViewTable } from '../../db/types.js';
import { officialNameColumns } from '../directory/repository.js';

type Executor = Database | Transaction<DB>;

/** Appeals addressed to these officials, or to these departments without a named official (auth/access.ts). */
export interface OfficialScope {
  officialIds: readonly string[];
  departmentIds: readonly string[];
}

/** The search, already understood: a whole registration number, a whole phone, or words (each a prefix). */
export interface InboxSearch {
  number: string | null;
  phone: string | null;
  words: readonly string[];
}

/** Which appeals: every condition here is ANDed; the service builds it from the view, the filters and the row rules. */
export interface InboxWhere {
  /** The row rules: null reads every appeal. */
  scope: OfficialScope | null;
  /** The "mine" view: the staff member's own officials and departments. */
  mine: OfficialScope | null;
  statuses: readonly AppealStatus[] | null;
  /** Only statuses in which the deadline still runs (the predicate of the open-deadline index). */
  open: boolean;
  deadlineFrom: string | null;
  deadlineTo: string | null;
  /** Deadline strictly before this day. */
  deadlineBefore: string | null;
  departmentId: string | null;
  categoryId: string | null;
  kioskId: string | null;
  type: string | null;
  source: string | null;
  registeredFrom: string | null;
  registeredBefore: string | null;
  search: InboxSearch | null;
}

export type SortColumn = 'registered_at' | 'deadline_on' | 'status';

/** Keyset order: these columns, then id, all in one direction (so one row comparison finds the next page). */
export interface InboxOrder {
  columns: readonly SortColumn[];
  direction: 'asc' | 'desc';
  /** The last row of the previous page: its values of `columns`, then its id. */
  after: readonly string[] | null;
}

/** Frozen with migration 0007's partial index: the planner must see the same predicate to use it. */
const CLOSED_STATUSES = ['answered', 'left_without_consideration', 'withdrawn'] as const;

type AppealsEb = ExpressionBuilder<DB & { a: DB['appeals'] }, 'a'>;

function scopeCondition(eb: AppealsEb, scope: OfficialScope) {
  const parts = [];
  if (scope.officialIds.length > 0) parts.push(eb('a.addressee_official_id', 'in', scope.officialIds));
  if (scope.departmentIds.length > 0)
    parts.push(
      eb.and([eb('a.addressee_official_id', 'is', null), eb('a.department_id', 'in', scope.departmentIds)]),
    );
  // An empty scope matches nothing.
  return parts.length > 0 ? eb.or(parts) : sql<boolean>`1 = 0`;
}

/** The appeal ids the search finds, as one union: each branch uses its own index. */
function searchIds(dialect: Dialect, search: InboxSearch): RawBuilder<unknown> | null {
  const branches: RawBuilder<unknown>[] = [];
  if (search.number) branches.push(sql`select id from appeals where registration_number = ${search.number}`);
  if (search.phone) branches.push(sql`select id from appeals where phone_e164 = ${search.phone}`);
  if (search.words.length > 0) {
    if (dialect === 'postgres') {
      // Repeats migration 0007's index expressions exactly; the words hold only letters and digits.
      const query = search.words.map((w) => `'${w}':*`).join(' & ');
      branches.push(
        sql`select id from appeals where to_tsvector('simple', coalesce(note, '')) @@ to_tsquery('simple', ${query})`,
      );
      branches.push(
        sql`select appeal_id from answers where to_tsvector('simple', coalesce(body, '')) @@ to_tsquery('simple', ${query})`,
      );
    } else {
      const query = search.words.map((w) => `"${w}"*`).join(' ');
      branches.push(
        sql`select d.appeal_id from inbox_search s join inbox_search_docs d on d.id = s.rowid where inbox_search match ${query}`,
      );
    }
  }
  if (branches.length === 0) return null;
  return sql.join(branches, sql` union `);
}

/** The one query behind the list and the counts: the appeals `where` allows, not yet ordered. */
export function inboxBase(db: Executor, dialect: Dialect, where: InboxWhere) {
  return db.selectFrom('appeals as a').where((eb) => {
    const all = [];
    if (where.scope) all.push(scopeCondition(eb, where.scope));
    if (where.mine) all.push(scopeCondition(eb, where.mine));
    if (where.statuses)
      // A view and a status filter that do not meet leave no status: nothing (PostgreSQL refuses `in ()`).
      all.push(where.statuses.length > 0 ? eb('a.status', 'in', where.statuses) : sql<boolean>`1 = 0`);
    if (where.open)
      all.push(eb('a.status', 'not in', CLOSED_STATUSES), eb('a.outside_redirected_at', 'is', null));
    if (where.deadlineFrom) all.push(eb('a.deadline_on', '>=', where.deadlineFrom));
    if (where.deadlineTo) all.push(eb('a.deadline_on', '<=', where.deadlineTo));
    if (where.deadlineBefore) all.push(eb('a.deadline_on', '<', where.deadlineBefore));
    if (where.departmentId) all.push(eb('a.department_id', '=', where.departmentId));
    if (where.categoryId) all.push(eb('a.category_id', '=', where.categoryId));
    if (where.kioskId) all.push(eb('a.kiosk_id', '=', where.kioskId));
    if (where.type) all.push(eb('a.type', '=', where.type as DB['appeals']['type']));
    if (where.source) all.push(eb('a.source', '=', where.source as DB['appeals']['source']));
    if (where.registeredFrom) all.push(eb('a.registered_at', '>=', where.registeredFrom));
    if (where.registeredBefore) all.push(eb('a.registered_at', '<', where.registeredBefore));
    if (where.search) {
      const ids = searchIds(dialect, where.search);
      // PostgreSQL misjudges how many rows a word prefix finds and would join by scanning the whole table; an
      // array of the found ids makes it look each one up by primary key instead.
      const found =
        dialect === 'postgres' ? sql<boolean>`a.id = any(array(${ids}))` : sql<boolean>`a.id in (${ids})`;
      all.push(ids ? found : sql<boolean>`1 = 0`);
    }
    return eb.and(all);
  });
}

function ordered<O>(query: SelectQueryBuilder<DB & { a: DB['appeals'] }, 'a', O>, order: InboxOrder) {
  const keys = [...order.columns.map((c) => `a.${c}`), 'a.id'];
  let q = query;
  if (order.after) {
    const left = sql.join(keys.map((k) => sql.ref(k)));
    const right = sql.join(order.after.map((v) => sql`${v}`));
    q = q.where(
      order.direction === 'asc' ? sql<boolean>`(${left}) > (${right})` : sql<boolean>`(${left}) < (${right})`,
    );
  }
  for (const key of keys) q = q.orderBy(sql.ref(key), order.direction);
  return q;
}

/** A page of the inbox: `limit` rows in the order asked, after the cursor's row. */
export function listInbox(
  db: Executor,
  dialect: Dialect,
  where: InboxWhere,
  order: InboxOrder,
  limit: number,
) {
  const query = inboxBase(db, dialect, where)
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
      'a.deadline_on',
      'a.escalated_at',
      'a.outside_redirected_at',
      ...officialNameColumns,
      'c.name_kk as category_kk',
      'c.name_ru as category_ru',
      'c.name_en as category_en',
      'm.state as media_state',
    ]);
  return ordered(query, order).limit(limit).execute();
}

export type InboxListRow = Awaited<ReturnType<typeof listInbox>>[number];

/** How many appeals `where` allows, counting no further than `cap + 1`: bounded work on any table. */
export async function countInbox(
  db: Executor,
  dialect: Dialect,
  where: InboxWhere,
  cap: number,
): Promise<number> {
  const limited = inboxBase(db, dialect, where)
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1);
  const row = await db
    .selectFrom(limited.as('t'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What the filter menus offer. */
export async function filterOptions(db: Executor) {
  const [departments, categories, kiosks] = await Promise.all([
    db
      .selectFrom('departments')
      .select(['id', 'name_kk', 'name_ru', 'name_en'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('categories')
      .select(['id', 'name_kk', 'name_ru', 'name_en'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db.selectFrom('kiosks').select(['id', 'name', 'location']).orderBy('name').orderBy('id').execute(),
  ]);
  return { departments, categories, kiosks };
}

export function listSavedViews(db: Executor, userId: string): Promise<InboxViewTable[]> {
  return db
    .selectFrom('inbox_views')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function countSavedViews(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('inbox_views')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findSavedViewByName(db: Executor, userId: string, name: string) {
  return db
    .selectFrom('inbox_views')
    .select('id')
    .where('user_id', '=', userId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertSavedView(db: Executor, row: InboxViewTable): Promise<void> {
  await db.insertInto('inbox_views').values(row).execute();
}

/** Deletes the user's own view; false if there is none by that id for this user. */
export async function deleteSavedView(db: Executor, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('inbox_views')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
