// A staff user's roles: a set stored as one comma-separated column in ROLES order, so equal sets are equal text.
import { ROLES, type Role } from '../../../common/statuses.js';

export function parseRoles(text: string): Role[] {
  const given = new Set(text.split(',').map((r) => r.trim()));
  return ROLES.filter((r) => given.has(r));
}

export function formatRoles(roles: readonly Role[]): string {
  const given = new Set(roles);
  return ROLES.filter((r) => given.has(r)).join(',');
}

/** Operators and supervisors read every appeal; admins read none unless they also hold a reading role. */
export const READS_ALL: readonly Role[] = ['operator', 'supervisor'];
