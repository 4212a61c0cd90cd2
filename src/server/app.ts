// Builds the Fastify app from plugins: infrastructure → services → routes. Tests build it without listening.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/index.js';
import type { BlobStore } from './storage/index.js';
import type { Clock } from './clock.js';
import type { MediaTools } from './media/tools.js';
import type { SmsDriver } from './notifications/sms.js';
import { LogMailDriver, type MailDriver } from './notifications/mail.js';
import type { Services } from './services.js';
import { Problem, registerErrorHandling, sendProblem } from './errors.js';
import { systemRoutes } from './modules/system/routes.js';
import { directoryAdminRoutes, directoryRoutes } from './modules/directory/routes.js';
import { faqRoutes } from './modules/faq/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { userAdminRoutes } from './modules/auth/users.js';
import { registerCsrfProtection } from './modules/auth/csrf.js';
import { auditRoutes } from './modules/audit/routes.js';
import { verificationRoutes } from './modules/verification/routes.js';
import { kioskRoutes } from './modules/kiosks/routes.js';
import { privacyRoutes } from './modules/privacy/routes.js';
import { uploadRoutes } from './modules/uploads/routes.js';
import { appealRoutes } from './modules/appeals/routes.js';
import { answerRoutes } from './modules/answers/routes.js';
import { inboxRoutes } from './modules/inbox/routes.js';
import { publicRoutes } from './modules/public/routes.js';
import { voiceRoutes } from './modules/voice/routes.js';
import { mediaAdminRoutes } from './modules/media/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { deadlineRoutes } from './modules/deadlines/routes.js';
import { oversightRoutes } from './modules/oversight/routes.js';
import { handlingRoutes } from './modules/handling/routes.js';
import { metricsRoutes } from './modules/metrics/routes.js';
import { securityHeaders } from './modules/system/headers.js';
import { settingsRoutes } from './modules/settings/routes.js';
import { apiKeyAdminRoutes, open311Routes } from './modules/open311/routes.js';
import { openStatsRoutes } from './modules/openstats/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  storage: BlobStore;
  clock: Clock;
  media: MediaTools;
  sms: SmsDriver;
  /** Without it, emails are logged only. */
  mail?: MailDriver;
  nudgeWorker?: () => void;
  /** Where the built apps are (dist/web); the API runs without them. */
  webRoot?: string;
  logger?: boolean | object;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    // Only the configured balancer's forwarded-for counts: anyone else could name any address and so escape the
    // per-address rate limits.
    trustProxy: deps.config.TRUST_PROXY === 'none' ? false : deps.config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('services', {
    config: deps.config,
    db: deps.database.db,
    dialect: deps.database.dialect,
    storage: deps.storage,
    clock: deps.clock,
    media: deps.media,
    sms: deps.sms,
    mail: deps.mail ?? new LogMailDriver(app.log),
    log: app.log,
    nudgeWorker: deps.nudgeWorker ?? (() => undefined),
  } satisfies Services);
  app.decorateRequest('staff', null);
  // The app owns its gateway links (an SMPP bind): they close with it.
  app.addHook('onClose', async () => {
    await deps.sms.close?.();
    await deps.mail?.close?.();
  });

  registerErrorHandling(app);
  await app.register(securityHeaders, { hsts: deps.config.COOKIE_SECURE });
  await app.register(cookie);
  registerCsrfProtection(app, deps.config);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Dialog API',
        version: '0.1.0',
        description:
          'Video appeals to public officials. Errors are RFC 9457 problem+json. Uploads: tus 1.0 at /api/uploads.',
      },
      tags: [
        'system',
        'directory',
        'faq',
        'appeals',
        'public',
        'phone',
        'kiosk',
        'auth',
        'office',
        'admin',
        'open311',
      ].map((name) => ({ name })),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(systemRoutes);
  await app.register(directoryRoutes);
  await app.register(directoryAdminRoutes);
  await app.register(faqRoutes);
  await app.register(authRoutes);
  await app.register(userAdminRoutes);
  await app.register(auditRoutes);
  await app.register(verificationRoutes);
  await app.register(kioskRoutes);
  await app.register(uploadRoutes);
  await app.register(appealRoutes);
  await app.register(answerRoutes);
  await app.register(inboxRoutes);
  await app.register(publicRoutes);
  await app.register(voiceRoutes);
  await app.register(mediaAdminRoutes);
  await app.register(notificationRoutes);
  await app.register(calendarRoutes);
  await app.register(deadlineRoutes);
  await app.register(oversightRoutes);
  await app.register(handlingRoutes);
  await app.register(metricsRoutes);
  await app.register(settingsRoutes);
  await app.register(open311Routes, { prefix: '/open311/v2' });
  await app.register(apiKeyAdminRoutes);
  await app.register(privacyRoutes);
  await app.register(openStatsRoutes);

  if (deps.webRoot && fs.existsSync(path.join(deps.webRoot, 'public', 'index.html'))) {
    await registerWebApps(app, deps.webRoot);
  } else {
    app.setNotFoundHandler((request, reply) => sendProblem(request, reply, new Problem('not-found')));
  }
  return app;
}

/** Serves the built apps: /kiosk, /office and the public site at /, each a single-page app with its own index. */
async function registerWebApps(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    index: false,
    wildcard: false,
    serve: false,
  });
  const assets = path.join(webRoot, 'assets');
  await app.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
  });
  const page = (appName: string) => (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile(`${appName}/index.html`, webRoot);
  for (const name of ['kiosk', 'office']) {
    app.get(`/${name}`, { schema: { hide: true } }, page(name));
    app.get(`/${name}/*`, { schema: { hide: true } }, page(name));
  }
  app.get('/', { schema: { hide: true } }, page('public'));
  // Any other GET that is not an API path is a route of the public site.
  app.setNotFoundHandler((request, reply) => {
    const apiLike = /^\/(api|open311|problems|healthz|readyz|metrics|assets)(\/|$)/.test(request.url);
    if (request.method === 'GET' && !apiLike && request.headers.accept?.includes('text/html')) {
      return page('public')(request, reply);
    }
    return sendProblem(request, reply, new Problem('not-found'));
  });
}
