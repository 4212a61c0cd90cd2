// The kiosk credential: `Authorization: Bearer <token>` from a paired, unrevoked booth.
import type { FastifyRequest } from 'fastify';
import type { Kiosk } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { findActiveKioskByTokenHash } from './repository.js';
import { kioskTokenHash } from './service.js';

/**
 * The kiosk that sent the request; null when it sent no credential at all. A credential that is malformed,
 * unknown or revoked answers 401 kiosk-not-paired, so a booth learns at once that it must pair again.
 */
export async function kioskFromRequest(services: Services, request: FastifyRequest): Promise<Kiosk | null> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return null;
  const token = /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/i.exec(header)?.[1];
  const kiosk = token ? await findActiveKioskByTokenHash(services.db, kioskTokenHash(token)) : undefined;
  if (!kiosk) throw new Problem('kiosk-not-paired');
  return kiosk;
}

/** As kioskFromRequest, but a request without a credential is refused too. */
export async function requireKiosk(services: Services, request: FastifyRequest): Promise<Kiosk> {
  const kiosk = await kioskFromRequest(services, request);
  if (!kiosk) throw new Problem('kiosk-not-paired');
  return kiosk;
}
