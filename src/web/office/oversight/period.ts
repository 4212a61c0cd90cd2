// The dashboard's periods: this week, month, quarter or year up to today (office time zone), or a custom range.
import { DEFAULT_TIME_ZONE } from '../../ui/format.js';

export const PERIODS = ['week', 'month', 'quarter', 'year', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export function today(timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function shift(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first day of the period that contains `day`; the period ends on `day`. */
export function periodRange(period: Exclude<Period, 'custom'>, day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (period) {
    case 'week': {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      return { from: shift(day, -((weekday + 6) % 7)), to: day };
    }
    case 'month':
      return { from: `${y}-${pad(m)}-01`, to: day };
    case 'quarter':
      return { from: `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`, to: day };
    case 'year':
      return { from: `${y}-01-01`, to: day };
  }
}

/** Which named period a range is, or 'custom'. */
export function periodOf(from: string, to: string, day: string): Period {
  for (const p of ['week', 'month', 'quarter', 'year'] as const) {
    const r = periodRange(p, day);
    if (r.from === from && r.to === to) return p;
  }
  return 'custom';
}
