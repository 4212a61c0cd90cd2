// The SMS segment counter: GSM-7 160/153 with the extension table, UCS-2 70/67 without splitting a surrogate pair.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countSegments, gsm7Septets, isGsm7, SMS_LIMITS, ucs2Bytes } from './segments.js';

const cost = (text: string, encoding: 'gsm7' | 'ucs2') =>
  encoding === 'gsm7' ? gsm7Septets(text).length : text.length;

describe('SMS segments', () => {
  it.each<[string, string, 'gsm7' | 'ucs2', number, number]>([
    ['an empty text', '', 'gsm7', 0, 1],
    ['exactly 160 GSM characters', 'a'.repeat(160), 'gsm7', 160, 1],
    ['161 GSM characters', 'a'.repeat(161), 'gsm7', 161, 2],
    ['two full parts (306)', 'a'.repeat(306), 'gsm7', 306, 2],
    ['one more than two full parts (307)', 'a'.repeat(307), 'gsm7', 307, 3],
    ['159 characters and a euro sign (2 septets)', `${'a'.repeat(159)}€`, 'gsm7', 161, 2],
    ['158 characters and a euro sign', `${'a'.repeat(158)}€`, 'gsm7', 160, 1],
    ['80 extension characters', '^{}[]~|\\€\f'.repeat(8), 'gsm7', 160, 1],
    ['GSM letters with accents', 'Ça va? Ñandù, Øre, ßé', 'gsm7', 21, 1],
    ['exactly 70 Cyrillic letters', 'ж'.repeat(70), 'ucs2', 70, 1],
    ['71 Cyrillic letters', 'ж'.repeat(71), 'ucs2', 71, 2],
    ['one Kazakh letter among Latin ones', `${'a'.repeat(69)}ә`, 'ucs2', 70, 1],
    ['the Kazakh letters', 'ә і ң ғ ү ұ қ ө һ Ә І Ң Ғ Ү Ұ Қ Ө Һ', 'ucs2', 35, 1],
    ['134 Kazakh letters (two full parts)', 'ң'.repeat(134), 'ucs2', 134, 2],
    ['135 Kazakh letters', 'ң'.repeat(135), 'ucs2', 135, 3],
    ['an emoji (a surrogate pair, 2 units)', `${'a'.repeat(68)}😀`, 'ucs2', 70, 1],
    ['a lowercase ç (not in the alphabet)', 'ç', 'ucs2', 1, 1],
  ])('counts %s', (_name, text, encoding, units, segments) => {
    const counted = countSegments(text);
    expect(counted).toMatchObject({ encoding, units, segments });
    expect(counted.parts.join('')).toBe(text);
  });

  it('splits a long GSM text into 153-septet parts', () => {
    const { parts } = countSegments('x'.repeat(400));
    expect(parts.map((p) => p.length)).toEqual([153, 153, 94]);
  });

  it('keeps an extension character whole at a part boundary', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`;
    const { parts } = countSegments(text);
    expect(parts[0]).toBe('a'.repeat(152));
    expect(parts[1]?.startsWith('€')).toBe(true);
    expect(gsm7Septets(parts[0]!).length).toBe(152);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'ж'.repeat(66)}😀${'ж'.repeat(10)}`;
    const { parts, segments } = countSegments(text);
    expect(segments).toBe(2);
    expect(parts[0]).toBe('ж'.repeat(66));
    expect(parts[1]?.startsWith('😀')).toBe(true);
  });

  it('counts a GSM text as UCS-2 when told to', () => {
    expect(countSegments('a'.repeat(71), 'ucs2')).toMatchObject({ encoding: 'ucs2', units: 71, segments: 2 });
  });

  it('writes GSM-7 as unpacked septets: the basic table, and the escape before an extension character', () => {
    expect([...gsm7Septets('@A€{ä')]).toEqual([0x00, 0x41, 0x1b, 0x65, 0x1b, 0x28, 0x7b]);
    expect(() => gsm7Septets('ә')).toThrow(/GSM 03.38/);
    expect(isGsm7('Hello, world!')).toBe(true);
    expect(isGsm7('Привет')).toBe(false);
  });

  it('writes UCS-2 as UTF-16 big-endian', () => {
    expect([...ucs2Bytes('әA')]).toEqual([0x04, 0xd9, 0x00, 0x41]);
    expect(ucs2Bytes('😀').length).toBe(4);
  });

  it('cuts any text into parts that fit, in order, and counts them the same way', () => {
    const alphabet = fc.constantFrom(...'aZ09 .,!?€^{}[]~|\\@£ÇÑжәіңғүұқөһЁ😀🇰🇿');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 500 }), (chars) => {
        const text = chars.join('');
        const counted = countSegments(text);
        expect(counted.parts.join('')).toBe(text);
        expect(counted.parts).toHaveLength(counted.segments);
        const limits = SMS_LIMITS[counted.encoding];
        const limit = counted.segments === 1 ? limits.single : limits.part;
        for (const part of counted.parts) {
          expect(cost(part, counted.encoding)).toBeLessThanOrEqual(limit);
          if (counted.encoding === 'ucs2') expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
        }
        expect(counted.units).toBe(cost(text, counted.encoding));
        expect(counted.encoding).toBe(isGsm7(text) ? 'gsm7' : 'ucs2');
      }),
    );
  });
});
