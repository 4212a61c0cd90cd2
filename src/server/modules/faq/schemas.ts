// Route schemas of the reference (FAQ).
import { Type } from 'typebox';
import { FaqArticle, Id, ProblemSchema } from '../../../common/api.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

export const listArticlesSchema = {
  tags: ['faq'],
  summary: 'Published reference articles in reading order, optionally of one topic',
  description:
    "Each article's Markdown is rendered and sanitised on the server: `html` is safe to show as it is.",
  querystring: Type.Object({ category: Type.Optional(Id) }),
  response: { 200: Type.Array(FaqArticle), ...problems(400) },
};

export const articleSchema = {
  tags: ['faq'],
  summary: 'One published reference article',
  params: Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN, maxLength: 80 }) }),
  response: { 200: FaqArticle, ...problems(400, 404) },
};
