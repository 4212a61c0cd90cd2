// Staff users for admins: invite (a one-time password shown once), profile and official record, roles, a required
// second factor, deactivate and reactivate. The rule that matters most: the organisation never loses its last active
// admin — not by a role change, not by a deactivation, not by two admins demoting each other at the same moment.
// Every change is audited.
import crypto from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Transaction } from 'kysely';
import { Type } from 'typebox';
import {
  AdminUserView,
  UserEditBody,
  UserInviteBody,
  UserInvited,
  type AdminUserView as AdminUser,
} from '../../../common/admin.js';
import { Id, ProblemSchema, RolesBody } from '../../../common/api.js';
import type { Role } from '../../../common/statuses.js';
import type { DB, StaffUser } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { recordAudit } from '../audit/repository.js';
import { requireRole, staffOf } from './guard.js';
import { deleteUserSessions, findUserById, findUserByUsername, updateUser } from './repository.js';
import { formatRoles, parseRoles } from './roles.js';
import { hashPassword, oneTimePassword } from './service.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Executor = Services['db'] | Transaction<DB>;

function view(user: StaffUser, departmentId: string | null, now: string): AdminUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: parseRoles(user.roles),
    officialId: user.official_id,
    departmentId,
    email: user.email,
    language: user.language,
    active: user.active === 1,
    lockedUntil: user.locked_until && user.locked_until > now ? user.locked_until : null,
    totpEnabled: user.totp_secret !== null,
    totpRequired: user.totp_required === 1,
    mustChangePassword: user.must_change_password === 1,
    createdAt: user.created_at,
  };
}

function usersWithDepartments(db: Executor) {
  return db
    .selectFrom('staff_users as u')
    .leftJoin('officials as o', 'o.id', 'u.official_id')
    .selectAll('u')
    .select('o.department_id')
    .orderBy('u.username')
    .execute();
}

export async function listAdminUsers(services: Services): Promise<AdminUser[]> {
  const now = services.clock.now().toISOString();
  return (await usersWithDepartments(services.db)).map(({ department_id, ...u }) =>
    view(u, department_id, now),
  );
}

async function userView(services: Services, id: string): Promise<AdminUser> {
  const found = (await listAdminUsers(services)).find((u) => u.id === id);
  if (!found) throw new Problem('user-not-found');
  return found;
}

function cleanEmail(email: string | null | undefined): string | null | undefined {
  if (email === undefined || email === null) return email;
  const trimmed = email.trim();
  if (trimmed === '') return null;
  if (!EMAIL_PATTERN.test(trimmed)) throw new Problem('invalid-email');
  return trimmed;
}

async function checkOfficial(services: Services, officialId: string | null | undefined): Promise<void> {
  if (!officialId) return;
  const found = await services.db
    .selectFrom('officials')
    .select('id')
    .where('id', '=', officialId)
    .executeTakeFirst();
  if (!found) throw new Problem('unknown-official');
}

function auditEvent(actor: StaffUser, action: string, userId: string, ip: string, detail = {}) {
  return {
    actorUserId: actor.id,
    actorKind: 'staff' as const,
    action,
    subjectType: 'staff_user',
    subjectId: userId,
    ip,
    detail,
  };
}

/**
 * Locks every active admin's row (PostgreSQL: FOR UPDATE; SQLite runs one transaction at a time) and refuses the
 * change when `userId` would stop being an admin and no other active admin would be left; an actor who lost the admin
 * role to a concurrent change meanwhile may not go on either. Call inside the changing transaction, before the change.
 */
async function guardLastAdmin(
  services: Services,
  trx: Transaction<DB>,
  actor: StaffUser,
  userId: string,
  losesAdmin: boolean,
): Promise<void> {
  let query = trx
    .selectFrom('staff_users')
    .select(['id', 'roles'])
    .where('active', '=', 1)
    .where('roles', 'like', '%admin%');
  if (services.dialect === 'postgres') query = query.forUpdate();
  const admins = (await query.execute()).filter((u) => parseRoles(u.roles).includes('admin'));
  if (losesAdmin && admins.some((a) => a.id === userId) && !admins.some((a) => a.id !== userId))
    throw new Problem('last-admin');
  if (!admins.some((a) => a.id === actor.id)) throw new Problem('forbidden');
}

export async function inviteUser(
  services: Services,
  actor: StaffUser,
  body: UserInviteBody,
  ip: string,
): Promise<{ user: AdminUser; temporaryPassword: string }> {
  const { db, clock } = services;
  const username = body.username.trim().toLowerCase();
  const roles = parseRoles(formatRoles(body.roles));
  const officialId = body.officialId ?? null;
  const email = cleanEmail(body.email) ?? null;
  if (roles.includes('official') && !officialId) throw new Problem('official-required');
  await checkOfficial(services, officialId);
  if (await findUserByUsername(db, username)) throw new Problem('username-taken');
  const temporaryPassword = oneTimePassword();
  const id = crypto.randomUUID();
  const now = clock.now().toISOString();
  const passwordHash = await hashPassword(temporaryPassword);
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('staff_users')
        .values({
          id,
          username,
          display_name: body.displayName.trim(),
          password_hash: passwordHash,
          roles: formatRoles(roles),
          official_id: officialId,
          active: 1,
          created_at: now,
          must_change_password: 1,
          failed_logins: 0,
          locked_until: null,
          totp_secret: null,
          totp_pending_secret: null,
          totp_last_step: null,
          password_changed_at: null,
          email,
          phone_e164: null,
          ...(body.language ? { language: body.language } : {}),
          totp_required: body.totpRequired ? 1 : 0,
        })
        .execute();
      await recordAudit(
        trx,
        clock,
        auditEvent(actor, 'user.invited', id, ip, {
          username,
          roles,
          officialId,
          totpRequired: body.totpRequired === true,
        }),
      );
    });
  } catch (error) {
    // Taken by a concurrent invitation between the check and the insert.
    if (await findUserByUsername(db, username)) throw new Problem('username-taken');
    throw error;
  }
  return { user: await userView(services, id), temporaryPassword };
}

