// Kiosk identity: a booth shows a pairing code, an admin enters it, and the booth fetches its credential once;
// afterwards the booth sends that credential as a bearer token and reports on itself by heartbeat.
import crypto from 'node:crypto';
import type {
  KioskHeartbeat,
  KioskInfo,
  KioskPairing,
  KioskPairingState,
  PairKioskBody,
} from '../../../common/api.js';
import type { KioskAdminView, KioskEditBody } from '../../../common/admin.js';
import { dayInZone } from '../../../common/workdays.js';
import { crockfordFromBytes, normaliseCrockford } from '../../../common/registration.js';
import type { Kiosk, StaffUser } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { recordAudit, type AuditEvent } from '../audit/repository.js';
import {
  completePairing,
  deletePairingsExpiredBefore,
  findKiosk,
  findPairing,
  findPairingByCode,
  insertKiosk,
  insertPairing,
  listKiosksWithAppeals,
  markRevoked,
  recordHeartbeat,
  takePairingToken,
  updateKiosk,
} from './repository.js';
import { kioskFaults, kioskState, parseStatus, type StoredStatus } from './state.js';

/** 8 symbols × 5 bits = 40 bits, read off a screen and typed by an admin: XXXX-XXXX. */
export const PAIRING_CODE_SYMBOLS = 8;
const PAIRING_TTL_MS = 24 * 3600 * 1000;
/** An expired pairing still answers "expired" to its booth for a day, then its row and code are forgotten. */
const PAIRING_KEEP_MS = 24 * 3600 * 1000;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const secretHash = (secret: string) => sha256(`pairing-secret:${secret}`);
export const kioskTokenHash = (token: string) => sha256(`kiosk-token:${token}`);

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export function kioskInfo(kiosk: Kiosk): KioskInfo {
  return { id: kiosk.id, name: kiosk.name, location: kiosk.location };
}

function actorOf(actor: StaffUser | null): Pick<AuditEvent, 'actorUserId' | 'actorKind'> {
  return actor ? { actorUserId: actor.id, actorKind: 'staff' } : { actorUserId: null, actorKind: 'system' };
}

export async function startPairing(services: Services, ip: string): Promise<KioskPairing> {
  const { db, clock } = services;
  const now = clock.now();
  await deletePairingsExpiredBefore(db, new Date(now.getTime() - PAIRING_KEEP_MS).toISOString());
  const id = crypto.randomUUID();
  const secret = crypto.randomBytes(16).toString('base64url');
  const expiresAt = new Date(now.getTime() + PAIRING_TTL_MS).toISOString();
  let code = crockfordFromBytes(crypto.randomBytes(5), PAIRING_CODE_SYMBOLS);
  // 40 bits make a clash with a live code unlikely; the unique index catches the rest.
  for (let i = 0; i < 3 && (await findPairingByCode(db, code)); i++) {
    code = crockfordFromBytes(crypto.randomBytes(5), PAIRING_CODE_SYMBOLS);
  }
  await insertPairing(db, {
    id,
    secret_hash: secretHash(secret),
    code,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    kiosk_id: null,
    token: null,
  });
  await recordAudit(db, clock, {
    actorUserId: null,
    actorKind: 'system',
    action: 'kiosk.pairing_started',
    subjectType: 'kiosk_pairing',
    subjectId: id,
    ip,
  });
  return { id, secret, code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt };
}

export async function pairingState(
  services: Services,
  id: string,
  secret: string,
): Promise<KioskPairingState> {
  const { db, clock } = services;
  const row = await findPairing(db, id);
  // A wrong secret answers like a missing pairing.
  if (!row || !sameHash(secretHash(secret), row.secret_hash)) throw new Problem('not-found');
  if (row.kiosk_id) {
    const kiosk = await findKiosk(db, row.kiosk_id);
    const token = row.token !== null && (await takePairingToken(db, row.id, row.token)) ? row.token : null;
    return { state: 'paired', token, kiosk: kiosk ? kioskInfo(kiosk) : null };
  }
  const expired = clock.now().getTime() >= Date.parse(row.expires_at);
  return { state: expired ? 'expired' : 'pending', token: null, kiosk: null };
}

