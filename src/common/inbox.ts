// The office inbox's contract: views, filters, sort and keyset pages, counts per view, and saved views. TypeBox
// schemas, as in api.ts; the server validates with them and the office app takes its types from them.
import { Type, type Static } from 'typebox';
import { AppealStatusSchema, AppealTypeSchema, Id, InboxItem, SourceSchema, Trilingual } from './api.js';

/** A string enum, as in api.ts; `extra` adds a default or a description. */
const literals = <T extends readonly string[]>(values: T, extra: Record<string, unknown> = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...extra });

/**
 * new: registered, nobody has moved it yet; mine: addressed to me, an official who delegates to me, or my department
 * without a named official; due soon: open, deadline within INBOX_DUE_SOON_WORKING_DAYS working days; overdue: open,
 * deadline passed; answered; disputed; all.
 */
export const INBOX_VIEWS = ['new', 'mine', 'due-soon', 'overdue', 'answered', 'disputed', 'all'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const InboxViewSchema = literals(INBOX_VIEWS);

export const INBOX_SORTS = ['registered', 'deadline', 'status'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
export const InboxSortSchema = literals(INBOX_SORTS);
export const SortDirectionSchema = literals(['asc', 'desc'] as const);
export type SortDirection = Static<typeof SortDirectionSchema>;

/** Each sort's natural direction: newest first, nearest deadline first, statuses in their order. */
export const DEFAULT_DIRECTION: Record<InboxSort, SortDirection> = {
  registered: 'desc',
  deadline: 'asc',
  status: 'asc',
};

export const INBOX_DUE_SOON_WORKING_DAYS = 3;
export const INBOX_SEARCH_MAX_LENGTH = 100;
export const INBOX_PAGE_MAX = 200;
/** Counts stop here ("1000+"): the cost of a count is bounded whatever the table's size. */
export const INBOX_COUNT_CAP = 1000;
export const SAVED_VIEW_NAME_MAX_LENGTH = 60;
export const SAVED_VIEWS_MAX = 30;

/** The filters every view takes (and the counts endpoint applies to every view). */
export const InboxFilters = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: INBOX_SEARCH_MAX_LENGTH,
        description:
          'Search: a registration number (or its beginning), a full phone number, or words from the typed note or an answer (each word a prefix, all words in one text)',
      }),
    ),
    department: Type.Optional(Id),
    category: Type.Optional(Id),
    kiosk: Type.Optional(Id),
    status: Type.Optional(Type.Array(AppealStatusSchema, { maxItems: 8 })),
    type: Type.Optional(AppealTypeSchema),
    source: Type.Optional(SourceSchema),
    from: Type.Optional(
      Type.String({ format: 'date', description: 'Registered on or after this day (office time zone)' }),
    ),
    to: Type.Optional(
      Type.String({ format: 'date', description: 'Registered on or before this day (office time zone)' }),
    ),
  },
  { additionalProperties: false },
);
export type InboxFilters = Static<typeof InboxFilters>;

export const InboxQuery = Type.Object(
  {
    ...InboxFilters.properties,
    view: Type.Optional(literals(INBOX_VIEWS, { default: 'all' })),
    sort: Type.Optional(literals(INBOX_SORTS, { default: 'registered' })),
    dir: Type.Optional(SortDirectionSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: INBOX_PAGE_MAX, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 300, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;

/** A row of the inbox: the appeal as listed (phone masked) and where it stands against its deadline. */
export const InboxRow = Type.Object({
  ...InboxItem.properties,
  /** overdue: open past its deadline; due-soon: open, due within INBOX_DUE_SOON_WORKING_DAYS working days. */
  deadlineFlag: Type.Union([Type.Literal('overdue'), Type.Literal('due-soon'), Type.Null()]),
  /** Escalated to the supervisor's queue for being overdue (modules/deadlines). */
  escalated: Type.Boolean(),
});
export type InboxRow = Static<typeof InboxRow>;

export const InboxPage = Type.Object({
  items: Type.Array(InboxRow),
  /** Opaque; null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type InboxPage = Static<typeof InboxPage>;

export const ViewCount = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  /** The count reached INBOX_COUNT_CAP and stopped there: show "1000+". */
  capped: Type.Boolean(),
});
export type ViewCount = Static<typeof ViewCount>;

export const InboxCounts = Type.Object({
  counts: Type.Object(
    Object.fromEntries(INBOX_VIEWS.map((v) => [v, ViewCount])) as Record<InboxView, typeof ViewCount>,
  ),
  cap: Type.Integer(),
});
export type InboxCounts = Static<typeof InboxCounts>;

/** What the filter menus offer: departments, categories and booths. */
export const InboxFilterOptions = Type.Object({
  departments: Type.Array(Type.Object({ id: Id, name: Trilingual })),
  categories: Type.Array(Type.Object({ id: Id, name: Trilingual })),
  kiosks: Type.Array(Type.Object({ id: Id, name: Type.String(), location: Type.String() })),
});
export type InboxFilterOptions = Static<typeof InboxFilterOptions>;

/** What a saved view keeps: a view, its filters and its sort (never a cursor). */
export const SavedViewQuery = Type.Object(
  {
    ...InboxFilters.properties,
    view: Type.Optional(InboxViewSchema),
    sort: Type.Optional(InboxSortSchema),
    dir: Type.Optional(SortDirectionSchema),
  },
  { additionalProperties: false },
);
export type SavedViewQuery = Static<typeof SavedViewQuery>;

export const SavedViewBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: SAVED_VIEW_NAME_MAX_LENGTH }),
    query: SavedViewQuery,
  },
  { additionalProperties: false },
);
export type SavedViewBody = Static<typeof SavedViewBody>;

export const SavedView = Type.Object({
  id: Id,
  name: Type.String(),
  query: SavedViewQuery,
  createdAt: Type.String({ format: 'date-time' }),
});
export type SavedView = Static<typeof SavedView>;
