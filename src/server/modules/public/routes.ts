// Public routes: the status look-up (access code or SMS code) and what its token opens — the answer's video and
// documents, rating, dispute and withdrawal. Throttled per address here, per number in the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PublicLookup } from '../../../common/public.js';
import { sendRanged, videoContentType } from '../../media/serve.js';
import { recordAudit } from '../audit/repository.js';
import {
  answerDocument,
  answerMediaKey,
  appealView,
  disputeAnswer,
  lookupByCode,
  lookupBySms,
  rateAnswer,
  requestSmsCode,
  withdrawAppeal,
} from './service.js';
import {
  answerMediaSchema,
  disputeSchema,
  documentSchema,
  lookupSchema,
  rateSchema,
  smsCodeSchema,
  smsLookupSchema,
  viewSchema,
  withdrawSchema,
} from './schemas.js';

export const LOOKUP_COOKIE = 'dialog_lookup';
const COOKIE_PATH = '/api/public';

/** The look-up token: a bearer header (API clients) or the cookie the look-up set (the browser's player, links). */
function lookupToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return request.cookies[LOOKUP_COOKIE];
}

export const publicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const lookupRate = { rateLimit: { max: services.config.LOOKUP_RATE_PER_MINUTE, timeWindow: '1 minute' } };
  /** Reading what the token opens: a page, its video's ranges and documents. Generous, but not unlimited. */
  const readRate = {
    rateLimit: { max: services.config.PUBLIC_READ_RATE_PER_MINUTE, timeWindow: '1 minute' },
  };
  const writeRate = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  const withCookie = (reply: FastifyReply, result: PublicLookup) =>
    reply
      .header('cache-control', 'no-store')
      .setCookie(LOOKUP_COOKIE, result.token, {
        path: COOKIE_PATH,
        httpOnly: true,
        sameSite: 'strict',
        secure: services.config.COOKIE_SECURE,
        expires: new Date(result.tokenExpiresAt),
      })
      .send(result);

  app.post('/api/public/lookup', { schema: lookupSchema, config: lookupRate }, async (request, reply) =>
    withCookie(reply, await lookupByCode(services, request.body, request.ip)),
  );

  app.post('/api/public/sms-codes', { schema: smsCodeSchema, config: lookupRate }, async (request, reply) =>
    reply
      .code(202)
      .header('cache-control', 'no-store')
      .send(await requestSmsCode(services, request.body, request.ip)),
  );

  app.post(
    '/api/public/sms-lookup',
    { schema: smsLookupSchema, config: lookupRate },
    async (request, reply) => withCookie(reply, await lookupBySms(services, request.body, request.ip)),
  );

  app.get('/api/public/appeals/:number', { schema: viewSchema, config: readRate }, async (request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .send(await appealView(services, request.params.number, lookupToken(request))),
  );

  app.post('/api/public/appeals/:number/rating', { schema: rateSchema, config: writeRate }, (request) =>
    rateAnswer(services, request.params.number, lookupToken(request), request.body, request.ip),
  );

  app.post('/api/public/appeals/:number/dispute', { schema: disputeSchema, config: writeRate }, (request) =>
    disputeAnswer(services, request.params.number, lookupToken(request), request.body, request.ip),
  );

  app.post(
    '/api/public/appeals/:number/withdrawal',
    { schema: withdrawSchema, config: writeRate },
    (request) =>
      withdrawAppeal(services, request.params.number, lookupToken(request), request.body, request.ip),
  );

  app.get(
    '/api/public/appeals/:number/answer-video',
    { schema: answerMediaSchema('The official’s video answer, range-streamed'), config: readRate },
    async (request, reply) => {
      const { key, appealId } = await answerMediaKey(
        services,
        request.params.number,
        lookupToken(request),
        'playback',
      );
      return sendRanged(request, reply, services.storage, key, {
        contentType: videoContentType(key),
        onViewStart: () =>
          recordAudit(services.db, services.clock, {
            actorUserId: null,
            actorKind: 'citizen',
            action: 'appeal.answer_video_viewed',
            subjectType: 'appeal',
            subjectId: appealId,
            ip: request.ip,
          }),
      });
    },
  );

  app.get(
    '/api/public/appeals/:number/answer-poster',
    { schema: answerMediaSchema('The video answer’s poster frame'), config: readRate },
    async (request, reply) => {
      const { key } = await answerMediaKey(services, request.params.number, lookupToken(request), 'poster');
      return reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'private, no-store')
        .send(await services.storage.get(key));
    },
  );

  app.get(
    '/api/public/appeals/:number/documents/:documentId',
    { schema: documentSchema, config: readRate },
    async (request, reply) => {
      const doc = await answerDocument(
        services,
        request.params.number,
        lookupToken(request),
        request.params.documentId,
      );
      const ascii = doc.file_name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply
        .header('content-type', doc.mime_type)
        .header('content-length', Number(doc.size_bytes))
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(await services.storage.get(doc.storage_key));
    },
  );
};
