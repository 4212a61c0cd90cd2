// The reference for admins through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): an article written as a
// draft, previewed, published as numbered versions while the public API shows only what is published, its topic and
// order, and every rejection as problem+json; Markdown with scripts, javascript: links and raw HTML neutralised.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, loginAs, testDialect, type TestContext } from '../../testing.js';
import type { CategoryItem, FaqArticle } from '../../../common/api.js';
import type { FaqAdminArticle, FaqAdminItem, FaqText } from '../../../common/admin.js';

let ctx: TestContext;
let admin: string;
let categories: CategoryItem[];

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loginAs(ctx.app, 'admin');
  categories = (await ctx.app.inject('/api/directory/categories')).json<CategoryItem[]>();
});
afterAll(() => ctx.close());

function call(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  cookie = admin,
) {
  return ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload ? { payload } : {}),
  });
}

function expectProblem(res: LightMyRequestResponse, status: number, slug: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const problem = res.json<{ type: string; title: string }>();
  expect(problem.type).toBe(`/problems/${slug}`);
  expect(problem.title).toBeTruthy();
}

const text = (word: string): FaqText => ({
  title: { kk: `${word} kk`, ru: `${word} ru`, en: `${word} en` },
  body: { kk: `## ${word}\n\nМәтін`, ru: `## ${word}\n\nТекст`, en: `## ${word}\n\nText` },
});

async function create(slug: string, categoryId: string | null = null, t = text('First')) {
  const res = await call('POST', '/api/admin/faq', { slug, categoryId, text: t });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<FaqAdminArticle>();
}

const publicSlugs = async (query = '') =>
  (await ctx.app.inject(`/api/faq${query}`)).json<FaqArticle[]>().map((a) => a.slug);

const auditActions = async (id: string) =>
  (
    await ctx.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_type', '=', 'faq_article')
      .where('subject_id', '=', id)
      .orderBy('seq')
      .execute()
  ).map((r) => r.action);

