// HTTP Range for video: one byte range per request (what players send); multi-range is answered with the whole file.

export type RangeResult = { start: number; end: number } | 'unsatisfiable' | null;

/** Parses a Range header against a size: null → send everything; 'unsatisfiable' → 416. */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  if (first === '' && last === '') return null;
  if (size === 0) return 'unsatisfiable';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  // RFC 9110: a range whose last byte is before its first is invalid, and an invalid Range header is ignored.
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
