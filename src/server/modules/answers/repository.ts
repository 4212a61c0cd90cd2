// SQL for the work on one appeal: answers (all of them, with documents and video), the answer draft, staff's files
// and comments, and the answer video's media row.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { AppealFileTable, DB } from '../../db/types.js';
import { officialNameColumns } from '../directory/repository.js';

type Executor = Database | Transaction<DB>;

// Answers

/** Every answer to the appeal, oldest first, with the author's official name, staff name and video. */
export function listAnswers(db: Executor, appealId: string) {
  return db
    .selectFrom('answers as ans')
    .innerJoin('staff_users as u', 'u.id', 'ans.author_user_id')
    .leftJoin('officials as o', 'o.id', 'u.official_id')
    .leftJoin('media_files as m', 'm.id', 'ans.media_id')
    .select([
      'ans.id',
      'ans.body',
      'ans.body_html',
      'ans.outcome',
      'ans.created_at',
      'ans.media_id',
      'u.id as author_user_id',
      'u.display_name as author_display_name',
      'm.state as media_state',
      'm.duration_ms as media_duration_ms',
      'm.playback_key as media_playback_key',
      'm.poster_key as media_poster_key',
      'm.failure_reason as media_failure_reason',
      ...officialNameColumns,
    ])
    .where('ans.appeal_id', '=', appealId)
    .orderBy('ans.created_at')
    .orderBy('ans.id')
    .execute();
}
export type AnswerRow = Awaited<ReturnType<typeof listAnswers>>[number];

export function listAnswerDocumentsOf(db: Executor, answerIds: readonly string[]) {
  if (answerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('answer_documents')
    .select(['id', 'answer_id', 'file_name', 'mime_type', 'size_bytes', 'created_at'])
    .where('answer_id', 'in', answerIds)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

export function listDisputes(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_disputes')
    .select(['answer_id', 'reason', 'created_at'])
    .where('appeal_id', '=', appealId)
    .execute();
}

export async function insertAnswer(
  db: Executor,
  row: {
    id: string;
    appeal_id: string;
    author_user_id: string;
    body: string;
    body_html: string;
    outcome: DB['answers']['outcome'];
    media_id: string | null;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto('answers').values(row).execute();
}

export async function insertAnswerDocument(db: Executor, row: DB['answer_documents']): Promise<void> {
  await db.insertInto('answer_documents').values(row).execute();
}

/** A document of one of the appeal's answers: the same query the public side uses. */
export { findAppealDocument as findAnswerDocument } from '../public/repository.js';

// The draft

export function findDraft(db: Executor, appealId: string) {
  return db
    .selectFrom('answer_drafts as d')
    .leftJoin('staff_users as u', 'u.id', 'd.updated_by_user_id')
    .select([
      'd.appeal_id',
      'd.body_html',
      'd.media_id',
      'd.updated_at',
      'd.updated_by_user_id',
      'u.display_name as updated_by_name',
    ])
    .where('d.appeal_id', '=', appealId)
    .executeTakeFirst();
}

export async function saveDraft(
  db: Executor,
  appealId: string,
  changes: { body_html?: string; media_id?: string | null },
  userId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('answer_drafts')
    .values({
      appeal_id: appealId,
      body_html: changes.body_html ?? '',
      media_id: changes.media_id ?? null,
      updated_by_user_id: userId,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('appeal_id').doUpdateSet({ ...changes, updated_by_user_id: userId, updated_at: now }),
    )
    .execute();
}

export async function deleteDraft(db: Executor, appealId: string): Promise<void> {
  await db.deleteFrom('answer_drafts').where('appeal_id', '=', appealId).execute();
}

// Staff's files on the appeal

export function listFiles(db: Executor, appealId: string, purpose: AppealFileTable['purpose']) {
  return db
    .selectFrom('appeal_files as f')
    .innerJoin('staff_users as u', 'u.id', 'f.uploaded_by_user_id')
    .select([
      'f.id',
      'f.file_name',
      'f.mime_type',
      'f.size_bytes',
      'f.storage_key',
      'f.created_at',
      'u.id as user_id',
      'u.display_name',
    ])
    .where('f.appeal_id', '=', appealId)
    .where('f.purpose', '=', purpose)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}

export async function countFiles(
  db: Executor,
  appealId: string,
  purpose: AppealFileTable['purpose'],
): Promise<number> {
  const row = await db
    .selectFrom('appeal_files')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('appeal_id', '=', appealId)
    .where('purpose', '=', purpose)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertFile(db: Executor, row: AppealFileTable): Promise<void> {
  await db.insertInto('appeal_files').values(row).execute();
}

export function findFile(db: Executor, appealId: string, fileId: string) {
  return db
    .selectFrom('appeal_files')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export async function deleteFile(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('appeal_files').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteDraftFiles(db: Executor, appealId: string): Promise<void> {
  await db
    .deleteFrom('appeal_files')
    .where('appeal_id', '=', appealId)
    .where('purpose', '=', 'answer_draft')
    .execute();
}

// The answer's video

/**
 * Takes a finished upload for the appeal's answer: it becomes an answer video of that appeal (kept from the abandoned
 * sweep, processed like a recording). Its state as of the take, or null if another appeal or answer took it first.
 */
export async function claimAnswerMedia(
  db: Executor,
  mediaId: string,
  appealId: string,
  now: string,
): Promise<DB['media_files']['state'] | null> {
  const row = await db
    .updateTable('media_files')
    .set({ kind: 'answer_video', appeal_id: appealId, updated_at: now })
    .where('id', '=', mediaId)
    .where('kind', '=', 'appeal_video')
    .where('appeal_id', 'is', null)
    .where('state', '!=', 'uploading')
    .returning('state')
    .executeTakeFirst();
  return row?.state ?? null;
}

/** An answer video of the appeal (a draft's or a sent answer's). */
export function findAnswerMedia(db: Executor, appealId: string, mediaId: string) {
  return db
    .selectFrom('media_files')
    .selectAll()
    .where('id', '=', mediaId)
    .where('kind', '=', 'answer_video')
    .where('appeal_id', '=', appealId)
    .executeTakeFirst();
}

/** Whether a sent answer uses this video (then it is never thrown away with a draft). */
export async function mediaInAnswer(db: Executor, mediaId: string): Promise<boolean> {
  const row = await db.selectFrom('answers').select('id').where('media_id', '=', mediaId).executeTakeFirst();
  return Boolean(row);
}

export async function deleteMediaRow(db: Executor, mediaId: string): Promise<void> {
  await db.deleteFrom('media_files').where('id', '=', mediaId).execute();
}

// Comments

export function listComments(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_comments as c')
    .innerJoin('staff_users as u', 'u.id', 'c.author_user_id')
    .select(['c.id', 'c.body', 'c.created_at', 'u.id as user_id', 'u.display_name'])
    .where('c.appeal_id', '=', appealId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

export async function insertComment(db: Executor, row: DB['appeal_comments']): Promise<void> {
  await db.insertInto('appeal_comments').values(row).execute();
}
