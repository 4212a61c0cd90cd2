// What the booth shows: officials as cards and the topics, in three languages.
import crypto from 'node:crypto';
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
    photoUrl: photoUrl(row.id, row.photo_key),
    receptionHours: tri(row, 'reception_hours'),
  }));
}

export async function categoryItems(services: Services): Promise<CategoryItem[]> {
  const rows = await listActiveCategories(services.db);
  return rows.map((row) => ({ id: row.id, code: row.code, name: tri(row, 'name') }));
}

/**
 * The portrait's address, versioned by the stored file: a new photo is a new key, so a booth that cached the old
 * one (an hour) asks for the new one at once.
 */
export function photoUrl(id: string, photoKey: string | null): string | null {
  if (!photoKey) return null;
  const version = crypto.createHash('sha256').update(photoKey).digest('hex').slice(0, 12);
  return `/api/directory/officials/${id}/photo?v=${version}`;
}

export { tri };
