// Open311 GeoReport v2 under /open311/v2 (docs/open311.md) and the admins' API keys under /api/admin/api-keys. The
// spec wins on its own routes: errors there are its list of {code, description}, not problem+json.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isLanguage, type Language } from '../../../common/statuses.js';
import { PROBLEMS } from '../../../common/problems.js';
import { Problem } from '../../errors.js';
import { requestLanguage, translate } from '../../i18n.js';
import { requireRole, staffOf } from '../auth/guard.js';
import { CONTENT_TYPES, errorBody, isFormat, Open311Error, toXml, type Format } from './format.js';
import { issueApiKey, listApiKeys, revokeKey } from './keys.js';
import {
  checkJurisdiction,
  discovery,
  fileRequest,
  getRequest,
  listRequests,
  listServices,
  partnerKey,
  serviceDefinition,
  tokenLookup,
} from './service.js';
import {
  discoverySchema,
  getRequestSchema,
  issueApiKeySchema,
  listApiKeysSchema,
  listRequestsSchema,
  postRequestSchema,
  revokeApiKeySchema,
  serviceDefinitionSchema,
  servicesSchema,
  tokenSchema,
} from './schemas.js';

/** Each answer's XML: its root element and the element of one item (null: the root is the one object). */
const DISCOVERY = { root: 'discovery', item: null };
const SERVICES = { root: 'services', item: 'service' };
const DEFINITION = { root: 'service_definition', item: null };
const REQUESTS = { root: 'service_requests', item: 'request' };

const READS = { rateLimit: { max: 300, timeWindow: '1 minute' } };
const WRITES = { rateLimit: { max: 60, timeWindow: '1 minute' } };

function formatOf(value: string): Format {
  if (!isFormat(value)) throw new Open311Error(400, `Unsupported format ${value}: use .json or .xml.`);
  return value;
}

/** The spec's `locale` (kk, ru-RU, en_GB…), else ?lang= or Accept-Language. */
function languageOf(request: FastifyRequest): Language {
  const locale = (request.query as { locale?: string } | undefined)?.locale?.slice(0, 2).toLowerCase();
  return isLanguage(locale) ? locale : requestLanguage(request);
}

function baseUrl(request: FastifyRequest): string {
  const configured = request.server.services.config.PUBLIC_URL.replace(/\/+$/, '');
  return configured || `${request.protocol}://${request.host}`;
}

/** The key from `api_key` (query or form) or an X-Api-Key header, which keeps it out of access logs. */
function apiKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const fromQuery = (request.query as { api_key?: string } | undefined)?.api_key;
  const fromBody = (request.body as { api_key?: unknown } | undefined)?.api_key;
  return fromQuery ?? (typeof fromBody === 'string' ? fromBody : undefined);
}

function send(
  reply: FastifyReply,
  format: Format,
  xml: { root: string; item: string | null },
  body: unknown,
): FastifyReply {
  const payload =
    format === 'xml' ? toXml(xml.root, xml.item, body as Parameters<typeof toXml>[2]) : JSON.stringify(body);
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('cache-control', 'no-store')
    .send(payload);
}

/** Any failure on these routes in the spec's shape: Open311's own, schema and parser errors, limits, CSRF. */
function asOpen311(error: unknown): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof Problem) {
    const status = PROBLEMS[error.slug];
    const title = translate('en', `problem.${error.slug}`);
    return new Open311Error(
      status === 403 || status === 404 || status === 429 ? status : status >= 500 ? 500 : 400,
      error.detail ?? title,
    );
  }
  const fastify = error as {
    statusCode?: number;
    validation?: { instancePath?: string; message?: string }[];
    message?: string;
  };
  if (fastify.validation)
    return new Open311Error(
      400,
      fastify.validation.map((v) => `${v.instancePath || 'request'} ${v.message ?? 'is invalid'}`).join('; '),
    );
  if (fastify.statusCode === 429) return new Open311Error(429, 'Too many requests: slow down.');
  if (fastify.statusCode === 404) return new Open311Error(404, 'Not found.');
  if (fastify.statusCode && fastify.statusCode >= 400 && fastify.statusCode < 500)
    return new Open311Error(400, fastify.message ?? 'Bad request.');
  return new Open311Error(500, 'Internal error.');
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const failure = asOpen311(error);
  if (failure.status >= 500) request.log.error({ err: error }, 'open311 request failed');
  const format: Format =
    (request.params as { format?: string } | undefined)?.format === 'xml' ? 'xml' : 'json';
  return reply
    .code(failure.status)
    .header('content-type', CONTENT_TYPES[format])
    .header('cache-control', 'no-store')
    .send(errorBody(failure, format));
}

