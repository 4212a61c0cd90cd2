import { describe, expect, it } from 'vitest';
import type { KioskAdminView, KioskState } from './adminApi.js';
import { shownKiosks, stateCounts, timeAgo } from './kioskGlance.js';

const kiosk = (name: string, state: KioskState) => ({ id: name, name, state }) as KioskAdminView;
const list = [
  kiosk('a', 'ok'),
  kiosk('b', 'fault'),
  kiosk('c', 'ok'),
  kiosk('d', 'silent'),
  kiosk('e', 'revoked'),
];

describe('the booths at a glance', () => {
  it('counts the states that have a booth, faults first and revoked last', () => {
    expect(stateCounts(list)).toEqual([
      ['fault', 1],
      ['silent', 1],
      ['ok', 2],
      ['revoked', 1],
    ]);
    expect(stateCounts([])).toEqual([]);
  });

  it('shows every booth, or only those in the chosen state', () => {
    expect(shownKiosks(list, 'all').map((k) => k.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(shownKiosks(list, 'ok').map((k) => k.name)).toEqual(['a', 'c']);
    expect(shownKiosks(list, 'waiting')).toEqual([]);
  });

  it('says how long ago a heartbeat was in the largest whole unit, in each language', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const ago = (iso: string, language: 'kk' | 'ru' | 'en' = 'en') => timeAgo(iso, now, language, 'just now');
    expect(ago('2026-03-02T09:59:20Z')).toBe('just now');
    // A booth's clock a little ahead of the server's is not "in 5 seconds".
    expect(ago('2026-03-02T10:00:05Z')).toBe('just now');
    expect(ago('2026-03-02T09:57:00Z')).toBe('3 min. ago');
    expect(ago('2026-03-02T07:30:00Z')).toBe('2 hr. ago');
    expect(ago('2026-03-01T09:00:00Z')).toBe('1 day ago');
    expect(ago('2026-02-27T10:00:00Z')).toBe('3 days ago');
    expect(ago('2026-03-02T09:57:00Z', 'ru')).toBe('3 мин. назад');
    expect(ago('2026-03-02T09:57:00Z', 'kk')).toBe('3 мин. бұрын');
  });
});
