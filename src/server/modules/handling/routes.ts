// Work on an appeal in the office: route, redirect, extend, moderate; and what the appeal page reads about it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, staffOf } from '../auth/guard.js';
import {
  deadlineHistory,
  extendDeadline,
  handlingView,
  markDuplicate,
  redactText,
  redirectAppeal,
  rejectAppeal,
  routeAppeal,
  routingTargets,
  withdrawForCitizen,
} from './service.js';
import {
  deadlineHistorySchema,
  duplicateSchema,
  extendSchema,
  handlingSchema,
  redactSchema,
  redirectSchema,
  rejectSchema,
  routeSchema,
  routingTargetsSchema,
  withdrawSchema,
} from './schemas.js';

const readers = requireRole('operator', 'official', 'supervisor');
// Supervisors read but change nothing; the row rules (an official's own appeals) are checked in the service.
const routers = requireRole('operator', 'official');
const officials = requireRole('official');
const operators = requireRole('operator');

export const handlingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const base = '/api/office/appeals/:id';

  app.get(`${base}/handling`, { schema: handlingSchema, preHandler: readers }, (request) =>
    handlingView(services, staffOf(request), request.params.id),
  );
  app.get(`${base}/deadline-history`, { schema: deadlineHistorySchema, preHandler: readers }, (request) =>
    deadlineHistory(services, staffOf(request), request.params.id),
  );
  app.get('/api/office/routing-targets', { schema: routingTargetsSchema, preHandler: readers }, () =>
    routingTargets(services),
  );

  app.post(`${base}/route`, { schema: routeSchema, preHandler: routers }, (request) =>
    routeAppeal(services, staffOf(request), request.params.id, request.body, request.ip),
  );
  app.post(`${base}/redirect`, { schema: redirectSchema, preHandler: routers }, (request) =>
    redirectAppeal(services, staffOf(request), request.params.id, request.body, request.ip),
  );
  app.post(`${base}/extend`, { schema: extendSchema, preHandler: officials }, (request) =>
    extendDeadline(services, staffOf(request), request.params.id, request.body, request.ip),
  );
  app.post(`${base}/reject`, { schema: rejectSchema, preHandler: operators }, (request) =>
    rejectAppeal(services, staffOf(request), request.params.id, request.body, request.ip),
  );
  app.post(`${base}/duplicate`, { schema: duplicateSchema, preHandler: operators }, (request) =>
    markDuplicate(services, staffOf(request), request.params.id, request.body, request.ip),
  );
  app.post(`${base}/redact`, { schema: redactSchema, preHandler: operators }, (request) =>
    redactText(services, staffOf(request), request.params.id, request.body, request.ip),
  );
  app.post(`${base}/withdraw`, { schema: withdrawSchema, preHandler: operators }, (request) =>
    withdrawForCitizen(services, staffOf(request), request.params.id, request.body, request.ip),
  );
};
