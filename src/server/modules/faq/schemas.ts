// Route schemas of the reference (FAQ).
import { Type } from 'typebox';
import { FaqArticle, Id, LanguageSchema, ProblemSchema } from '../../../common/api.js';
import {
  FaqAdminArticle,
  FaqAdminItem,
  FaqCreateBody,
  FaqPreview,
  FaqPreviewBody,
  FaqSettingsBody,
  FaqText,
} from '../../../common/admin.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

export const listArticlesSchema = {
  tags: ['faq'],
  summary: 'Published reference articles in reading order, optionally of one topic or matching a search',
  description:
    "Each article's Markdown is rendered and sanitised on the server: `html` is safe to show as it is.",
  querystring: Type.Object({
    category: Type.Optional(Id),
    /** Words to find in the title or text; every word must appear (case and ё/е aside). */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    /** Search this language only (default: all three). */
    lang: Type.Optional(LanguageSchema),
  }),
  response: { 200: Type.Array(FaqArticle), ...problems(400) },
};

export const articleSchema = {
  tags: ['faq'],
  summary: 'One published reference article',
  params: Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN, maxLength: 80 }) }),
  response: { 200: FaqArticle, ...problems(400, 404) },
};

// Administration (admins only)

const IdParams = Type.Object({ id: Id });

export const adminListSchema = {
  tags: ['admin'],
  summary: 'Every reference article, published or not, with whether it has a draft',
  response: { 200: Type.Array(FaqAdminItem), ...problems(401, 403) },
};

export const adminArticleSchema = {
  tags: ['admin'],
  summary: 'A reference article: its live text, its draft and its published versions (newest first)',
  params: IdParams,
  response: { 200: FaqAdminArticle, ...problems(400, 401, 403, 404) },
};

export const adminCreateSchema = {
  tags: ['admin'],
  summary: 'A new reference article: unpublished, its text a draft',
  body: FaqCreateBody,
  response: { 201: FaqAdminArticle, ...problems(400, 401, 403, 409, 422) },
};

export const adminDraftSchema = {
  tags: ['admin'],
  summary: "Saves the article's draft; the published text stays live until the draft is published",
  params: IdParams,
  body: FaqText,
  response: { 200: FaqAdminArticle, ...problems(400, 401, 403, 404) },
};

export const adminDiscardSchema = {
  tags: ['admin'],
  summary: "Throws the article's draft away",
  params: IdParams,
  response: { 200: FaqAdminArticle, ...problems(400, 401, 403, 404, 409) },
};

export const adminPublishSchema = {
  tags: ['admin'],
  summary: 'Publishes the draft as the next version: the booth and the public site show it at once',
  description: 'Every title and text must be written in all three languages (422 faq-text-incomplete).',
  params: IdParams,
  response: { 200: FaqAdminArticle, ...problems(400, 401, 403, 404, 409, 422) },
};

export const adminUnpublishSchema = {
  tags: ['admin'],
  summary: 'Takes the article off the booth and the public site (its text and history stay)',
  params: IdParams,
  response: { 200: FaqAdminArticle, ...problems(400, 401, 403, 404, 409) },
};

export const adminSettingsSchema = {
  tags: ['admin'],
  summary: "The article's topic and place in the reading order (they apply at once)",
  params: IdParams,
  body: FaqSettingsBody,
  response: { 200: FaqAdminArticle, ...problems(400, 401, 403, 404, 422) },
};

export const adminPreviewSchema = {
  tags: ['admin'],
  summary: 'Markdown rendered and sanitised exactly as the booth and the public site will show it',
  body: FaqPreviewBody,
  response: { 200: FaqPreview, ...problems(400, 401, 403) },
};
