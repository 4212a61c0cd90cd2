// Directory routes: the booth and the public site read the public ones without logging in; admins keep the
// directory under /api/admin/directory.
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IMPORT_MAX_BYTES } from '../../../common/directory.js';
import type { ProblemSlug } from '../../../common/problems.js';
import { Problem } from '../../errors.js';
import { requireRole, staffOf } from '../auth/guard.js';
import { categoryItems, officialCards } from './service.js';
import { findOfficialPhotoKey } from './repository.js';
import {
  adminCategories,
  adminDepartments,
  adminOfficials,
  createCategory,
  createDepartment,
  createOfficial,
  deleteOfficial,
  editCategory,
  editDepartment,
  editOfficial,
  exportDirectory,
  importDirectory,
  moveCategory,
  moveDepartment,
  moveOfficial,
  removeOfficialPhoto,
  restoreDepartment,
  restoreOfficial,
  retireDepartment,
  retireOfficial,
  setOfficialPhoto,
} from './admin.js';
import {
  adminCreateCategorySchema,
  adminCreateDepartmentSchema,
  adminCreateOfficialSchema,
  adminDeleteOfficialSchema,
  adminDepartmentActionSchema,
  adminEditCategorySchema,
  adminEditDepartmentSchema,
  adminEditOfficialSchema,
  adminExportSchema,
  adminImportSchema,
  adminListCategoriesSchema,
  adminListDepartmentsSchema,
  adminListOfficialsSchema,
  adminMoveCategorySchema,
  adminMoveDepartmentSchema,
  adminMoveOfficialSchema,
  adminRemovePhotoSchema,
  adminRestoreOfficialSchema,
  adminRetireOfficialSchema,
  adminSetPhotoSchema,
  listCategoriesSchema,
  listOfficialsSchema,
  photoSchema,
} from './schemas.js';

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
    return sendStoredImage(services, reply, row?.photo_key ?? null);
  });
};

/** A picture from the blob store (a photo, the logo), typed by its key's extension; 404 when there is none. */
export async function sendStoredImage(services: Services, reply: FastifyReply, key: string | null) {
  const info = key ? await services.storage.stat(key) : null;
  if (!key || !info) throw new Problem('not-found');
  const ext = key.split('.').pop() ?? '';
  return reply
    .header('content-type', contentTypes[ext] ?? 'application/octet-stream')
    .header('cache-control', 'public, max-age=3600')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .header('x-content-type-options', 'nosniff')
    .send(await services.storage.get(key));
}

const admin = requireRole('admin');
const actorOf = (request: FastifyRequest) => ({ userId: staffOf(request).id, ip: request.ip });

/** Reads a raw request body up to `limit` bytes; one byte more is the given 413 problem. */
export async function readBody(
  request: FastifyRequest,
  limit: number,
  tooLarge: ProblemSlug,
): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new Problem(tooLarge, `At most ${limit} bytes.`);
  const body = request.body as Readable | undefined;
  if (!body || typeof body.on !== 'function') return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new Problem(tooLarge, `At most ${limit} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The routes whose body is a file (a photo, a directory file): read here as bytes, within their own limits. */
const directoryUploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.put(
    '/api/admin/directory/officials/:id/photo',
    { schema: adminSetPhotoSchema, onRequest: admin },
    async (request) =>
      setOfficialPhoto(
        services,
        actorOf(request),
        request.params.id,
        await readBody(request, services.config.PHOTO_MAX_BYTES, 'photo-too-large'),
      ),
  );

  app.post('/api/admin/directory/import', { schema: adminImportSchema, onRequest: admin }, async (request) =>
    importDirectory(
      services,
      actorOf(request),
      await readBody(request, IMPORT_MAX_BYTES, 'import-too-large'),
      request.query.format,
      { dryRun: request.query.dryRun === true },
    ),
  );
};

export const directoryAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const pre = { onRequest: admin };

  app.get('/api/admin/directory/departments', { schema: adminListDepartmentsSchema, ...pre }, () =>
    adminDepartments(services),
  );
  app.post(
    '/api/admin/directory/departments',
    { schema: adminCreateDepartmentSchema, ...pre },
    async (request, reply) =>
      reply.code(201).send(await createDepartment(services, actorOf(request), request.body)),
  );
  app.put('/api/admin/directory/departments/:id', { schema: adminEditDepartmentSchema, ...pre }, (request) =>
    editDepartment(services, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/admin/directory/departments/:id/retire',
    { schema: adminDepartmentActionSchema('Retires a department without officials'), ...pre },
    (request) => retireDepartment(services, actorOf(request), request.params.id),
  );
  app.post(
    '/api/admin/directory/departments/:id/restore',
    { schema: adminDepartmentActionSchema('Brings a retired department back'), ...pre },
    (request) => restoreDepartment(services, actorOf(request), request.params.id),
  );
  app.post(
    '/api/admin/directory/departments/:id/move',
    { schema: adminMoveDepartmentSchema, ...pre },
    (request) => moveDepartment(services, actorOf(request), request.params.id, request.body.direction),
  );

  app.get('/api/admin/directory/officials', { schema: adminListOfficialsSchema, ...pre }, () =>
    adminOfficials(services),
  );
  app.post(
    '/api/admin/directory/officials',
    { schema: adminCreateOfficialSchema, ...pre },
    async (request, reply) =>
      reply.code(201).send(await createOfficial(services, actorOf(request), request.body)),
  );
  app.put('/api/admin/directory/officials/:id', { schema: adminEditOfficialSchema, ...pre }, (request) =>
    editOfficial(services, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/admin/directory/officials/:id',
    { schema: adminDeleteOfficialSchema, ...pre },
    async (request, reply) => {
      await deleteOfficial(services, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/admin/directory/officials/:id/retire',
    { schema: adminRetireOfficialSchema, ...pre },
    (request) => retireOfficial(services, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/admin/directory/officials/:id/restore',
    { schema: adminRestoreOfficialSchema, ...pre },
    (request) => restoreOfficial(services, actorOf(request), request.params.id),
  );
  app.post(
    '/api/admin/directory/officials/:id/move',
    { schema: adminMoveOfficialSchema, ...pre },
    (request) => moveOfficial(services, actorOf(request), request.params.id, request.body.direction),
  );
  app.delete(
    '/api/admin/directory/officials/:id/photo',
    { schema: adminRemovePhotoSchema, ...pre },
    (request) => removeOfficialPhoto(services, actorOf(request), request.params.id),
  );

  app.get('/api/admin/directory/categories', { schema: adminListCategoriesSchema, ...pre }, () =>
    adminCategories(services),
  );
  app.post(
    '/api/admin/directory/categories',
    { schema: adminCreateCategorySchema, ...pre },
    async (request, reply) =>
      reply.code(201).send(await createCategory(services, actorOf(request), request.body)),
  );
  app.put('/api/admin/directory/categories/:id', { schema: adminEditCategorySchema, ...pre }, (request) =>
    editCategory(services, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/admin/directory/categories/:id/move',
    { schema: adminMoveCategorySchema, ...pre },
    (request) => moveCategory(services, actorOf(request), request.params.id, request.body.direction),
  );

  app.get('/api/admin/directory/export', { schema: adminExportSchema, ...pre }, async (request, reply) => {
    const format = request.query.format;
    const file = await exportDirectory(services, actorOf(request), format);
    const day = services.clock.now().toISOString().slice(0, 10);
    return reply
      .header(
        'content-type',
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .header('content-disposition', `attachment; filename="directory-${day}.${format}"`)
      .header('cache-control', 'private, no-store')
      .send(file);
  });

  await app.register(directoryUploadRoutes);
};
