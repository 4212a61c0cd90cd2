// Kiosk routes: pairing (no log-in), the booth's own routes (bearer credential), and the admin's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, staffOf } from '../auth/guard.js';
import { requireKiosk } from './guard.js';
import {
  editKiosk,
  heartbeat,
  kioskInfo,
  listKiosks,
  pairKiosk,
  pairingState,
  revokeKiosk,
  startPairing,
} from './service.js';
import {
  editKioskSchema,
  heartbeatSchema,
  listKiosksSchema,
  kioskMeSchema,
  pairKioskSchema,
  pairingStateSchema,
  revokeKioskSchema,
  startPairingSchema,
} from './schemas.js';

const admin = requireRole('admin');

export const kioskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  app.post(
    '/api/kiosk/pairings',
    { schema: startPairingSchema, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) =>
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await startPairing(services, request.ip)),
  );

  app.get(
    '/api/kiosk/pairings/:id',
    // A booth polls every few seconds while it waits for the admin.
    { schema: pairingStateSchema, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send(await pairingState(services, request.params.id, request.headers['x-pairing-secret'])),
  );

  app.get('/api/kiosk/me', { schema: kioskMeSchema }, async (request, reply) =>
    reply.header('cache-control', 'no-store').send(kioskInfo(await requireKiosk(services, request))),
  );

  app.post(
    '/api/kiosk/heartbeat',
    { schema: heartbeatSchema, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const kiosk = await requireKiosk(services, request);
      await heartbeat(services, kiosk, request.body, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.get('/api/admin/kiosks', { schema: listKiosksSchema, preHandler: admin }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await listKiosks(services)),
  );

  app.patch('/api/admin/kiosks/:id', { schema: editKioskSchema, preHandler: admin }, (request) =>
    editKiosk(services, staffOf(request), request.params.id, request.body, request.ip),
  );

  app.post('/api/admin/kiosks', { schema: pairKioskSchema, preHandler: admin }, async (request, reply) =>
    reply.code(201).send(await pairKiosk(services, staffOf(request), request.body, request.ip)),
  );

  app.post(
    '/api/admin/kiosks/:id/revoke',
    { schema: revokeKioskSchema, preHandler: admin },
    async (request, reply) => {
      await revokeKiosk(services, staffOf(request), request.params.id, request.ip);
      return reply.code(204).send(null);
    },
  );
};
