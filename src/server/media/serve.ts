// Sends a stored video with HTTP range support (200, 206 or 416): the office's and the public site's players share it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.js';
import type { BlobStore } from '../storage/index.js';
import { parseRange } from './range.js';

export interface RangedOptions {
  contentType: string;
  /** Called once per view: a request from byte 0 (or without a range); the player's later ranges are the same view. */
  onViewStart?: () => Promise<void>;
}

export async function sendRanged(
  request: FastifyRequest,
  reply: FastifyReply,
  storage: BlobStore,
  key: string,
  options: RangedOptions,
): Promise<FastifyReply> {
  const info = await storage.stat(key);
  if (!info) throw new Problem('not-found');
  const range = parseRange(request.headers.range, info.size);
  if (range === 'unsatisfiable') {
    return reply.code(416).header('content-range', `bytes */${info.size}`).send();
  }
  if (!range || range.start === 0) await options.onViewStart?.();
  reply
    .header('content-type', options.contentType)
    .header('accept-ranges', 'bytes')
    .header('cache-control', 'private, no-store');
  if (!range) {
    return reply.header('content-length', info.size).send(await storage.get(key));
  }
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${info.size}`)
    .header('content-length', range.end - range.start + 1)
    .send(await storage.get(key, range));
}

/** The playback copy is MP4; an original kept as it came may be WebM. */
export function videoContentType(key: string): string {
  return key.endsWith('.mp4') ? 'video/mp4' : 'video/webm';
}
