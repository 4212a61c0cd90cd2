// Public directory routes: the booth and the public site read them without logging in.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem } from '../../errors.js';
import { categoryItems, officialCards } from './service.js';
import { findOfficialPhotoKey } from './repository.js';
import { listCategoriesSchema, listOfficialsSchema, photoSchema } from './schemas.js';

const contentTypes: Record<string, string> = {
  svg: 'image/svg+xml',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  app.get('/api/directory/officials', { schema: listOfficialsSchema }, () => officialCards(services));
  app.get('/api/directory/categories', { schema: listCategoriesSchema }, () => categoryItems(services));
  app.get('/api/directory/officials/:id/photo', { schema: photoSchema }, async (request, reply) => {
    const row = await findOfficialPhotoKey(services.db, request.params.id);
    const info = row?.photo_key ? await services.storage.stat(row.photo_key) : null;
    if (!row?.photo_key || !info) throw new Problem('not-found');
    const ext = row.photo_key.split('.').pop() ?? '';
    return reply
      .header('content-type', contentTypes[ext] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=3600')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('x-content-type-options', 'nosniff')
      .send(await services.storage.get(row.photo_key));
  });
};
