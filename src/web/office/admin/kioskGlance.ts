// The booths' list at a glance, pure: how many are in each state, the list shown for a chosen state, and a heartbeat's
// age in words ("3 min. ago") in the reader's language.
import type { Language } from '../../../common/statuses.js';
import type { KioskAdminView, KioskState } from './adminApi.js';

/** The states in the order the list and its summary give them: what needs someone first. */
export const STATE_ORDER: readonly KioskState[] = ['fault', 'silent', 'waiting', 'ok', 'revoked'];

export type StateFilter = KioskState | 'all';

/** Each state that has a booth, with how many, in `STATE_ORDER`. */
export function stateCounts(kiosks: readonly KioskAdminView[]): [KioskState, number][] {
  return STATE_ORDER.map(
    (s) => [s, kiosks.filter((k) => k.state === s).length] as [KioskState, number],
  ).filter(([, n]) => n > 0);
}

export function shownKiosks(kiosks: readonly KioskAdminView[], filter: StateFilter): KioskAdminView[] {
  return filter === 'all' ? [...kiosks] : kiosks.filter((k) => k.state === filter);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 24],
  ['day', Infinity],
];

/**
 * How long ago `iso` was, from `now`, in the largest whole unit ("3 min. ago", "2 hr. ago", "3 days ago"); under a
 * minute (or a booth's clock a little ahead) it is `justNow`, since the browsers' own word for it is missing in
 * Kazakh.
 */
export function timeAgo(iso: string, now: Date, language: Language, justNow: string): string {
  let amount = (now.getTime() - Date.parse(iso)) / 60_000;
  if (amount < 1) return justNow;
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'always', style: 'short' });
  for (const [unit, size] of UNITS) {
    if (amount < size) return format.format(-Math.floor(amount), unit);
    amount /= size;
  }
  return format.format(-Math.floor(amount), 'day');
}
