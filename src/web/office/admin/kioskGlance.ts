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
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', Infinity],
];

/** How long ago `iso` was, from `now`, in the largest whole unit: "40 sec. ago", "3 min. ago", "2 hr. ago". */
export function timeAgo(iso: string, now: Date, language: Language): string {
  let amount = Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' });
  for (const [unit, size] of UNITS) {
    if (amount < size) return format.format(-Math.floor(amount), unit);
    amount /= size;
  }
  return format.format(-Math.floor(amount), 'day');
}
