// SQL for work on an appeal: its routing log, deadline changes, moderation decisions and redactions, and the
// directory targets an appeal can be routed to.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type {
  AppealModerationTable,
  AppealRedactionTable,
  AppealRoutingTable,
  AppealTable,
  DB,
  DeadlineChangeTable,
} from '../../db/types.js';
import { departmentNameColumns, personColumns } from '../appeals/person-columns.js';

type Executor = Database | Transaction<DB>;

/** What the rules of this module read of an appeal; read again under the appeal's lock before a change. */
export function findHandlingFacts(db: Executor, id: string) {
  return db
    .selectFrom('appeals')
    .select([
      'id',
      'registration_number',
      'status',
      'phone_e164',
      'language',
      'addressee_official_id',
      'department_id',
      'registered_on',
      'deadline_on',
      'note',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type HandlingFacts = NonNullable<Awaited<ReturnType<typeof findHandlingFacts>>>;

export function findAppealIdByNumber(db: Executor, registrationNumber: string) {
  return db
    .selectFrom('appeals')
    .select(['id', 'registration_number'])
    .where('registration_number', '=', registrationNumber)
    .executeTakeFirst();
}

/**
 * Moves the appeal only if its status (and, when given, its deadline) is still what the caller read: two staff
 * members acting at once cannot both succeed.
 */
export async function changeAppeal(
  db: Executor,
  id: string,
  expected: { status: AppealTable['status']; deadlineOn?: string },
  values: Partial<
    Pick<
      AppealTable,
      | 'status'
      | 'addressee_official_id'
      | 'department_id'
      | 'deadline_on'
      | 'updated_at'
      | 'outside_redirected_at'
    >
  >,
): Promise<boolean> {
  let query = db
    .updateTable('appeals')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', expected.status);
  if (expected.deadlineOn !== undefined) query = query.where('deadline_on', '=', expected.deadlineOn);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Directory

export function findActiveDepartment(db: Executor, id: string) {
  return db
    .selectFrom('departments')
    .select(['id', 'name_kk', 'name_ru', 'name_en'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findActiveOfficialWithDepartment(db: Executor, id: string) {
  return db
    .selectFrom('officials as o')
    .innerJoin('departments as d', 'd.id', 'o.department_id')
    .select([
      'o.id',
      'o.department_id',
      'o.full_name_kk',
      'o.full_name_ru',
      'o.full_name_en',
      ...departmentNameColumns,
    ])
    .where('o.id', '=', id)
    .where('o.active', '=', 1)
    .executeTakeFirst();
}

export function listDepartments(db: Executor) {
  return db
    .selectFrom('departments')
    .select(['id', 'name_kk', 'name_ru', 'name_en'])
    .orderBy('sort_order')
    .orderBy('name_en')
    .execute();
}

export function listActiveOfficials(db: Executor) {
  return db
    .selectFrom('officials')
    .select([
      'id',
      'department_id',
      'full_name_kk',
      'full_name_ru',
      'full_name_en',
      'position_kk',
      'position_ru',
      'position_en',
    ])
    .where('active', '=', 1)
    .orderBy('sort_order')
    .orderBy('full_name_en')
    .execute();
}

// Routing log

export async function insertRouting(db: Executor, row: AppealRoutingTable): Promise<void> {
  await db.insertInto('appeal_routings').values(row).execute();
}

/** The appeal's routings, oldest first, with the target's names and the actor's display name. */
export function listRoutings(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_routings as r')
    .leftJoin('officials as o', 'o.id', 'r.to_official_id')
    .leftJoin('departments as d', 'd.id', 'r.to_department_id')
    .leftJoin('staff_users as u', 'u.id', 'r.actor_user_id')
    .select([
      'r.id',
      'r.kind',
      'r.outside_body',
      'r.reason',
      'r.due_on',
      'r.late',
      'r.history_id',
      'r.at',
      ...personColumns,
      'u.display_name as actor',
    ])
    .where('r.appeal_id', '=', appealId)
    .orderBy('r.at')
    .orderBy('r.id')
    .execute();
}
export type RoutingRow = Awaited<ReturnType<typeof listRoutings>>[number];

// Deadlines

export async function insertDeadlineChange(db: Executor, row: DeadlineChangeTable): Promise<void> {
  await db.insertInto('deadline_changes').values(row).execute();
}

export function listDeadlineChanges(db: Executor, appealId: string) {
  return db
    .selectFrom('deadline_changes as c')
    .leftJoin('staff_users as u', 'u.id', 'c.actor_user_id')
    .select(['c.id', 'c.old_deadline_on', 'c.new_deadline_on', 'c.reason', 'c.at', 'u.display_name as actor'])
    .where('c.appeal_id', '=', appealId)
    .orderBy('c.at')
    .orderBy('c.id')
    .execute();
}

// Moderation

export async function insertModeration(db: Executor, row: AppealModerationTable): Promise<void> {
  await db.insertInto('appeal_moderations').values(row).execute();
}

export function listModerations(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_moderations as m')
    .leftJoin('staff_users as u', 'u.id', 'm.actor_user_id')
    .leftJoin('appeals as orig', 'orig.id', 'm.duplicate_of_appeal_id')
    .select([
      'm.id',
      'm.kind',
      'm.reason',
      'm.channel',
      'm.at',
      'm.duplicate_of_appeal_id',
      'orig.registration_number as duplicate_of_number',
      'u.display_name as actor',
    ])
    .where('m.appeal_id', '=', appealId)
    .orderBy('m.at')
    .orderBy('m.id')
    .execute();
}

/** Appeals closed as duplicates of this one. */
export function listDuplicatesOf(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_moderations as m')
    .innerJoin('appeals as a', 'a.id', 'm.appeal_id')
    .select(['a.id', 'a.registration_number'])
    .where('m.duplicate_of_appeal_id', '=', appealId)
    .where('m.kind', '=', 'duplicate')
    .orderBy('a.registered_at')
    .orderBy('a.id')
    .execute();
}

export async function isClosedAsDuplicate(db: Executor, appealId: string): Promise<boolean> {
  const row = await db
    .selectFrom('appeal_moderations')
    .select('id')
    .where('appeal_id', '=', appealId)
    .where('kind', '=', 'duplicate')
    .executeTakeFirst();
  return Boolean(row);
}

// Redactions

export async function insertRedaction(db: Executor, row: AppealRedactionTable): Promise<void> {
  await db.insertInto('appeal_redactions').values(row).execute();
}

/** The newest redaction of the note, or of this answer's text. */
export function latestRedaction(db: Executor, appealId: string, field: 'note' | 'answer', answerId?: string) {
  let query = db
    .selectFrom('appeal_redactions as r')
    .leftJoin('staff_users as u', 'u.id', 'r.actor_user_id')
    .select(['r.id', 'r.ranges', 'r.public_text', 'r.reason', 'r.at', 'u.display_name as actor'])
    .where('r.appeal_id', '=', appealId)
    .where('r.field', '=', field);
  if (field === 'answer') query = query.where('r.answer_id', '=', answerId ?? '');
  return query.orderBy('r.at', 'desc').orderBy('r.id', 'desc').limit(1).executeTakeFirst();
}

export function latestAnswer(db: Executor, appealId: string) {
  return db
    .selectFrom('answers')
    .select(['id', 'body'])
    .where('appeal_id', '=', appealId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

// For the public page

/**
 * The appeal's redirect and extension decisions as the citizen is told them: each status-history row that moved it
 * to redirected or extended, with where a redirect went (when this module made it).
 */
export function listPublicNotices(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_status_history as h')
    .leftJoin('appeal_routings as r', 'r.history_id', 'h.id')
    .leftJoin('officials as o', 'o.id', 'r.to_official_id')
    .leftJoin('departments as d', 'd.id', 'r.to_department_id')
    .select([
      'h.to_status',
      'h.at',
      'h.reason',
      'r.outside_body',
      'o.full_name_kk',
      'o.full_name_ru',
      'o.full_name_en',
      ...departmentNameColumns,
    ])
    .where('h.appeal_id', '=', appealId)
    .where('h.to_status', 'in', ['redirected', 'extended'])
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
}

/** The newest public version of the appeal's latest answer, with the answer it belongs to. */
export function latestAnswerRedaction(db: Executor, appealId: string) {
  return db
    .selectFrom('appeal_redactions as r')
    .select(['r.answer_id', 'r.public_text'])
    .where('r.appeal_id', '=', appealId)
    .where('r.field', '=', 'answer')
    .where('r.answer_id', '=', (eb) =>
      eb
        .selectFrom('answers as ans')
        .select('ans.id')
        .where('ans.appeal_id', '=', appealId)
        .orderBy('ans.created_at', 'desc')
        .orderBy('ans.id', 'desc')
        .limit(1),
    )
    .orderBy('r.at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
