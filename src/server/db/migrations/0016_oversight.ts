// The oversight figures (modules/stats): each appeal keeps the local day of its first answer and how many working
// days that took, written when the first answer is given (stats/service.ts recordFirstAnswer), so a median over a
// year of appeals is a histogram of one small integer rather than a calendar walk per row. Existing answered
// appeals are backfilled from their earliest answer, with the calendar as it stands.
import { sql, type Kysely } from 'kysely';
import { dayInZone, workingDaysBetween, type WorkCalendar } from '../../../common/workdays.js';

const BATCH = 2000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appeals').addColumn('first_answered_on', 'text').execute();
  await db.schema.alterTable('appeals').addColumn('answer_working_days', 'integer').execute();
  // The dashboard's period filter: registered_on (the legal registration day), then the grouping columns.
  await db.schema
    .createIndex('appeals_stats_period')
    .on('appeals')
    .columns(['registered_on', 'department_id', 'addressee_official_id'])
    .execute();
  await db.schema
    .createIndex('appeal_routings_kind')
    .on('appeal_routings')
    .columns(['kind', 'appeal_id'])
    .execute();

  const timeZone = process.env.TIME_ZONE || 'Asia/Almaty';
  const days = await sql<{ day: string; kind: string }>`select day, kind from calendar_days`.execute(db);
  const calendar: WorkCalendar = {
    daysOff: new Set(days.rows.filter((r) => r.kind === 'day_off').map((r) => r.day)),
    workingWeekends: new Set(days.rows.filter((r) => r.kind === 'working').map((r) => r.day)),
  };
  let after = '';
  for (;;) {
    const batch = await sql<{ id: string; registered_on: string; first_at: string }>`
      select a.id, a.registered_on, min(w.created_at) as first_at
      from appeals a join answers w on w.appeal_id = a.id
      where a.id > ${after}
      group by a.id, a.registered_on
      order by a.id
      limit ${BATCH}`.execute(db);
    if (batch.rows.length === 0) break;
    for (const row of batch.rows) {
      const day = dayInZone(new Date(row.first_at), timeZone);
      const spent = Math.max(0, workingDaysBetween(row.registered_on, day, calendar));
      await sql`update appeals set first_answered_on = ${day}, answer_working_days = ${spent} where id = ${row.id}`.execute(
        db,
      );
    }
    after = batch.rows[batch.rows.length - 1]?.id ?? after;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('appeal_routings_kind').execute();
  await db.schema.dropIndex('appeals_stats_period').execute();
  await db.schema.alterTable('appeals').dropColumn('answer_working_days').execute();
  await db.schema.alterTable('appeals').dropColumn('first_answered_on').execute();
}
