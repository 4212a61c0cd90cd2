// The supervisor's dashboard (/office/oversight): figures, drill-down lists and exports. Supervisors only: the
// figures run over every appeal, and an official's own figures are on their inbox and deadlines pages.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestLanguage } from '../../i18n.js';
import { requireRole, staffOf } from '../auth/guard.js';
import { exportTable } from './export.js';
import { appealsSchema, dashboardSchema, exportSchema } from './schemas.js';
import { appealsBehind, dashboard } from './service.js';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const oversightRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const onRequest = requireRole('supervisor');

  app.get('/api/office/oversight', { schema: dashboardSchema, onRequest }, (request) =>
    dashboard(services, request.query),
  );

  app.get('/api/office/oversight/appeals', { schema: appealsSchema, onRequest }, (request) =>
    appealsBehind(services, request.query),
  );

  app.get('/api/office/oversight/export', { schema: exportSchema, onRequest }, async (request, reply) => {
    const { query } = request;
    const lang = query.lang ?? requestLanguage(request);
    const file = await exportTable(services, staffOf(request), query, lang, request.ip);
    const name = `oversight-${query.table}-${query.from}-${query.to}.${query.format}`;
    return reply
      .header('content-type', CONTENT_TYPES[query.format])
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .send(file);
  });
};
