// The reference (FAQ) the booth and the public site show: published articles, Markdown rendered to safe HTML.
import type { FaqArticle } from '../../../common/api.js';
import { Problem } from '../../errors.js';
import type { Services } from '../../services.js';
import { tri } from '../directory/service.js';
import { findPublishedArticle, listPublishedArticles } from './repository.js';
import { renderMarkdown } from './markdown.js';

type ArticleRow = NonNullable<Awaited<ReturnType<typeof findPublishedArticle>>>;

function toArticle(row: ArticleRow): FaqArticle {
  return {
    id: row.id,
    slug: row.slug,
    categoryId: row.category_id,
    title: tri(row, 'title'),
    // Rendered on every read: a handful of short articles costs a few milliseconds, and an edit shows at once.
    html: {
      kk: renderMarkdown(row.body_kk),
      ru: renderMarkdown(row.body_ru),
      en: renderMarkdown(row.body_en),
    },
  };
}

export async function listArticles(services: Services, categoryId: string | null): Promise<FaqArticle[]> {
  const rows = await listPublishedArticles(services.db, categoryId);
  return rows.map(toArticle);
}

export async function articleBySlug(services: Services, slug: string): Promise<FaqArticle> {
  const row = await findPublishedArticle(services.db, slug);
  if (!row) throw new Problem('not-found');
  return toArticle(row);
}
