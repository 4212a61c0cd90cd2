// The supervisor's overdue view and each staff member's notification preferences. Roles are checked on request,
// before the query or body is looked at.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, staffOf } from '../auth/guard.js';
import { deadlinesView, notificationPrefs, setNotificationPrefs } from './service.js';
import { deadlinesSchema, prefsSchema, setPrefsSchema } from './schemas.js';

export const deadlineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const anyStaff = requireRole();

  app.get(
    '/api/office/deadlines',
    { schema: deadlinesSchema, onRequest: requireRole('operator', 'supervisor', 'official') },
    (request) => deadlinesView(services, staffOf(request), request.query),
  );

  app.get('/api/office/notification-prefs', { schema: prefsSchema, onRequest: anyStaff }, (request) =>
    notificationPrefs(services, staffOf(request)),
  );

  app.put('/api/office/notification-prefs', { schema: setPrefsSchema, onRequest: anyStaff }, (request) =>
    setNotificationPrefs(services, staffOf(request), request.body, request.ip),
  );
};
