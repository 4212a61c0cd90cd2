// Appeal routes: the booth submits, the office reads and answers (the public look-up is in modules/public, the
// office's list in modules/inbox).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem } from '../../errors.js';
import { sendRanged, videoContentType } from '../../media/serve.js';
import { recordAudit } from '../audit/repository.js';
import { requireRole, staffOf } from '../auth/guard.js';
import { requestOwner } from '../uploads/owner.js';
import { createReservation } from './reservations.js';
import { appealDetail, appealMediaKey, submitAppeal } from './service.js';
import { detailSchema, mediaSchema, reservationSchema, submitSchema } from './schemas.js';

const readers = requireRole('operator', 'official', 'supervisor');

export const appealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  app.post(
    '/api/appeals',
    { schema: submitSchema, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const who = await requestOwner(services, request);
      const receipt = await submitAppeal(services, request.body, request.ip, who);
      return reply.code(201).header('cache-control', 'no-store').send(receipt);
    },
  );

  app.post(
    '/api/appeals/reservations',
    { schema: reservationSchema, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      // A request without a credential is a browser: it is given the uploader cookie that will own the reservation.
      const who = await requestOwner(services, request, reply);
      if (!who) throw new Problem('internal', 'no owner for a request that may set the uploader cookie');
      const reservation = await createReservation(services, request.body, who, request.ip);
      return reply.code(201).header('cache-control', 'no-store').send(reservation);
    },
  );

  app.get('/api/office/appeals/:id', { schema: detailSchema, preHandler: readers }, (request) =>
    appealDetail(services, staffOf(request), request.params.id, request.ip),
  );

  app.get(
    '/api/office/appeals/:id/poster',
    { schema: mediaSchema('The recording’s poster frame'), preHandler: readers },
    async (request, reply) => {
      const { key } = await appealMediaKey(services, staffOf(request), request.params.id, 'poster');
      return reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'private, max-age=300')
        .send(await services.storage.get(key));
    },
  );

  app.get(
    '/api/office/appeals/:id/video',
    { schema: mediaSchema('The recording, range-streamed'), preHandler: readers },
    async (request, reply) => {
      const user = staffOf(request);
      const { key, appealId } = await appealMediaKey(services, user, request.params.id, 'playback');
      return sendRanged(request, reply, services.storage, key, {
        contentType: videoContentType(key),
        onViewStart: () =>
          recordAudit(services.db, services.clock, {
            actorUserId: user.id,
            actorKind: 'staff',
            action: 'appeal.video_viewed',
            subjectType: 'appeal',
            subjectId: appealId,
            ip: request.ip,
          }),
      });
    },
  );
};
