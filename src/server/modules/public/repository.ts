// SQL for the public side: the appeal as the citizen sees it, its answer's files, rating and dispute, the
// per-number guard against guessing, and the server's generated secrets.
import { sql, type Transaction } from 'kysely';
import type { Database, Dialect } from '../../db/index.js';
import type { DB, LookupGuardTable } from '../../db/types.js';
import { personColumns } from '../appeals/person-columns.js';

type Executor = Database | Transaction<DB>;

export function findPublicAppeal(db: Executor, registrationNumber: string) {
  return db
    .selectFrom('appeals as a')
    .leftJoin('officials as o', 'o.id', 'a.addressee_official_id')
    .leftJoin('departments as d', 'd.id', 'o.department_id')
    .select([
      'a.id',
      'a.registration_number',
      'a.access_code_hash',
      'a.phone_e164',
      'a.language',
      'a.type',
      'a.status',
      'a.registered_at',
      'a.deadline_on',
      ...personColumns,
    ])
    .where('a.registration_number', '=', registrationNumber)
    .executeTakeFirst();
}
export type PublicAppealRow = NonNullable<Awaited<ReturnType<typeof findPublicAppeal>>>;

/** The latest answer with its author's public name, position and department (never the staff account's). */
export function findLatestPublicAnswer(db: Executor, appealId: string) {
  return db
    .selectFrom('answers as ans')
    .innerJoin('staff_users as u', 'u.id', 'ans.author_user_id')
    .leftJoin('officials as o', 'o.id', 'u.official_id')
    .leftJoin('departments as d', 'd.id', 'o.department_id')
    .leftJoin('media_files as m', 'm.id', 'ans.media_id')
    .select([
      'ans.id',
      'ans.body',
      'ans.body_html',
      'ans.outcome',
      'ans.created_at',
      'm.state as media_state',
      'm.playback_key',
      'm.poster_key',
      'm.duration_ms',
      ...personColumns,
    ])
    .where('ans.appeal_id', '=', appealId)
    .orderBy('ans.created_at', 'desc')
    .orderBy('ans.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listAnswerDocuments(db: Executor, answerId: string) {
  return db
    .selectFrom('answer_documents')
    .select(['id', 'file_name', 'mime_type', 'size_bytes', 'storage_key'])
    .where('answer_id', '=', answerId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

/** A document of any answer to the appeal. */
export function findAppealDocument(db: Executor, appealId: string, documentId: string) {
  return db
    .selectFrom('answer_documents as doc')
    .innerJoin('answers as ans', 'ans.id', 'doc.answer_id')
    .select(['doc.id', 'doc.file_name', 'doc.mime_type', 'doc.size_bytes', 'doc.storage_key'])
    .where('ans.appeal_id', '=', appealId)
    .where('doc.id', '=', documentId)
    .executeTakeFirst();
}

export function findRating(db: Executor, appealId: string) {
  return db.selectFrom('appeal_ratings').selectAll().where('appeal_id', '=', appealId).executeTakeFirst();
}

/** Stores the rating; false if the appeal was rated already. */
export async function insertRating(db: Executor, row: DB['appeal_ratings']): Promise<boolean> {
  const result = await db
    .insertInto('appeal_ratings')
    .values(row)
    .onConflict((oc) => oc.column('appeal_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function findLatestDispute(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_disputes')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertDispute(db: Executor, row: DB['appeal_disputes']): Promise<boolean> {
  const result = await db
    .insertInto('appeal_disputes')
    .values(row)
    .onConflict((oc) => oc.column('answer_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

// Guessing protection

/** Serialises the guard updates of one number until the transaction ends (SQLite: one writer at a time anyway). */
export async function lockGuard(trx: Transaction<DB>, dialect: Dialect, registrationNumber: string) {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${`lookup:${registrationNumber}`}))`.execute(trx);
}

export async function guardOf(
  trx: Executor,
  registrationNumber: string,
  now: string,
): Promise<LookupGuardTable> {
  await trx
    .insertInto('lookup_guards')
    .values({
      registration_number: registrationNumber,
      window_started_at: now,
      attempts: 0,
      failures: 0,
      locked_until: null,
      sms_verification_id: null,
      sms_sent_at: null,
      sms_window_started_at: null,
      sms_sends: 0,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('registration_number').doNothing())
    .execute();
  const row = await trx
    .selectFrom('lookup_guards')
    .selectAll()
    .where('registration_number', '=', registrationNumber)
    .executeTakeFirstOrThrow();
  return {
    ...row,
    attempts: Number(row.attempts),
    failures: Number(row.failures),
    sms_sends: Number(row.sms_sends),
  };
}

export async function updateGuard(
  trx: Executor,
  registrationNumber: string,
  values: Partial<Omit<LookupGuardTable, 'registration_number'>>,
): Promise<void> {
  await trx
    .updateTable('lookup_guards')
    .set(values)
    .where('registration_number', '=', registrationNumber)
    .execute();
}

// Secrets

/** The named secret, made from `generate` by whichever process asks first; every process then reads the same. */
export async function serverSecret(db: Database, name: string, generate: () => string, now: string) {
  await db
    .insertInto('server_secrets')
    .values({ name, value: generate(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
