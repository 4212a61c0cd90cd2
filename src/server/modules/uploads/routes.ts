// The tus 1.0 endpoint (creation, creation-defer-length, termination) at /api/uploads, served by @tus/server over
// a store that fsyncs. Its errors are turned into problem+json like every other route's.
import { Readable } from 'node:stream';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Server as TusServer } from '@tus/server';
import type { ProblemSlug } from '../../../common/problems.js';
import { Problem, sendProblem } from '../../errors.js';
import { DurableFileStore } from './store.js';
import {
  UPLOADS_PREFIX,
  isAcceptedRecordingType,
  newUploadId,
  recordUploadFinished,
  recordUploadStarted,
} from './service.js';

const PATH = '/api/uploads';

function slugForStatus(status: number, body: string): ProblemSlug {
  if (status === 409) return 'upload-offset-mismatch';
  if (status === 404 || status === 410) return 'upload-not-found';
  if (status === 413) return 'payload-too-large';
  if (status === 415) return 'unsupported-media-type';
  if (status === 429) return 'too-many-requests';
  if (status >= 500) return /ENOSPC/i.test(body) ? 'unavailable' : 'internal';
  return 'validation-failed';
}

export const uploadRoutes: FastifyPluginAsync = async (app) => {
  const services = app.services;
  const tus = new TusServer({
    path: PATH,
    datastore: new DurableFileStore({ directory: path.join(services.config.mediaDir, UPLOADS_PREFIX) }),
    relativeLocation: true,
    disableTerminationForFinishedUploads: true,
    maxSize: services.config.UPLOAD_MAX_BYTES,
    namingFunction: () => newUploadId(),
    onUploadCreate: async (_req, upload) => {
      const mime = upload.metadata?.filetype ?? null;
      if (!isAcceptedRecordingType(mime)) {
        // @tus/server's hooks reject by throwing its own { status_code, body } shape, not an Error.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw { status_code: 415, body: 'recording type not accepted' };
      }
      await recordUploadStarted(services, upload.id, mime as string);
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      await recordUploadFinished(services, upload.id);
      return {};
    },
  });

  // Bodies reach tus untouched: no parsing for any content type in this scope.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = `http://${request.headers.host ?? 'localhost'}${request.url}`;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
    const webRequest = new Request(url, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: hasBody ? (Readable.toWeb(request.raw) as ReadableStream) : null,
      duplex: 'half',
    } as RequestInit);
    const response = await tus.handleWeb(webRequest);
    if (response.status >= 400) {
      const body = await response.text();
      const problem = new Problem(slugForStatus(response.status, body), body.trim() || undefined);
      for (const name of ['tus-resumable', 'upload-offset']) {
        const value = response.headers.get(name);
        if (value) reply.header(name, value);
      }
      return sendProblem(request, reply, problem);
    }
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      reply.header(name, value);
    });
    const buffer = Buffer.from(await response.arrayBuffer());
    return reply.send(buffer.length > 0 ? buffer : undefined);
  };

  const rateLimit = { max: 60, timeWindow: '1 minute' };
  const schema = { hide: true };
  app.route({ method: ['POST', 'OPTIONS'], url: PATH, schema, config: { rateLimit }, handler });
  app.route({ method: ['HEAD', 'PATCH', 'DELETE', 'OPTIONS'], url: `${PATH}/:id`, schema, handler });
};
