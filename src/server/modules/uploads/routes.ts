// The tus 1.0 endpoint (creation, creation-defer-length, termination) at /api/uploads, served by @tus/server over
// a store that fsyncs. Only the booth or browser that started an upload may touch it; its errors are turned into
// problem+json like every other route's.
import { Readable } from 'node:stream';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Server as TusServer } from '@tus/server';
import type { ProblemSlug } from '../../../common/problems.js';
import { Problem, sendProblem } from '../../errors.js';
import { findMedia } from '../../media/repository.js';
import type { MediaFile } from '../../db/types.js';
import { DurableFileStore } from './store.js';
import { requestOwner } from './owner.js';
import {
  UPLOADS_PREFIX,
  checkUploadStart,
  discardUpload,
  newUploadId,
  recordUploadFinished,
  recordUploadStarted,
} from './service.js';

const PATH = '/api/uploads';
const TUS_VERSION = '1.0.0';

function slugForStatus(status: number): ProblemSlug {
  if (status === 409) return 'upload-offset-mismatch';
  if (status === 404 || status === 410) return 'upload-not-found';
  if (status === 413) return 'payload-too-large';
  if (status === 415) return 'unsupported-media-type';
  if (status === 429) return 'too-many-requests';
  if (status === 507) return 'storage-full';
  if (status >= 500) return 'internal';
  return 'validation-failed';
}

export const uploadRoutes: FastifyPluginAsync = async (app) => {
  const services = app.services;
  const store = new DurableFileStore({ directory: path.join(services.config.mediaDir, UPLOADS_PREFIX) });
  // What the route learned about a creation request before tus parsed it, and a problem a hook refused it with.
  const creators = new WeakMap<Request, string>();
  const createdIds = new WeakMap<Request, string>();
  const refusals = new WeakMap<Request, Problem>();

  const tus = new TusServer({
    path: PATH,
    datastore: store,
    relativeLocation: true,
    maxSize: services.config.UPLOAD_MAX_BYTES,
    namingFunction: (req) => {
      const id = newUploadId();
      createdIds.set(req, id);
      return id;
    },
    onUploadCreate: async (req, upload) => {
      const owner = creators.get(req);
      if (!owner) throw new Error('upload created without an owner');
      try {
        const start = await checkUploadStart(services, owner, upload.metadata ?? {});
        await recordUploadStarted(services, upload.id, start);
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        refusals.set(req, error);
        // @tus/server's hooks reject by throwing its own { status_code, body } shape, not an Error.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw { status_code: error.status, body: error.slug };
      }
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      await recordUploadFinished(services, upload.id, store.takeDigest(upload.id, upload.size ?? -1));
      return {};
    },
  });

  // Bodies reach tus untouched: no parsing for any content type in this scope.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  /** The upload's row, if this request's booth or browser owns it. */
  async function ownedUpload(request: FastifyRequest, id: string): Promise<MediaFile> {
    const row = await findMedia(services.db, id);
    if (!row || row.kind !== 'appeal_video') throw new Problem('upload-not-found');
    const who = await requestOwner(services, request);
    if (!who || row.owner === null || who.owner !== row.owner) throw new Problem('upload-forbidden');
    return row;
  }

  /**
   * A finished upload answers from its row: its bytes may already have moved to the blob store, where tus cannot
   * see them. HEAD tells the whole length; a PATCH can only be a repeat of the last, empty one.
   */
  function answerFinished(request: FastifyRequest, reply: FastifyReply, row: MediaFile, size: number) {
    reply.header('tus-resumable', TUS_VERSION).header('upload-offset', String(size));
    if (request.method === 'HEAD') {
      return reply.code(200).header('upload-length', String(size)).header('cache-control', 'no-store').send();
    }
    const length = Number(request.headers['content-length'] ?? '0');
    if (request.headers['upload-offset'] === String(size) && length === 0) return reply.code(204).send();
    return sendProblem(
      request,
      reply,
      new Problem('upload-offset-mismatch', `the upload ${row.id} is complete`),
    );
  }

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const id = (request.params as { id?: string }).id;
    const headers = { ...request.headers } as Record<string, string>;
    let row: MediaFile | null = null;
    let owner: string | null = null;
    if (request.method === 'POST') {
      const who = await requestOwner(services, request, reply);
      if (!who) throw new Error('requestOwner gave no owner for a creation');
      owner = who.owner;
    } else if (id !== undefined && request.method !== 'OPTIONS') {
      row = await ownedUpload(request, id);
      if (request.method === 'DELETE') {
        if (row.appeal_id !== null || !(await discardUpload(services, row))) {
          throw new Problem('upload-already-used');
        }
        return reply.code(204).header('tus-resumable', TUS_VERSION).send();
      }
      if (row.state !== 'uploading' && row.size_bytes !== null) {
        return answerFinished(request, reply, row, row.size_bytes);
      }
      if (request.method === 'PATCH' && headers['upload-length'] !== undefined) {
        // A client repeating the final chunk (after a full disk or a lost reply) repeats its length too; tus
        // would refuse a length declared twice, so a repeat of the same value is dropped.
        const held = await store.getUpload(row.id).catch(() => null);
        if (held?.size !== undefined && String(held.size) === headers['upload-length'].trim()) {
          delete headers['upload-length'];
        }
      }
    }

    const url = `http://${request.headers.host ?? 'localhost'}${request.url}`;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
    const webRequest = new Request(url, {
      method: request.method,
      headers,
      body: hasBody ? (Readable.toWeb(request.raw) as ReadableStream) : null,
      duplex: 'half',
    } as RequestInit);
    if (owner) creators.set(webRequest, owner);
    const response = await tus.handleWeb(webRequest);

    if (response.status >= 400) {
      const body = await response.text();
      const created = createdIds.get(webRequest);
      // The row is written before tus creates the file; a creation that failed after it (a full disk) leaves none.
      if (created)
        await discardUpload(services, { id: created, original_key: `${UPLOADS_PREFIX}/${created}` });
      const problem =
        refusals.get(webRequest) ?? new Problem(slugForStatus(response.status), body.trim() || undefined);
      for (const name of ['tus-resumable', 'upload-offset']) {
        const value = response.headers.get(name);
        if (value) reply.header(name, value);
      }
      if (row && (response.status === 409 || response.status === 507)) {
        // Where to resume from, so the client need not ask with a HEAD first.
        const held = await store.getUpload(row.id).catch(() => null);
        if (held?.offset !== undefined) reply.header('upload-offset', String(held.offset));
      }
      return sendProblem(request, reply, problem);
    }
    if (row && request.method === 'HEAD') {
      // Every byte arrived but the server died before it took note (kill -9 between the write and the hook).
      const offset = response.headers.get('upload-offset');
      if (offset !== null && offset === response.headers.get('upload-length')) {
        await recordUploadFinished(services, row.id).catch((error: unknown) => {
          request.log.warn({ err: error, upload: row.id }, 'could not finish a complete upload');
        });
      }
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