describe(`editing the reference (${testDialect})`, () => {
  it('lists every article for the admin, the seeded ones published with no draft', async () => {
    const res = await call('GET', '/api/admin/faq');
    expect(res.statusCode).toBe(200);
    const items = res.json<FaqAdminItem[]>();
    expect(items.map((i) => i.slug)).toEqual(await publicSlugs());
    expect(items.every((i) => i.published && !i.hasDraft)).toBe(true);
  });

  it('keeps a new article as an unpublished draft, off the booth and the public site', async () => {
    const topic = categories[0]!;
    const created = await create('how-to-bring-documents', topic.id);
    expect(created.article).toMatchObject({
      slug: 'how-to-bring-documents',
      categoryId: topic.id,
      published: false,
      hasDraft: true,
      version: null,
      title: { ru: 'First ru' },
    });
    expect(created.live).toBeNull();
    expect(created.draft?.body.en).toBe('## First\n\nText');
    expect(await publicSlugs()).not.toContain('how-to-bring-documents');
    expect(await publicSlugs(`?category=${topic.id}`)).not.toContain('how-to-bring-documents');
    expect((await ctx.app.inject('/api/faq/how-to-bring-documents')).statusCode).toBe(404);
    expect(await auditActions(created.article.id)).toEqual(['faq.created']);
  });

  it('publishes the draft as version 1, then edits a new draft while version 1 stays live, and publishes version 2', async () => {
    const topic = categories[1]!;
    const { article } = await create('queue-at-the-centre', topic.id);
    const v1 = await call('POST', `/api/admin/faq/${article.id}/publish`);
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json<FaqAdminArticle>()).toMatchObject({
      article: { published: true, version: 1, hasDraft: false },
      draft: null,
      live: { title: { en: 'First en' } },
    });
    const live = () => ctx.app.inject('/api/faq/queue-at-the-centre');
    expect((await live()).json<FaqArticle>().title.en).toBe('First en');
    expect(await publicSlugs(`?category=${topic.id}`)).toContain('queue-at-the-centre');

    const draft = await call('PUT', `/api/admin/faq/${article.id}/draft`, text('Second'));
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json<FaqAdminArticle>()).toMatchObject({
      article: { hasDraft: true, version: 1, title: { en: 'Second en' } },
      live: { title: { en: 'First en' } },
      draft: { title: { en: 'Second en' } },
    });
    // The booth still reads version 1.
    expect((await live()).json<FaqArticle>().title.en).toBe('First en');
    expect((await live()).json<FaqArticle>().html.ru).toContain('<h2>First</h2>');

    const v2 = (await call('POST', `/api/admin/faq/${article.id}/publish`)).json<FaqAdminArticle>();
    expect(v2.article.version).toBe(2);
    expect(v2.versions.map((v) => [v.version, v.text.title.en, v.publishedBy])).toEqual([
      [2, 'Second en', 'Администратор'],
      [1, 'First en', 'Администратор'],
    ]);
    expect((await live()).json<FaqArticle>().html.en).toContain('<h2>Second</h2>');
    expect(await auditActions(article.id)).toEqual([
      'faq.created',
      'faq.published',
      'faq.draft_saved',
      'faq.published',
    ]);
  });

  it('keeps a seeded article’s text as version 1 when its first edit is published', async () => {
    const items = (await call('GET', '/api/admin/faq')).json<FaqAdminItem[]>();
    const seeded = items.find((i) => i.slug === 'deadlines')!;
    const before = (await ctx.app.inject('/api/faq/deadlines')).json<FaqArticle>();
    await call('PUT', `/api/admin/faq/${seeded.id}/draft`, text('Deadlines anew'));
    const after = (await call('POST', `/api/admin/faq/${seeded.id}/publish`)).json<FaqAdminArticle>();
    expect(after.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(after.versions[1]!.text.title).toEqual(before.title);
    expect(after.versions[1]!.publishedBy).toBeNull();
  });

  it('throws a draft away and leaves the live text as it was', async () => {
    const { article } = await create('discarded-words');
    await call('POST', `/api/admin/faq/${article.id}/publish`);
    await call('PUT', `/api/admin/faq/${article.id}/draft`, text('Scrap'));
    const res = await call('DELETE', `/api/admin/faq/${article.id}/draft`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FaqAdminArticle>()).toMatchObject({ draft: null, live: { title: { en: 'First en' } } });
    expectProblem(await call('DELETE', `/api/admin/faq/${article.id}/draft`), 409, 'faq-draft-missing');
  });

  it('unpublishes an article and publishes it again', async () => {
    const { article } = await create('seasonal-notice');
    await call('POST', `/api/admin/faq/${article.id}/publish`);
    expect(await publicSlugs()).toContain('seasonal-notice');
    const off = await call('POST', `/api/admin/faq/${article.id}/unpublish`);
    expect(off.statusCode).toBe(200);
    expect(off.json<FaqAdminArticle>()).toMatchObject({ article: { published: false }, live: null });
    expect(await publicSlugs()).not.toContain('seasonal-notice');
    expectProblem(await call('POST', `/api/admin/faq/${article.id}/unpublish`), 409, 'faq-not-published');
    await call('PUT', `/api/admin/faq/${article.id}/draft`, text('Back'));
    await call('POST', `/api/admin/faq/${article.id}/publish`);
    expect(await publicSlugs()).toContain('seasonal-notice');
  });

  it('moves an article to another topic and place in the order at once', async () => {
    const { article } = await create('moved-around');
    await call('POST', `/api/admin/faq/${article.id}/publish`);
    const topic = categories[2]!;
    const res = await call('PATCH', `/api/admin/faq/${article.id}`, { categoryId: topic.id, sortOrder: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FaqAdminArticle>().article).toMatchObject({ categoryId: topic.id, sortOrder: 0 });
    expect((await publicSlugs(`?category=${topic.id}`))[0]).toBe('moved-around');
    expect((await publicSlugs())[0]).toBe('moved-around');
    const general = await call('PATCH', `/api/admin/faq/${article.id}`, { categoryId: null });
    expect(general.json<FaqAdminArticle>().article.categoryId).toBeNull();
  });

  it('previews Markdown as the booth will show it', async () => {
    const res = await call('POST', '/api/admin/faq/preview', {
      markdown: '# Title\n\n**bold** [egov](https://egov.kz)',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ html: string }>().html).toBe(
      '<h2>Title</h2>\n<p><strong>bold</strong> <a href="https://egov.kz" rel="noopener noreferrer">egov</a></p>',
    );
  });
});

describe(`markdown an admin should not be able to slip through (${testDialect})`, () => {
  const hostile = [
    '<script>alert(1)</script>',
    'Hello <script>document.cookie</script> world',
    '[click](javascript:alert(1))',
    '[x]( JaVaScRiPt:alert(1) )',
    '<a href="javascript:alert(1)">x</a>',
    '<img src=x onerror="alert(1)">',
    '<iframe src="https://evil.example"></iframe>',
    '<div onclick="alert(1)" style="position:fixed">x</div>',
    '![x](https://evil.example/t.png)',
  ].join('\n\n');

  it('neutralises scripts, javascript: links and raw HTML in the preview, the published article and the booth', async () => {
    // Escaped text may spell out "onerror=" or "javascript:"; only a real tag or attribute could run.
    const expectInert = (html: string) => {
      for (const [, name, attributes] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
        expect(['p', 'h2', 'strong', 'em', 'a', 'span']).toContain(name!.toLowerCase());
        for (const [, attribute, value] of attributes!.matchAll(/\s([a-z-]+)="([^"]*)"/gi)) {
          expect(['href', 'rel', 'title']).toContain(attribute);
          if (attribute === 'href') expect(value).toMatch(/^(https?:|mailto:)/);
        }
      }
    };
    const preview = (await call('POST', '/api/admin/faq/preview', { markdown: hostile })).json<{
      html: string;
    }>();
    expectInert(preview.html);
    expect(preview.html).toContain('&lt;script&gt;');
    expect(preview.html).not.toMatch(/<(script|img|iframe|div)/i);

    const t = text('Hostile');
    const { article } = await create('hostile-markdown', null, {
      ...t,
      body: { kk: hostile, ru: hostile, en: hostile },
    });
    await call('POST', `/api/admin/faq/${article.id}/publish`);
    const published = (await ctx.app.inject('/api/faq/hostile-markdown')).json<FaqArticle>();
    for (const lang of ['kk', 'ru', 'en'] as const) {
      expectInert(published.html[lang]);
      expect(published.html[lang]).toContain('click');
    }
    // The Markdown is kept as written, for the admin to correct.
    const detail = (await call('GET', `/api/admin/faq/${article.id}`)).json<FaqAdminArticle>();
    expect(detail.live?.body.en).toBe(hostile);
  });
});