/** Register with `{ prefix: '/open311/v2' }`. */
export const open311Routes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const { config } = services;

  // The spec's POST is form-encoded; `attribute[code]=value` pairs stay as they are named.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new Open311Error(404, `No such Open311 resource: ${request.method} ${request.url.split('?')[0]}.`),
    ),
  );

  /** The format asked for, once the jurisdiction_id (query or form) is one served here. */
  const accepted = (request: FastifyRequest): Format => {
    const format = formatOf((request.params as { format: string }).format);
    const query = request.query as { jurisdiction_id?: string };
    const body = request.body as { jurisdiction_id?: string } | undefined;
    checkJurisdiction(config, query.jurisdiction_id ?? body?.jurisdiction_id);
    return format;
  };

  app.get('/discovery.:format', { schema: discoverySchema, config: READS }, async (request, reply) =>
    send(reply, accepted(request), DISCOVERY, discovery(config, baseUrl(request))),
  );

  app.get('/services.:format', { schema: servicesSchema, config: READS }, async (request, reply) => {
    const format = accepted(request);
    return send(reply, format, SERVICES, await listServices(services, languageOf(request)));
  });

  app.get(
    '/services/:code.:format',
    { schema: serviceDefinitionSchema, config: READS },
    async (request, reply) => {
      const format = accepted(request);
      const definition = await serviceDefinition(services, request.params.code, languageOf(request));
      return send(reply, format, DEFINITION, definition);
    },
  );

  app.get('/requests.:format', { schema: listRequestsSchema, config: READS }, async (request, reply) => {
    const format = accepted(request);
    const key = await partnerKey(services, apiKeyOf(request), request.ip);
    const list = await listRequests(services, request.query, key, languageOf(request), baseUrl(request));
    return send(reply, format, REQUESTS, list);
  });

  app.get('/requests/:id.:format', { schema: getRequestSchema, config: READS }, async (request, reply) => {
    const format = accepted(request);
    const key = await partnerKey(services, apiKeyOf(request), request.ip);
    const one = await getRequest(services, request.params.id, key, languageOf(request), baseUrl(request));
    return send(reply, format, REQUESTS, one);
  });

  app.post('/requests.:format', { schema: postRequestSchema, config: WRITES }, async (request, reply) => {
    const format = accepted(request);
    const key = await partnerKey(services, apiKeyOf(request), request.ip);
    if (!key) throw new Open311Error(403, 'api_key is required to file a request.');
    const lang = languageOf(request);
    const retryKey = request.headers['idempotency-key'];
    const filed = await fileRequest(services, key, request.body, lang, retryKey, request.ip);
    return send(reply, format, REQUESTS, [filed]);
  });

  app.get('/tokens/:token.:format', { schema: tokenSchema, config: READS }, async (request, reply) => {
    const format = accepted(request);
    return send(reply, format, REQUESTS, await tokenLookup(services, request.params.token));
  });
};

const admin = requireRole('admin');

export const apiKeyAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  app.get('/api/admin/api-keys', { schema: listApiKeysSchema, preHandler: admin }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await listApiKeys(services)),
  );

  app.post('/api/admin/api-keys', { schema: issueApiKeySchema, preHandler: admin }, async (request, reply) =>
    reply
      .code(201)
      .header('cache-control', 'no-store')
      .send(await issueApiKey(services, staffOf(request), request.body.name, request.ip)),
  );

  app.post('/api/admin/api-keys/:id/revoke', { schema: revokeApiKeySchema, preHandler: admin }, (request) =>
    revokeKey(services, staffOf(request), request.params.id, request.ip),
  );
};
