// Answers the way the law names them, and the staff's work around an appeal: the outcome list becomes the law's
// (satisfied, partly satisfied, explained, refused, left without consideration; the old "executed" is "satisfied"),
// an answer keeps its sanitised rich text beside the plain text, an appeal has one answer draft that documents and a
// video are gathered in before it is sent, and staff keep internal comments and files on the appeal.
import { sql, type Kysely } from 'kysely';

// Frozen copy of the plain-text-to-HTML rule as it was when this migration was written (answers/richtext.ts is the
// live one): a migration must do the same thing forever.
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('answers')
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Answers written before rich text were plain text: their HTML is that text in paragraphs.
  const rows = await sql<{ id: string; body: string }>`select id, body from answers`.execute(db);
  for (const row of rows.rows)
    await sql`update answers set body_html = ${textToHtml(row.body)} where id = ${row.id}`.execute(db);
  await sql`update answers set outcome = 'satisfied' where outcome = 'executed'`.execute(db);

  // One draft per appeal, shared by whoever handles it (the official and a deputy): text, a video, documents.
  await db.schema
    .createTable('answer_drafts')
    .addColumn('appeal_id', 'text', (c) => c.primaryKey().references('appeals.id'))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('media_id', 'text', (c) => c.references('media_files.id'))
    .addColumn('updated_by_user_id', 'text', (c) => c.references('staff_users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Files staff put on an appeal: internal attachments, and the documents of the answer being drafted (which move
  // to answer_documents when the answer is sent). Type checked by content, size and count limited.
  await db.schema
    .createTable('appeal_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appeal_files_appeal')
    .on('appeal_files')
    .columns(['appeal_id', 'purpose', 'created_at'])
    .execute();

  // Staff's notes to each other about an appeal; never shown to the citizen.
  await db.schema
    .createTable('appeal_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appeal_comments_appeal')
    .on('appeal_comments')
    .columns(['appeal_id', 'created_at'])
    .execute();
}

/** Lossy on the way down: the old list has no "partly satisfied" or "left without consideration". */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['appeal_comments', 'appeal_files', 'answer_drafts'])
    await db.schema.dropTable(table).ifExists().execute();
  await sql`update answers set outcome = 'executed' where outcome in ('satisfied', 'partly_satisfied')`.execute(
    db,
  );
  await sql`update answers set outcome = 'refused' where outcome = 'left_without_consideration'`.execute(db);
  await db.schema.alterTable('answers').dropColumn('body_html').execute();
}
