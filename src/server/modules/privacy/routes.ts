// Administration › Privacy: a citizen's data on a lawful request, and legal holds (admins only).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, staffOf } from '../auth/guard.js';
import { changeLegalHold, eraseCitizen, exportCitizen, searchCitizen } from './service.js';
import {
  holdSchema,
  privacyEraseSchema,
  privacyExportSchema,
  privacySearchSchema,
  releaseHoldSchema,
} from './schemas.js';

const admin = requireRole('admin');

export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  app.post(
    '/api/admin/privacy/search',
    { schema: privacySearchSchema, preHandler: admin },
    async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send(await searchCitizen(services, staffOf(request), request.body, request.ip)),
  );

  app.post(
    '/api/admin/privacy/export',
    { schema: privacyExportSchema, preHandler: admin },
    async (request, reply) => {
      const file = await exportCitizen(services, staffOf(request), request.body, request.ip);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(file.zip);
    },
  );

  app.post('/api/admin/privacy/erase', { schema: privacyEraseSchema, preHandler: admin }, async (request) =>
    eraseCitizen(services, staffOf(request), request.body, request.ip),
  );

  app.post(
    '/api/admin/privacy/appeals/:id/hold',
    { schema: holdSchema, preHandler: admin },
    async (request, reply) => {
      await changeLegalHold(services, staffOf(request), request.params.id, true, request.body, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/admin/privacy/appeals/:id/release',
    { schema: releaseHoldSchema, preHandler: admin },
    async (request, reply) => {
      await changeLegalHold(services, staffOf(request), request.params.id, false, request.body, request.ip);
      return reply.code(204).send(null);
    },
  );
};
