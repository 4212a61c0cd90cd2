// How an SMS text travels: GSM-7 (160 septets, 153 per part of a long message) when every character is in the GSM
// 03.38 alphabet, else UCS-2 (70 UTF-16 code units, 67 per part). Pure, so gateways and tests count the same way.

/** The GSM 03.38 default alphabet; a character's index is its septet. 0x1B is the escape to the extension table. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: each character costs two septets (0x1B, then this code). */
const GSM_EXTENSION: Readonly<Record<string, number>> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
};

const ESCAPE = 0x1b;
const basic = new Map([...GSM_BASIC].map((ch, i) => [ch, i] as const).filter(([, i]) => i !== ESCAPE));

export type SmsEncoding = 'gsm7' | 'ucs2';

/** Units per message: septets for GSM-7, UTF-16 code units for UCS-2. */
export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text. */
  units: number;
  segments: number;
  /** The text of each segment, in order; joined they give the text back. */
  parts: string[];
}

/** Septets one character costs in GSM-7 (1 or 2), or null when it is outside the alphabet. */
function gsmCost(ch: string): 1 | 2 | null {
  if (basic.has(ch)) return 1;
  if (ch in GSM_EXTENSION) return 2;
  return null;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (gsmCost(ch) === null) return false;
  return true;
}

/** The text as unpacked GSM-7 septets (one per byte), as SMPP carries data_coding 0. Throws outside the alphabet. */
export function gsm7Septets(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = basic.get(ch);
    if (code !== undefined) {
      out.push(code);
      continue;
    }
    const extended = GSM_EXTENSION[ch];
    if (extended === undefined) throw new Error(`not in the GSM 03.38 alphabet: ${JSON.stringify(ch)}`);
    out.push(ESCAPE, extended);
  }
  return Buffer.from(out);
}

/** The text as UCS-2 big-endian bytes (UTF-16BE: a character outside the BMP is its surrogate pair). */
export function ucs2Bytes(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/**
 * Splits into segments of at most `limit` units, where each "atom" (a character with its cost) stays whole: an
 * extension character's two septets, or a surrogate pair's two code units, never straddle two segments.
 */
function split(atoms: { text: string; cost: number }[], limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const atom of atoms) {
    if (used + atom.cost > limit) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += atom.text;
    used += atom.cost;
  }
  if (current !== '' || parts.length === 0) parts.push(current);
  return parts;
}

/** Counts and splits the text in GSM-7 if it fits the alphabet, else UCS-2; `ucs2` forces UCS-2 (a gateway's choice). */
export function countSegments(text: string, force?: 'ucs2'): SmsSegments {
  const encoding: SmsEncoding = force ?? (isGsm7(text) ? 'gsm7' : 'ucs2');
  // Iterating a string yields code points, so a surrogate pair is one atom costing 2 UTF-16 units.
  const atoms = [...text].map((ch) => ({
    text: ch,
    cost: encoding === 'gsm7' ? (gsmCost(ch) ?? 0) : ch.length,
  }));
  const units = atoms.reduce((sum, a) => sum + a.cost, 0);
  const limits = SMS_LIMITS[encoding];
  const parts = units <= limits.single ? [text] : split(atoms, limits.part);
  return { encoding, units, segments: parts.length, parts };
}
