// Who may touch an upload or a reservation: the paired booth that made it, or the browser that made it (an
// HttpOnly cookie the server hands out with its first upload or reservation). Stored as an opaque owner string.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { kioskFromRequest } from '../kiosks/guard.js';
import type { Kiosk } from '../../db/types.js';

export const UPLOADER_COOKIE = 'dialog_uploader';
const COOKIE_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
const COOKIE_MAX_AGE_SECONDS = 60 * 60 * 24 * 90;

export interface RequestOwner {
  /** 'kiosk:<id>' or 'session:<sha256 of the cookie>'. */
  owner: string;
  kiosk: Kiosk | null;
}

function sessionOwner(value: string): string {
  return `session:${crypto.createHash('sha256').update(value).digest('hex')}`;
}

/**
 * The owner of what this request creates or touches. A booth is known by its credential (a bad one answers 401);
 * a browser by its uploader cookie. With `reply`, a browser without the cookie is given one; without `reply`
 * (a request that only reads or appends), a browser without the cookie owns nothing and gets null.
 */
export async function requestOwner(
  services: Services,
  request: FastifyRequest,
  reply?: FastifyReply,
): Promise<RequestOwner | null> {
  const kiosk = await kioskFromRequest(services, request);
  if (kiosk) return { owner: `kiosk:${kiosk.id}`, kiosk };
  const existing = request.cookies[UPLOADER_COOKIE];
  if (existing && COOKIE_PATTERN.test(existing)) return { owner: sessionOwner(existing), kiosk: null };
  if (!reply) return null;
  const value = crypto.randomBytes(32).toString('base64url');
  reply.setCookie(UPLOADER_COOKIE, value, {
    path: '/api',
    httpOnly: true,
    sameSite: 'strict',
    secure: services.config.COOKIE_SECURE,
    maxAge: COOKIE_MAX_AGE_SECONDS,
  });
  // Later requests in this same exchange (none today) would read it back from here.
  request.cookies[UPLOADER_COOKIE] = value;
  return { owner: sessionOwner(value), kiosk: null };
}
