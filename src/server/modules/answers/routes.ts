// Office routes for the work on one appeal: the answer and its draft, documents, the answer's video, internal
// comments and attachments, and the phone reveal. Each checks the role here and the row in the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { sendRanged, videoContentType } from '../../media/serve.js';
import { recordAudit } from '../audit/repository.js';
import { requireRole, staffOf } from '../auth/guard.js';
import { requestOwner } from '../uploads/owner.js';
import {
  addAttachment,
  addComment,
  addDraftDocument,
  answerDraft,
  answerList,
  answerMediaKey,
  appealAttachments,
  appealComments,
  removeDraftDocument,
  revealPhone,
  staffDocument,
  submitAnswer,
  updateAnswerDraft,
  type DocumentUpload,
} from './service.js';
import {
  addAttachmentSchema,
  addCommentSchema,
  answerMediaSchema,
  answersSchema,
  commentsSchema,
  attachmentsSchema,
  documentSchema,
  draftDocumentSchema,
  draftSchema,
  phoneSchema,
  removeDraftDocumentSchema,
  saveDraftSchema,
  submitSchema,
} from './schemas.js';

const readers = requireRole('operator', 'official', 'supervisor');
/** Answering is an official's act; the service checks that the appeal is theirs (or their delegator's). */
const answerers = requireRole('official');
/** Comments and attachments: the service lets officials work only on the appeals they handle. */
const workers = requireRole('operator', 'official', 'supervisor');
/** The phone: operators, and the official who handles the appeal (checked in the service). */
const phoneViewers = requireRole('operator', 'official');

function sendDocument(
  reply: FastifyReply,
  doc: { file_name: string; mime_type: string; size_bytes: number | string },
  body: Readable,
) {
  const ascii = doc.file_name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', doc.mime_type)
    .header('content-length', Number(doc.size_bytes))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(body);
}

function documentUpload(request: FastifyRequest): DocumentUpload {
  return {
    body: request.body as Readable | undefined,
    length: request.headers['content-length'],
    name: (request.query as { name?: string }).name,
  };
}

/** Uploads of documents: the body reaches the service as a stream, read there within the size limit. */
const documentUploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post(
    '/api/office/appeals/:id/answer-draft/documents',
    { schema: draftDocumentSchema, preHandler: answerers },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addDraftDocument(
            services,
            staffOf(request),
            request.params.id,
            documentUpload(request),
            request.ip,
          ),
        ),
  );

  app.post(
    '/api/office/appeals/:id/attachments',
    { schema: addAttachmentSchema, preHandler: workers },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addAttachment(
            services,
            staffOf(request),
            request.params.id,
            documentUpload(request),
            request.ip,
          ),
        ),
  );
};

export const answerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  const uploader = async (request: FastifyRequest) => (await requestOwner(services, request))?.owner ?? null;

  app.get('/api/office/appeals/:id/answers', { schema: answersSchema, preHandler: readers }, (request) =>
    answerList(services, staffOf(request), request.params.id),
  );

  app.post(
    '/api/office/appeals/:id/answer',
    { schema: submitSchema, preHandler: answerers },
    async (request) =>
      submitAnswer(
        services,
        staffOf(request),
        request.params.id,
        request.body,
        await uploader(request),
        request.ip,
      ),
  );

  app.get('/api/office/appeals/:id/answer-draft', { schema: draftSchema, preHandler: answerers }, (request) =>
    answerDraft(services, staffOf(request), request.params.id),
  );

  app.put(
    '/api/office/appeals/:id/answer-draft',
    { schema: saveDraftSchema, preHandler: answerers },
    async (request) =>
      updateAnswerDraft(
        services,
        staffOf(request),
        request.params.id,
        request.body,
        await uploader(request),
        request.ip,
      ),
  );

  app.delete(
    '/api/office/appeals/:id/answer-draft/documents/:fileId',
    { schema: removeDraftDocumentSchema, preHandler: answerers },
    (request) =>
      removeDraftDocument(services, staffOf(request), request.params.id, request.params.fileId, request.ip),
  );

  app.get(
    '/api/office/appeals/:id/documents/:fileId',
    { schema: documentSchema, preHandler: readers },
    async (request, reply) => {
      const doc = await staffDocument(services, staffOf(request), request.params.id, request.params.fileId);
      return sendDocument(reply, doc, await services.storage.get(doc.storage_key));
    },
  );

  app.get(
    '/api/office/appeals/:id/answer-media/:fileId/video',
    { schema: answerMediaSchema('The answer’s video, range-streamed'), preHandler: readers },
    async (request, reply) => {
      const user = staffOf(request);
      const { key, appealId } = await answerMediaKey(
        services,
        user,
        request.params.id,
        request.params.fileId,
        'playback',
      );
      return sendRanged(request, reply, services.storage, key, {
        contentType: videoContentType(key),
        onViewStart: () =>
          recordAudit(services.db, services.clock, {
            actorUserId: user.id,
            actorKind: 'staff',
            action: 'appeal.answer_video_viewed',
            subjectType: 'appeal',
            subjectId: appealId,
            ip: request.ip,
            detail: { mediaId: request.params.fileId },
          }),
      });
    },
  );

  app.get(
    '/api/office/appeals/:id/answer-media/:fileId/poster',
    { schema: answerMediaSchema('The answer video’s poster frame'), preHandler: readers },
    async (request, reply) => {
      const { key } = await answerMediaKey(
        services,
        staffOf(request),
        request.params.id,
        request.params.fileId,
        'poster',
      );
      return reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'private, max-age=300')
        .send(await services.storage.get(key));
    },
  );

  app.get('/api/office/appeals/:id/comments', { schema: commentsSchema, preHandler: readers }, (request) =>
    appealComments(services, staffOf(request), request.params.id),
  );

  app.post(
    '/api/office/appeals/:id/comments',
    { schema: addCommentSchema, preHandler: workers },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addComment(services, staffOf(request), request.params.id, request.body, request.ip)),
  );

  app.get(
    '/api/office/appeals/:id/attachments',
    { schema: attachmentsSchema, preHandler: readers },
    (request) => appealAttachments(services, staffOf(request), request.params.id),
  );

  app.post(
    '/api/office/appeals/:id/phone',
    { schema: phoneSchema, preHandler: phoneViewers },
    async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send(await revealPhone(services, staffOf(request), request.params.id, request.ip)),
  );

  await app.register(documentUploadRoutes);
};
