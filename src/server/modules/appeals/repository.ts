// SQL for appeals, their history and answers.
import { sql, type Transaction } from 'kysely';
import type { Database, Dialect } from '../../db/index.js';
import type { AppealReservation, AppealTable, DB, MediaFile, NewAppeal } from '../../db/types.js';
import { officialNameColumns } from '../directory/repository.js';

type Executor = Database | Transaction<DB>;

/** The next sequence number of a registration day; atomic on both dialects (upsert … returning). */
export async function nextSequence(db: Executor, day: string): Promise<number> {
  const row = await db
    .insertInto('registration_counters')
    .values({ day, last: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql<number>`registration_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

export async function insertAppeal(db: Executor, appeal: NewAppeal): Promise<void> {
  await db.insertInto('appeals').values(appeal).execute();
}

export async function insertHistory(
  db: Executor,
  row: {
    id: string;
    appeal_id: string;
    from_status: AppealTable['status'] | null;
    to_status: AppealTable['status'];
    actor_user_id: string | null;
    reason: string | null;
    at: string;
  },
): Promise<void> {
  await db.insertInto('appeal_status_history').values(row).execute();
}

/**
 * Links an upload to its appeal; its state as of the link (the upload may be finishing at this very moment), or
 * null if another appeal took it first.
 */
export async function claimMediaForAppeal(
  db: Executor,
  mediaId: string,
  appealId: string,
  now: string,
): Promise<MediaFile['state'] | null> {
  const row = await db
    .updateTable('media_files')
    .set({ appeal_id: appealId, updated_at: now })
    .where('id', '=', mediaId)
    .where('appeal_id', 'is', null)
    .returning('state')
    .executeTakeFirst();
  return row?.state ?? null;
}

/** Forgets a refused upload that no appeal took. */
export async function deleteUnclaimedMedia(db: Executor, mediaId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('media_files')
    .where('id', '=', mediaId)
    .where('appeal_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

const appealColumns = [
  'a.id',
  'a.registration_number',
  'a.access_code_hash',
  'a.phone_e164',
  'a.language',
  'a.type',
  'a.status',
  'a.source',
  'a.note',
  'a.registered_at',
  'a.deadline_on',
  'a.addressee_official_id',
  'a.department_id',
  'a.media_id',
  'a.videos_purged_at',
  'a.purged_at',
  ...officialNameColumns,
  'c.name_kk as category_kk',
  'c.name_ru as category_ru',
  'c.name_en as category_en',
  'm.state as media_state',
  'm.audio_only as media_audio_only',
] as const;

function appealQuery(db: Executor) {
  return db
    .selectFrom('appeals as a')
    .leftJoin('officials as o', 'o.id', 'a.addressee_official_id')
    .leftJoin('categories as c', 'c.id', 'a.category_id')
    .leftJoin('media_files as m', 'm.id', 'a.media_id')
    .select(appealColumns);
}

export type AppealRow = Awaited<ReturnType<typeof findAppealById>> & object;

export function findAppealById(db: Executor, id: string) {
  return appealQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export function findAppealByNumber(db: Executor, registrationNumber: string) {
  return appealQuery(db).where('a.registration_number', '=', registrationNumber).executeTakeFirst();
}

export function listHistory(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_status_history')
    .select(['to_status', 'at', 'reason'])
    .where('appeal_id', '=', appealId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function findLatestAnswer(db: Executor, appealId: string) {
  return db
    .selectFrom('answers as ans')
    .innerJoin('staff_users as u', 'u.id', 'ans.author_user_id')
    .leftJoin('officials as o', 'o.id', 'u.official_id')
    .select(['ans.body', 'ans.body_html', 'ans.outcome', 'ans.created_at', ...officialNameColumns])
    .where('ans.appeal_id', '=', appealId)
    .orderBy('ans.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Moves the status only if it is still what the caller read (no lost update between two staff members). */
export async function updateStatus(
  db: Executor,
  id: string,
  from: AppealTable['status'],
  to: AppealTable['status'],
  now: string,
  extra: Partial<Pick<AppealTable, 'answered_at'>> = {},
): Promise<boolean> {
  const result = await db
    .updateTable('appeals')
    .set({ status: to, updated_at: now, ...extra })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Serialises work on one appeal until the transaction ends (PostgreSQL); SQLite runs one write transaction at a
 * time anyway.
 */
export async function lockAppeal(trx: Transaction<DB>, dialect: Dialect, appealId: string): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${`appeal:${appealId}`}))`.execute(trx);
}

/** Whether a notification from this template was already queued for the appeal (the outbox is the record). */
export async function notificationQueued(db: Executor, appealId: string, template: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('appeal_id', '=', appealId)
    .where('template', '=', template)
    .executeTakeFirst();
  return Boolean(row);
}

export async function insertReservation(db: Executor, row: AppealReservation): Promise<void> {
  await db.insertInto('appeal_reservations').values(row).execute();
}

export function findReservation(db: Executor, id: string): Promise<AppealReservation | undefined> {
  return db.selectFrom('appeal_reservations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The reservation as it is now, held until the transaction ends so that two submissions under it (a double tap)
 * take turns; SQLite runs one write transaction at a time anyway.
 */
export function lockReservation(
  trx: Transaction<DB>,
  dialect: Dialect,
  id: string,
): Promise<AppealReservation | undefined> {
  const query = trx.selectFrom('appeal_reservations').selectAll().where('id', '=', id);
  return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

/** Spends the reservation on its appeal; false if an appeal already took it. */
export async function spendReservation(db: Executor, id: string, appealId: string): Promise<boolean> {
  const result = await db
    .updateTable('appeal_reservations')
    .set({ appeal_id: appealId })
    .where('id', '=', id)
    .where('appeal_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The booth an appeal was recorded in, for its receipt. */
export function findAppealKiosk(db: Executor, appealId: string) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('kiosks as k', 'k.id', 'a.kiosk_id')
    .select(['k.name', 'k.location'])
    .where('a.id', '=', appealId)
    .executeTakeFirst();
}

/** Appeals from the virtual reception registered for this phone since the given time (its daily limit). */
export async function countWebAppealsSince(db: Executor, phone: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('phone_e164', '=', phone)
    .where('source', '=', 'web')
    .where('registered_at', '>=', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
