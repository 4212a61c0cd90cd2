import { describe, expect, it } from 'vitest';
import type { FaqArticle } from '../ui/api.js';
import { inertLinks, orderArticles } from './articles.js';

const tri = (text: string) => ({ kk: text, ru: text, en: text });
const article = (slug: string, categoryId: string | null): FaqArticle => ({
  id: `00000000-0000-4000-8000-${slug.padStart(12, '0')}`,
  slug,
  categoryId,
  title: tri(slug),
  html: tri(`<p>${slug}</p>`),
});

const slugs = (list: FaqArticle[]) => list.map((a) => a.slug);

describe('ordering the reference articles', () => {
  const articles = [article('a', null), article('b', 'heat'), article('c', 'roads'), article('d', 'heat')];

  it('puts the chosen topic first, keeping the reading order in each part', () => {
    const { forTopic, others } = orderArticles(articles, 'heat');
    expect(slugs(forTopic)).toEqual(['b', 'd']);
    expect(slugs(others)).toEqual(['a', 'c']);
  });

  it('keeps every article in order when no topic is chosen', () => {
    expect(orderArticles(articles, null)).toEqual({ forTopic: [], others: articles });
  });

  it('puts nothing first for a topic without articles', () => {
    const { forTopic, others } = orderArticles(articles, 'land');
    expect(forTopic).toEqual([]);
    expect(slugs(others)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('links in an article shown in the booth', () => {
  it('turns a link into its words followed by the address', () => {
    expect(
      inertLinks('<p>See <a href="https://egov.kz/x?a=1&amp;b=2" rel="noopener noreferrer">egov</a>.</p>'),
    ).toBe(
      '<p>See <span class="article-link">egov</span> <span class="article-url">(https://egov.kz/x?a=1&amp;b=2)</span>.</p>',
    );
  });

  it('shows an e-mail address without mailto:', () => {
    expect(
      inertLinks('<a href="mailto:akimat@example.kz" title="t" rel="noopener noreferrer">write</a>'),
    ).toBe('<span class="article-link">write</span> <span class="article-url">(akimat@example.kz)</span>');
  });

  it('does not repeat an address that is already the words', () => {
    expect(inertLinks('<a href="https://egov.kz" rel="noopener noreferrer">https://egov.kz</a>')).toBe(
      '<span class="article-link">https://egov.kz</span>',
    );
    expect(inertLinks('<a href="mailto:a@b.kz" rel="noopener noreferrer">a@b.kz</a>')).toBe(
      '<span class="article-link">a@b.kz</span>',
    );
  });

  it('keeps emphasis inside a link and handles several links', () => {
    expect(
      inertLinks(
        '<a href="https://a.kz" rel="noopener noreferrer"><strong>A</strong></a> and <a href="https://b.kz" rel="noopener noreferrer">B</a>',
      ),
    ).toBe(
      '<span class="article-link"><strong>A</strong></span> <span class="article-url">(https://a.kz)</span> and <span class="article-link">B</span> <span class="article-url">(https://b.kz)</span>',
    );
  });

  it('leaves HTML without links as it is', () => {
    const html = '<h2>Title</h2><ul><li>one</li></ul>';
    expect(inertLinks(html)).toBe(html);
  });
});
