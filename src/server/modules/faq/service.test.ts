// The reference (FAQ) through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): the seeded articles, the
// topic filter, unpublished articles and the rejections.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDialect, type TestContext } from '../../testing.js';
import type { CategoryItem, FaqArticle } from '../../../common/api.js';
import type { ProblemDocument } from '../../../common/problems.js';
import { DEMO_FAQ } from '../../db/seed-data.js';

let ctx: TestContext;
let categoryIds: Map<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  const categories = (await ctx.app.inject('/api/directory/categories')).json<CategoryItem[]>();
  categoryIds = new Map(categories.map((c) => [c.code, c.id]));
});
afterAll(() => ctx.close());

async function list(query = ''): Promise<FaqArticle[]> {
  const res = await ctx.app.inject(`/api/faq${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FaqArticle[]>();
}

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  slug: string,
) {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.body) as ProblemDocument;
  expect(problem.type).toBe(`/problems/${slug}`);
  expect(problem.title).toBeTruthy();
  expect(problem).not.toHaveProperty('stack');
  return problem;
}

describe(`the reference articles (${testDialect})`, () => {
  it('lists every seeded article in reading order with its title and rendered HTML in three languages', async () => {
    const articles = await list();
    const seeded = [...DEMO_FAQ].sort((a, b) => a.sortOrder - b.sortOrder);
    expect(articles.map((a) => a.slug)).toEqual(seeded.map((f) => f.slug));
    const first = articles[0]!;
    expect(first.title).toEqual(seeded[0]!.title);
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.html.ru).toMatch(/^<h2>/);
    expect(first).not.toHaveProperty('body');
  });

  it('renders every seeded article in every language to non-empty sanitised HTML', async () => {
    for (const article of await list()) {
      for (const lang of ['kk', 'ru', 'en'] as const) {
        const html = article.html[lang];
        expect(html.length, `${article.slug} ${lang}`).toBeGreaterThan(40);
        expect(html, `${article.slug} ${lang}`).not.toMatch(
          /<(script|img|iframe|style)\b|\son\w+=|javascript:/i,
        );
      }
    }
  });

  it('links articles to their topics', async () => {
    const articles = await list();
    const bySlug = new Map(articles.map((a) => [a.slug, a]));
    for (const f of DEMO_FAQ) {
      const expected = f.categoryCode === null ? null : categoryIds.get(f.categoryCode);
      expect(bySlug.get(f.slug)?.categoryId, f.slug).toBe(expected);
    }
  });

  it('lists only the articles of one topic when asked', async () => {
    const corruption = categoryIds.get('corruption')!;
    const articles = await list(`?category=${corruption}`);
    expect(articles.map((a) => a.slug)).toEqual(
      DEMO_FAQ.filter((f) => f.categoryCode === 'corruption').map((f) => f.slug),
    );
    expect(articles.every((a) => a.categoryId === corruption)).toBe(true);
  });

  it('gives an empty list for a topic without articles', async () => {
    expect(await list(`?category=${crypto.randomUUID()}`)).toEqual([]);
  });

  it('gives one article by its slug', async () => {
    const res = await ctx.app.inject('/api/faq/what-to-say');
    expect(res.statusCode).toBe(200);
    const article = res.json<FaqArticle>();
    expect(article.slug).toBe('what-to-say');
    expect(article.title.kk).toBe(DEMO_FAQ.find((f) => f.slug === 'what-to-say')?.title.kk);
    expect(article.html.en).toContain('<li>');
  });

  it('answers an unknown slug with a not-found problem in the asked language', async () => {
    const res = await ctx.app.inject({
      url: '/api/faq/no-such-article',
      headers: { 'accept-language': 'kk' },
    });
    expect(res.statusCode).toBe(404);
    const problem = expectProblem(res, 'not-found');
    expect(problem.status).toBe(404);
  });

  it.each([
    ['a topic that is not an id', '/api/faq?category=heating'],
    ['an empty topic', '/api/faq?category='],
    ['two topics', `/api/faq?category=${crypto.randomUUID()}&category=${crypto.randomUUID()}`],
    ['a slug with capitals and punctuation', '/api/faq/What_To_Say!'],
    ['a slug that is too long', `/api/faq/${'a'.repeat(81)}`],
  ])('rejects %s with a validation problem', async (_what, url) => {
    const res = await ctx.app.inject(url);
    expect(res.statusCode).toBe(400);
    const problem = expectProblem(res, 'validation-failed');
    expect(problem.errors?.length).toBeGreaterThan(0);
  });

  it('hides an unpublished article from the list, the topic and the slug', async () => {
    const slug = 'report-violation';
    await ctx.services.db
      .updateTable('faq_articles')
      .set({ published: 0 })
      .where('slug', '=', slug)
      .execute();
    try {
      expect((await list()).map((a) => a.slug)).not.toContain(slug);
      expect(await list(`?category=${categoryIds.get('corruption')}`)).toEqual(
        (await list()).filter((a) => a.categoryId === categoryIds.get('corruption')),
      );
      expect((await list(`?category=${categoryIds.get('corruption')}`)).map((a) => a.slug)).not.toContain(
        slug,
      );
      const res = await ctx.app.inject(`/api/faq/${slug}`);
      expect(res.statusCode).toBe(404);
      expectProblem(res, 'not-found');
    } finally {
      await ctx.services.db
        .updateTable('faq_articles')
        .set({ published: 1 })
        .where('slug', '=', slug)
        .execute();
    }
  });

  it('finds articles by words of their title or text in the asked language, case and ё aside', async () => {
    const en = await list(`?${new URLSearchParams({ q: 'WORKING days', lang: 'en' }).toString()}`);
    expect(en.map((a) => a.slug)).toContain('deadlines');
    const ru = await list(`?${new URLSearchParams({ q: 'СРОК рабочих', lang: 'ru' }).toString()}`);
    expect(ru.map((a) => a.slug)).toContain('deadlines');
    const kk = await list(`?${new URLSearchParams({ q: 'жұмыс күні', lang: 'kk' }).toString()}`);
    expect(kk.map((a) => a.slug)).toContain('deadlines');
    // Every word must be there; Russian words are not found in the English text.
    expect(await list(`?${new URLSearchParams({ q: 'deadline zzzqqq' }).toString()}`)).toEqual([]);
    expect(await list(`?${new URLSearchParams({ q: 'рабочих', lang: 'en' }).toString()}`)).toEqual([]);
    // Without a language, any of the three.
    expect((await list(`?${new URLSearchParams({ q: 'рабочих' }).toString()}`)).length).toBeGreaterThan(0);
    expect((await list('?q=%20%20')).length).toBe(DEMO_FAQ.length);
  });

  it('rejects a search that is too long or in an unknown language', async () => {
    expect((await ctx.app.inject(`/api/faq?q=${'a'.repeat(101)}`)).statusCode).toBe(400);
    expectProblem(await ctx.app.inject('/api/faq?q=x&lang=de'), 'validation-failed');
  });

  it('publishes the routes in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/faq', '/api/faq/{slug}']));
  });
});
