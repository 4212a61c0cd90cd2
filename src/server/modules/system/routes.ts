// Liveness, readiness, the public settings the apps need, and a page per problem type.
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PublicSettings } from '../../../common/api.js';
import { LANGUAGES } from '../../../common/statuses.js';
import { PROBLEMS, type ProblemSlug } from '../../../common/problems.js';
import { ping } from '../../db/index.js';
import { Problem } from '../../errors.js';
import { translate } from '../../i18n.js';
import { isShuttingDown } from '../../shutdown.js';
import { getSettings } from '../settings/service.js';

export const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  app.get('/healthz', { schema: { tags: ['system'], summary: 'The process is up' } }, () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'Database and blob store reachable, and the process not shutting down',
      },
    },
    async (_request, reply) => {
      // After SIGTERM the process is finishing what it has: a balancer should send it nothing new.
      if (isShuttingDown()) return reply.code(503).send({ status: 'shutting down', checks: {} });
      const checks: Record<string, string> = {};
      for (const [name, check] of [
        ['database', () => ping(services.db)],
        ['storage', () => services.storage.ping()],
      ] as const) {
        try {
          await check();
          checks[name] = 'ok';
        } catch (error) {
          checks[name] = error instanceof Error ? error.message : 'failed';
        }
      }
      const ready = Object.values(checks).every((v) => v === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
    },
  );

  app.get(
    '/api/settings',
    { schema: { tags: ['system'], summary: 'Settings the apps need', response: { 200: PublicSettings } } },
    async () => {
      const c = services.config;
      const s = await getSettings(services);
      return {
        recordingBaseSeconds: s.recordingBaseSeconds,
        recordingExtensionSeconds: s.recordingExtensionSeconds,
        recordingMaxSeconds: s.recordingMaxSeconds,
        reRecordLimit: c.RERECORD_LIMIT,
        videoRetentionYears: s.videoRetentionYears,
        deadlineWorkingDays: s.deadlineWorkingDays,
        timeZone: c.TIME_ZONE,
        smsCodeRequired: s.smsCodeRequired,
        kioskPairingRequired: c.KIOSK_PAIRING_REQUIRED,
        kioskIdleSeconds: c.KIOSK_IDLE_SECONDS,
        kioskIdleWarningSeconds: c.KIOSK_IDLE_WARNING_SECONDS,
        receiptAutoPrint: c.RECEIPT_AUTO_PRINT,
        publicUrl: c.PUBLIC_URL.replace(/\/+$/, ''),
        organisationName: s.organisationName,
        organisationLogo: s.organisationLogo,
        contact: s.contact,
      };
    },
  );

  app.get(
    '/problems/:slug',
    {
      schema: {
        tags: ['system'],
        summary: 'What a problem type means',
        params: Type.Object({ slug: Type.String({ maxLength: 64 }) }),
      },
    },
    (request) => {
      const slug = request.params.slug as ProblemSlug;
      if (!(slug in PROBLEMS)) throw new Problem('not-found');
      return {
        type: `/problems/${slug}`,
        status: PROBLEMS[slug],
        titles: Object.fromEntries(LANGUAGES.map((lang) => [lang, translate(lang, `problem.${slug}`)])),
      };
    },
  );
};
