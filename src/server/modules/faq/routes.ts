// Reference routes: the booth and the public site read published articles without logging in; admins edit drafts,
// publish and unpublish under /api/admin/faq.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, staffOf } from '../auth/guard.js';
import { articleBySlug, listArticles } from './service.js';
import {
  adminArticle,
  changeArticleSettings,
  createArticle,
  discardDraft,
  listAdminArticles,
  previewMarkdown,
  publishArticle,
  saveArticleDraft,
  unpublishArticle,
} from './admin.js';
import {
  adminArticleSchema,
  adminCreateSchema,
  adminDiscardSchema,
  adminDraftSchema,
  adminListSchema,
  adminPreviewSchema,
  adminPublishSchema,
  adminSettingsSchema,
  adminUnpublishSchema,
  articleSchema,
  listArticlesSchema,
} from './schemas.js';

const admin = requireRole('admin');

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

  app.get('/api/admin/faq', { schema: adminListSchema, preHandler: admin }, () =>
    listAdminArticles(services),
  );
  app.post('/api/admin/faq', { schema: adminCreateSchema, preHandler: admin }, async (request, reply) =>
    reply.code(201).send(await createArticle(services, staffOf(request), request.body, request.ip)),
  );
  // Before /:id, which would otherwise take "preview" for an id and refuse it.
  app.post('/api/admin/faq/preview', { schema: adminPreviewSchema, preHandler: admin }, (request) =>
    previewMarkdown(request.body.markdown),
  );
  app.get('/api/admin/faq/:id', { schema: adminArticleSchema, preHandler: admin }, (request) =>
    adminArticle(services, request.params.id),
  );
  app.patch('/api/admin/faq/:id', { schema: adminSettingsSchema, preHandler: admin }, (request) =>
    changeArticleSettings(services, staffOf(request), request.params.id, request.body, request.ip),
  );
  app.put('/api/admin/faq/:id/draft', { schema: adminDraftSchema, preHandler: admin }, (request) =>
    saveArticleDraft(services, staffOf(request), request.params.id, request.body, request.ip),
  );
  app.delete('/api/admin/faq/:id/draft', { schema: adminDiscardSchema, preHandler: admin }, (request) =>
    discardDraft(services, staffOf(request), request.params.id, request.ip),
  );
  app.post('/api/admin/faq/:id/publish', { schema: adminPublishSchema, preHandler: admin }, (request) =>
    publishArticle(services, staffOf(request), request.params.id, request.ip),
  );
  app.post('/api/admin/faq/:id/unpublish', { schema: adminUnpublishSchema, preHandler: admin }, (request) =>
    unpublishArticle(services, staffOf(request), request.params.id, request.ip),
  );
};