export async function editUser(
  services: Services,
  actor: StaffUser,
  id: string,
  body: UserEditBody,
  ip: string,
): Promise<AdminUser> {
  const { db, clock } = services;
  const user = await findUserById(db, id);
  if (!user) throw new Problem('user-not-found');
  const email = cleanEmail(body.email);
  if (body.officialId !== undefined) {
    await checkOfficial(services, body.officialId);
    if (body.officialId === null && parseRoles(user.roles).includes('official'))
      throw new Problem('official-required');
  }
  const set: Partial<StaffUser> = {
    ...(body.displayName !== undefined ? { display_name: body.displayName.trim() } : {}),
    ...(body.officialId !== undefined ? { official_id: body.officialId } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(body.language !== undefined ? { language: body.language } : {}),
    ...(body.totpRequired !== undefined ? { totp_required: body.totpRequired ? 1 : 0 } : {}),
  };
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, id, set);
    await recordAudit(trx, clock, auditEvent(actor, 'user.edited', id, ip, { changed: Object.keys(body) }));
  });
  return userView(services, id);
}

export async function changeRoles(
  services: Services,
  actor: StaffUser,
  id: string,
  roles: Role[],
  ip: string,
): Promise<AdminUser> {
  const { db, clock } = services;
  const user = await findUserById(db, id);
  if (!user) throw new Problem('user-not-found');
  const before = parseRoles(user.roles);
  const after = parseRoles(formatRoles(roles));
  if (after.length === 0) throw new Problem('validation-failed', 'A user needs at least one role.');
  if (after.includes('official') && !user.official_id) throw new Problem('official-required');
  // An admin cannot take the admin role from themselves: the last way to repair the directory must not vanish.
  if (actor.id === user.id && before.includes('admin') && !after.includes('admin'))
    throw new Problem('forbidden', 'You cannot remove your own admin role.');
  await db.transaction().execute(async (trx) => {
    await guardLastAdmin(services, trx, actor, id, !after.includes('admin'));
    const current = await findUserById(trx, id);
    await updateUser(trx, id, { roles: formatRoles(after) });
    await recordAudit(
      trx,
      clock,
      auditEvent(actor, 'roles.changed', id, ip, {
        before: parseRoles(current?.roles ?? user.roles),
        after,
      }),
    );
  });
  return userView(services, id);
}

/** Deactivated: no log-in, every session ended; the account and its history stay. */
export async function setActive(
  services: Services,
  actor: StaffUser,
  id: string,
  active: boolean,
  ip: string,
): Promise<AdminUser> {
  const { db, clock } = services;
  const user = await findUserById(db, id);
  if (!user) throw new Problem('user-not-found');
  if (!active && actor.id === id) throw new Problem('forbidden', 'You cannot deactivate yourself.');
  await db.transaction().execute(async (trx) => {
    if (!active) await guardLastAdmin(services, trx, actor, id, true);
    await updateUser(trx, id, {
      active: active ? 1 : 0,
      ...(active ? { failed_logins: 0, locked_until: null } : {}),
    });
    if (!active) await deleteUserSessions(trx, id);
    await recordAudit(
      trx,
      clock,
      auditEvent(actor, active ? 'user.reactivated' : 'user.deactivated', id, ip),
    );
  });
  return userView(services, id);
}

// Routes

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const IdParams = Type.Object({ id: Id });

export const userAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;
  const admin = requireRole('admin');

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Staff users with their roles, official record, department and state',
        response: { 200: Type.Array(AdminUserView), ...problems(401, 403) },
      },
      preHandler: admin,
    },
    () => listAdminUsers(services),
  );

  app.post(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Invites a user: the account and a one-time password to hand over, shown this once',
        description:
          'The user must choose a new password at the first log-in. The official role needs `officialId`.',
        body: UserInviteBody,
        response: { 201: UserInvited, ...problems(400, 401, 403, 409, 422) },
      },
      preHandler: admin,
    },
    async (request, reply) =>
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await inviteUser(services, staffOf(request), request.body, request.ip)),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary:
          "Changes a user's name, official record, email, language or whether a second factor is required",
        params: IdParams,
        body: UserEditBody,
        response: { 200: AdminUserView, ...problems(400, 401, 403, 404, 422) },
      },
      preHandler: admin,
    },
    (request) => editUser(services, staffOf(request), request.params.id, request.body, request.ip),
  );

  app.put(
    '/api/admin/users/:id/roles',
    {
      schema: {
        tags: ['admin'],
        summary: "Sets a user's roles (never taking the admin role from the last active admin)",
        params: IdParams,
        body: RolesBody,
        response: { 200: AdminUserView, ...problems(400, 401, 403, 404, 409, 422) },
      },
      preHandler: admin,
    },
    (request) => changeRoles(services, staffOf(request), request.params.id, request.body.roles, request.ip),
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const)
    app.post(
      `/api/admin/users/:id/${action}`,
      {
        schema: {
          tags: ['admin'],
          summary: active
            ? 'Lets a deactivated user log in again'
            : 'Deactivates a user: no log-in, sessions ended (never the last active admin)',
          params: IdParams,
          response: { 200: AdminUserView, ...problems(400, 401, 403, 404, 409) },
        },
        preHandler: admin,
      },
      (request) => setActive(services, staffOf(request), request.params.id, active, request.ip),
    );
};
