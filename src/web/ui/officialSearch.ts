// Finding the addressee by typing (the booth's screen keyboard, the reception's search field): forgiving of case,
// ё/е, spacing and the language typed in.
import type { OfficialCard } from './api.js';

export type DepartmentRef = OfficialCard['department'];

/** Lower case, ё as е, one form of each letter (NFC): the shape both the query and the text are compared in. */
export function normalise(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е');
}

/** The words of a text: runs of letters and digits, so hyphens, commas and brackets separate words. */
export function words(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

const searchable = new WeakMap<OfficialCard, readonly string[]>();

/** Every word of the full name, position and area in all three languages, computed once per card. */
function wordsOf(official: OfficialCard): readonly string[] {
  let found = searchable.get(official);
  if (!found) {
    const texts = [official.fullName, official.position, official.area].flatMap((t) => [t.kk, t.ru, t.en]);
    found = [...new Set(texts.flatMap(words))];
    searchable.set(official, found);
  }
  return found;
}

/**
 * The officials of the department (all when null) whose name, position or area has, for every word of the query,
 * a word that starts with it, in any of the three languages. An empty query keeps them all. Order is kept.
 */
export function filterOfficials(
  officials: OfficialCard[],
  query: string,
  departmentId: string | null,
): OfficialCard[] {
  const wanted = words(query);
  return officials.filter(
    (o) =>
      (departmentId === null || o.department.id === departmentId) &&
      wanted.every((w) => wordsOf(o).some((word) => word.startsWith(w))),
  );
}

/** Each department once, in the order its first official appears (the booth's order of officials). */
export function departmentsOf(officials: OfficialCard[]): DepartmentRef[] {
  const seen = new Map<string, DepartmentRef>();
  for (const o of officials) if (!seen.has(o.department.id)) seen.set(o.department.id, o.department);
  return [...seen.values()];
}
