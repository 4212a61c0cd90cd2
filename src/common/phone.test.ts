import { describe, expect, it } from 'vitest';
import { maskPhone, normaliseKzMobile } from './phone.js';

describe('Kazakh mobile numbers', () => {
  it.each([
    ['+7 701 123 45 67', 'international form with spaces'],
    ['+77011234567', 'E.164 already'],
    ['8 701 123 45 67', 'domestic trunk prefix 8'],
    ['87011234567', 'domestic, no separators'],
    ['7011234567', 'ten digits without any prefix'],
    ['77011234567', 'country code without the plus'],
    ['+7 (701) 123-45-67', 'brackets and dashes'],
    ['8 (701) 123-45-67', 'trunk prefix, brackets and dashes'],
    ['8-701-123-45-67', 'dashes only'],
    ['  +7 701 123 45 67  ', 'surrounding spaces'],
  ])('accepts %j (%s) as +77011234567', (input) => {
    expect(normaliseKzMobile(input)).toBe('+77011234567');
  });

  it.each([
    ['+7 700 123 45 67', '+77001234567'],
    ['8 705 123 45 67', '+77051234567'],
    ['8 747 123 45 67', '+77471234567'],
    ['8 778 123 45 67', '+77781234567'],
  ])('accepts the operator prefix in %j', (input, e164) => {
    expect(normaliseKzMobile(input)).toBe(e164);
  });

  it.each([
    ['+7 727 272 12 34', 'an Almaty landline'],
    ['8 727 272 1234', 'an Almaty landline dialled domestically'],
    ['+7 7172 55 55 55', 'an Astana landline'],
    ['+7 495 123 45 67', 'a Moscow landline'],
    ['+7 916 123 45 67', 'a Russian mobile'],
    ['8 916 123 45 67', 'a Russian mobile dialled with 8'],
    ['+998 90 123 45 67', 'an Uzbek mobile'],
    ['+1 202 555 0100', 'a US number'],
    ['+7 701 123 45 6', 'a digit short'],
    ['+7 701 123 45 678', 'a digit too many'],
    ['', 'nothing'],
    ['   ', 'only spaces'],
    ['abc', 'letters'],
    ['+7 701 ABC DE FG', 'letters in place of digits'],
  ])('rejects %j (%s)', (input) => {
    expect(normaliseKzMobile(input)).toBeNull();
  });
});

describe('masked phone numbers', () => {
  it('shows the operator and the last two digits only', () => {
    expect(maskPhone('+77011234567')).toBe('+7 701 ••• ••67');
  });

  it('hides the middle digits of any stored number', () => {
    const masked = maskPhone('+77471239876');
    expect(masked).toBe('+7 747 ••• ••76');
    expect(masked).not.toMatch(/123|98/);
  });

  it.each(['', '+7701', '+998901234567', 'not a phone'])(
    'shows nothing of a malformed number %j',
    (input) => {
      expect(maskPhone(input)).toBe('•••');
    },
  );
});

describe('the cut-down phone metadata', () => {
  it('is the installed libphonenumber-js max metadata for +7 (regenerate with the command in phone.ts if not)', async () => {
    const max = (await import('libphonenumber-js/metadata.max.json')).default as unknown as {
      version: number;
      country_calling_codes: Record<string, string[]>;
      countries: Record<string, unknown>;
    };
    const cut = (await import('./phone-metadata.json')).default as unknown;
    expect(cut).toEqual({
      version: max.version,
      country_calling_codes: { 7: max.country_calling_codes['7'] },
      countries: { RU: max.countries.RU, KZ: max.countries.KZ },
      nonGeographic: {},
    });
  });
});
