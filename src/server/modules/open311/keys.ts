// Partner apps' API keys for Open311, managed by admins: issued (the secret shown once, kept as its sha256), listed
// with their last use and filings, revoked. Every act is audited.
import crypto from 'node:crypto';
import type { ApiKeyIssued, ApiKeyView } from '../../../common/open311.js';
import type { Staff } from '../auth/access.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { recordAudit } from '../audit/repository.js';
import { findApiKey, insertApiKey, listApiKeyRows, revokeApiKey } from './repository.js';
import { hashApiKey } from './service.js';

/** Marks the secret as Dialog's Open311 key (secret scanners and people can tell it from other keys). */
const SECRET_PREFIX = 'dlg311_';

export async function listApiKeys(services: Services): Promise<ApiKeyView[]> {
  const rows = await listApiKeyRows(services.db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.key_prefix,
    createdAt: r.created_at,
    createdBy: r.created_by,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    requests: Number(r.requests ?? 0),
  }));
}

export async function issueApiKey(
  services: Services,
  actor: Staff,
  name: string,
  ip: string,
): Promise<ApiKeyIssued> {
  const { db, clock } = services;
  const secret = `${SECRET_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  const id = crypto.randomUUID();
  const at = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertApiKey(trx, {
      id,
      name: name.trim(),
      key_hash: hashApiKey(secret),
      key_prefix: secret.slice(0, SECRET_PREFIX.length + 6),
      created_at: at,
      created_by_user_id: actor.id,
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(trx, clock, {
      actorUserId: actor.id,
      actorKind: 'staff',
      action: 'open311_key.issued',
      subjectType: 'open311_key',
      subjectId: id,
      ip,
      detail: { name: name.trim() },
    });
  });
  const key = (await listApiKeys(services)).find((k) => k.id === id);
  if (!key) throw new Problem('internal');
  return { key, secret };
}

export async function revokeKey(
  services: Services,
  actor: Staff,
  id: string,
  ip: string,
): Promise<ApiKeyView> {
  const { db, clock } = services;
  const key = await findApiKey(db, id);
  if (!key) throw new Problem('api-key-not-found');
  if (await revokeApiKey(db, id, clock.now().toISOString()))
    await recordAudit(db, clock, {
      actorUserId: actor.id,
      actorKind: 'staff',
      action: 'open311_key.revoked',
      subjectType: 'open311_key',
      subjectId: id,
      ip,
      detail: { name: key.name },
    });
  const view = (await listApiKeys(services)).find((k) => k.id === id);
  if (!view) throw new Problem('api-key-not-found');
  return view;
}
