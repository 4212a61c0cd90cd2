// SQL for kiosks and their pairings.
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB, Kiosk, KioskPairing, KioskPairingTable, KioskTable } from '../../db/types.js';

type Executor = Database | Transaction<DB>;

export async function insertPairing(db: Executor, row: Insertable<KioskPairingTable>): Promise<void> {
  await db.insertInto('kiosk_pairings').values(row).execute();
}

/** Forgets pairings that expired before `before`, so their codes can come round again. */
export async function deletePairingsExpiredBefore(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('kiosk_pairings').where('expires_at', '<', before).execute();
}

export function findPairing(db: Executor, id: string): Promise<KioskPairing | undefined> {
  return db.selectFrom('kiosk_pairings').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPairingByCode(db: Executor, code: string): Promise<KioskPairing | undefined> {
  return db.selectFrom('kiosk_pairings').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Binds the pairing to its new kiosk and leaves the credential for the booth; false if taken or expired. */
export async function completePairing(
  db: Executor,
  id: string,
  values: { kioskId: string; token: string; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable('kiosk_pairings')
    .set({ kiosk_id: values.kioskId, token: values.token })
    .where('id', '=', id)
    .where('kiosk_id', 'is', null)
    .where('expires_at', '>', values.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Hands the credential over: true for the one caller that cleared it. */
export async function takePairingToken(db: Executor, id: string, token: string): Promise<boolean> {
  const result = await db
    .updateTable('kiosk_pairings')
    .set({ token: null })
    .where('id', '=', id)
    .where('token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertKiosk(db: Executor, row: Insertable<KioskTable>): Promise<void> {
  await db.insertInto('kiosks').values(row).execute();
}

export function findKiosk(db: Executor, id: string): Promise<Kiosk | undefined> {
  return db.selectFrom('kiosks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The kiosk holding this credential, unless it has been revoked. */
export function findActiveKioskByTokenHash(db: Executor, tokenHash: string): Promise<Kiosk | undefined> {
  return db
    .selectFrom('kiosks')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function markRevoked(db: Executor, id: string, now: string): Promise<void> {
  await db
    .updateTable('kiosks')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function recordHeartbeat(
  db: Executor,
  id: string,
  values: { at: string; version: string; status: string; ip: string; faultSince: string | null },
): Promise<void> {
  await db
    .updateTable('kiosks')
    .set({
      last_heartbeat_at: values.at,
      software_version: values.version,
      status: values.status,
      last_ip: values.ip,
      fault_since: values.faultSince,
    })
    .where('id', '=', id)
    .execute();
}

/** Every booth ever paired, newest first, with its appeals registered on `today`. */
export function listKiosksWithAppeals(db: Executor, today: string) {
  return db
    .selectFrom('kiosks as k')
    .selectAll('k')
    .select((eb) =>
      eb
        .selectFrom('appeals as a')
        .whereRef('a.kiosk_id', '=', 'k.id')
        .where('a.registered_on', '=', today)
        .select((a) => a.fn.countAll().as('n'))
        .as('appeals_today'),
    )
    .orderBy('k.revoked_at', 'desc')
    .orderBy('k.name')
    .execute();
}

export function listActiveKiosks(db: Executor): Promise<Kiosk[]> {
  return db.selectFrom('kiosks').selectAll().where('revoked_at', 'is', null).execute();
}

export async function updateKiosk(
  db: Executor,
  id: string,
  set: { name?: string; location?: string },
): Promise<void> {
  await db.updateTable('kiosks').set(set).where('id', '=', id).execute();
}
