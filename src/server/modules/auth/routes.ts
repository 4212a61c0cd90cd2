// Staff log-in, log-out and "who am I".
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, staffOf } from './guard.js';
import { SESSION_COOKIE, login, logout, toMe } from './service.js';
import { loginSchema, logoutSchema, meSchema } from './schemas.js';
import { recordAudit } from '../audit/repository.js';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const rateLimit = { max: services.config.LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' };

  app.post('/api/auth/login', { schema: loginSchema, config: { rateLimit } }, async (request, reply) => {
    const { user, token, expiresAt } = await login(services, request.body.username, request.body.password);
    await recordAudit(services.db, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'login',
      subjectType: 'staff_user',
      subjectId: user.id,
      ip: request.ip,
    });
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: services.config.COOKIE_SECURE,
      expires: expiresAt,
    });
    return toMe(user);
  });

  app.post('/api/auth/logout', { schema: logoutSchema }, async (request, reply) => {
    await logout(services, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { schema: meSchema, preHandler: requireRole() }, (request) =>
    toMe(staffOf(request)),
  );
};
