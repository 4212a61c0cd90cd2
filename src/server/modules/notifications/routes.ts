// Notification routes: the admins' outbox log, and the delivery-report callback an HTTP SMS gateway calls.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../auth/guard.js';
import { notificationLog, recordDeliveryReport } from './service.js';
import { dlrGetSchema, dlrPostSchema, listNotificationsSchema, type ReportFields } from './schemas.js';

const admin = requireRole('admin');

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const rateLimit = { max: services.config.SMS_DLR_RATE_PER_MINUTE, timeWindow: '1 minute' };

  // Kannel and many aggregators post their reports as a form; scoped to this plugin's routes.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.get(
    '/api/admin/notifications',
    { schema: listNotificationsSchema, preHandler: admin },
    async (request, reply) =>
      reply.header('cache-control', 'no-store').send(await notificationLog(services, request.query)),
  );

  app.get(
    '/api/notifications/dlr/:token',
    { schema: dlrGetSchema, config: { rateLimit } },
    async (request, reply) => {
      await recordDeliveryReport(services, request.params.token, request.query);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/notifications/dlr/:token',
    { schema: dlrPostSchema, config: { rateLimit } },
    async (request, reply) => {
      const body: ReportFields = request.body ?? {};
      await recordDeliveryReport(services, request.params.token, { ...request.query, ...body });
      return reply.code(204).send(null);
    },
  );
};
