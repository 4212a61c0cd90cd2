import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACCESS_CODE_SYMBOLS,
  REGISTRATION_NUMBER_PATTERN,
  accessCodeFromBytes,
  formatRegistrationNumber,
  normaliseAccessCode,
} from './registration.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

function bitsOf(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
}

function bitsOfCode(code: string): string {
  return [...code.replace('-', '')].map((ch) => CROCKFORD.indexOf(ch).toString(2).padStart(5, '0')).join('');
}

describe('registration numbers', () => {
  it.each([
    ['2026-11-18', 1, '261118-0001'],
    ['2026-11-18', 42, '261118-0042'],
    ['2027-01-04', 9999, '270104-9999'],
    ['2030-12-31', 123, '301231-0123'],
  ])('numbers the appeal of %s with sequence %i as %s', (day, sequence, number) => {
    expect(formatRegistrationNumber(day, sequence)).toBe(number);
    expect(number).toMatch(new RegExp(REGISTRATION_NUMBER_PATTERN));
  });

  it('is digits and one dash only, so it reads aloud in any language', () => {
    expect(formatRegistrationNumber('2026-03-26', 7)).toMatch(/^[0-9]+-[0-9]+$/);
  });

  it('sorts numbers of the same day by their sequence', () => {
    const sequences = [1, 2, 9, 10, 11, 99, 100, 101, 999, 1000, 9999];
    const numbers = sequences.map((n) => formatRegistrationNumber('2026-11-18', n));
    expect([...numbers].reverse().sort()).toEqual(numbers);
  });

  it('sorts numbers by their day first', () => {
    const numbers = [
      formatRegistrationNumber('2026-11-18', 500),
      formatRegistrationNumber('2026-11-19', 1),
      formatRegistrationNumber('2026-12-01', 1),
      formatRegistrationNumber('2027-01-04', 1),
    ];
    expect([...numbers].reverse().sort()).toEqual(numbers);
  });

  it('sorts like the (day, sequence) pairs for any days 2024–2099 and sequences up to 9999', () => {
    const day = fc
      .integer({ min: Date.UTC(2024, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
      .map((i) => new Date(i * 86_400_000).toISOString().slice(0, 10));
    const entry = fc.tuple(day, fc.integer({ min: 1, max: 9999 }));
    fc.assert(
      fc.property(entry, entry, ([d1, s1], [d2, s2]) => {
        const byPair = d1 === d2 ? Math.sign(s1 - s2) : d1 < d2 ? -1 : 1;
        const a = formatRegistrationNumber(d1, s1);
        const b = formatRegistrationNumber(d2, s2);
        expect(a === b ? 0 : a < b ? -1 : 1).toBe(byPair);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('access codes', () => {
  it('has 10 Crockford symbols shown as XXXXX-XXXXX', () => {
    const code = accessCodeFromBytes(crypto.randomBytes(7));
    expect(code).toMatch(CODE_SHAPE);
    expect(ACCESS_CODE_SYMBOLS).toBe(10);
  });

  it('carries at least 40 bits of the random bytes', () => {
    expect(ACCESS_CODE_SYMBOLS * Math.log2(CROCKFORD.length)).toBeGreaterThanOrEqual(40);
  });

  it.each([
    [[0, 0, 0, 0, 0, 0, 0], '00000-00000'],
    [[255, 255, 255, 255, 255, 255, 255], 'ZZZZZ-ZZZZZ'],
  ])('encodes %j as %s', (bytes, code) => {
    expect(accessCodeFromBytes(new Uint8Array(bytes))).toBe(code);
  });

  it('encodes exactly the first 50 bits of the bytes, five bits a symbol', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 7, maxLength: 32 }), (bytes) => {
        const code = accessCodeFromBytes(bytes);
        expect(code).toMatch(CODE_SHAPE);
        expect(bitsOfCode(code)).toBe(bitsOf(bytes).slice(0, 50));
      }),
    );
  });

  it('refuses fewer random bytes than the code needs', () => {
    expect(() => accessCodeFromBytes(crypto.randomBytes(6))).toThrow();
  });

  it('gives 1000 distinct codes from 1000 random draws, never using I, L, O or U', () => {
    const codes = Array.from({ length: 1000 }, () => accessCodeFromBytes(crypto.randomBytes(7)));
    expect(new Set(codes).size).toBe(1000);
    for (const code of codes) {
      expect(code).toMatch(CODE_SHAPE);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it.each([
    ['7K3QZ-M8R2D', '7K3QZ-M8R2D', 'the printed form'],
    ['7k3qz-m8r2d', '7K3QZ-M8R2D', 'lower case'],
    ['7K3QZM8R2D', '7K3QZ-M8R2D', 'no dash'],
    [' 7K3 QZ M8R 2D ', '7K3QZ-M8R2D', 'spaces anywhere'],
    ['7K-3Q-ZM-8R-2D', '7K3QZ-M8R2D', 'extra dashes'],
    ['I0000-L0000', '10000-10000', 'I and L read as 1'],
    ['i0000-l0000', '10000-10000', 'lower-case i and l read as 1'],
    ['OOOOO-ooooo', '00000-00000', 'O read as 0'],
  ])('forgives %j (%s)', (input, expected) => {
    expect(normaliseAccessCode(input)).toBe(expected);
  });

  it.each([
    ['7K3QZ-M8R2', 'one symbol short'],
    ['7K3QZ-M8R2DX', 'one symbol too many'],
    ['', 'nothing'],
    ['7K3QZ-M8R2U', 'U, which Crockford leaves out'],
    ['7K3QZ-M8R2!', 'punctuation'],
    ['7K3QZ-M8R2Ж', 'a Cyrillic letter'],
  ])('rejects %j (%s)', (input) => {
    expect(normaliseAccessCode(input)).toBeNull();
  });

  it('accepts every code it issues, whatever the case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 7, maxLength: 7 }), (bytes) => {
        const code = accessCodeFromBytes(bytes);
        expect(normaliseAccessCode(code)).toBe(code);
        expect(normaliseAccessCode(code.toLowerCase())).toBe(code);
        expect(normaliseAccessCode(code.replace('-', ' '))).toBe(code);
      }),
    );
  });
});
