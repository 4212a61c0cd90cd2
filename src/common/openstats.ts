// The public statistics' contract (/stats and the open data at /api/open-data/stats.{json,csv}): how each body
// answers, by period, with small counts suppressed. The JSON Schema served at /api/open-data/stats.schema.json is
// this TypeBox schema, so the file, the route and the page never disagree. Field names are snake_case: the CSV's
// columns are the same names.
import { Type, type Static } from 'typebox';

/** `last-12-months`, a year (`2026`) or a quarter (`2026-Q3`); every period ends by the last published day. */
export const STATS_PERIOD_PATTERN = '^(last-12-months|[0-9]{4}|[0-9]{4}-Q[1-4])$';
export const DEFAULT_STATS_PERIOD = 'last-12-months';

export const StatsQuery = Type.Object(
  { period: Type.String({ pattern: STATS_PERIOD_PATTERN, default: DEFAULT_STATS_PERIOD, maxLength: 16 }) },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;

/** The figures suppression works on: each with its own base count, which adds up across rows. */
export const STATS_MEASURES = ['received', 'on_time', 'answer_time', 'satisfaction'] as const;
export type StatsMeasure = (typeof STATS_MEASURES)[number];

const DAY_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const Day = (description?: string) =>
  Type.String({ pattern: DAY_PATTERN, ...(description ? { description } : {}) });
const Count = (description: string) =>
  Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description });
const Name = Type.Union([Type.String(), Type.Null()]);

export const StatsSuppression = Type.Object(
  {
    measure: Type.Union([
      Type.Literal('received'),
      Type.Literal('on_time'),
      Type.Literal('answer_time'),
      Type.Literal('satisfaction'),
    ]),
    reason: Type.Union([Type.Literal('small'), Type.Literal('complementary')], {
      description:
        'small: computed from fewer than min_count appeals; complementary: hidden so that a small figure cannot be worked out by subtraction from the total',
    }),
  },
  { additionalProperties: false },
);
export type StatsSuppression = Static<typeof StatsSuppression>;

export const StatsRow = Type.Object(
  {
    level: Type.Union([Type.Literal('region'), Type.Literal('department'), Type.Literal('unassigned')], {
      description:
        'region: every appeal of the period; department: one body; unassigned: appeals not (yet) assigned to a body',
    }),
    department_id: Name,
    department_code: Name,
    name_kk: Name,
    name_ru: Name,
    name_en: Name,
    received: Count('Appeals registered in the period'),
    due: Count('Of those, appeals whose deadline has been met or missed: answered, or still open past it'),
    answered_on_time: Count('Of those, first answered on or before the deadline'),
    on_time_share: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: 'answered_on_time / due, rounded to 3 decimals',
    }),
    answered: Count('Appeals of the period that have been answered'),
    median_answer_working_days: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'The median working days from registration to the first answer, of the answered',
    }),
    ratings: Count('Answers the citizen rated (1–5)'),
    average_rating: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], {
      description: 'The mean rating, rounded to 2 decimals',
    }),
    suppressed: Type.Array(StatsSuppression, {
      description: 'The measures not shown, and why; their fields are null',
    }),
  },
  { additionalProperties: false },
);
export type StatsRow = Static<typeof StatsRow>;

export const STATS_LICENSE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

export const StatsDocument = Type.Object(
  {
    dataset: Type.Literal('dialog-public-statistics'),
    schema: Type.String({ description: 'Where this document’s JSON Schema is' }),
    license: Type.Object(
      {
        id: Type.Literal(STATS_LICENSE.id),
        name: Type.String(),
        url: Type.String(),
      },
      { additionalProperties: false },
    ),
    period: Type.Object(
      {
        key: Type.String({ pattern: STATS_PERIOD_PATTERN }),
        from: Day(),
        to: Day(),
        complete: Type.Boolean({ description: 'false while the period runs past the last published day' }),
      },
      { additionalProperties: false },
    ),
    published_through: Day('The last day of the last complete month: figures are monthly'),
    min_count: Type.Integer({
      minimum: 2,
      description: 'Figures from fewer appeals than this are not shown',
    }),
    region: StatsRow,
    departments: Type.Array(StatsRow),
  },
  { additionalProperties: false },
);
export type StatsDocument = Static<typeof StatsDocument>;

const QUARTER_FIRST_MONTH = [1, 4, 7, 10] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period's first and last day, cut at `publishedThrough`; null if it starts after that day. */
export function periodRange(
  key: string,
  publishedThrough: string,
): { from: string; to: string; complete: boolean } | null {
  const [py, pm] = publishedThrough.split('-').map(Number) as [number, number];
  let from: string;
  let to: string;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (key === DEFAULT_STATS_PERIOD) {
    const start = new Date(Date.UTC(py, pm - 12, 1));
    from = `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-01`;
    to = publishedThrough;
  } else if (quarter) {
    const year = Number(quarter[1]);
    const first = QUARTER_FIRST_MONTH[Number(quarter[2]) - 1] ?? 1;
    from = `${year}-${pad(first)}-01`;
    to = `${year}-${pad(first + 2)}-${pad(lastDayOfMonth(year, first + 2))}`;
  } else if (/^\d{4}$/.test(key)) {
    from = `${key}-01-01`;
    to = `${key}-12-31`;
  } else {
    return null;
  }
  if (from > publishedThrough) return null;
  return to > publishedThrough
    ? { from, to: publishedThrough, complete: false }
    : { from, to, complete: true };
}

/** The periods the page offers: the last 12 months, then each of the last `years` years with its quarters. */
export function offeredPeriods(publishedThrough: string, years = 3): string[] {
  const keys: string[] = [DEFAULT_STATS_PERIOD];
  const last = Number(publishedThrough.slice(0, 4));
  for (let year = last; year > last - years; year -= 1) {
    keys.push(String(year));
    for (let q = 4; q >= 1; q -= 1)
      if (periodRange(`${year}-Q${q}`, publishedThrough)) keys.push(`${year}-Q${q}`);
  }
  return keys;
}
