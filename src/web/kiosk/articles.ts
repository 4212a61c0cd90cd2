// The reference screen's pure parts: which articles come first, and article HTML made safe to leave the booth
// untouched (a link would take the person out of the kiosk, so it shows its address instead).
import type { FaqArticle } from '../ui/api.js';

/** The articles of the chosen topic, then the rest, each part in the server's reading order. */
export function orderArticles(
  articles: FaqArticle[],
  categoryId: string | null,
): { forTopic: FaqArticle[]; others: FaqArticle[] } {
  if (categoryId === null) return { forTopic: [], others: articles };
  return {
    forTopic: articles.filter((a) => a.categoryId === categoryId),
    others: articles.filter((a) => a.categoryId !== categoryId),
  };
}

/**
 * The server's sanitised article HTML with every link turned into its words and its address as text: in the
 * booth there is nowhere to go, but the address can be noted down. The server writes links as
 * `<a href="…" [title="…"] rel="…">words</a>` with the href already escaped, so it can be reused as text.
 */
export function inertLinks(html: string): string {
  return html.replace(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_match, href: string, words: string) => {
    const address = href.replace(/^mailto:/i, '');
    const plain = words.replace(/<[^>]*>/g, '').trim();
    return plain === address || plain === href
      ? `<span class="article-link">${words}</span>`
      : `<span class="article-link">${words}</span> <span class="article-url">(${address})</span>`;
  });
}
