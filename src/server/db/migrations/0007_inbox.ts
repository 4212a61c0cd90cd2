// The office inbox: indexes that let every view, filter and sort page by keyset at a million appeals, the search
// over the typed note and the answers (PostgreSQL: GIN indexes over tsvector expressions; SQLite: an FTS5 table kept
// by triggers), and the saved views each staff member keeps for themselves.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

/** Statuses in which the appeal is still open (common/statuses.ts isOpenStatus), frozen as of this migration. */
const CLOSED = `('answered', 'left_without_consideration', 'withdrawn')`;

/** Each inbox sort, and each filter worth an ordered scan, ends in (…, id) so keyset pages are exact under ties. */
const INDEXES: [name: string, columns: string[]][] = [
  ['appeals_inbox_registered', ['registered_at', 'id']],
  ['appeals_inbox_status', ['status', 'registered_at', 'id']],
  ['appeals_inbox_deadline', ['deadline_on', 'id']],
  ['appeals_inbox_status_deadline', ['status', 'deadline_on', 'id']],
  ['appeals_inbox_addressee', ['addressee_official_id', 'registered_at', 'id']],
  ['appeals_inbox_department', ['department_id', 'registered_at', 'id']],
  ['appeals_inbox_category', ['category_id', 'registered_at', 'id']],
  ['appeals_inbox_kiosk', ['kiosk_id', 'registered_at', 'id']],
  ['appeals_phone', ['phone_e164']],
];

/** Indexes of 0001 that the ones above begin with: kept no longer. */
const SUPERSEDED: [name: string, columns: string[]][] = [
  ['appeals_addressee', ['addressee_official_id', 'registered_at']],
  ['appeals_status', ['status', 'deadline_on']],
  ['appeals_registered', ['registered_at']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const [name] of SUPERSEDED) await db.schema.dropIndex(name).ifExists().execute();
  for (const [name, columns] of INDEXES)
    await db.schema.createIndex(name).on('appeals').columns(columns).execute();
  // Due soon and overdue: open appeals by deadline, a small part of the table once most are answered.
  await db.schema
    .createIndex('appeals_inbox_open_deadline')
    .on('appeals')
    .columns(['deadline_on', 'id'])
    .where(sql.raw<boolean>(`status not in ${CLOSED}`))
    .execute();

  if (sqlite) {
    // One document per note and per answer; FTS5 (unicode61 folds Kazakh and Russian case) indexes their words.
    // Its rows are keyed by this table's integer key, which VACUUM keeps (an appeal's own rowid it may not).
    await sql`create table inbox_search_docs (
      id integer primary key,
      ref text not null unique,
      appeal_id text not null,
      body text not null
    )`.execute(db);
    await sql`create virtual table inbox_search using fts5(
      body, content = 'inbox_search_docs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0'
    )`.execute(db);
    for (const statement of [
      `create trigger inbox_search_docs_ai after insert on inbox_search_docs begin
         insert into inbox_search(rowid, body) values (new.id, new.body);
       end`,
      `create trigger inbox_search_docs_ad after delete on inbox_search_docs begin
         insert into inbox_search(inbox_search, rowid, body) values ('delete', old.id, old.body);
       end`,
      `create trigger inbox_search_docs_au after update on inbox_search_docs begin
         insert into inbox_search(inbox_search, rowid, body) values ('delete', old.id, old.body);
         insert into inbox_search(rowid, body) values (new.id, new.body);
       end`,
      `create trigger inbox_search_note_ai after insert on appeals when new.note is not null begin
         insert into inbox_search_docs(ref, appeal_id, body) values ('note:' || new.id, new.id, new.note);
       end`,
      `create trigger inbox_search_note_au after update of note on appeals begin
         delete from inbox_search_docs where ref = 'note:' || old.id;
         insert into inbox_search_docs(ref, appeal_id, body)
           select 'note:' || new.id, new.id, new.note where new.note is not null;
       end`,
      `create trigger inbox_search_note_ad after delete on appeals begin
         delete from inbox_search_docs where ref = 'note:' || old.id;
       end`,
      `create trigger inbox_search_answer_ai after insert on answers when new.body is not null begin
         insert into inbox_search_docs(ref, appeal_id, body) values ('answer:' || new.id, new.appeal_id, new.body);
       end`,
      `create trigger inbox_search_answer_au after update of body, appeal_id on answers begin
         delete from inbox_search_docs where ref = 'answer:' || old.id;
         insert into inbox_search_docs(ref, appeal_id, body)
           select 'answer:' || new.id, new.appeal_id, new.body where new.body is not null;
       end`,
      `create trigger inbox_search_answer_ad after delete on answers begin
         delete from inbox_search_docs where ref = 'answer:' || old.id;
       end`,
    ])
      await sql.raw(statement).execute(db);
    await sql`insert into inbox_search_docs(ref, appeal_id, body)
      select 'note:' || id, id, note from appeals where note is not null`.execute(db);
    await sql`insert into inbox_search_docs(ref, appeal_id, body)
      select 'answer:' || id, appeal_id, body from answers where body is not null`.execute(db);
  } else {
    // The 'simple' configuration lowercases (by the database's LC_CTYPE) and keeps every word: no stemming, so the
    // same words match in Kazakh, Russian and English. Queries repeat these expressions exactly (inbox/repository.ts).
    await sql`create index appeals_note_fts on appeals using gin (to_tsvector('simple', coalesce(note, '')))`.execute(
      db,
    );
    await sql`create index answers_body_fts on answers using gin (to_tsvector('simple', coalesce(body, '')))`.execute(
      db,
    );
  }

  await db.schema
    .createTable('inbox_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The view, filters and sort as JSON (common/inbox.ts SavedViewQuery).
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inbox_views_user_name')
    .on('inbox_views')
    .columns(['user_id', 'name'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.dropTable('inbox_views').ifExists().execute();
  if (sqlite) {
    for (const trigger of [
      'inbox_search_answer_ad',
      'inbox_search_answer_au',
      'inbox_search_answer_ai',
      'inbox_search_note_ad',
      'inbox_search_note_au',
      'inbox_search_note_ai',
    ])
      await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
    await sql`drop table if exists inbox_search`.execute(db);
    await sql`drop table if exists inbox_search_docs`.execute(db);
  } else {
    await db.schema.dropIndex('answers_body_fts').ifExists().execute();
    await db.schema.dropIndex('appeals_note_fts').ifExists().execute();
  }
  await db.schema.dropIndex('appeals_inbox_open_deadline').ifExists().execute();
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute();
  for (const [name, columns] of SUPERSEDED)
    await db.schema.createIndex(name).on('appeals').columns(columns).execute();
}
