// Work on an appeal in the office: where it was routed or redirected (and whether within the law's 3-working-day
// window), each extension of its deadline, moderation decisions (rejections, duplicates, withdrawals recorded for the
// citizen), and the public versions of texts with parts hidden.
import { sql, type Kysely } from 'kysely';

function sqlIn(column: string, values: string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('appeal_routings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sqlIn('kind', ['route', 'redirect', 'redirect_outside'])),
    )
    .addColumn('from_official_id', 'text', (c) => c.references('officials.id'))
    .addColumn('from_department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('to_official_id', 'text', (c) => c.references('officials.id'))
    .addColumn('to_department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('outside_body', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    // The redirect window's last day as computed then (registration + 3 working days), and whether this was after it.
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('history_id', 'text', (c) => c.references('appeal_status_history.id'))
    .addColumn('actor_user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appeal_routings_appeal')
    .on('appeal_routings')
    .columns(['appeal_id', 'at'])
    .execute();

  await db.schema
    .createTable('deadline_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('old_deadline_on', 'text', (c) => c.notNull())
    .addColumn('new_deadline_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('history_id', 'text', (c) => c.references('appeal_status_history.id'))
    .addColumn('actor_user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deadline_changes_appeal')
    .on('deadline_changes')
    .columns(['appeal_id', 'at'])
    .execute();

  await db.schema
    .createTable('appeal_moderations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sqlIn('kind', ['spam', 'abuse', 'not_appeal', 'duplicate', 'withdrawn'])),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('duplicate_of_appeal_id', 'text', (c) => c.references('appeals.id'))
    // How the citizen's request to withdraw came (phone, in person, …).
    .addColumn('channel', 'text')
    .addColumn('history_id', 'text', (c) => c.references('appeal_status_history.id'))
    .addColumn('actor_user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appeal_moderations_appeal')
    .on('appeal_moderations')
    .column('appeal_id')
    .execute();
  await db.schema
    .createIndex('appeal_moderations_duplicate_of')
    .on('appeal_moderations')
    .column('duplicate_of_appeal_id')
    .execute();

  // Every redaction is kept; the newest of a field (and answer) is the public version. The original stays in place.
  await db.schema
    .createTable('appeal_redactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('field', 'text', (c) => c.notNull().check(sqlIn('field', ['note', 'answer'])))
    .addColumn('answer_id', 'text', (c) => c.references('answers.id'))
    .addColumn('ranges', 'text', (c) => c.notNull())
    .addColumn('public_text', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appeal_redactions_appeal')
    .on('appeal_redactions')
    .columns(['appeal_id', 'field', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['appeal_redactions', 'appeal_moderations', 'deadline_changes', 'appeal_routings'])
    await db.schema.dropTable(table).ifExists().execute();
}
