// SQL for staff users and their sessions.
import type { Database } from '../../db/index.js';
import type { StaffUser } from '../../db/types.js';

export function findUserByUsername(db: Database, username: string): Promise<StaffUser | undefined> {
  return db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertSession(
  db: Database,
  row: { id: string; user_id: string; created_at: string; expires_at: string },
) {
  await db.insertInto('sessions').values(row).execute();
}

export function findSessionUser(db: Database, sessionId: string, now: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', 1)
    .executeTakeFirst();
}

export async function deleteSession(db: Database, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteExpiredSessions(db: Database, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
