// Registration numbers (public, ordered, read aloud) and access codes (secret, ≥ 40 bits, printed on the receipt).

/**
 * 'YYMMDD-NNNN': the registration day, then that day's sequence. Digits only, so it reads aloud in any language.
 * Numbers sort by day, and within a day as text while the sequence has four digits; past 9,999 appeals in one day
 * the sequence grows to five digits, and lists order by registration time rather than by the number's text.
 */
export function formatRegistrationNumber(day: string, sequence: number): string {
  const compact = day.slice(2).replace(/-/g, '');
  return `${compact}-${String(sequence).padStart(4, '0')}`;
}

export const REGISTRATION_NUMBER_PATTERN = '^[0-9]{6}-[0-9]{4,6}$';

/** Crockford's base-32 alphabet: no I, L, O or U, so nothing is mistaken for 1, 0 or V. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 10 symbols × 5 bits = 50 bits, shown as XXXXX-XXXXX. */
export const ACCESS_CODE_SYMBOLS = 10;

/** The first `symbols` Crockford symbols of the bytes' bits, most significant first (5 bits each). */
export function crockfordFromBytes(bytes: Uint8Array, symbols: number): string {
  if (bytes.length * 8 < symbols * 5) throw new Error('not enough random bytes');
  let bits = 0;
  let buffer = 0;
  let out = '';
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < symbols) {
      out += CROCKFORD[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** What a person typed → `symbols` Crockford symbols: case, spaces, dashes and look-alike letters forgiven. */
export function normaliseCrockford(input: string, symbols: number): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (cleaned.length !== symbols) return null;
  for (const ch of cleaned) if (!CROCKFORD.includes(ch)) return null;
  return cleaned;
}

export function accessCodeFromBytes(bytes: Uint8Array): string {
  const out = crockfordFromBytes(bytes, ACCESS_CODE_SYMBOLS);
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** What the citizen typed → the canonical code: case, spaces, dashes and look-alike letters forgiven. */
export function normaliseAccessCode(input: string): string | null {
  const cleaned = normaliseCrockford(input, ACCESS_CODE_SYMBOLS);
  return cleaned === null ? null : `${cleaned.slice(0, 5)}-${cleaned.slice(5)}`;
}
