// GET /metrics in Prometheus's text format. With METRICS_TOKEN set, a scrape must carry it as a bearer token; without
// one, only a direct connection from this machine (no proxy in between) may read it.
import crypto from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../../errors.js';
import { createMetrics } from './service.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function mayScrape(request: FastifyRequest, token: string): boolean {
  if (token) {
    const given = Buffer.from(request.headers.authorization ?? '');
    const wanted = Buffer.from(`Bearer ${token}`);
    return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
  }
  // The socket's peer, not request.ip: a forwarded-for header is the client's word, and a proxy's request is not
  // this machine's scraper.
  return LOOPBACK.has(request.socket.remoteAddress ?? '') && !request.headers['x-forwarded-for'];
}

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const metrics = createMetrics(services);
  const token = services.config.METRICS_TOKEN;

  // Every route's requests, this plugin's included (it is not encapsulated: see below).
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics (bearer METRICS_TOKEN, or loopback without a proxy when none is set)',
        response: { 200: { type: 'string' } },
      },
    },
    async (request, reply) => {
      if (!mayScrape(request, token)) throw new Problem(token ? 'not-authenticated' : 'forbidden');
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );
};

// Registered without encapsulation (what fastify-plugin does), so the hook above sees the whole app's requests.
Object.assign(plugin, { [Symbol.for('skip-override')]: true });
export const metricsRoutes = plugin;
