// Kazakh mobile numbers: parse what a person typed, accept only KZ mobiles, keep E.164.
// The metadata is libphonenumber-js's "max" set cut down to +7 (Kazakhstan and Russia share the code): 2 KB
// instead of 150 KB in the booth's bundle. phone.test.ts checks it still equals the installed package's; to
// regenerate after an upgrade: node -e "const m=require('libphonenumber-js/metadata.max.json');require('fs')
// .writeFileSync('src/common/phone-metadata.json',JSON.stringify({version:m.version,country_calling_codes:{7:m
// .country_calling_codes[7]},countries:{RU:m.countries.RU,KZ:m.countries.KZ},nonGeographic:{}})+'\n')"
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import metadata from './phone-metadata.json';

const KZ_METADATA = metadata as unknown as MetadataJson;

/** Returns the E.164 form (+77XXXXXXXXX) of a Kazakh mobile number, or null if it is not one. */
export function normaliseKzMobile(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'KZ', KZ_METADATA);
  if (!parsed || !parsed.isValid() || parsed.country !== 'KZ') return null;
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return parsed.number;
}

/** +77011234567 → +7 701 ••• ••67: enough to recognise one's own number, not enough to call it. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (digits.length !== 11) return '•••';
  return `+${digits[0]} ${digits.slice(1, 4)} ••• ••${digits.slice(9)}`;
}
