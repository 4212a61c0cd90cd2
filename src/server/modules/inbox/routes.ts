// Inbox routes: the office's list of appeals with views, search, counts and saved views (rules in service.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, staffOf } from '../auth/guard.js';
import { inboxCounts, inboxFilterOptions, inboxPage, removeView, saveView, savedViews } from './service.js';
import {
  countsSchema,
  createViewSchema,
  deleteViewSchema,
  filterOptionsSchema,
  listSchema,
  listViewsSchema,
} from './schemas.js';

const readers = requireRole('operator', 'official', 'supervisor');

export const inboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  app.get('/api/office/appeals', { schema: listSchema, preHandler: readers }, async (request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .send(await inboxPage(services, staffOf(request), request.query)),
  );

  app.get('/api/office/inbox/counts', { schema: countsSchema, preHandler: readers }, async (request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .send(await inboxCounts(services, staffOf(request), request.query)),
  );

  app.get('/api/office/inbox/filters', { schema: filterOptionsSchema, preHandler: readers }, () =>
    inboxFilterOptions(services),
  );

  app.get('/api/office/inbox/views', { schema: listViewsSchema, preHandler: readers }, (request) =>
    savedViews(services, staffOf(request)),
  );

  app.post(
    '/api/office/inbox/views',
    { schema: createViewSchema, preHandler: readers },
    async (request, reply) =>
      reply.code(201).send(await saveView(services, staffOf(request), request.body, request.ip)),
  );

  app.delete(
    '/api/office/inbox/views/:id',
    { schema: deleteViewSchema, preHandler: readers },
    async (request, reply) => {
      await removeView(services, staffOf(request), request.params.id, request.ip);
      return reply.code(204).send(null);
    },
  );
};
