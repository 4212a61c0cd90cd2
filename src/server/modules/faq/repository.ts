// SQL for the reference (FAQ) articles.
import type { Insertable, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB, FaqArticleTable, FaqDraftTable, FaqVersionTable } from '../../db/types.js';

const columns = [
  'id',
  'slug',
  'category_id',
  'title_kk',
  'title_ru',
  'title_en',
  'body_kk',
  'body_ru',
  'body_en',
] as const;

/** Published articles in reading order; only those of one category when it is given. */
export function listPublishedArticles(db: Database, categoryId: string | null) {
  let query = db.selectFrom('faq_articles').select(columns).where('published', '=', 1);
  if (categoryId !== null) query = query.where('category_id', '=', categoryId);
  return query.orderBy('sort_order').orderBy('slug').execute();
}

export function findPublishedArticle(db: Database, slug: string) {
  return db
    .selectFrom('faq_articles')
    .select(columns)
    .where('slug', '=', slug)
    .where('published', '=', 1)
    .executeTakeFirst();
}

// Administration: every article with its draft and live version, drafts, versions.

type Executor = Database | Transaction<DB>;

export function listAllArticles(db: Executor) {
  return db
    .selectFrom('faq_articles as a')
    .leftJoin('faq_drafts as d', 'd.article_id', 'a.id')
    .select([
      'a.id',
      'a.slug',
      'a.category_id',
      'a.sort_order',
      'a.published',
      'a.updated_at',
      'a.title_kk',
      'a.title_ru',
      'a.title_en',
      'd.updated_at as draft_updated_at',
      'd.title_kk as draft_title_kk',
      'd.title_ru as draft_title_ru',
      'd.title_en as draft_title_en',
    ])
    .select((eb) =>
      eb
        .selectFrom('faq_versions as v')
        .whereRef('v.article_id', '=', 'a.id')
        .select((v) => v.fn.max('v.version').as('m'))
        .as('version'),
    )
    .orderBy('a.sort_order')
    .orderBy('a.slug')
    .execute();
}

export function findArticle(db: Executor, id: string) {
  return db.selectFrom('faq_articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findArticleBySlug(db: Executor, slug: string) {
  return db.selectFrom('faq_articles').select('id').where('slug', '=', slug).executeTakeFirst();
}

export async function insertArticle(db: Executor, row: Insertable<FaqArticleTable>): Promise<void> {
  await db.insertInto('faq_articles').values(row).execute();
}

export async function updateArticle(
  db: Executor,
  id: string,
  set: Updateable<FaqArticleTable>,
): Promise<void> {
  await db.updateTable('faq_articles').set(set).where('id', '=', id).execute();
}

export function findDraft(db: Executor, articleId: string) {
  return db.selectFrom('faq_drafts').selectAll().where('article_id', '=', articleId).executeTakeFirst();
}

export async function saveDraft(db: Executor, row: Insertable<FaqDraftTable>): Promise<void> {
  const { article_id: _id, ...set } = row;
  await db
    .insertInto('faq_drafts')
    .values(row)
    .onConflict((oc) => oc.column('article_id').doUpdateSet(set))
    .execute();
}

export async function deleteDraft(db: Executor, articleId: string): Promise<boolean> {
  const result = await db.deleteFrom('faq_drafts').where('article_id', '=', articleId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function listVersions(db: Executor, articleId: string) {
  return db
    .selectFrom('faq_versions as v')
    .leftJoin('staff_users as u', 'u.id', 'v.published_by_user_id')
    .selectAll('v')
    .select('u.display_name as published_by')
    .where('v.article_id', '=', articleId)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function insertVersion(db: Executor, row: Insertable<FaqVersionTable>): Promise<void> {
  await db.insertInto('faq_versions').values(row).execute();
}
