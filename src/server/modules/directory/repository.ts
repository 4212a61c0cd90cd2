// SQL for the directory of departments, officials and categories.
import type { Insertable, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/index.js';
import type { CategoryTable, DB, DepartmentTable, OfficialTable } from '../../db/types.js';
import type { AppealStatus } from '../../../common/statuses.js';

/** Statuses in which the body's work on an appeal is over (common/statuses.ts isOpenStatus says the same). */
const CLOSED: AppealStatus[] = ['answered', 'left_without_consideration', 'withdrawn'];

/** An official's name and position in three languages, from a query that aliases `officials` as `o`. */
export const officialNameColumns = [
  'o.full_name_kk',
  'o.full_name_ru',
  'o.full_name_en',
  'o.position_kk',
  'o.position_ru',
  'o.position_en',
] as const;

export function listKioskOfficials(db: Database) {
  return db
    .selectFrom('officials as o')
    .innerJoin('departments as d', 'd.id', 'o.department_id')
    .select([
      'o.id',
      ...officialNameColumns,
      'o.area_kk',
      'o.area_ru',
      'o.area_en',
      'o.photo_key',
      'o.reception_hours_kk',
      'o.reception_hours_ru',
      'o.reception_hours_en',
      'd.id as department_id',
      'd.name_kk as department_kk',
      'd.name_ru as department_ru',
      'd.name_en as department_en',
    ])
    .where('o.active', '=', 1)
    .where('o.shown_in_kiosk', '=', 1)
    .orderBy('o.sort_order')
    .orderBy('o.full_name_en')
    .execute();
}

export function findActiveOfficial(db: Database, id: string) {
  return db
    .selectFrom('officials')
    .selectAll()
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
}

export function findOfficialPhotoKey(db: Database, id: string) {
  return db.selectFrom('officials').select('photo_key').where('id', '=', id).executeTakeFirst();
}

export function listActiveCategories(db: Database) {
  return db.selectFrom('categories').selectAll().where('active', '=', 1).orderBy('sort_order').execute();
}

export function findActiveCategory(db: Database, id: string) {
  return db
    .selectFrom('categories')
    .selectAll()
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
}

// Administration: every department, official and topic, retired ones too.

type Executor = Database | Transaction<DB>;

export function listDepartments(db: Executor) {
  return db
    .selectFrom('departments as d')
    .selectAll('d')
    .select((eb) =>
      eb
        .selectFrom('officials as o')
        .whereRef('o.department_id', '=', 'd.id')
        .where('o.active', '=', 1)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('active_officials'),
    )
    .orderBy('d.sort_order')
    .orderBy('d.code')
    .execute();
}

export function findDepartment(db: Executor, id: string) {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDepartmentByCode(db: Executor, code: string) {
  return db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertDepartment(db: Executor, row: Insertable<DepartmentTable>): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function updateDepartment(db: Executor, id: string, set: Updateable<DepartmentTable>) {
  await db.updateTable('departments').set(set).where('id', '=', id).execute();
}

/** Officials with how many appeals are addressed to them, and how many of those are still open. */
export function listOfficials(db: Executor, id?: string) {
  return db
    .selectFrom('officials as o')
    .selectAll('o')
    .select((eb) => [
      eb
        .selectFrom('appeals as a')
        .whereRef('a.addressee_official_id', '=', 'o.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('total_appeals'),
      eb
        .selectFrom('appeals as a')
        .whereRef('a.addressee_official_id', '=', 'o.id')
        .where('a.status', 'not in', CLOSED)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('open_appeals'),
    ])
    .$if(id !== undefined, (q) => q.where('o.id', '=', id ?? ''))
    .orderBy('o.sort_order')
    .orderBy('o.full_name_en')
    .execute();
}

export type OfficialAdminRow = Awaited<ReturnType<typeof listOfficials>>[number];

export function findOfficial(db: Executor, id: string) {
  return db.selectFrom('officials').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOfficialByCode(db: Executor, code: string) {
  return db.selectFrom('officials').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertOfficial(db: Executor, row: Insertable<OfficialTable>): Promise<void> {
  await db.insertInto('officials').values(row).execute();
}

export async function updateOfficial(db: Executor, id: string, set: Updateable<OfficialTable>) {
  await db.updateTable('officials').set(set).where('id', '=', id).execute();
}

export async function deleteOfficialRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('officials').where('id', '=', id).execute();
}

export async function maxSortOrder(db: Executor, table: 'officials' | 'departments' | 'categories') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('sort_order').as('m'))
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

/** What keeps an official from being deleted besides appeals: accounts, topics, deputies, delegations pointing at them. */
export async function officialReferences(db: Executor, id: string): Promise<string[]> {
  const found: string[] = [];
  const count = async (q: Promise<{ n: number | string | bigint } | undefined>, what: string) => {
    if (Number((await q)?.n ?? 0) > 0) found.push(what);
  };
  // Appeals addressed to them now, or once (moved on when they retired).
  await count(
    db
      .selectFrom('audit_events')
      .where('action', '=', 'appeal.reassigned')
      .where('detail', 'like', `%"fromOfficialId":"${id}"%`)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    'appeals',
  );
  await count(
    db
      .selectFrom('appeals')
      .where('addressee_official_id', '=', id)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    'appeals',
  );
  await count(
    db
      .selectFrom('staff_users')
      .where('official_id', '=', id)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    'staff accounts',
  );
  await count(
    db
      .selectFrom('categories')
      .where('default_official_id', '=', id)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    'topics',
  );
  await count(
    db
      .selectFrom('officials')
      .where('deputy_official_id', '=', id)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    'deputies',
  );
  await count(
    db
      .selectFrom('delegations')
      .where('official_id', '=', id)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    'delegations',
  );
  return found;
}

export function openAppealsOf(db: Executor, officialId: string) {
  return db
    .selectFrom('appeals')
    .select(['id', 'status', 'addressee_official_id', 'department_id'])
    .where('addressee_official_id', '=', officialId)
    .where('status', 'not in', CLOSED)
    .orderBy('registered_at')
    .execute();
}

export async function reassignAppeal(
  db: Executor,
  id: string,
  to: { officialId: string | null; departmentId: string | null },
  at: string,
): Promise<void> {
  await db
    .updateTable('appeals')
    .set({ addressee_official_id: to.officialId, department_id: to.departmentId, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export function listCategories(db: Executor) {
  return db.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export function findCategory(db: Executor, id: string) {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCategoryByCode(db: Executor, code: string) {
  return db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertCategory(db: Executor, row: Insertable<CategoryTable>): Promise<void> {
  await db.insertInto('categories').values(row).execute();
}

export async function updateCategory(db: Executor, id: string, set: Updateable<CategoryTable>) {
  await db.updateTable('categories').set(set).where('id', '=', id).execute();
}

export async function setSortOrder(
  db: Executor,
  table: 'officials' | 'departments' | 'categories',
  id: string,
  sortOrder: number,
): Promise<void> {
  await db.updateTable(table).set({ sort_order: sortOrder }).where('id', '=', id).execute();
}

/** An official who has retired (a stale booth screen may still offer them). */
export function findRetiredOfficial(db: Database, id: string) {
  return db
    .selectFrom('officials')
    .select(['id', 'department_id'])
    .where('id', '=', id)
    .where('active', '=', 0)
    .executeTakeFirst();
}
