// The reference for admins: an article's text is edited as a draft while its published text stays live; publishing
// makes the draft the live text and the article's next numbered version. The booth and the public site read only
// faq_articles (published = 1), so a draft never shows there. Every change is audited.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  FaqAdminArticle,
  FaqAdminItem,
  FaqCreateBody,
  FaqSettingsBody,
  FaqText,
} from '../../../common/admin.js';
import { LANGUAGES } from '../../../common/statuses.js';
import type { DB, StaffUser } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { recordAudit } from '../audit/repository.js';
import {
  deleteDraft,
  findArticle,
  findArticleBySlug,
  findDraft,
  insertArticle,
  insertVersion,
  listAllArticles,
  listVersions,
  saveDraft,
  updateArticle,
} from './repository.js';
import { renderMarkdown } from './markdown.js';

type Row = Record<`${'title' | 'body'}_${'kk' | 'ru' | 'en'}`, string>;

function textOf(row: Row): FaqText {
  return {
    title: { kk: row.title_kk, ru: row.title_ru, en: row.title_en },
    body: { kk: row.body_kk, ru: row.body_ru, en: row.body_en },
  };
}

function columnsOf(text: FaqText): Row {
  return {
    title_kk: text.title.kk.trim(),
    title_ru: text.title.ru.trim(),
    title_en: text.title.en.trim(),
    body_kk: text.body.kk,
    body_ru: text.body.ru,
    body_en: text.body.en,
  };
}

type ListRow = Awaited<ReturnType<typeof listAllArticles>>[number];

function itemOf(row: ListRow): FaqAdminItem {
  const draft = row.draft_updated_at !== null;
  return {
    id: row.id,
    slug: row.slug,
    categoryId: row.category_id,
    sortOrder: Number(row.sort_order),
    published: row.published === 1,
    version: row.version === null ? null : Number(row.version),
    publishedAt: row.published === 1 ? row.updated_at : null,
    hasDraft: draft,
    draftUpdatedAt: row.draft_updated_at,
    title: draft
      ? { kk: row.draft_title_kk ?? '', ru: row.draft_title_ru ?? '', en: row.draft_title_en ?? '' }
      : { kk: row.title_kk, ru: row.title_ru, en: row.title_en },
  };
}

export async function listAdminArticles(services: Services): Promise<FaqAdminItem[]> {
  return (await listAllArticles(services.db)).map(itemOf);
}

export async function adminArticle(services: Services, id: string): Promise<FaqAdminArticle> {
  const { db } = services;
  const item = (await listAllArticles(db)).find((row) => row.id === id);
  const article = await findArticle(db, id);
  if (!item || !article) throw new Problem('faq-article-not-found');
  const draft = await findDraft(db, id);
  const versions = await listVersions(db, id);
  return {
    article: itemOf(item),
    live: article.published === 1 ? textOf(article) : null,
    draft: draft ? textOf(draft) : null,
    versions: versions.map((v) => ({
      version: Number(v.version),
      publishedAt: v.published_at,
      publishedBy: v.published_by,
      text: textOf(v),
    })),
  };
}

async function checkCategory(
  db: Services['db'] | Transaction<DB>,
  categoryId: string | null | undefined,
): Promise<void> {
  if (!categoryId) return;
  const found = await db
    .selectFrom('categories')
    .select('id')
    .where('id', '=', categoryId)
    .executeTakeFirst();
  if (!found) throw new Problem('unknown-category');
}

function audit(services: Services, actor: StaffUser, action: string, id: string, ip: string, detail = {}) {
  return {
    actorUserId: actor.id,
    actorKind: 'staff' as const,
    action,
    subjectType: 'faq_article',
    subjectId: id,
    ip,
    detail,
  };
}

/** A new article: unpublished, its text a draft. */
export async function createArticle(
  services: Services,
  actor: StaffUser,
  body: FaqCreateBody,
  ip: string,
): Promise<FaqAdminArticle> {
  const { db, clock } = services;
  if (await findArticleBySlug(db, body.slug)) throw new Problem('faq-slug-taken');
  await checkCategory(services.db, body.categoryId);
  const id = crypto.randomUUID();
  const now = clock.now().toISOString();
  const last = await db
    .selectFrom('faq_articles')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .executeTakeFirst();
  const sortOrder = body.sortOrder ?? Number(last?.m ?? 0) + 10;
  await db.transaction().execute(async (trx) => {
    // The live text stays empty until the first publication.
    await insertArticle(trx, {
      id,
      slug: body.slug,
      category_id: body.categoryId,
      sort_order: sortOrder,
      published: 0,
      updated_at: now,
      title_kk: '',
      title_ru: '',
      title_en: '',
      body_kk: '',
      body_ru: '',
      body_en: '',
    });
    await saveDraft(trx, {
      article_id: id,
      ...columnsOf(body.text),
      updated_at: now,
      updated_by_user_id: actor.id,
    });
    await recordAudit(
      trx,
      clock,
      audit(services, actor, 'faq.created', id, ip, { slug: body.slug, categoryId: body.categoryId }),
    );
  });
  return adminArticle(services, id);
}

