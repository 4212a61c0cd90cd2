// SQL of retention and privacy: which appeals are due for deletion, what an appeal holds of its citizen, and the
// deletion itself (the statistical skeleton — dates, status, addressee, category, outcome, rating — stays).
import { sql, type Transaction } from 'kysely';
import type { Database, Dialect } from '../../db/index.js';
import { lockAppeal } from '../appeals/repository.js';
import type { DB } from '../../db/types.js';
import { APPEAL_STATUSES, isOpenStatus } from '../../../common/statuses.js';

type Executor = Database | Transaction<DB>;

export const CLOSED_STATUSES = APPEAL_STATUSES.filter((s) => !isOpenStatus(s));

/** When the appeal last changed status: for a closed appeal, the day it was closed. */
const closedAt = sql<string>`(select max(h.at) from appeal_status_history h where h.appeal_id = a.id)`;

/** Closed appeals without a hold whose last status change is before `cutoff` and that still have `stage` to delete. */
export async function appealsDue(
  db: Executor,
  stage: 'videos' | 'personal-data',
  cutoff: string,
  limit: number,
  after = '',
): Promise<string[]> {
  const rows = await db
    .selectFrom('appeals as a')
    .select('a.id')
    .where('a.status', 'in', CLOSED_STATUSES)
    .where('a.hold_at', 'is', null)
    .where(stage === 'videos' ? 'a.videos_purged_at' : 'a.purged_at', 'is', null)
    .where(closedAt, '<', cutoff)
    .where('a.id', '>', after)
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Appeals marked as purged whose stored files are not all gone yet (a run stopped midway). */
export async function appealsWithFilesLeft(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('appeals as a')
    .select('a.id')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('a.videos_purged_at', 'is not', null),
          eb.exists(eb.selectFrom('media_files as m').select('m.id').whereRef('m.appeal_id', '=', 'a.id')),
        ]),
        eb.and([
          eb('a.purged_at', 'is not', null),
          eb.or([
            eb.exists(eb.selectFrom('appeal_files as f').select('f.id').whereRef('f.appeal_id', '=', 'a.id')),
            eb.exists(
              eb
                .selectFrom('answer_documents as d')
                .innerJoin('answers as n', 'n.id', 'd.answer_id')
                .select('d.id')
                .whereRef('n.appeal_id', '=', 'a.id'),
            ),
          ]),
        ]),
      ]),
    )
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The appeal's retention state, read under the appeal's lock inside the deleting transaction. */
export async function lockRetentionState(trx: Transaction<DB>, id: string, dialect: Dialect) {
  // The same lock the office's acts take (PostgreSQL). SQLite has one writer: writing first takes it, as the audit
  // chain does, so a second process cannot change the row between this read and the deletion.
  if (dialect === 'postgres') await lockAppeal(trx, dialect, id);
  else await trx.updateTable('appeals').set({ id }).where('id', '=', id).execute();
  return trx
    .selectFrom('appeals')
    .select(['id', 'status', 'hold_at', 'videos_purged_at', 'purged_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markVideosPurged(trx: Transaction<DB>, id: string, now: string): Promise<void> {
  await trx
    .updateTable('appeals')
    .set({ videos_purged_at: now })
    .where('id', '=', id)
    .where('videos_purged_at', 'is', null)
    .execute();
}

/**
 * Removes the citizen's personal data from the appeal and everything hanging off it, in one transaction: phone, IIN
 * and note; the answer's text (it addresses the person); the draft, staff comments, the rating's and the dispute's
 * words, the redactions' public copies, and the address and text of its messages. Stored files go afterwards
 * (`mediaOf`, `filesOf`), each row only once its blobs are gone.
 */
export async function erasePersonalData(trx: Transaction<DB>, id: string, now: string): Promise<void> {
  await trx
    .updateTable('appeals')
    .set({ phone_e164: '', iin: null, note: null, purged_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
  await trx
    .updateTable('appeal_reservations')
    .set({ phone_e164: null })
    .where('appeal_id', '=', id)
    .execute();
  await trx.updateTable('answers').set({ body: '', body_html: '' }).where('appeal_id', '=', id).execute();
  await trx.deleteFrom('answer_drafts').where('appeal_id', '=', id).execute();
  await trx.deleteFrom('appeal_comments').where('appeal_id', '=', id).execute();
  await trx.updateTable('appeal_ratings').set({ comment: null }).where('appeal_id', '=', id).execute();
  await trx.updateTable('appeal_disputes').set({ reason: '' }).where('appeal_id', '=', id).execute();
  await trx.updateTable('appeal_redactions').set({ public_text: '' }).where('appeal_id', '=', id).execute();
  await trx
    .updateTable('notifications')
    .set({ recipient: '', body: '' })
    .where('appeal_id', '=', id)
    .execute();
}

/** The appeal's recordings: the citizen's and the answers' videos. */
export function mediaOf(db: Executor, appealId: string) {
  return db
    .selectFrom('media_files')
    .select(['id', 'kind', 'original_key', 'playback_key', 'poster_key', 'mime_type'])
    .where('appeal_id', '=', appealId)
    .execute();
}

/** Drops every reference to a recording, then its row (its blobs are already gone). */
export async function deleteMedia(trx: Transaction<DB>, mediaId: string): Promise<void> {
  await trx.updateTable('appeals').set({ media_id: null }).where('media_id', '=', mediaId).execute();
  await trx.updateTable('answers').set({ media_id: null }).where('media_id', '=', mediaId).execute();
  await trx.updateTable('answer_drafts').set({ media_id: null }).where('media_id', '=', mediaId).execute();
  await trx.deleteFrom('media_files').where('id', '=', mediaId).execute();
}

/** Staff attachments and the answers' documents of an appeal. */
export async function filesOf(db: Executor, appealId: string) {
  const attachments = await db
    .selectFrom('appeal_files')
    .select(['id', 'storage_key', 'file_name', 'mime_type'])
    .where('appeal_id', '=', appealId)
    .execute();
  const documents = await db
    .selectFrom('answer_documents as d')
    .innerJoin('answers as n', 'n.id', 'd.answer_id')
    .select(['d.id', 'd.storage_key', 'd.file_name', 'd.mime_type', 'd.answer_id'])
    .where('n.appeal_id', '=', appealId)
    .orderBy('d.sort_order')
    .execute();
  return { attachments, documents };
}

export async function deleteFileRow(db: Executor, table: 'appeal_files' | 'answer_documents', id: string) {
  await db.deleteFrom(table).where('id', '=', id).execute();
}

/** SMS-code checks of numbers, kept for rate limits: those older than the cutoff, or all of one number. */
export async function deletePhoneVerifications(
  db: Executor,
  where: { before: string } | { phone: string },
): Promise<number> {
  const result = await db
    .deleteFrom('phone_verifications')
    .$if('before' in where, (q) => q.where('created_at', '<', 'before' in where ? where.before : ''))
    .$if('phone' in where, (q) => q.where('phone_e164', '=', 'phone' in where ? where.phone : ''))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// A citizen's appeals (lawful requests)

export function appealsOfPhone(db: Executor, phone: string) {
  return db
    .selectFrom('appeals as a')
    .leftJoin('categories as c', 'c.id', 'a.category_id')
    .leftJoin('officials as o', 'o.id', 'a.addressee_official_id')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .select([
      'a.id',
      'a.registration_number',
      'a.registered_at',
      'a.deadline_on',
      'a.status',
      'a.type',
      'a.language',
      'a.source',
      'a.phone_e164',
      'a.iin',
      'a.note',
      'a.media_id',
      'a.hold_reason',
      'a.hold_at',
      'a.videos_purged_at',
      'a.purged_at',
      'c.name_en as category_en',
      'o.full_name_en as addressee_en',
      'd.name_en as department_en',
    ])
    .where('a.phone_e164', '=', phone)
    .orderBy('a.registered_at')
    .execute();
}

export type CitizenAppealRow = Awaited<ReturnType<typeof appealsOfPhone>>[number];

export function historyOf(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_status_history')
    .select(['to_status', 'at'])
    .where('appeal_id', '=', appealId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function answersOf(db: Executor, appealId: string) {
  return db
    .selectFrom('answers')
    .select(['id', 'outcome', 'body', 'created_at'])
    .where('appeal_id', '=', appealId)
    .orderBy('created_at')
    .execute();
}

export function ratingOf(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_ratings')
    .select(['satisfied', 'score', 'comment', 'created_at'])
    .where('appeal_id', '=', appealId)
    .executeTakeFirst();
}

export function disputesOf(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_disputes')
    .select(['reason', 'created_at'])
    .where('appeal_id', '=', appealId)
    .orderBy('created_at')
    .execute();
}

export function findAppealForHold(db: Executor, id: string) {
  return db
    .selectFrom('appeals')
    .select(['id', 'registration_number', 'hold_at', 'purged_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setHold(
  db: Executor,
  id: string,
  hold: { reason: string; at: string; userId: string } | null,
): Promise<void> {
  await db
    .updateTable('appeals')
    .set({
      hold_reason: hold?.reason ?? null,
      hold_at: hold?.at ?? null,
      hold_by_user_id: hold?.userId ?? null,
    })
    .where('id', '=', id)
    .execute();
}
