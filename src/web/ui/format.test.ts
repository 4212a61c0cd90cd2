import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatDay } from './format.js';

describe('dates as people read them', () => {
  it('writes Kazakh dates with Kazakh month names, whatever the browser ICU knows', () => {
    expect(formatDay('2026-12-17', 'kk')).toBe('2026 жылғы 17 желтоқсан');
    expect(formatDay('2027-01-04', 'kk')).toBe('2027 жылғы 4 қаңтар');
  });

  it('shows the registration time in Almaty time, whatever the machine zone', () => {
    expect(formatDateTime('2026-11-25T06:37:00Z', 'kk', 'Asia/Almaty')).toBe('2026 жылғы 25 қараша, 11:37');
    expect(formatDateTime('2026-11-25T06:37:00Z', 'ru', 'Asia/Almaty')).toContain('11:37');
    expect(formatDateTime('2026-11-25T06:37:00Z', 'en', 'Asia/Almaty')).toContain('25 November 2026');
  });

  it('keeps a calendar day on its own date in every language', () => {
    expect(formatDay('2026-03-21', 'ru')).toContain('21');
    expect(formatDay('2026-03-21', 'en')).toBe('21 March 2026');
  });

  it('counts the clock down in minutes and seconds, rounding up', () => {
    expect(formatClock(125)).toBe('2:05');
    expect(formatClock(59.2)).toBe('1:00');
    expect(formatClock(-3)).toBe('0:00');
  });
});
