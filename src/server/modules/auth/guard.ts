// The checks every staff route declares: no session → 401, wrong role → 403, and a session that must first change
// its one-time password or set up its second factor → 403 for everything but that. Row checks live in services.
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../common/statuses.js';
import { Problem } from '../../errors.js';
import { hasRole, type Staff } from './access.js';
import { SESSION_COOKIE, mustEnrolTotp, staffForToken } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    staff: Staff | null;
  }
}

async function signedIn(request: FastifyRequest): Promise<Staff> {
  const user = await staffForToken(request.server.services, request.cookies[SESSION_COOKIE]);
  if (!user) throw new Problem('not-authenticated');
  request.staff = user;
  return user;
}

/** A signed-in staff member holding one of `roles` (any role when none is named), with nothing pending. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const user = await signedIn(request);
    if (user.must_change_password === 1) throw new Problem('password-change-required');
    if (mustEnrolTotp(request.server.services, user)) throw new Problem('totp-enrolment-required');
    if (roles.length > 0 && !hasRole(user, ...roles)) throw new Problem('forbidden');
  };
}

/** Any signed-in staff member, even one who must first change the password or enrol: their own account's routes. */
export function requireSession() {
  return async (request: FastifyRequest): Promise<void> => {
    await signedIn(request);
  };
}

export function staffOf(request: FastifyRequest): Staff {
  if (!request.staff) throw new Problem('not-authenticated');
  return request.staff;
}
