// SQL of deadlines: open appeals by deadline (overdue, due soon), the escalation mark, the staff who receive
// reminders, and a staff member's notification preferences.
import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import type { Language } from '../../../common/statuses.js';
import { APPEAL_STATUSES, isOpenStatus } from '../../../common/statuses.js';
import { parseRoles } from '../auth/roles.js';

type Executor = Database | Transaction<DB>;

/** Statuses that end the body's work: the deadline no longer runs (common/statuses.ts). */
const CLOSED = APPEAL_STATUSES.filter((s) => !isOpenStatus(s));

/** Appeals addressed to these officials, or to these departments without a named official (auth/access.ts). */
export interface OfficialScope {
  officialIds: readonly string[];
  departmentIds: readonly string[];
}

type AppealsEb = ExpressionBuilder<DB & { a: DB['appeals'] }, 'a'>;

function scopeCondition(eb: AppealsEb, scope: OfficialScope) {
  const parts = [];
  if (scope.officialIds.length > 0) parts.push(eb('a.addressee_official_id', 'in', scope.officialIds));
  if (scope.departmentIds.length > 0)
    parts.push(
      eb.and([eb('a.addressee_official_id', 'is', null), eb('a.department_id', 'in', scope.departmentIds)]),
    );
  return parts.length > 0 ? eb.or(parts) : sql<boolean>`1 = 0`;
}

export interface DueWhere {
  /** null: every appeal (operators, supervisors). */
  scope: OfficialScope | null;
  department?: string | undefined;
  /** Deadline on or after this day … */
  from?: string;
  /** … and on or before this one. */
  to: string;
}

/**
 * Open appeals still waiting for the body's answer: an open status and no answer yet (a disputed answer went back to
 * the supervisor after the body answered, so it is not late by this deadline).
 */
function openAppeals(db: Executor, where: DueWhere) {
  return db
    .selectFrom('appeals as a')
    .where('a.status', 'not in', CLOSED)
    .where('a.outside_redirected_at', 'is', null)
    .where('a.answered_at', 'is', null)
    .where('a.deadline_on', '<=', where.to)
    .$if(where.from !== undefined, (q) => q.where('a.deadline_on', '>=', where.from ?? ''))
    .$if(where.department !== undefined, (q) => q.where('a.department_id', '=', where.department ?? ''))
    .$if(where.scope !== null, (q) =>
      q.where((eb) =>
        scopeCondition(eb as unknown as AppealsEb, where.scope ?? { officialIds: [], departmentIds: [] }),
      ),
    );
}

export async function listDue(db: Executor, where: DueWhere, limit: number) {
  return openAppeals(db, where)
    .leftJoin('officials as o', 'o.id', 'a.addressee_official_id')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .select([
      'a.id',
      'a.registration_number',
      'a.status',
      'a.registered_on',
      'a.deadline_on',
      'a.escalated_at',
      'o.full_name_kk',
      'o.full_name_ru',
      'o.full_name_en',
      'o.position_kk',
      'o.position_ru',
      'o.position_en',
      'd.id as department_id',
      'd.name_kk as department_kk',
      'd.name_ru as department_ru',
      'd.name_en as department_en',
    ])
    .orderBy('a.deadline_on')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}
export type DueRow = Awaited<ReturnType<typeof listDue>>[number];

export async function countDue(db: Executor, where: DueWhere): Promise<number> {
  const row = await openAppeals(db, where)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open appeals past their deadline (due before `today`) that nobody escalated yet, oldest deadline first. */
export async function listToEscalate(db: Executor, today: string, limit: number) {
  return db
    .selectFrom('appeals as a')
    .select(['a.id', 'a.registration_number', 'a.deadline_on', 'a.phone_e164', 'a.language', 'a.status'])
    .where('a.status', 'not in', CLOSED)
    .where('a.outside_redirected_at', 'is', null)
    .where('a.answered_at', 'is', null)
    .where('a.deadline_on', '<', today)
    .where('a.escalated_at', 'is', null)
    .orderBy('a.deadline_on')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** Sets the mark if nobody did: true for the one caller (of any process) that set it. */
export async function markEscalated(trx: Transaction<DB>, appealId: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('appeals')
    .set({ escalated_at: now })
    .where('id', '=', appealId)
    .where('escalated_at', 'is', null)
    .where('status', 'not in', CLOSED)
    .where('outside_redirected_at', 'is', null)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface Recipient {
  id: string;
  email: string | null;
  phone_e164: string | null;
  notify_sms: number;
  language: Language;
  official_id: string | null;
  roles: string;
}

const RECIPIENT_COLUMNS = [
  'u.id',
  'u.email',
  'u.phone_e164',
  'u.notify_sms',
  'u.language',
  'u.official_id',
  'u.roles',
] as const;

/** Active staff holding a role (roles are a comma-separated set, checked exactly after the query). */
export async function activeStaffWithRole(db: Executor, role: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('staff_users as u')
    .select(RECIPIENT_COLUMNS)
    .where('u.active', '=', 1)
    .where('u.roles', 'like', `%${role}%`)
    .orderBy('u.id')
    .execute();
  return rows.filter((r) => parseRoles(r.roles).includes(role as never));
}

/**
 * The officials an appeal is for: the user linked to the addressee, or (no named addressee) to any official of its
 * department; and the deputies of those officials under a delegation in force at `now`.
 */
export async function appealRecipients(
  db: Executor,
  appeal: { addressee_official_id: string | null; department_id: string | null },
  now: string,
): Promise<Recipient[]> {
  let officialIds: string[];
  if (appeal.addressee_official_id) officialIds = [appeal.addressee_official_id];
  else if (appeal.department_id)
    officialIds = (
      await db
        .selectFrom('officials')
        .select('id')
        .where('department_id', '=', appeal.department_id)
        .where('active', '=', 1)
        .execute()
    ).map((r) => r.id);
  else return [];
  if (officialIds.length === 0) return [];
  const own = await db
    .selectFrom('staff_users as u')
    .select(RECIPIENT_COLUMNS)
    .where('u.active', '=', 1)
    .where('u.official_id', 'in', officialIds)
    .execute();
  const deputies = await db
    .selectFrom('delegations as g')
    .innerJoin('staff_users as u', 'u.id', 'g.deputy_user_id')
    .select(RECIPIENT_COLUMNS)
    .where('u.active', '=', 1)
    .where('g.official_id', 'in', officialIds)
    .where('g.starts_at', '<=', now)
    .where('g.ends_at', '>', now)
    .where('g.ended_at', 'is', null)
    .execute();
  const byId = new Map<string, Recipient>();
  for (const r of [...own, ...deputies]) if (parseRoles(r.roles).includes('official')) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export async function findPrefs(db: Executor, userId: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'phone_e164', 'notify_sms', 'language'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function updatePrefs(
  trx: Transaction<DB>,
  userId: string,
  prefs: { email: string | null; phone_e164: string | null; notify_sms: number; language: Language },
): Promise<void> {
  await trx.updateTable('staff_users').set(prefs).where('id', '=', userId).execute();
}

/** The appeal as the new-appeal notice needs it. */
export async function findAppealForNotice(db: Executor, appealId: string) {
  return db
    .selectFrom('appeals')
    .select(['id', 'registration_number', 'deadline_on', 'addressee_official_id', 'department_id'])
    .where('id', '=', appealId)
    .executeTakeFirst();
}
