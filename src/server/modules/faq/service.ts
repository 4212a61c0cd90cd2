// The reference (FAQ) the booth and the public site show: published articles, Markdown rendered to safe HTML.
import type { FaqArticle } from '../../../common/api.js';
import { LANGUAGES, type Language } from '../../../common/statuses.js';
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

/** Lower case, ё as е, Kazakh letters kept: what a person types on a phone matches what the author wrote. */
function folded(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

/** Words of the query, each of which must appear in the article's title or body (Markdown as written). */
export function matchesSearch(row: ArticleRow, query: string, language: Language | null): boolean {
  const words = folded(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const languages = language ? [language] : LANGUAGES;
  const text = folded(languages.map((l) => `${row[`title_${l}`]}\n${row[`body_${l}`]}`).join('\n'));
  return words.every((word) => text.includes(word));
}

export async function listArticles(
  services: Services,
  categoryId: string | null,
  search: { query: string; language: Language | null } = { query: '', language: null },
): Promise<FaqArticle[]> {
  const rows = await listPublishedArticles(services.db, categoryId);
  // A handful of articles: filtering here is simpler than LIKE, which folds no Cyrillic case on SQLite.
  return rows.filter((row) => matchesSearch(row, search.query, search.language)).map(toArticle);
}

export async function articleBySlug(services: Services, slug: string): Promise<FaqArticle> {
  const row = await findPublishedArticle(services.db, slug);
  if (!row) throw new Problem('not-found');
  return toArticle(row);
}
