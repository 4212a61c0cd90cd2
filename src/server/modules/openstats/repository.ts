// SQL of the public statistics: which departments the league table lists. The figures come from modules/stats.
import type { Database } from '../../db/index.js';

/** Every active department, and any retired one named in `ids` (it had appeals in the period), in directory order. */
export function listPublicDepartments(db: Database, ids: readonly string[]) {
  return db
    .selectFrom('departments')
    .select(['id', 'code', 'name_kk', 'name_ru', 'name_en'])
    .where((eb) =>
      ids.length > 0 ? eb.or([eb('active', '=', 1), eb('id', 'in', ids)]) : eb('active', '=', 1),
    )
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}
