// The supervisor's dashboard contract (/office/oversight): the filters, the figures, the drill-down list and the
// exports. TypeBox schemas, as in api.ts; the server validates with them and the office app takes its types from them.
import { Type, type Static } from 'typebox';
import { AppealStatusSchema, AppealTypeSchema, Id, PersonRef, Trilingual } from './api.js';

const literals = <T extends readonly string[]>(values: T, extra: Record<string, unknown> = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...extra });

/** The figures; each links to the list of appeals it counts. */
export const OVERSIGHT_METRICS = [
  'received',
  'answered',
  'answeredOnTime',
  'overdue',
  'extended',
  'redirected',
  'disputed',
  'rated',
] as const;
export type OversightMetric = (typeof OVERSIGHT_METRICS)[number];

export const OVERSIGHT_TABLES = [
  'departments',
  'officials',
  'topics',
  'series',
  'booths',
  'appeals',
] as const;
export type OversightTable = (typeof OVERSIGHT_TABLES)[number];

export const OVERSIGHT_PAGE_MAX = 200;

const Day = (description: string) => Type.String({ format: 'date', description });

export const OversightFilters = Type.Object({
  from: Day('First registration day of the period (office time zone), inclusive'),
  to: Day('Last registration day of the period, inclusive'),
  department: Type.Optional(Id),
  official: Type.Optional(Id),
  category: Type.Optional(Id),
  kiosk: Type.Optional(Id),
  type: Type.Optional(AppealTypeSchema),
  status: Type.Optional(AppealStatusSchema),
});
export type OversightFilters = Static<typeof OversightFilters>;

export const Figures = Type.Object({
  received: Type.Integer(),
  answered: Type.Integer(),
  answeredOnTime: Type.Integer(),
  overdue: Type.Integer(),
  extended: Type.Integer(),
  redirected: Type.Integer(),
  disputed: Type.Integer(),
  medianAnswerWorkingDays: Type.Union([Type.Integer(), Type.Null()]),
  averageRating: Type.Union([Type.Number(), Type.Null()]),
  ratings: Type.Integer(),
});
export type Figures = Static<typeof Figures>;

/** A department's or official's row: '' as id for appeals addressed to no named official. */
export const PerformanceItem = Type.Object({
  id: Type.String(),
  name: Type.Union([Trilingual, Type.Null()]),
  ...Figures.properties,
});
export type PerformanceItem = Static<typeof PerformanceItem>;

export const SeriesPoint = Type.Object({
  day: Type.String({ format: 'date' }),
  received: Type.Integer(),
  answered: Type.Integer(),
  answeredOnTime: Type.Integer(),
  overdue: Type.Integer(),
});

export const TopicTrend = Type.Object({
  id: Type.String(),
  name: Type.Union([Trilingual, Type.Null()]),
  current: Type.Integer(),
  previous: Type.Integer(),
});
export type TopicTrend = Static<typeof TopicTrend>;

export const BoothTraffic = Type.Object({
  byDay: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), count: Type.Integer() })),
  /** 24 entries, hour 0–23 local time. */
  byHour: Type.Array(Type.Object({ hour: Type.Integer(), count: Type.Integer() })),
  byKiosk: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() })),
});
export type BoothTraffic = Static<typeof BoothTraffic>;

export const OversightDashboard = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  /** The period of the same length just before: what "trending" compares with. */
  previousFrom: Type.String({ format: 'date' }),
  previousTo: Type.String({ format: 'date' }),
  totals: Figures,
  previousTotals: Figures,
  series: Type.Array(SeriesPoint),
  departments: Type.Array(PerformanceItem),
  officials: Type.Array(PerformanceItem),
  topics: Type.Array(TopicTrend),
  booths: BoothTraffic,
});
export type OversightDashboard = Static<typeof OversightDashboard>;

export const OversightListQuery = Type.Object({
  ...OversightFilters.properties,
  metric: Type.Optional(literals(OVERSIGHT_METRICS, { default: 'received' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: OVERSIGHT_PAGE_MAX, default: 50 })),
});
export type OversightListQuery = Static<typeof OversightListQuery>;

export const OversightAppeal = Type.Object({
  id: Id,
  registrationNumber: Type.String(),
  status: AppealStatusSchema,
  type: AppealTypeSchema,
  registeredOn: Type.String({ format: 'date' }),
  deadlineOn: Type.String({ format: 'date' }),
  firstAnsweredOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  answerWorkingDays: Type.Union([Type.Integer(), Type.Null()]),
  addressee: Type.Union([PersonRef, Type.Null()]),
  category: Type.Union([Trilingual, Type.Null()]),
});
export type OversightAppeal = Static<typeof OversightAppeal>;

export const OversightPage = Type.Object({
  items: Type.Array(OversightAppeal),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type OversightPage = Static<typeof OversightPage>;

export const OversightExportQuery = Type.Object({
  ...OversightFilters.properties,
  table: literals(OVERSIGHT_TABLES),
  format: literals(['csv', 'xlsx'] as const),
  metric: Type.Optional(literals(OVERSIGHT_METRICS, { default: 'received' })),
  lang: Type.Optional(literals(['kk', 'ru', 'en'] as const)),
});
export type OversightExportQuery = Static<typeof OversightExportQuery>;
