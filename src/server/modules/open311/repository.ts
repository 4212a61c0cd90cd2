// SQL for Open311: services (the categories), requests (appeals, only the columns the public may see), partner
// apps' API keys and their filings.
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB, Open311ApiKeyTable, Open311RequestTable } from '../../db/types.js';
import type { AppealStatus } from '../../../common/statuses.js';

type Executor = Database | Transaction<DB>;

export interface ServiceRow {
  id: string;
  code: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  dept_kk: string | null;
  dept_ru: string | null;
  dept_en: string | null;
}

/** Active categories with the department their appeals go to (their own, or their default official's). */
export function listServiceRows(db: Executor, code?: string): Promise<ServiceRow[]> {
  let query = db
    .selectFrom('categories as c')
    .leftJoin('officials as o', 'o.id', 'c.default_official_id')
    .leftJoin('departments as d', (join) =>
      join.on((eb) =>
        eb.or([
          eb('d.id', '=', eb.ref('c.default_department_id')),
          eb.and([eb('c.default_department_id', 'is', null), eb('d.id', '=', eb.ref('o.department_id'))]),
        ]),
      ),
    )
    .select([
      'c.id',
      'c.code',
      'c.name_kk',
      'c.name_ru',
      'c.name_en',
      'd.name_kk as dept_kk',
      'd.name_ru as dept_ru',
      'd.name_en as dept_en',
    ])
    .where('c.active', '=', 1);
  if (code !== undefined) query = query.where('c.code', '=', code);
  return query.orderBy('c.sort_order').orderBy('c.code').execute();
}

/** What a request shows: no phone, IIN, note, name or video (the note comes separately, for its own partner). */
export interface RequestRow {
  id: string;
  status: AppealStatus;
  registered_at: string;
  updated_at: string;
  deadline_on: string;
  has_video: number;
  category_code: string | null;
  category_kk: string | null;
  category_ru: string | null;
  category_en: string | null;
  dept_kk: string | null;
  dept_ru: string | null;
  dept_en: string | null;
}

export interface RequestFilter {
  ids?: string[];
  /** Category codes; null among them stands for appeals without a category. */
  categoryCodes?: (string | null)[];
  from?: string;
  to?: string;
  statuses?: readonly AppealStatus[];
  limit: number;
}

export function listRequestRows(db: Executor, filter: RequestFilter): Promise<RequestRow[]> {
  let query = db
    .selectFrom('appeals as a')
    .leftJoin('categories as c', 'c.id', 'a.category_id')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .select((eb) => [
      'a.id',
      'a.status',
      'a.registered_at',
      'a.updated_at',
      'a.deadline_on',
      eb.case().when('a.media_id', 'is not', null).then(1).else(0).end().as('has_video'),
      'c.code as category_code',
      'c.name_kk as category_kk',
      'c.name_ru as category_ru',
      'c.name_en as category_en',
      'd.name_kk as dept_kk',
      'd.name_ru as dept_ru',
      'd.name_en as dept_en',
    ]);
  if (filter.ids) query = query.where('a.id', 'in', filter.ids);
  if (filter.categoryCodes) {
    const codes = filter.categoryCodes.filter((c): c is string => c !== null);
    const uncategorised = codes.length < filter.categoryCodes.length;
    query = query.where((eb) =>
      eb.or([
        ...(codes.length > 0 ? [eb('c.code', 'in', codes)] : []),
        ...(uncategorised ? [eb('a.category_id', 'is', null)] : []),
      ]),
    );
  }
  if (filter.from) query = query.where('a.registered_at', '>=', filter.from);
  if (filter.to) query = query.where('a.registered_at', '<=', filter.to);
  if (filter.statuses) query = query.where('a.status', 'in', filter.statuses);
  return query.orderBy('a.registered_at', 'desc').orderBy('a.id').limit(filter.limit).execute();
}

/** The text of the appeals among `appealIds` that this key filed: the partner wrote it, so it may read it back. */
export async function ownDescriptions(
  db: Executor,
  apiKeyId: string,
  appealIds: string[],
): Promise<Map<string, string | null>> {
  if (appealIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('open311_requests as r')
    .innerJoin('appeals as a', 'a.id', 'r.appeal_id')
    .select(['a.id', 'a.note'])
    .where('r.api_key_id', '=', apiKeyId)
    .where('a.id', 'in', appealIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.note]));
}

// API keys

export async function insertApiKey(db: Executor, row: Insertable<Open311ApiKeyTable>): Promise<void> {
  await db.insertInto('open311_api_keys').values(row).execute();
}

export function listApiKeyRows(db: Executor) {
  return db
    .selectFrom('open311_api_keys as k')
    .leftJoin('staff_users as u', 'u.id', 'k.created_by_user_id')
    .select((eb) => [
      'k.id',
      'k.name',
      'k.key_prefix',
      'k.created_at',
      'k.last_used_at',
      'k.revoked_at',
      'u.display_name as created_by',
      eb
        .selectFrom('open311_requests as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.api_key_id', '=', 'k.id')
        .as('requests'),
    ])
    .orderBy('k.revoked_at', (ob) => ob.nullsFirst())
    .orderBy('k.created_at', 'desc')
    .execute();
}

export function findApiKey(db: Executor, id: string) {
  return db.selectFrom('open311_api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findApiKeyByHash(db: Executor, hash: string) {
  return db.selectFrom('open311_api_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
}

/** Records a use, at most once a minute per key (a busy partner would otherwise write on every read). */
export async function touchApiKey(db: Executor, id: string, now: string, since: string): Promise<void> {
  await db
    .updateTable('open311_api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', since)]))
    .execute();
}

export async function revokeApiKey(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('open311_api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Filings

export async function insertFiling(db: Executor, row: Insertable<Open311RequestTable>): Promise<void> {
  await db.insertInto('open311_requests').values(row).execute();
}

export function findFilingByIdempotencyKey(db: Executor, apiKeyId: string, idempotencyKey: string) {
  return db
    .selectFrom('open311_requests')
    .selectAll()
    .where('api_key_id', '=', apiKeyId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export function findFilingByToken(db: Executor, token: string) {
  return db.selectFrom('open311_requests').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function countFilingsSince(db: Executor, apiKeyId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('open311_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('api_key_id', '=', apiKeyId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
