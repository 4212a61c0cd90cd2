// The settings table: one row per setting an admin has set, its value as JSON.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';

type Db = Database | Transaction<DB>;

export function listSettingRows(db: Db) {
  return db.selectFrom('settings').select(['key', 'value', 'updated_at']).execute();
}

export async function putSetting(db: Db, key: string, value: unknown, at: string, userId: string | null) {
  const row = { value: JSON.stringify(value), updated_at: at, updated_by: userId };
  await db
    .insertInto('settings')
    .values({ key, ...row })
    .onConflict((oc) => oc.column('key').doUpdateSet(row))
    .execute();
}

export async function deleteSetting(db: Db, key: string) {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}
