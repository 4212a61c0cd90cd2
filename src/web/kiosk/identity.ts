// The booth's identity: paired once by an administrator (the booth shows a code, the admin enters it), then a
// credential kept in localStorage authenticates it; a heartbeat reports camera, microphone, storage and version.
import { ApiError, api, setKioskToken, type KioskHeartbeat, type KioskInfo } from '../ui/api.js';

const TOKEN_KEY = 'dialog.kiosk.token';
const PAIRING_KEY = 'dialog.kiosk.pairing';
const POLL_MS = 5000;
const HEARTBEAT_MS = 60_000;

declare const __APP_VERSION__: string;

interface PendingPairing {
  id: string;
  secret: string;
  code: string;
  expiresAt: string;
}

export type Identity =
  { state: 'loading' } | { state: 'paired'; kiosk: KioskInfo } | { state: 'unpaired'; code: string | null };

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A booth without storage pairs again after a restart; nothing else is lost.
  }
}

/** Runs the pairing and heartbeat loops; calls `onChange` whenever the booth's identity changes. */
export function startIdentity(onChange: (identity: Identity) => void, status: () => Promise<KioskHeartbeat>) {
  let stopped = false;
  let timer: number | undefined;
  const later = (fn: () => Promise<void>, ms: number) => {
    if (!stopped) timer = window.setTimeout(() => void fn(), ms);
  };

  const heartbeat = async () => {
    try {
      await api.kioskHeartbeat(await status());
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return forget();
    }
    later(heartbeat, HEARTBEAT_MS);
  };

  const forget = async () => {
    write(TOKEN_KEY, null);
    setKioskToken(null);
    await pair();
  };

  const poll = async () => {
    const pending = read<PendingPairing>(PAIRING_KEY);
    if (!pending) return pair();
    try {
      const result = await api.kioskPairingState(pending.id, pending.secret);
      if (result.state === 'paired' && result.token && result.kiosk) {
        write(TOKEN_KEY, result.token);
        write(PAIRING_KEY, null);
        setKioskToken(result.token);
        onChange({ state: 'paired', kiosk: result.kiosk });
        return heartbeat();
      }
      if (result.state === 'paired' && read<string>(TOKEN_KEY)) {
        // Another window of this booth collected the credential first: use it.
        write(PAIRING_KEY, null);
        return begin();
      }
      if (result.state !== 'pending') {
        write(PAIRING_KEY, null);
        return pair();
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        write(PAIRING_KEY, null);
        return pair();
      }
    }
    later(poll, POLL_MS);
  };

  const pair = async () => {
    let pending = read<PendingPairing>(PAIRING_KEY);
    if (!pending || Date.parse(pending.expiresAt) < Date.now()) {
      try {
        pending = await api.startKioskPairing();
        write(PAIRING_KEY, pending);
      } catch {
        onChange({ state: 'unpaired', code: null });
        return later(pair, POLL_MS * 6);
      }
    }
    const shown = pending;
    onChange({ state: 'unpaired', code: shown.code });
    later(poll, POLL_MS);
  };

  const begin = async () => {
    const token = read<string>(TOKEN_KEY);
    if (!token) return pair();
    setKioskToken(token);
    try {
      onChange({ state: 'paired', kiosk: await api.kioskMe() });
      return heartbeat();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return forget();
      // The server is unreachable: keep the credential and try again soon.
      later(begin, POLL_MS);
    }
  };

  void begin();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}

type DeviceState = KioskHeartbeat['camera'];

async function deviceState(kind: MediaDeviceKind, permission: string): Promise<DeviceState> {
  try {
    const granted = await navigator.permissions
      .query({ name: permission as PermissionName })
      .then((p) => p.state)
      .catch(() => 'prompt');
    if (granted === 'denied') return 'denied';
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.some((d) => d.kind === kind) ? 'ok' : 'missing';
  } catch {
    return 'unknown';
  }
}

/** What the booth can tell about itself from inside the browser (a printer is invisible from here). */
export async function boothStatus(pendingUploads: () => Promise<number>): Promise<KioskHeartbeat> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return {
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev',
    camera: await deviceState('videoinput', 'camera'),
    microphone: await deviceState('audioinput', 'microphone'),
    printer: 'unknown',
    storageUsedBytes: Math.round(estimate?.usage ?? 0),
    storageQuotaBytes: Math.round(estimate?.quota ?? 0),
    pendingUploads: await pendingUploads().catch(() => 0),
  };
}
