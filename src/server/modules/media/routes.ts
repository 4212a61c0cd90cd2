// Media administration routes (admin only).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, staffOf } from '../auth/guard.js';
import { reprocessMedia } from './service.js';
import { reprocessMediaSchema } from './schemas.js';

const admin = requireRole('admin');

export const mediaAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  app.post(
    '/api/admin/media/:id/reprocess',
    { schema: reprocessMediaSchema, preHandler: admin },
    async (request, reply) =>
      reply.code(202).send(await reprocessMedia(services, staffOf(request), request.params.id, request.ip)),
  );
};
