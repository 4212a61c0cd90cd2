// Public reference routes: the booth and the public site read them without logging in.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { articleBySlug, listArticles } from './service.js';
import { articleSchema, listArticlesSchema } from './schemas.js';

export const faqRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  app.get('/api/faq', { schema: listArticlesSchema }, (request) =>
    listArticles(services, request.query.category ?? null, {
      query: request.query.q ?? '',
      language: request.query.lang ?? null,
    }),
  );
  app.get('/api/faq/:slug', { schema: articleSchema }, (request) =>
    articleBySlug(services, request.params.slug),
  );
};
