// Kazakh mobile numbers: parse what a person typed, accept only KZ mobiles, keep E.164.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Returns the E.164 form (+77XXXXXXXXX) of a Kazakh mobile number, or null if it is not one. */
export function normaliseKzMobile(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'KZ');
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
