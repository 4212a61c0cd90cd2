// Who may do what: the signed-in staff member with their roles, and the row rules every appeal query applies.
// Operators and supervisors read every appeal; an official reads (and acts on) what is addressed to them, to their
// department without a named official, and — for the period of a delegation — what is addressed to the official
// who delegated to them; an admin reads no appeal unless also given a reading role.
import type { Role } from '../../../common/statuses.js';
import type { Database } from '../../db/index.js';
import type { StaffUser } from '../../db/types.js';
import { activeDelegationsTo, officialDepartment } from './repository.js';
import { parseRoles, READS_ALL } from './roles.js';

export interface Staff extends StaffUser {
  roleList: readonly Role[];
  /** As an official: their own official record and those of officials who delegate to them now. */
  officialIds: readonly string[];
  /** The departments of those officials. */
  departmentIds: readonly string[];
}

export function hasRole(user: { roleList: readonly Role[] }, ...roles: Role[]): boolean {
  return roles.some((r) => user.roleList.includes(r));
}

export async function loadStaff(db: Database, user: StaffUser, now: string): Promise<Staff> {
  const roleList = parseRoles(user.roles);
  const officialIds: string[] = [];
  const departmentIds: string[] = [];
  if (roleList.includes('official')) {
    if (user.official_id) {
      const own = await officialDepartment(db, user.official_id);
      if (own) {
        officialIds.push(own.id);
        departmentIds.push(own.department_id);
      }
    }
    for (const d of await activeDelegationsTo(db, user.id, now)) {
      if (!officialIds.includes(d.official_id)) officialIds.push(d.official_id);
      if (!departmentIds.includes(d.department_id)) departmentIds.push(d.department_id);
    }
  }
  return { ...user, roleList, officialIds, departmentIds };
}

/** The part of an appeal the row rules look at. */
export interface AppealScopeRow {
  addressee_official_id: string | null;
  department_id: string | null;
}

/** The appeal is this official's (or their delegator's) to handle. */
export function handlesAppeal(user: Staff, row: AppealScopeRow): boolean {
  if (!hasRole(user, 'official')) return false;
  if (row.addressee_official_id) return user.officialIds.includes(row.addressee_official_id);
  return row.department_id !== null && user.departmentIds.includes(row.department_id);
}

export function mayReadAppeal(user: Staff, row: AppealScopeRow): boolean {
  return hasRole(user, ...READS_ALL) || handlesAppeal(user, row);
}

/** Answering is an official's act on their own appeals; a supervisor reads and escalates but does not answer. */
export function mayAnswerAppeal(user: Staff, row: AppealScopeRow): boolean {
  return handlesAppeal(user, row);
}

/** What an inbox query is limited to: everything, a set of officials and departments, or nothing. */
export type InboxScope =
  | { kind: 'all' }
  | { kind: 'some'; officialIds: readonly string[]; departmentIds: readonly string[] }
  | { kind: 'none' };

export function inboxScope(user: Staff): InboxScope {
  if (hasRole(user, ...READS_ALL)) return { kind: 'all' };
  if (hasRole(user, 'official') && user.officialIds.length + user.departmentIds.length > 0)
    return { kind: 'some', officialIds: user.officialIds, departmentIds: user.departmentIds };
  return { kind: 'none' };
}