async function existing(services: Services, id: string) {
  const article = await findArticle(services.db, id);
  if (!article) throw new Problem('faq-article-not-found');
  return article;
}

type Article = Awaited<ReturnType<typeof existing>>;

/**
 * One change to an existing article: `change` and the audit row `action` (with the detail `change` returns) commit
 * together, and the admin's view of the article comes back.
 */
async function changeArticle(
  services: Services,
  actor: StaffUser,
  id: string,
  ip: string,
  action: string,
  change: (trx: Transaction<DB>, article: Article) => Promise<Record<string, unknown> | void>,
): Promise<FaqAdminArticle> {
  const { db, clock } = services;
  const article = await existing(services, id);
  await db.transaction().execute(async (trx) => {
    const detail = await change(trx, article);
    await recordAudit(trx, clock, audit(services, actor, action, id, ip, detail ?? {}));
  });
  return adminArticle(services, id);
}

export async function saveArticleDraft(
  services: Services,
  actor: StaffUser,
  id: string,
  text: FaqText,
  ip: string,
): Promise<FaqAdminArticle> {
  return changeArticle(services, actor, id, ip, 'faq.draft_saved', (trx) =>
    saveDraft(trx, {
      article_id: id,
      ...columnsOf(text),
      updated_at: services.clock.now().toISOString(),
      updated_by_user_id: actor.id,
    }),
  );
}

export async function discardDraft(
  services: Services,
  actor: StaffUser,
  id: string,
  ip: string,
): Promise<FaqAdminArticle> {
  return changeArticle(services, actor, id, ip, 'faq.draft_discarded', async (trx) => {
    if (!(await deleteDraft(trx, id))) throw new Problem('faq-draft-missing');
  });
}

/** The draft becomes the live text and the next version; every title and text must be there in all three languages. */
export async function publishArticle(
  services: Services,
  actor: StaffUser,
  id: string,
  ip: string,
): Promise<FaqAdminArticle> {
  return changeArticle(services, actor, id, ip, 'faq.published', async (trx, article) => {
    const draft = await findDraft(trx, id);
    if (!draft) throw new Problem('faq-draft-missing');
    const missing = LANGUAGES.flatMap((l) => [
      ...(draft[`title_${l}`].trim() === '' ? [`title.${l}`] : []),
      ...(draft[`body_${l}`].trim() === '' ? [`body.${l}`] : []),
    ]);
    if (missing.length > 0)
      throw new Problem('faq-text-incomplete', `Missing before publishing: ${missing.join(', ')}.`);
    const now = services.clock.now().toISOString();
    const text = columnsOf(textOf(draft));
    const versions = await listVersions(trx, id);
    let version = Number(versions[0]?.version ?? 0);
    // Published before versions were kept (the demo seed): its live text becomes version 1 first.
    if (version === 0 && article.published === 1) {
      version = 1;
      await insertVersion(trx, {
        id: crypto.randomUUID(),
        article_id: id,
        version,
        ...columnsOf(textOf(article)),
        published_at: article.updated_at,
        published_by_user_id: null,
      });
    }
    version += 1;
    await insertVersion(trx, {
      id: crypto.randomUUID(),
      article_id: id,
      version,
      ...text,
      published_at: now,
      published_by_user_id: actor.id,
    });
    await updateArticle(trx, id, { ...text, published: 1, updated_at: now });
    await deleteDraft(trx, id);
    return { version };
  });
}

/** Takes the article off the booth and the public site; its text and history stay, to publish again. */
export async function unpublishArticle(
  services: Services,
  actor: StaffUser,
  id: string,
  ip: string,
): Promise<FaqAdminArticle> {
  return changeArticle(services, actor, id, ip, 'faq.unpublished', async (trx, article) => {
    if (article.published !== 1) throw new Problem('faq-not-published');
    await updateArticle(trx, id, { published: 0 });
  });
}

/** The topic and the place in the reading order: they apply at once, draft or not. */
export async function changeArticleSettings(
  services: Services,
  actor: StaffUser,
  id: string,
  body: FaqSettingsBody,
  ip: string,
): Promise<FaqAdminArticle> {
  return changeArticle(services, actor, id, ip, 'faq.settings_changed', async (trx, article) => {
    await checkCategory(trx, body.categoryId);
    await updateArticle(trx, id, {
      ...(body.categoryId !== undefined ? { category_id: body.categoryId } : {}),
      ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
    });
    return { before: { categoryId: article.category_id, sortOrder: article.sort_order }, after: body };
  });
}

/** The preview: exactly what the booth will show, through the same sanitising renderer. */
export function previewMarkdown(markdown: string): { html: string } {
  return { html: renderMarkdown(markdown) };
}
