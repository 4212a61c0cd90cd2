import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkIin, iinCheckDigit } from './iin.js';

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

function firstPass(first11: string): number {
  return [...first11].reduce((sum, d, i) => sum + Number(d) * (FIRST_WEIGHTS[i] ?? 0), 0) % 11;
}

/** A birth date, century-and-sex digit and serial; the IIN built from them when they have a check digit. */
const iinParts = fc
  .record({
    date: fc.date({
      min: new Date('1800-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    female: fc.boolean(),
    serial: fc.integer({ min: 0, max: 9999 }),
  })
  .map(({ date, female, serial }) => {
    const iso = date.toISOString().slice(0, 10);
    const year = Number(iso.slice(0, 4));
    const centuryDigit = (Math.floor(year / 100) - 18) * 2 + (female ? 2 : 1);
    const first11 = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${centuryDigit}${String(serial).padStart(4, '0')}`;
    const check = iinCheckDigit(first11);
    return {
      birthDate: iso,
      sex: female ? 'female' : 'male',
      iin: check === null ? null : `${first11}${check}`,
    };
  });

const validIin = iinParts.filter((p) => p.iin !== null).map((p) => p.iin as string);

describe('IIN', () => {
  it.each([
    ['900101300126', '1990-01-01', 'male'],
    ['850725400014', '1985-07-25', 'female'],
    ['000221501230', '2000-02-21', 'male'],
    ['771213300052', '1977-12-13', 'male'],
    ['061211600012', '2006-12-11', 'female'],
    // The first pass gives 10 here, so the check digit comes from the second weights.
    ['900101300811', '1990-01-01', 'male'],
  ])('accepts %s: born %s, %s', (iin, birthDate, sex) => {
    expect(checkIin(iin)).toEqual({ ok: true, birthDate, sex });
  });

  it.each([
    ['900101700121', 'century'],
    ['900101000121', 'century'],
    ['901301300126', 'date'],
    ['900230300128', 'date'],
    ['900100300126', 'date'],
    ['010229500126', 'date'],
    ['900101300127', 'checksum'],
    ['90010130126', 'format'],
    ['9001013001260', 'format'],
    ['90010130012a', 'format'],
    [' 900101300126', 'format'],
    ['９００１０１３００１２６', 'format'],
    ['', 'format'],
  ])('rejects %s (%s)', (iin, reason) => {
    expect(checkIin(iin)).toEqual({ ok: false, reason });
  });

  it('rejects every number whose eleven digits give 10 in both passes', () => {
    expect(iinCheckDigit('90010130080')).toBeNull();
    for (let d = 0; d <= 9; d++)
      expect(checkIin(`90010130080${d}`)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('knows 29 February in leap years only (2000 was one, 1900 was not)', () => {
    const leap = `000229${5}0001`;
    const notLeap = `000229${3}0001`;
    const withCheck = (first11: string) => `${first11}${iinCheckDigit(first11) ?? 0}`;
    expect(checkIin(withCheck(leap)).ok).toBe(true);
    expect(checkIin(withCheck(notLeap))).toEqual({ ok: false, reason: 'date' });
  });

  it('accepts every IIN built from a real date, a century digit and a serial, and reads them back', () => {
    fc.assert(
      fc.property(iinParts, ({ iin, birthDate, sex }) => {
        if (iin === null) return;
        expect(checkIin(iin)).toEqual({ ok: true, birthDate, sex });
      }),
    );
  });

  it('rejects any change of the check digit', () => {
    fc.assert(
      fc.property(validIin, fc.integer({ min: 1, max: 9 }), (iin, delta) => {
        const changed = `${iin.slice(0, 11)}${(Number(iin[11]) + delta) % 10}`;
        expect(checkIin(changed)).toEqual({ ok: false, reason: 'checksum' });
      }),
    );
  });

  it('rejects a change of a date or century digit, or reads a different birth date or sex from it', () => {
    fc.assert(
      fc.property(
        validIin,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        (iin, at, delta) => {
          const changed = `${iin.slice(0, at)}${(Number(iin[at]) + delta) % 10}${iin.slice(at + 1)}`;
          const before = checkIin(iin);
          const after = checkIin(changed);
          if (after.ok && before.ok)
            expect([after.birthDate, after.sex]).not.toEqual([before.birthDate, before.sex]);
        },
      ),
    );
  });

  it('lets a one-digit change of the first ten digits through only when the second weights are involved', () => {
    fc.assert(
      fc.property(
        validIin,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (iin, at, delta) => {
          const changed = `${iin.slice(0, at)}${(Number(iin[at]) + delta) % 10}${iin.slice(at + 1)}`;
          // With the first weights alone a one-digit change always moves the sum (11 is prime, weights 1…10 here).
          if (checkIin(changed).ok)
            expect([firstPass(iin.slice(0, 11)), firstPass(changed.slice(0, 11))]).toContain(10);
        },
      ),
    );
  });

  it('never throws, and accepts a number only when its check digit recomputes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12}$/), (value) => {
        const result = checkIin(value);
        if (result.ok) expect(iinCheckDigit(value.slice(0, 11))).toBe(Number(value[11]));
      }),
    );
    fc.assert(
      fc.property(fc.string(), (value) => {
        const result = checkIin(value);
        if (!/^[0-9]{12}$/.test(value)) expect(result).toEqual({ ok: false, reason: 'format' });
      }),
    );
  });
});
