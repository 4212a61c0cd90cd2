// Deadlines, reminders and escalation: an appeal's escalation mark, staff contact details and notification
// preferences, where each calendar day came from (the statutory list or an admin), which years' statutory lists
// were seeded, and the recurring schedules that run exactly once per period across worker processes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Set once, by the escalation job, when an open appeal is first found past its deadline.
  await db.schema.alterTable('appeals').addColumn('escalated_at', 'text').execute();
  await db.schema.createIndex('appeals_escalated').on('appeals').columns(['escalated_at']).execute();

  await db.schema.alterTable('staff_users').addColumn('email', 'text').execute();
  await db.schema.alterTable('staff_users').addColumn('phone_e164', 'text').execute();
  await db.schema
    .alterTable('staff_users')
    .addColumn('notify_sms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The language of the messages the office sends this person.
  await db.schema
    .alterTable('staff_users')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('ru'))
    .execute();

  // 'statutory': from the law's list (seeded once per year); 'admin': added by an administrator.
  await db.schema
    .alterTable('calendar_days')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('admin'))
    .execute();
  await sql`update calendar_days set source = 'statutory' where note = 'statutory'`.execute(db);

  // A year's statutory list is seeded once; after that an admin's removals and additions stand.
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into calendar_years (year, seeded_at)
    select distinct cast(substr(day, 1, 4) as integer), ${new Date().toISOString()}
    from calendar_days where source = 'statutory'`.execute(db);

  // One row per recurring job: the last period it was enqueued for. Moving it forward is a conditional update, so
  // of several workers ticking at once exactly one enqueues the period's job.
  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_period', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_schedules').ifExists().execute();
  await db.schema.dropTable('calendar_years').ifExists().execute();
  await db.schema.alterTable('calendar_days').dropColumn('source').execute();
  for (const column of ['language', 'notify_sms', 'phone_e164', 'email'])
    await db.schema.alterTable('staff_users').dropColumn(column).execute();
  await db.schema.dropIndex('appeals_escalated').ifExists().execute();
  await db.schema.alterTable('appeals').dropColumn('escalated_at').execute();
}
