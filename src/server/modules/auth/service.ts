// Staff authentication: argon2id passwords, server-side sessions identified by a random token whose hash is stored.
import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Me } from '../../../common/api.js';
import type { StaffUser } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionUser,
  findUserByUsername,
  insertSession,
} from './repository.js';

export const SESSION_COOKIE = 'dialog_session';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** A fixed hash to verify against when the user does not exist, so both answers take the same time. */
let dummyHash: Promise<string> | null = null;

export function sessionIdFromToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function login(
  services: Services,
  username: string,
  password: string,
): Promise<{ user: StaffUser; token: string; expiresAt: Date }> {
  const user = await findUserByUsername(services.db, username.trim().toLowerCase());
  dummyHash ??= hashPassword('not-a-password');
  const ok = await argon2.verify(user?.password_hash ?? (await dummyHash), password);
  if (!user || !ok || user.active !== 1) throw new Problem('wrong-credentials');
  const token = crypto.randomBytes(32).toString('base64url');
  const now = services.clock.now();
  const expiresAt = new Date(now.getTime() + services.config.SESSION_TTL_HOURS * 3600 * 1000);
  await deleteExpiredSessions(services.db, now.toISOString());
  await insertSession(services.db, {
    id: sessionIdFromToken(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  });
  return { user, token, expiresAt };
}

export async function userForToken(services: Services, token: string | undefined): Promise<StaffUser | null> {
  if (!token) return null;
  const user = await findSessionUser(
    services.db,
    sessionIdFromToken(token),
    services.clock.now().toISOString(),
  );
  return user ?? null;
}

export async function logout(services: Services, token: string | undefined): Promise<void> {
  if (token) await deleteSession(services.db, sessionIdFromToken(token));
}

export function toMe(user: StaffUser): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    officialId: user.official_id,
  };
}
