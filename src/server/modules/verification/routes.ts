// Phone confirmation routes: no log-in; throttled per IP here and per phone number in the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { confirmVerification, resendVerification, startVerification } from './service.js';
import { confirmSchema, resendSchema, startSchema } from './schemas.js';

/** A public service centre's booths may share one address: enough for them, too few to spray SMS. */
const SEND_RATE = { max: 10, timeWindow: '1 minute' };
const CONFIRM_RATE = { max: 30, timeWindow: '1 minute' };

export const verificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  app.post(
    '/api/phone-verifications',
    { schema: startSchema, config: { rateLimit: SEND_RATE } },
    async (request, reply) =>
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await startVerification(services, request.body, request.ip)),
  );

  app.post(
    '/api/phone-verifications/:id/resend',
    { schema: resendSchema, config: { rateLimit: SEND_RATE } },
    async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send(await resendVerification(services, request.params.id, request.ip)),
  );

  app.post(
    '/api/phone-verifications/:id/confirm',
    { schema: confirmSchema, config: { rateLimit: CONFIRM_RATE } },
    async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send(await confirmVerification(services, request.params.id, request.body.code, request.ip)),
  );
};
