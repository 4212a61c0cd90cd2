// The role check every staff route declares: no session → 401, wrong role → 403. Row checks live in services.
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../common/statuses.js';
import type { StaffUser } from '../../db/types.js';
import { Problem } from '../../errors.js';
import { SESSION_COOKIE, userForToken } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffUser | null;
  }
}

export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const user = await userForToken(request.server.services, request.cookies[SESSION_COOKIE]);
    if (!user) throw new Problem('not-authenticated');
    if (roles.length > 0 && !roles.includes(user.role)) throw new Problem('forbidden');
    request.staff = user;
  };
}

export function staffOf(request: FastifyRequest): StaffUser {
  if (!request.staff) throw new Problem('not-authenticated');
  return request.staff;
}
