// A booth's state at a glance, from its last heartbeat: pure, so the admin's list, the alert job and the tests agree.
import type { KioskFault, KioskState } from '../../../common/admin.js';
import type { KioskHeartbeat } from '../../../common/api.js';

/** The heartbeat as stored on the row (without the version). */
export type StoredStatus = Omit<KioskHeartbeat, 'version'>;

/** Storage this full (of the browser's quota) is a fault: recordings soon have nowhere to wait. */
export const STORAGE_FULL_RATIO = 0.95;

/** States of a camera or microphone that stop a recording. The printer is invisible to the browser ('unknown'). */
const BROKEN: ReadonlySet<string> = new Set(['missing', 'denied', 'busy', 'error']);

export function parseStatus(text: string): StoredStatus | null {
  try {
    const value = JSON.parse(text) as Partial<StoredStatus>;
    return typeof value.camera === 'string' ? (value as StoredStatus) : null;
  } catch {
    return null;
  }
}

/** What the heartbeat says is wrong, in a fixed order. */
export function kioskFaults(status: StoredStatus | null): KioskFault[] {
  if (!status) return [];
  const faults: KioskFault[] = [];
  if (BROKEN.has(status.camera)) faults.push('camera');
  if (BROKEN.has(status.microphone)) faults.push('microphone');
  if (BROKEN.has(status.printer)) faults.push('printer');
  if (
    status.storageQuotaBytes > 0 &&
    status.storageUsedBytes / status.storageQuotaBytes >= STORAGE_FULL_RATIO
  )
    faults.push('storage');
  return faults;
}

export interface KioskStateInput {
  created_at: string;
  revoked_at: string | null;
  last_heartbeat_at: string | null;
  status: string;
}

/**
 * revoked; silent: no heartbeat for `silentMinutes` (counted from pairing when there was none); waiting: paired a
 * moment ago, no heartbeat yet; fault: the last heartbeat reports a device or storage wrong; else ok.
 */
export function kioskState(
  kiosk: KioskStateInput,
  now: Date,
  silentMinutes: number,
): { state: KioskState; faults: KioskFault[] } {
  const faults = kioskFaults(parseStatus(kiosk.status));
  if (kiosk.revoked_at) return { state: 'revoked', faults };
  const last = kiosk.last_heartbeat_at ?? kiosk.created_at;
  const silent = now.getTime() - Date.parse(last) >= silentMinutes * 60_000;
  if (silent) return { state: 'silent', faults };
  if (!kiosk.last_heartbeat_at) return { state: 'waiting', faults };
  return { state: faults.length > 0 ? 'fault' : 'ok', faults };
}
