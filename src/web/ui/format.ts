// Dates and names as a person reads them: in the UI language and the configured time zone (Asia/Almaty).
import type { Trilingual } from '../../common/api.js';
import type { Language } from '../../common/statuses.js';

export const DEFAULT_TIME_ZONE = 'Asia/Almaty';

const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

export function pick(text: Trilingual, language: Language): string {
  return text[language] || text.ru || text.kk || text.en;
}

/** Kazakh month names: Chromium's trimmed ICU has none and prints "2026 M12 17". */
const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];

function numericParts(
  date: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** "2026 жылғы 17 желтоқсан", the way Kazakh writes a date. */
function kazakhDay(date: Date, timeZone: string): { text: string; time: string } {
  const p = numericParts(date, timeZone);
  return {
    text: `${p.year} жылғы ${Number(p.day)} ${KK_MONTHS[Number(p.month) - 1] ?? p.month}`,
    time: `${p.hour}:${p.minute}`,
  };
}

export function formatDateTime(iso: string, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  if (language === 'kk') {
    const { text, time } = kazakhDay(new Date(iso), timeZone);
    return `${text}, ${time}`;
  }
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** A calendar day ('YYYY-MM-DD') has no time zone: format it as that very day. */
export function formatDay(day: string, language: Language): string {
  if (language === 'kk') return kazakhDay(new Date(`${day}T00:00:00Z`), 'UTC').text;
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${day}T00:00:00Z`));
}

export function formatShortDateTime(iso: string, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function formatShortDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** 125 → "2:05" */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
