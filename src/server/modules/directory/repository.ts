// SQL for the directory of departments, officials and categories.
import type { Database } from '../../db/index.js';

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
