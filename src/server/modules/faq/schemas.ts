// Route schemas of the reference (FAQ).
import { Type } from 'typebox';
import { FaqArticle, Id, LanguageSchema, ProblemSchema } from '../../../common/api.js';

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
