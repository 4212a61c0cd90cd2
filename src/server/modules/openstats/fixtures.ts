// A factory for the statistics' tests: an appeal of a department (by code) registered, due and first answered on
// given days, optionally rated, built on the public side's makeAppeal. Not used by the server.
import type { AppealStatus } from '../../../common/statuses.js';
import type { Database } from '../../db/index.js';
import type { BlobStore } from '../../storage/index.js';
import { makeAppeal, type MadeAppeal } from '../public/fixtures.js';

export interface StatsAppealRecipe {
  /** A department's code; null: not assigned to any. */
  department: string | null;
  registeredOn: string;
  deadlineOn: string;
  answeredOn?: string;
  workingDays?: number;
  /** A rating of the answer, 1–5. */
  score?: number;
  status?: AppealStatus;
  phone?: string;
  note?: string;
  iin?: string;
  answerBody?: string;
  ratingComment?: string;
  disputeReason?: string;
}

export async function makeStatsAppeal(
  db: Database,
  storage: BlobStore,
  now: Date,
  recipe: StatsAppealRecipe,
): Promise<MadeAppeal> {
  const made = await makeAppeal(db, storage, now, {
    registeredAt: `${recipe.registeredOn}T04:00:00.000Z`,
    deadlineOn: recipe.deadlineOn,
    ...(recipe.phone ? { phone: recipe.phone } : {}),
    ...(recipe.status ? { status: recipe.status } : recipe.answeredOn ? {} : { status: 'under_review' }),
    ...(recipe.answeredOn
      ? { answer: { body: recipe.answerBody ?? 'Answered.', at: `${recipe.answeredOn}T06:00:00.000Z` } }
      : {}),
  });
  const department = recipe.department
    ? await db
        .selectFrom('departments')
        .select('id')
        .where('code', '=', recipe.department)
        .executeTakeFirstOrThrow()
    : null;
  await db
    .updateTable('appeals')
    .set({
      department_id: department?.id ?? null,
      ...(recipe.department === 'housing' ? {} : { addressee_official_id: null }),
      first_answered_on: recipe.answeredOn ?? null,
      answer_working_days: recipe.workingDays ?? null,
      ...(recipe.note ? { note: recipe.note } : {}),
      ...(recipe.iin ? { iin: recipe.iin } : {}),
    })
    .where('id', '=', made.id)
    .execute();
  const at = `${recipe.answeredOn ?? recipe.registeredOn}T09:00:00.000Z`;
  if (recipe.score !== undefined && made.answerId)
    await db
      .insertInto('appeal_ratings')
      .values({
        appeal_id: made.id,
        answer_id: made.answerId,
        satisfied: recipe.score >= 4 ? 1 : 0,
        score: recipe.score,
        comment: recipe.ratingComment ?? null,
        created_at: at,
      })
      .execute();
  if (recipe.disputeReason && made.answerId)
    await db
      .insertInto('appeal_disputes')
      .values({
        id: `${made.id.slice(0, 8)}-dispute`,
        appeal_id: made.id,
        answer_id: made.answerId,
        reason: recipe.disputeReason,
        created_at: at,
      })
      .execute();
  return made;
}
