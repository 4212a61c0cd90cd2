// Staff authentication: argon2id passwords, an optional TOTP second factor with recovery codes, lockout after repeated
// failures, one-time passwords set by an admin, and server-side sessions (absolute and idle expiry) identified by a
// random token whose hash is stored.
import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Me } from '../../../common/api.js';
import type { Role } from '../../../common/statuses.js';
import type { StaffUser } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { recordAudit } from '../audit/repository.js';
import { loadStaff, type Staff } from './access.js';
import {
  countFailure,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSessionUser,
  findUserById,
  findUserByUsername,
  insertSession,
  replaceRecoveryCodes,
  spendRecoveryCode,
  touchSession,
  updateUser,
} from './repository.js';
import { parseRoles } from './roles.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.js';

export const SESSION_COOKIE = 'dialog_session';
const RECOVERY_CODES = 10;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** A fixed hash to verify against when the user does not exist, so both answers take the same time. */
let dummyHash: Promise<string> | null = null;

export function sessionIdFromToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function recoveryHash(userId: string, code: string): string {
  const clean = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return crypto.createHash('sha256').update(`${userId}:${clean}`).digest('hex');
}

export function totpRequiredRoles(services: Services): Role[] {
  return parseRoles(services.config.TOTP_REQUIRED_ROLES);
}