export async function pairKiosk(
  services: Services,
  actor: StaffUser | null,
  body: PairKioskBody,
  ip: string | null,
): Promise<KioskInfo> {
  const { db, clock } = services;
  const name = body.name.trim();
  const location = body.location.trim();
  if (name === '') throw new Problem('validation-failed', 'The kiosk needs a name.');
  const now = clock.now().toISOString();
  const code = normaliseCrockford(body.code, PAIRING_CODE_SYMBOLS);
  const pairing = code ? await findPairingByCode(db, code) : undefined;
  const unknown = async () => {
    await recordAudit(db, clock, {
      ...actorOf(actor),
      action: 'kiosk.pairing_failed',
      subjectType: 'kiosk_pairing_code',
      subjectId: body.code.slice(0, 16),
      ip,
    });
    return new Problem('pairing-code-unknown');
  };
  if (!pairing || pairing.kiosk_id || pairing.expires_at <= now) throw await unknown();

  const kiosk: Kiosk = {
    id: crypto.randomUUID(),
    name,
    location,
    token_hash: null,
    last_heartbeat_at: null,
    created_at: now,
    revoked_at: null,
    software_version: null,
    status: '{}',
    last_ip: null,
    fault_since: null,
  };
  const token = crypto.randomBytes(32).toString('base64url');
  const taken = new Problem('pairing-code-unknown');
  try {
    await db.transaction().execute(async (trx) => {
      await insertKiosk(trx, { ...kiosk, token_hash: kioskTokenHash(token) });
      // Paired by someone else a moment ago, or expired meanwhile: the throw rolls this kiosk back.
      if (!(await completePairing(trx, pairing.id, { kioskId: kiosk.id, token, now }))) throw taken;
      await recordAudit(trx, clock, {
        ...actorOf(actor),
        action: 'kiosk.paired',
        subjectType: 'kiosk',
        subjectId: kiosk.id,
        ip,
        detail: { name, location },
      });
    });
  } catch (error) {
    if (error === taken) throw await unknown();
    throw error;
  }
  return kioskInfo(kiosk);
}

export async function revokeKiosk(
  services: Services,
  actor: StaffUser,
  id: string,
  ip: string,
): Promise<void> {
  const { db, clock } = services;
  const kiosk = await findKiosk(db, id);
  if (!kiosk) throw new Problem('kiosk-not-found');
  await markRevoked(db, id, clock.now().toISOString());
  await recordAudit(db, clock, {
    ...actorOf(actor),
    action: 'kiosk.revoked',
    subjectType: 'kiosk',
    subjectId: id,
    ip,
  });
}

export async function heartbeat(
  services: Services,
  kiosk: Kiosk,
  body: KioskHeartbeat,
  ip: string,
): Promise<void> {
  const { version, ...status } = body;
  const at = services.clock.now().toISOString();
  await recordHeartbeat(services.db, kiosk.id, {
    at,
    version,
    status: JSON.stringify(status),
    ip,
    faultSince: faultSince(kiosk, status, at),
  });
}

/**
 * When the fault the booth now reports began: a new incident (and so a new alert) when a fault appears that the
 * previous heartbeat did not report; the same one while the faults last or some of them clear; null when none is left.
 */
export function faultSince(kiosk: Kiosk, status: StoredStatus, at: string): string | null {
  const now = kioskFaults(status);
  if (now.length === 0) return null;
  const before = kioskFaults(parseStatus(kiosk.status));
  const fresh = now.some((f) => !before.includes(f));
  return fresh || !kiosk.fault_since ? at : kiosk.fault_since;
}

export function kioskView(
  row: Kiosk,
  now: Date,
  silentMinutes: number,
  appealsToday: number,
): KioskAdminView {
  const { state, faults } = kioskState(row, now, silentMinutes);
  const status = parseStatus(row.status);
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    state,
    faults,
    pairedAt: row.created_at,
    revokedAt: row.revoked_at,
    lastHeartbeatAt: row.last_heartbeat_at,
    faultSince: row.fault_since,
    softwareVersion: row.software_version,
    lastIp: row.last_ip,
    devices: status
      ? { camera: status.camera, microphone: status.microphone, printer: status.printer }
      : null,
    storageUsedBytes: status?.storageUsedBytes ?? null,
    storageQuotaBytes: status?.storageQuotaBytes ?? null,
    pendingUploads: status?.pendingUploads ?? null,
    appealsToday,
  };
}

/** Every booth with its state at a glance: working ones first, revoked ones last. */
export async function listKiosks(services: Services): Promise<KioskAdminView[]> {
  const { db, clock, config } = services;
  const now = clock.now();
  const rows = await listKiosksWithAppeals(db, dayInZone(now, config.TIME_ZONE));
  const rank = { fault: 0, silent: 1, waiting: 2, ok: 3, revoked: 4 } as const;
  return rows
    .map(({ appeals_today, ...row }) =>
      kioskView(row, now, config.KIOSK_SILENT_MINUTES, Number(appeals_today ?? 0)),
    )
    .sort((a, b) => rank[a.state] - rank[b.state] || a.name.localeCompare(b.name));
}

export async function editKiosk(
  services: Services,
  actor: StaffUser,
  id: string,
  body: KioskEditBody,
  ip: string,
): Promise<KioskAdminView> {
  const { db, clock } = services;
  const kiosk = await findKiosk(db, id);
  if (!kiosk) throw new Problem('kiosk-not-found');
  const name = body.name?.trim();
  if (name === '') throw new Problem('validation-failed', 'The kiosk needs a name.');
  const set = {
    ...(name !== undefined ? { name } : {}),
    ...(body.location !== undefined ? { location: body.location.trim() } : {}),
  };
  await db.transaction().execute(async (trx) => {
    await updateKiosk(trx, id, set);
    await recordAudit(trx, clock, {
      ...actorOf(actor),
      action: 'kiosk.edited',
      subjectType: 'kiosk',
      subjectId: id,
      ip,
      detail: { before: { name: kiosk.name, location: kiosk.location }, after: set },
    });
  });
  const view = (await listKiosks(services)).find((k) => k.id === id);
  if (!view) throw new Problem('kiosk-not-found');
  return view;
}
