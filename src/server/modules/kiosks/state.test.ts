// The booth's state at a glance, from its last heartbeat.
import { describe, expect, it } from 'vitest';
import { kioskFaults, kioskState, type StoredStatus } from './state.js';

const healthy: StoredStatus = {
  camera: 'ok',
  microphone: 'ok',
  printer: 'unknown',
  storageUsedBytes: 1_000,
  storageQuotaBytes: 10_000,
  pendingUploads: 0,
};
const now = new Date('2026-11-18T05:00:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const booth = (over: Partial<Parameters<typeof kioskState>[0]> = {}) => ({
  created_at: minutesAgo(600),
  revoked_at: null,
  last_heartbeat_at: minutesAgo(1),
  status: JSON.stringify(healthy),
  ...over,
});

describe('a booth at a glance', () => {
  it('is ok with a fresh heartbeat, working devices and an unknown printer', () => {
    expect(kioskState(booth(), now, 10)).toEqual({ state: 'ok', faults: [] });
  });

  it('is silent once no heartbeat came for the configured minutes, and not a minute before', () => {
    expect(kioskState(booth({ last_heartbeat_at: minutesAgo(9.9) }), now, 10).state).toBe('ok');
    expect(kioskState(booth({ last_heartbeat_at: minutesAgo(10) }), now, 10).state).toBe('silent');
    expect(kioskState(booth({ last_heartbeat_at: minutesAgo(10) }), now, 30).state).toBe('ok');
  });

  it('waits for the first heartbeat after pairing, then counts silence from the pairing', () => {
    expect(kioskState(booth({ created_at: minutesAgo(2), last_heartbeat_at: null }), now, 10).state).toBe(
      'waiting',
    );
    expect(kioskState(booth({ created_at: minutesAgo(11), last_heartbeat_at: null }), now, 10).state).toBe(
      'silent',
    );
  });

  it('reports a fault for a broken camera, microphone or printer and a nearly full storage', () => {
    const faulty = { ...healthy, camera: 'denied', printer: 'missing', storageUsedBytes: 9_600 } as const;
    expect(kioskState(booth({ status: JSON.stringify(faulty) }), now, 10)).toEqual({
      state: 'fault',
      faults: ['camera', 'printer', 'storage'],
    });
    expect(kioskFaults({ ...healthy, microphone: 'busy' })).toEqual(['microphone']);
    expect(kioskFaults({ ...healthy, storageQuotaBytes: 0 })).toEqual([]);
  });

  it('says revoked before anything else, and silent before a fault it can no longer confirm', () => {
    expect(kioskState(booth({ revoked_at: minutesAgo(5) }), now, 10).state).toBe('revoked');
    const faulty = JSON.stringify({ ...healthy, camera: 'error' });
    expect(kioskState(booth({ status: faulty, last_heartbeat_at: minutesAgo(60) }), now, 10)).toEqual({
      state: 'silent',
      faults: ['camera'],
    });
  });

  it('treats an empty or unreadable report as no faults', () => {
    expect(kioskFaults(null)).toEqual([]);
    expect(kioskState(booth({ status: '{}' }), now, 10).state).toBe('ok');
    expect(kioskState(booth({ status: 'not json' }), now, 10).state).toBe('ok');
  });
});