/** The user's roles call for a second factor they have not set up yet: they may only enrol (or sign out). */
export function mustEnrolTotp(services: Services, user: StaffUser): boolean {
  if (user.totp_secret) return false;
  if (user.totp_required === 1) return true;
  const required = totpRequiredRoles(services);
  return parseRoles(user.roles).some((r) => required.includes(r));
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

export async function login(
  services: Services,
  input: LoginInput,
  ip: string,
): Promise<{ user: StaffUser; token: string; expiresAt: Date }> {
  const { db, clock, config } = services;
  const username = input.username.trim().toLowerCase();
  const user = await findUserByUsername(db, username);
  dummyHash ??= hashPassword('not-a-password');
  const passwordOk = await argon2.verify(user?.password_hash ?? (await dummyHash), input.password);
  const now = clock.now();
  const audit = (action: string, detail: Record<string, unknown> = {}) =>
    recordAudit(db, clock, {
      actorUserId: user?.id ?? null,
      actorKind: 'staff',
      action,
      subjectType: 'staff_user',
      subjectId: user?.id ?? username,
      ip,
      detail,
    });

  if (user?.locked_until && user.locked_until > now.toISOString()) {
    await audit('login.refused_locked');
    throw new Problem('account-locked').retryAfter((Date.parse(user.locked_until) - now.getTime()) / 1000);
  }
  const fail = async (reason: string, slug: 'wrong-credentials' | 'totp-wrong'): Promise<never> => {
    await audit('login.failed', { reason });
    if (user) {
      const failures = await countFailure(db, user.id);
      if (failures >= config.LOGIN_MAX_FAILURES) {
        const until = new Date(now.getTime() + config.LOGIN_LOCKOUT_MINUTES * 60_000);
        await updateUser(db, user.id, { failed_logins: 0, locked_until: until.toISOString() });
        await audit('login.locked', { failures, until: until.toISOString() });
        throw new Problem('account-locked').retryAfter(config.LOGIN_LOCKOUT_MINUTES * 60);
      }
    }
    throw new Problem(slug);
  };
  if (!user || !passwordOk || user.active !== 1)
    return fail(user ? (user.active !== 1 ? 'inactive' : 'password') : 'unknown user', 'wrong-credentials');

  let totpStep: number | null = user.totp_last_step;
  if (user.totp_secret) {
    const code = input.totp?.trim();
    const recovery = input.recoveryCode?.trim();
    if (!code && !recovery) throw new Problem('totp-required');
    if (code) {
      const step = verifyTotp(user.totp_secret, code, now, user.totp_last_step);
      if (step === null) return fail('totp', 'totp-wrong');
      totpStep = step;
    } else if (recovery) {
      const spent = await spendRecoveryCode(db, user.id, recoveryHash(user.id, recovery), now.toISOString());
      if (!spent) return fail('recovery code', 'totp-wrong');
      await audit('login.recovery_code_used');
    }
  }

  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3600 * 1000);
  const idleBefore = new Date(now.getTime() - config.SESSION_IDLE_MINUTES * 60_000).toISOString();
  await deleteExpiredSessions(db, now.toISOString(), idleBefore);
  await updateUser(db, user.id, { failed_logins: 0, locked_until: null, totp_last_step: totpStep });
  await insertSession(db, {
    id: sessionIdFromToken(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    last_seen_at: now.toISOString(),
  });
  await audit('login', { secondFactor: user.totp_secret ? true : false });
  return { user: { ...user, totp_last_step: totpStep }, token, expiresAt };
}

/** The staff member a session cookie speaks for, or null (no session, expired, idle too long, account disabled). */
export async function staffForToken(services: Services, token: string | undefined): Promise<Staff | null> {
  if (!token) return null;
  const { db, clock, config } = services;
  const now = clock.now();
  const sessionId = sessionIdFromToken(token);
  const row = await findSessionUser(db, sessionId, now.toISOString());
  if (!row) return null;
  const { session_last_seen_at: lastSeen, session_created_at: created, ...user } = row;
  const seen = Date.parse(lastSeen ?? created);
  if (now.getTime() - seen > config.SESSION_IDLE_MINUTES * 60_000) {
    await deleteSession(db, sessionId);
    return null;
  }
  if (now.getTime() - seen > TOUCH_EVERY_MS) await touchSession(db, sessionId, now.toISOString());
  return loadStaff(db, user, now.toISOString());
}

export async function logout(services: Services, token: string | undefined, ip: string): Promise<void> {
  if (!token) return;
  const staff = await staffForToken(services, token);
  await deleteSession(services.db, sessionIdFromToken(token));
  if (staff) await auditSelf(services, staff, 'logout', ip);
}

export async function logoutEverywhere(services: Services, user: StaffUser, ip: string): Promise<number> {
  const ended = await deleteUserSessions(services.db, user.id);
  await auditSelf(services, user, 'logout.everywhere', ip, { sessions: ended });
  return ended;
}

function auditSelf(
  services: Services,
  user: StaffUser,
  action: string,
  ip: string | null,
  detail: Record<string, unknown> = {},
) {
  return recordAudit(services.db, services.clock, {
    actorUserId: user.id,
    actorKind: 'staff',
    action,
    subjectType: 'staff_user',
    subjectId: user.id,
    ip,
    detail,
  });
}

function checkNewPassword(services: Services, password: string, username: string): void {
  if (password.length < services.config.PASSWORD_MIN_LENGTH)
    throw new Problem(
      'password-too-weak',
      `A password needs at least ${services.config.PASSWORD_MIN_LENGTH} characters.`,
    );
  if (password.toLowerCase().includes(username.toLowerCase()))
    throw new Problem('password-too-weak', 'A password must not contain the username.');
}

/** The user changes their own password; every other session of theirs ends. */
export async function changePassword(
  services: Services,
  user: StaffUser,
  currentSessionToken: string | undefined,
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<StaffUser> {
  if (!(await argon2.verify(user.password_hash, input.currentPassword)))
    throw new Problem('wrong-credentials');
  if (input.newPassword === input.currentPassword)
    throw new Problem('password-too-weak', 'The new password is the same as the old one.');
  checkNewPassword(services, input.newPassword, user.username);
  const now = services.clock.now().toISOString();
  await updateUser(services.db, user.id, {
    password_hash: await hashPassword(input.newPassword),
    must_change_password: 0,
    password_changed_at: now,
  });
  await deleteUserSessions(
    services.db,
    user.id,
    currentSessionToken ? sessionIdFromToken(currentSessionToken) : undefined,
  );
  await auditSelf(services, user, 'password.changed', ip);
  return { ...user, must_change_password: 0, password_changed_at: now };
}

/** Readable one-time passwords: 4 groups of 4 from an alphabet without look-alikes (about 77 bits). */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += alphabet[crypto.randomInt(alphabet.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/**
 * An admin (or the CLI, actor null) sets a one-time password that must be changed at the next log-in; the account
 * is unlocked, its sessions end and, if asked, its second factor is removed (a lost phone).
 */
export async function resetPassword(
  services: Services,
  actor: StaffUser | null,
  userId: string,
  options: { resetTotp?: boolean },
  ip: string | null,
): Promise<{ user: StaffUser; temporaryPassword: string }> {
  const user = await findUserById(services.db, userId);
  if (!user) throw new Problem('user-not-found');
  const temporaryPassword = oneTimePassword();
  await services.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      password_hash: await hashPassword(temporaryPassword),
      must_change_password: 1,
      failed_logins: 0,
      locked_until: null,
      ...(options.resetTotp ? { totp_secret: null, totp_pending_secret: null, totp_last_step: null } : {}),
    });
    if (options.resetTotp) await replaceRecoveryCodes(trx, user.id, []);
    await deleteUserSessions(trx, user.id);
    await recordAudit(trx, services.clock, {
      actorUserId: actor?.id ?? null,
      actorKind: actor ? 'staff' : 'system',
      action: 'password.reset',
      subjectType: 'staff_user',
      subjectId: user.id,
      ip,
      detail: { resetTotp: options.resetTotp === true },
    });
  });
  const fresh = await findUserById(services.db, user.id);
  if (!fresh) throw new Problem('user-not-found');
  return { user: fresh, temporaryPassword };
}

