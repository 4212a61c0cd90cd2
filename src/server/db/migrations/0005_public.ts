// The public site after the look-up: the answer's video and documents, the citizen's rating and dispute, the
// guard against guessing access codes (failures and lockout per registration number), and the server's own
// secrets (the look-up token's signing key when none is configured).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The official's video answer: a media file of kind 'answer_video'.
  await db.schema
    .alterTable('answers')
    .addColumn('media_id', 'text', (c) => c.references('media_files.id'))
    .execute();

  await db.schema
    .createTable('answer_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('answer_id', 'text', (c) => c.notNull().references('answers.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('answer_documents_answer').on('answer_documents').column('answer_id').execute();

  await db.schema
    .createTable('appeal_ratings')
    .addColumn('appeal_id', 'text', (c) => c.primaryKey().references('appeals.id'))
    .addColumn('answer_id', 'text', (c) => c.notNull().references('answers.id'))
    .addColumn('satisfied', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appeal_disputes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    // One dispute per answer: a second answer after a dispute may be disputed again.
    .addColumn('answer_id', 'text', (c) => c.notNull().unique().references('answers.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appeal_disputes_appeal').on('appeal_disputes').column('appeal_id').execute();

  // Keyed by the number as typed (well-formed), whether or not an appeal has it: a lockout says nothing about existence.
  await db.schema
    .createTable('lookup_guards')
    .addColumn('registration_number', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('sms_verification_id', 'text')
    .addColumn('sms_sent_at', 'text')
    .addColumn('sms_window_started_at', 'text')
    .addColumn('sms_sends', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'server_secrets',
    'lookup_guards',
    'appeal_disputes',
    'appeal_ratings',
    'answer_documents',
  ])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('answers').dropColumn('media_id').execute();
}
