// The working-day calendar for admins: list a year, add a day off or a working day, remove one. The role is checked
// on request, before the body or the day is looked at.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, staffOf } from '../auth/guard.js';
import { addCalendarDay, calendarYear, removeCalendarDay } from './service.js';
import { addCalendarDaySchema, calendarYearSchema, removeCalendarDaySchema } from './schemas.js';

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const admin = requireRole('admin');

  app.get('/api/admin/calendar', { schema: calendarYearSchema, onRequest: admin }, (request) =>
    calendarYear(services, request.query.year),
  );

  app.post(
    '/api/admin/calendar/days',
    { schema: addCalendarDaySchema, onRequest: admin },
    async (request, reply) =>
      reply.code(201).send(await addCalendarDay(services, staffOf(request), request.body, request.ip)),
  );

  app.delete(
    '/api/admin/calendar/days/:day',
    { schema: removeCalendarDaySchema, onRequest: admin },
    async (request, reply) => {
      await removeCalendarDay(services, staffOf(request), request.params.day, request.ip);
      return reply.code(204).send();
    },
  );
};
