// Open data routes: the public statistics as JSON and CSV, and their JSON Schema. No login; cached (Cache-Control,
// ETag), rate-limited per address like the other public reads, readable from any origin.
import crypto from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATS_LICENSE } from '../../../common/openstats.js';
import { publicStats, schemaUrl, statsCsv } from './service.js';
import { statsCsvSchema, statsJsonSchema, statsJsonSchemaDocument, statsSchemaSchema } from './schemas.js';

export const openStatsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const config = {
    rateLimit: { max: services.config.PUBLIC_READ_RATE_PER_MINUTE, timeWindow: '1 minute' },
  };
  const maxAge = services.config.STATS_CACHE_SECONDS;

  /** Sends a body with its validators: 304 when the client holds the same bytes. */
  const sendCached = (request: FastifyRequest, reply: FastifyReply, body: string, type: string) => {
    const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    reply
      .header('cache-control', maxAge > 0 ? `public, max-age=${maxAge}` : 'no-cache')
      .header('etag', etag)
      .header('access-control-allow-origin', '*')
      .header('access-control-expose-headers', 'etag, link')
      .header('link', `<${STATS_LICENSE.url}>; rel="license", <${schemaUrl(services)}>; rel="describedby"`);
    const match = request.headers['if-none-match'];
    if (
      match &&
      (match.trim() === '*' || match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    )
      return reply.code(304).send();
    return reply.header('content-type', type).send(body);
  };

  app.get('/api/open-data/stats.json', { schema: statsJsonSchema, config }, async (request, reply) => {
    const doc = await publicStats(services, request.query.period);
    return sendCached(request, reply, JSON.stringify(doc), 'application/json; charset=utf-8');
  });

  app.get('/api/open-data/stats.csv', { schema: statsCsvSchema, config }, async (request, reply) => {
    const doc = await publicStats(services, request.query.period);
    reply.header('content-disposition', `attachment; filename="dialog-stats-${doc.period.key}.csv"`);
    return sendCached(request, reply, statsCsv(doc), 'text/csv; charset=utf-8; header=present');
  });

  const schemaBody = JSON.stringify(statsJsonSchemaDocument(schemaUrl(services)), null, 2);
  app.get('/api/open-data/stats.schema.json', { schema: statsSchemaSchema, config }, (request, reply) =>
    sendCached(request, reply, schemaBody, 'application/schema+json; charset=utf-8'),
  );
};
