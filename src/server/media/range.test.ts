import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRange, type RangeResult } from './range.js';

const SIZE = 1000;

describe('HTTP Range for video', () => {
  it.each<[string | undefined, RangeResult, string]>([
    [undefined, null, 'no header: the whole file'],
    ['', null, 'an empty header: the whole file'],
    ['bytes=0-', { start: 0, end: 999 }, 'from the start, open-ended (what a player sends first)'],
    ['bytes=100-199', { start: 100, end: 199 }, 'a closed range'],
    ['bytes=100-100', { start: 100, end: 100 }, 'a single byte'],
    ['bytes=999-', { start: 999, end: 999 }, 'the last byte, open-ended'],
    ['bytes=500-', { start: 500, end: 999 }, 'from the middle to the end'],
    ['bytes=-500', { start: 500, end: 999 }, 'the last 500 bytes'],
    ['bytes=-1', { start: 999, end: 999 }, 'the last byte'],
    ['bytes=-5000', { start: 0, end: 999 }, 'a suffix longer than the file: the whole file'],
    ['bytes=900-5000', { start: 900, end: 999 }, 'an end beyond the size clamps to the last byte'],
    ['bytes=0-999999999', { start: 0, end: 999 }, 'a huge end clamps'],
    [' bytes=100-199 ', { start: 100, end: 199 }, 'surrounding spaces'],
    ['bytes=1000-', 'unsatisfiable', 'a start exactly at the size'],
    ['bytes=5000-6000', 'unsatisfiable', 'a start beyond the size'],
    ['bytes=-0', 'unsatisfiable', 'an empty suffix'],
    ['bytes=-', null, 'neither start nor end'],
    ['bytes=abc-def', null, 'not numbers'],
    ['bytes=1.5-2', null, 'a fraction'],
    ['items=0-10', null, 'an unknown unit'],
    ['bytes 0-10', null, 'no equals sign'],
    ['0-10', null, 'no unit'],
    ['bytes=0-10,20-30', null, 'multi-range: the whole file'],
    ['bytes=0-10, -5', null, 'multi-range with a suffix: the whole file'],
  ])('answers %j with %j (%s)', (header, expected) => {
    expect(parseRange(header, SIZE)).toEqual(expected);
  });

  it('finds nothing to send from an empty file at byte 0', () => {
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('always answers a satisfiable range inside the file', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.option(fc.nat({ max: 20_000_000 }), { nil: undefined }),
        fc.option(fc.nat({ max: 20_000_000 }), { nil: undefined }),
        (size, first, last) => {
          const header = `bytes=${first ?? ''}-${last ?? ''}`;
          const result = parseRange(header, size);
          if (result === null || result === 'unsatisfiable') return;
          expect(result.start).toBeGreaterThanOrEqual(0);
          expect(result.end).toBeLessThan(size);
          expect(result.start).toBeLessThanOrEqual(result.end);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('HTTP Range edge cases', () => {
  it('cannot satisfy any range of an empty file', () => {
    expect(parseRange('bytes=-500', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-10', 0)).toBe('unsatisfiable');
  });

  it('ignores a backwards range and sends the whole file, as RFC 9110 says', () => {
    expect(parseRange('bytes=200-100', 1000)).toBeNull();
  });
});
