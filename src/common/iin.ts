// The Kazakh individual identification number (ИИН / ЖСН): 12 digits, checked the same way on the kiosk and the
// server. Pure and free of Node imports, because the kiosk calls it on every key press.

export type IinCheck =
  | { ok: true; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: 'format' | 'century' | 'date' | 'checksum' };

/** Twelve digits: the shape the API accepts before checkIin looks closer. */
export const IIN_PATTERN = '^[0-9]{12}$';

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

/** Century of the birth year by the 7th digit: 1–2 the 1800s, 3–4 the 1900s, 5–6 the 2000s. */
const CENTURY: Record<string, number> = { '1': 1800, '2': 1800, '3': 1900, '4': 1900, '5': 2000, '6': 2000 };

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  return weights.reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0) % 11;
}

/**
 * The check digit of the first 11 digits, or null when both passes give 10 (no IIN is issued with those digits).
 * First pass: weights 1…11, mod 11; if that is 10, second pass: weights 3…11, 1, 2.
 */
export function iinCheckDigit(first11: string): number | null {
  if (!/^[0-9]{11}$/.test(first11)) throw new Error('eleven digits expected');
  const digits = [...first11].map(Number);
  const first = weightedSum(digits, FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedSum(digits, SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Checks an IIN: twelve digits, a known century digit, a real birth date, and the check digit. */
export function checkIin(value: string): IinCheck {
  if (!/^[0-9]{12}$/.test(value)) return { ok: false, reason: 'format' };
  const centuryDigit = value.charAt(6);
  const century = CENTURY[centuryDigit];
  if (century === undefined) return { ok: false, reason: 'century' };
  const year = century + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (!realDate(year, month, day)) return { ok: false, reason: 'date' };
  if (iinCheckDigit(value.slice(0, 11)) !== Number(value.charAt(11)))
    return { ok: false, reason: 'checksum' };
  return {
    ok: true,
    birthDate: `${year}-${value.slice(2, 4)}-${value.slice(4, 6)}`,
    sex: Number(centuryDigit) % 2 === 1 ? 'male' : 'female',
  };
}
