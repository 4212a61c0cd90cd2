// SQL for staff users, their sessions, recovery codes and delegations.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB, StaffUser } from '../../db/types.js';

type Executor = Database | Transaction<DB>;

export function findUserByUsername(db: Executor, username: string): Promise<StaffUser | undefined> {
  return db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: string): Promise<StaffUser | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Executor): Promise<StaffUser[]> {
  return db.selectFrom('staff_users').selectAll().orderBy('username').execute();
}

export async function updateUser(
  db: Executor,
  id: string,
  set: Partial<Omit<StaffUser, 'id' | 'username' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('staff_users').set(set).where('id', '=', id).execute();
}

/** One more failed attempt; returns the count after it. */
export async function countFailure(db: Executor, id: string): Promise<number> {
  const row = await db
    .updateTable('staff_users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirst();
  return Number(row?.failed_logins ?? 0);
}

export async function insertSession(
  db: Executor,
  row: { id: string; user_id: string; created_at: string; expires_at: string; last_seen_at: string },
) {
  await db.insertInto('sessions').values(row).execute();
}

export function findSessionUser(db: Executor, sessionId: string, now: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.last_seen_at as session_last_seen_at', 's.created_at as session_created_at'])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', 1)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, sessionId: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user but `keep` (the one making the request, when it stays). */
export async function deleteUserSessions(db: Executor, userId: string, keep?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) query = query.where('id', '!=', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Executor, now: string, idleBefore: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
    .execute();
}

export async function replaceRecoveryCodes(
  db: Executor,
  userId: string,
  rows: { id: string; code_hash: string; created_at: string }[],
): Promise<void> {
  await db.deleteFrom('staff_recovery_codes').where('user_id', '=', userId).execute();
  if (rows.length > 0)
    await db
      .insertInto('staff_recovery_codes')
      .values(rows.map((r) => ({ ...r, user_id: userId, used_at: null })))
      .execute();
}

/** Spends an unused recovery code; false when there is none with that hash. */
export async function spendRecoveryCode(
  db: Executor,
  userId: string,
  codeHash: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('staff_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function officialDepartment(db: Executor, officialId: string) {
  return db
    .selectFrom('officials')
    .select(['id', 'department_id'])
    .where('id', '=', officialId)
    .executeTakeFirst();
}

/** Officials (with their departments) who have delegated to this deputy for a period that includes `now`. */
export function activeDelegationsTo(db: Executor, deputyUserId: string, now: string) {
  return db
    .selectFrom('delegations as d')
    .innerJoin('officials as o', 'o.id', 'd.official_id')
    .select(['d.official_id', 'o.department_id'])
    .where('d.deputy_user_id', '=', deputyUserId)
    .where('d.starts_at', '<=', now)
    .where('d.ends_at', '>', now)
    .where('d.ended_at', 'is', null)
    .execute();
}

export function listDelegationsOf(db: Executor, userId: string, officialId: string | null) {
  return db
    .selectFrom('delegations as d')
    .innerJoin('staff_users as u', 'u.id', 'd.deputy_user_id')
    .selectAll('d')
    .select(['u.display_name as deputy_name'])
    .where((eb) =>
      officialId
        ? eb.or([eb('d.deputy_user_id', '=', userId), eb('d.official_id', '=', officialId)])
        : eb('d.deputy_user_id', '=', userId),
    )
    .orderBy('d.starts_at', 'desc')
    .execute();
}

export function findDelegation(db: Executor, id: string) {
  return db.selectFrom('delegations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDelegation(db: Executor, row: DB['delegations']): Promise<void> {
  await db.insertInto('delegations').values(row).execute();
}

export async function endDelegation(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('delegations').set({ ended_at: now }).where('id', '=', id).execute();
}
