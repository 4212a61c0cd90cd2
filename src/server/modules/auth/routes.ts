// Staff log-in and log-out, the user's own account (password, second factor), users for admins, and delegations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem } from '../../errors.js';
import { requireRole, requireSession, staffOf } from './guard.js';
import { createDelegation, finishDelegation, listDelegations } from './delegations.js';
import {
  SESSION_COOKIE,
  beginTotp,
  changePassword,
  confirmTotp,
  disableTotp,
  login,
  logout,
  logoutEverywhere,
  resetPassword,
  toMe,
} from './service.js';
import {
  createDelegationSchema,
  delegationsSchema,
  endDelegationSchema,
  loginSchema,
  logoutEverywhereSchema,
  logoutSchema,
  meSchema,
  passwordSchema,
  resetPasswordSchema,
  totpConfirmSchema,
  totpDisableSchema,
  totpSetupSchema,
} from './schemas.js';

// The users' list, invitations, roles and (de)activation are in users.ts.

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const rateLimit = { max: services.config.LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' };
  const self = requireSession();
  const admin = requireRole('admin');

  app.post('/api/auth/login', { schema: loginSchema, config: { rateLimit } }, async (request, reply) => {
    const { user, token, expiresAt } = await login(services, request.body, request.ip);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: services.config.COOKIE_SECURE,
      expires: expiresAt,
    });
    return toMe(services, user);
  });

  app.post('/api/auth/logout', { schema: logoutSchema }, async (request, reply) => {
    await logout(services, request.cookies[SESSION_COOKIE], request.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post(
    '/api/auth/logout-everywhere',
    { schema: logoutEverywhereSchema, preHandler: self },
    async (request, reply) => {
      await logoutEverywhere(services, staffOf(request), request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get('/api/auth/me', { schema: meSchema, preHandler: self }, (request) =>
    toMe(services, staffOf(request)),
  );

  app.post(
    '/api/auth/password',
    { schema: passwordSchema, preHandler: self, config: { rateLimit } },
    async (request) =>
      toMe(
        services,
        await changePassword(
          services,
          staffOf(request),
          request.cookies[SESSION_COOKIE],
          request.body,
          request.ip,
        ),
      ),
  );

  app.post('/api/auth/totp/setup', { schema: totpSetupSchema, preHandler: self }, (request) =>
    beginTotp(services, staffOf(request)),
  );

  app.post(
    '/api/auth/totp/confirm',
    { schema: totpConfirmSchema, preHandler: self, config: { rateLimit } },
    (request) => confirmTotp(services, staffOf(request), request.body.code, request.ip),
  );

  app.post(
    '/api/auth/totp/disable',
    { schema: totpDisableSchema, preHandler: self, config: { rateLimit } },
    async (request, reply) => {
      await disableTotp(services, staffOf(request), request.body.password, request.ip);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/admin/users/:id/reset-password',
    { schema: resetPasswordSchema, preHandler: admin },
    async (request, reply) => {
      const actor = staffOf(request);
      if (actor.id === request.params.id)
        throw new Problem('forbidden', 'Change your own password on your account page.');
      const { temporaryPassword } = await resetPassword(
        services,
        actor,
        request.params.id,
        { resetTotp: request.body?.resetTotp === true },
        request.ip,
      );
      return reply.header('cache-control', 'no-store').send({ temporaryPassword });
    },
  );

  app.get('/api/office/delegations', { schema: delegationsSchema, preHandler: requireRole() }, (request) =>
    listDelegations(services, staffOf(request)),
  );

  app.post(
    '/api/office/delegations',
    { schema: createDelegationSchema, preHandler: requireRole('official') },
    async (request, reply) =>
      reply.code(201).send(await createDelegation(services, staffOf(request), request.body, request.ip)),
  );

  app.post(
    '/api/office/delegations/:id/end',
    { schema: endDelegationSchema, preHandler: requireRole('official', 'admin') },
    (request) => finishDelegation(services, staffOf(request), request.params.id, request.ip),
  );
};
