import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function timestampOf(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

describe('time-ordered ids', () => {
  it('carries the current time in its first 48 bits', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(timestampOf(id)).toBeGreaterThanOrEqual(before);
    expect(timestampOf(id)).toBeLessThanOrEqual(after);
  });

  it('is a UUID of version 7 and the RFC 9562 variant', () => {
    for (let i = 0; i < 100; i++) expect(uuidv7()).toMatch(UUID_V7);
  });

  it('makes 10 000 unique ids in a loop, each sorting after the one before', () => {
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) {
      if (!(ids[i - 1]! < ids[i]!)) expect.fail(`id ${i} (${ids[i]}) does not sort after ${ids[i - 1]}`);
    }
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('keeps order when more ids are made in one millisecond than the counter holds', () => {
    const now = Date.UTC(2031, 0, 1);
    const ids = Array.from({ length: 5000 }, () => uuidv7(now));
    for (let i = 1; i < ids.length; i++) expect(ids[i - 1]! < ids[i]!).toBe(true);
    expect(timestampOf(ids[0]!)).toBe(now);
  });

  it('keeps order when the clock steps back', () => {
    const first = uuidv7(Date.UTC(2032, 0, 1));
    const second = uuidv7(Date.UTC(2032, 0, 1) - 60_000);
    expect(first < second).toBe(true);
    expect(second).toMatch(UUID_V7);
  });
});
