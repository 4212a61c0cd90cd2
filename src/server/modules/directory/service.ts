// What the booth shows: officials as cards and the topics, in three languages.
import type { CategoryItem, OfficialCard } from '../../../common/api.js';
import type { Services } from '../../services.js';
import { listActiveCategories, listKioskOfficials } from './repository.js';

const tri = (row: Record<string, unknown>, prefix: string) => ({
  kk: String(row[`${prefix}_kk`]),
  ru: String(row[`${prefix}_ru`]),
  en: String(row[`${prefix}_en`]),
});

export async function officialCards(services: Services): Promise<OfficialCard[]> {
  const rows = await listKioskOfficials(services.db);
  return rows.map((row) => ({
    id: row.id,
    fullName: tri(row, 'full_name'),
    position: tri(row, 'position'),
    area: tri(row, 'area'),
    department: { id: row.department_id, name: tri(row, 'department') },
    photoUrl: row.photo_key ? `/api/directory/officials/${row.id}/photo` : null,
  }));
}

export async function categoryItems(services: Services): Promise<CategoryItem[]> {
  const rows = await listActiveCategories(services.db);
  return rows.map((row) => ({ id: row.id, code: row.code, name: tri(row, 'name') }));
}

export { tri };
