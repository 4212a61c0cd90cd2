// SQL for phone confirmations: the code's row, its tries and resends, and the token it turns into.
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Database, Dialect } from '../../db/index.js';
import type { DB, PhoneVerification, PhoneVerificationTable } from '../../db/types.js';

type Executor = Database | Transaction<DB>;

export async function insertVerification(
  db: Executor,
  row: Insertable<PhoneVerificationTable>,
): Promise<void> {
  await db.insertInto('phone_verifications').values(row).execute();
}

export function findVerification(db: Executor, id: string): Promise<PhoneVerification | undefined> {
  return db.selectFrom('phone_verifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVerificationByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<PhoneVerification | undefined> {
  return db
    .selectFrom('phone_verifications')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Serialises the code requests of one phone number until the transaction ends, so two at once cannot both slip
 * under the hourly cap. SQLite runs one write transaction at a time anyway.
 */
export async function lockPhone(trx: Transaction<DB>, dialect: Dialect, phone: string): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${`phone:${phone}`}))`.execute(trx);
}

/** When each code SMS to the number since `since` was queued, oldest first (the outbox is the record of sends). */
export async function codeSendsSince(db: Executor, phone: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('created_at')
    .where('recipient', '=', phone)
    .where('template', '=', 'code')
    .where('created_at', '>', since)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.created_at);
}

/** Codes sent in the confirmations this address started since `since` (resends included), and the oldest start. */
export async function codeSendsFromIpSince(
  db: Executor,
  ip: string,
  since: string,
): Promise<{ sends: number; oldest: string | null }> {
  const row = await db
    .selectFrom('phone_verifications')
    .select((eb) => [eb.fn.sum<number | string>('sends').as('sends'), eb.fn.min('created_at').as('oldest')])
    .where('ip', '=', ip)
    .where('created_at', '>', since)
    .executeTakeFirst();
  return { sends: Number(row?.sends ?? 0), oldest: row?.oldest ?? null };
}

/** A fresh code for the row, if nobody else resent it since `lastSentAt` and it is still unconfirmed. */
export async function replaceCode(
  db: Executor,
  id: string,
  lastSentAt: string,
  next: { codeHash: string; now: string; expiresAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('phone_verifications')
    .set((eb) => ({
      code_hash: next.codeHash,
      last_sent_at: next.now,
      expires_at: next.expiresAt,
      attempts: 0,
      sends: eb('sends', '+', 1),
    }))
    .where('id', '=', id)
    .where('last_sent_at', '=', lastSentAt)
    .where('verified_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts one wrong try; the new count, or null if the row was already out of tries. */
export async function countWrongTry(db: Executor, id: string, maxTries: number): Promise<number | null> {
  const row = await db
    .updateTable('phone_verifications')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', maxTries)
    .where('verified_at', 'is', null)
    .returning('attempts')
    .executeTakeFirst();
  return row ? Number(row.attempts) : null;
}

/** Marks the code confirmed and stores the token's hash; false if it was confirmed or locked meanwhile. */
export async function markVerified(
  db: Executor,
  id: string,
  maxTries: number,
  values: { now: string; tokenHash: string; tokenExpiresAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('phone_verifications')
    .set({ verified_at: values.now, token_hash: values.tokenHash, token_expires_at: values.tokenExpiresAt })
    .where('id', '=', id)
    .where('verified_at', 'is', null)
    .where('attempts', '<', maxTries)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Spends the token; false if it was spent already or has expired. */
export async function consumeToken(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('phone_verifications')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('token_expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
