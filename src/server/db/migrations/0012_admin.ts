// Administration: reference articles get drafts and a history of published versions (faq_articles keeps the live,
// published text the booth and the public site read), booths remember since when they report a fault (so an alert
// goes once per incident), and an admin can require a second factor of one user.
import { sql, type Kysely, type CreateTableBuilder } from 'kysely';

type Builder = CreateTableBuilder<string, never>;

const trilingual = (t: Builder, prefix: string): Builder =>
  ['kk', 'ru', 'en'].reduce((acc, lang) => acc.addColumn(`${prefix}_${lang}`, 'text', (c) => c.notNull()), t);

export async function up(db: Kysely<unknown>): Promise<void> {
  // One draft per article, edited while the published text stays live; publishing copies it and deletes it.
  let t: Builder = db.schema
    .createTable('faq_drafts')
    .addColumn('article_id', 'text', (c) => c.primaryKey().references('faq_articles.id').onDelete('cascade'));
  await trilingual(trilingual(t, 'title'), 'body')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'text', (c) => c.references('staff_users.id'))
    .execute();

  // Every published text, numbered per article: the history an admin reads and restores from.
  t = db.schema
    .createTable('faq_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('faq_articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull());
  await trilingual(trilingual(t, 'title'), 'body')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by_user_id', 'text', (c) => c.references('staff_users.id'))
    .execute();
  await db.schema
    .createIndex('faq_versions_article')
    .on('faq_versions')
    .columns(['article_id', 'version'])
    .unique()
    .execute();
  // What is published already becomes its article's version 1.
  await sql`insert into faq_versions (id, article_id, version, title_kk, title_ru, title_en, body_kk, body_ru,
      body_en, published_at, published_by_user_id)
    select id, id, 1, title_kk, title_ru, title_en, body_kk, body_ru, body_en, updated_at, null
    from faq_articles where published = 1`.execute(db);

  // When the booth's heartbeat first reported the fault it still reports (null: none): one alert per incident.
  await db.schema.alterTable('kiosks').addColumn('fault_since', 'text').execute();

  // 1: this user must set up a second factor whatever their roles (TOTP_REQUIRED_ROLES covers whole roles).
  await db.schema
    .alterTable('staff_users')
    .addColumn('totp_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_users').dropColumn('totp_required').execute();
  await db.schema.alterTable('kiosks').dropColumn('fault_since').execute();
  await db.schema.dropTable('faq_versions').ifExists().execute();
  await db.schema.dropTable('faq_drafts').ifExists().execute();
}