/** Starts TOTP enrolment: a new pending secret, shown once as a link and QR code until a code confirms it. */
export async function beginTotp(
  services: Services,
  user: StaffUser,
): Promise<{ secret: string; otpauthUri: string }> {
  const secret = newTotpSecret();
  await updateUser(services.db, user.id, { totp_pending_secret: secret });
  return { secret, otpauthUri: otpauthUri(services.config.TOTP_ISSUER, user.username, secret) };
}

/** A correct code from the app confirms the pending secret; the recovery codes are returned this once. */
export async function confirmTotp(
  services: Services,
  user: StaffUser,
  code: string,
  ip: string,
): Promise<{ recoveryCodes: string[] }> {
  const fresh = await findUserById(services.db, user.id);
  const secret = fresh?.totp_pending_secret;
  if (!fresh || !secret) throw new Problem('totp-wrong', 'Start the set-up again.');
  const now = services.clock.now();
  const step = verifyTotp(secret, code, now, null);
  if (step === null) throw new Problem('totp-wrong');
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = crypto.randomBytes(8).toString('hex').slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await services.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_secret: secret, totp_pending_secret: null, totp_last_step: step });
    await replaceRecoveryCodes(
      trx,
      user.id,
      codes.map((c) => ({
        id: crypto.randomUUID(),
        code_hash: recoveryHash(user.id, c),
        created_at: now.toISOString(),
      })),
    );
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'totp.enrolled',
      subjectType: 'staff_user',
      subjectId: user.id,
      ip,
    });
  });
  return { recoveryCodes: codes };
}

/** Turns the second factor off (with the password), unless the user's roles require it. */
export async function disableTotp(
  services: Services,
  user: StaffUser,
  password: string,
  ip: string,
): Promise<void> {
  if (!(await argon2.verify(user.password_hash, password))) throw new Problem('wrong-credentials');
  const required = totpRequiredRoles(services);
  if (user.totp_required === 1 || parseRoles(user.roles).some((r) => required.includes(r)))
    throw new Problem('forbidden', 'Your role requires a second factor.');
  await services.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_secret: null, totp_pending_secret: null, totp_last_step: null });
    await replaceRecoveryCodes(trx, user.id, []);
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'totp.disabled',
      subjectType: 'staff_user',
      subjectId: user.id,
      ip,
    });
  });
}

export function toMe(services: Services, user: StaffUser): Me {
  const roles = parseRoles(user.roles);
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    roles,
    officialId: user.official_id,
    mustChangePassword: user.must_change_password === 1,
    totpEnabled: user.totp_secret !== null,
    totpEnrolmentRequired: mustEnrolTotp(services, user),
  };
}
