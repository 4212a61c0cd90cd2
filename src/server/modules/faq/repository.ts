// SQL for the reference (FAQ) articles.
import type { Database } from '../../db/index.js';

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