describe(`rejections (${testDialect})`, () => {
  it('refuses a taken slug, a bad slug, an unknown topic and a body too long', async () => {
    await create('taken-slug');
    expectProblem(
      await call('POST', '/api/admin/faq', { slug: 'taken-slug', categoryId: null, text: text('x') }),
      409,
      'faq-slug-taken',
    );
    for (const slug of ['Bad Slug', 'trailing-', '', 'a'.repeat(81)])
      expectProblem(
        await call('POST', '/api/admin/faq', { slug, categoryId: null, text: text('x') }),
        400,
        'validation-failed',
      );
    expectProblem(
      await call('POST', '/api/admin/faq', {
        slug: 'no-topic',
        categoryId: crypto.randomUUID(),
        text: text('x'),
      }),
      422,
      'unknown-category',
    );
    const long = text('x');
    long.body.ru = 'a'.repeat(20_001);
    expectProblem(
      await call('POST', '/api/admin/faq', { slug: 'too-long', categoryId: null, text: long }),
      400,
      'validation-failed',
    );
    expectProblem(
      await call('POST', '/api/admin/faq', { slug: 'no-text', categoryId: null }),
      400,
      'validation-failed',
    );
  });

  it('refuses to publish without a draft, or with a title or text missing in a language', async () => {
    const { article } = await create('incomplete', null, {
      title: { kk: '', ru: 'Есть', en: 'Here' },
      body: { kk: 'Мәтін', ru: '   ', en: 'Text' },
    });
    const res = await call('POST', `/api/admin/faq/${article.id}/publish`);
    expectProblem(res, 422, 'faq-text-incomplete');
    expect(res.json<{ detail: string }>().detail).toContain('title.kk, body.ru');
    expect(await publicSlugs()).not.toContain('incomplete');
    await call('PUT', `/api/admin/faq/${article.id}/draft`, text('Complete'));
    expect((await call('POST', `/api/admin/faq/${article.id}/publish`)).statusCode).toBe(200);
    expectProblem(await call('POST', `/api/admin/faq/${article.id}/publish`), 409, 'faq-draft-missing');
  });

  it('answers an unknown article with faq-article-not-found, and a malformed id with a validation problem', async () => {
    const id = crypto.randomUUID();
    expectProblem(await call('GET', `/api/admin/faq/${id}`), 404, 'faq-article-not-found');
    expectProblem(await call('PUT', `/api/admin/faq/${id}/draft`, text('x')), 404, 'faq-article-not-found');
    expectProblem(await call('POST', `/api/admin/faq/${id}/publish`), 404, 'faq-article-not-found');
    expectProblem(
      await call('PATCH', `/api/admin/faq/${id}`, { sortOrder: 1 }),
      404,
      'faq-article-not-found',
    );
    expectProblem(await call('GET', '/api/admin/faq/nope'), 400, 'validation-failed');
    const { article } = await create('settings-rejects');
    expectProblem(await call('PATCH', `/api/admin/faq/${article.id}`, {}), 400, 'validation-failed');
    expectProblem(
      await call('PATCH', `/api/admin/faq/${article.id}`, { sortOrder: -1 }),
      400,
      'validation-failed',
    );
  });

  it('lets only an admin in', async () => {
    expectProblem(await call('GET', '/api/admin/faq', undefined, ''), 401, 'not-authenticated');
    for (const role of ['operator', 'official', 'supervisor']) {
      const cookie = await loginAs(ctx.app, role);
      expectProblem(await call('GET', '/api/admin/faq', undefined, cookie), 403, 'forbidden');
      expectProblem(
        await call('POST', '/api/admin/faq/preview', { markdown: 'x' }, cookie),
        403,
        'forbidden',
      );
    }
  });
});
