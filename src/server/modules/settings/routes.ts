// Settings: admins read and change them under /api/admin/settings; anyone reads the logo (the apps read the rest
// through GET /api/settings, modules/system).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LOGO_MAX_BYTES } from '../../../common/settings.js';
import { requireRole, staffOf } from '../auth/guard.js';
import { readBody, sendStoredImage } from '../directory/routes.js';
import { adminSettings, logoKey, removeLogo, setLogo, updateSettings } from './service.js';
import {
  deleteLogoSchema,
  getAdminSettingsSchema,
  logoSchema,
  patchAdminSettingsSchema,
  putLogoSchema,
} from './schemas.js';

const admin = requireRole('admin');
const actor = (request: FastifyRequest) => staffOf(request);

/** The logo's upload: its body is the picture, read here as bytes within LOGO_MAX_BYTES. */
const logoUploadRoute: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.put('/api/admin/settings/logo', { schema: putLogoSchema, onRequest: admin }, async (request) => {
    await setLogo(
      services,
      actor(request),
      await readBody(request, LOGO_MAX_BYTES, 'logo-too-large'),
      request.ip,
    );
    return adminSettings(services);
  });
};

export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  app.get('/api/settings/logo', { schema: logoSchema }, async (_request, reply) =>
    sendStoredImage(services, reply, await logoKey(services)),
  );
  app.get('/api/admin/settings', { schema: getAdminSettingsSchema, onRequest: admin }, () =>
    adminSettings(services),
  );
  app.patch(
    '/api/admin/settings',
    { schema: patchAdminSettingsSchema, onRequest: admin },
    async (request) => {
      await updateSettings(services, actor(request), request.body, request.ip);
      return adminSettings(services);
    },
  );
  app.delete('/api/admin/settings/logo', { schema: deleteLogoSchema, onRequest: admin }, async (request) => {
    await removeLogo(services, actor(request), request.ip);
    return adminSettings(services);
  });
  await app.register(logoUploadRoute);
};
