// Work on an appeal in the office: routing, redirecting (inside the directory or to an outside body), extending the
// deadline, and moderation (reject, duplicate, redact, withdraw on request). The contract as TypeBox schemas, as in
// api.ts, and the pure rules both sides need: the redirect window, the extension's ceiling, redaction of a text.
import { Type, type Static } from 'typebox';
import { AppealStatusSchema, Id, PersonRef, Trilingual } from './api.js';
import { addWorkingDays, parseDay, formatDay, type WorkCalendar } from './workdays.js';

/** The law's window to pass an appeal outside the addressee's competence to the competent body (working days). */
export const REDIRECT_WINDOW_WORKING_DAYS = 3;
export const HANDLING_REASON_MAX_LENGTH = 1000;
/** An outside body's name; the redirect SMS names it, so it has to fit in the message. */
export const OUTSIDE_BODY_MAX_LENGTH = 120;
/** What replaces each hidden part of a text in its public version. */
export const REDACTION_MARK = '[…]';
export const REDACTION_MAX_RANGES = 100;

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const ROUTING_KINDS = ['route', 'redirect', 'redirect_outside'] as const;
export type RoutingKind = (typeof ROUTING_KINDS)[number];

/** Grounds on which an operator leaves an appeal without consideration (a duplicate has its own action). */
export const REJECT_KINDS = ['spam', 'abuse', 'not_appeal'] as const;
export type RejectKind = (typeof REJECT_KINDS)[number];

export const MODERATION_KINDS = [...REJECT_KINDS, 'duplicate', 'withdrawn'] as const;
export type ModerationKind = (typeof MODERATION_KINDS)[number];

/** How the citizen asked to withdraw the appeal, when an operator records it for them. */
export const WITHDRAW_CHANNELS = ['phone', 'in_person', 'letter', 'email', 'other'] as const;
export type WithdrawChannel = (typeof WITHDRAW_CHANNELS)[number];

export const REDACTION_FIELDS = ['note', 'answer'] as const;
export type RedactionField = (typeof REDACTION_FIELDS)[number];

const Reason = Type.String({ maxLength: HANDLING_REASON_MAX_LENGTH });
const Day = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });

// Requests

/** To an official (their department follows) or to a department as a whole; a reason always. */
export const RouteBody = Type.Object(
  { officialId: Type.Optional(Id), departmentId: Type.Optional(Id), reason: Reason },
  { additionalProperties: false },
);
export type RouteBody = Static<typeof RouteBody>;

/** Inside the directory (`officialId` or `departmentId`) or to an outside body (`outsideBody`), with the reason. */
export const RedirectBody = Type.Object(
  {
    officialId: Type.Optional(Id),
    departmentId: Type.Optional(Id),
    outsideBody: Type.Optional(Type.String({ maxLength: OUTSIDE_BODY_MAX_LENGTH })),
    reason: Reason,
  },
  { additionalProperties: false },
);
export type RedirectBody = Static<typeof RedirectBody>;

export const ExtendBody = Type.Object({ deadlineOn: Day, reason: Reason }, { additionalProperties: false });
export type ExtendBody = Static<typeof ExtendBody>;

export const RejectBody = Type.Object(
  { kind: literals(REJECT_KINDS), reason: Reason },
  { additionalProperties: false },
);
export type RejectBody = Static<typeof RejectBody>;

export const DuplicateBody = Type.Object(
  {
    /** The registration number of the appeal this one repeats. */
    originalNumber: Type.String({ minLength: 1, maxLength: 32 }),
    /** An optional note for staff; the citizen is told "duplicate of <number>". */
    comment: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export type DuplicateBody = Static<typeof DuplicateBody>;

export const TextRange = Type.Object(
  { start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type TextRange = Static<typeof TextRange>;

/** Hides `ranges` (UTF-16 offsets into the original) in the public version; no ranges: shown in full again. */
export const RedactBody = Type.Object(
  {
    field: literals(REDACTION_FIELDS),
    ranges: Type.Array(TextRange, { maxItems: REDACTION_MAX_RANGES }),
    reason: Reason,
  },
  { additionalProperties: false },
);
export type RedactBody = Static<typeof RedactBody>;

export const OfficeWithdrawBody = Type.Object(
  { channel: literals(WITHDRAW_CHANNELS), reason: Reason },
  { additionalProperties: false },
);
export type OfficeWithdrawBody = Static<typeof OfficeWithdrawBody>;

// Answers

/** Where an appeal went: an official (with department), a department, or a body outside the directory. */
export const RoutingTarget = Type.Object({
  official: Type.Union([PersonRef, Type.Null()]),
  department: Type.Union([Trilingual, Type.Null()]),
  outsideBody: Type.Union([Type.String(), Type.Null()]),
});
export type RoutingTarget = Static<typeof RoutingTarget>;

export const RoutingEntry = Type.Object({
  id: Id,
  kind: literals(ROUTING_KINDS),
  to: RoutingTarget,
  reason: Type.String(),
  at: DateTime,
  actor: Type.Union([Type.String(), Type.Null()]),
  /** The last day of the redirect window as it stood then; `late` if this redirect came after it. */
  dueOn: Day,
  late: Type.Boolean(),
});
export type RoutingEntry = Static<typeof RoutingEntry>;

export const DeadlineChange = Type.Object({
  id: Id,
  oldDeadlineOn: Day,
  newDeadlineOn: Day,
  reason: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  at: DateTime,
});
export type DeadlineChange = Static<typeof DeadlineChange>;

export const DeadlineHistory = Type.Object({
  registeredOn: Day,
  /** The statutory deadline the appeal was registered with (before any extension). */
  originalDeadlineOn: Day,
  deadlineOn: Day,
  /** The latest deadline an extension may set: registration + EXTENSION_MAX_MONTHS. */
  maxDeadlineOn: Day,
  changes: Type.Array(DeadlineChange),
});
export type DeadlineHistory = Static<typeof DeadlineHistory>;

export const ModerationEntry = Type.Object({
  id: Id,
  kind: literals(MODERATION_KINDS),
  reason: Type.String(),
  channel: Type.Union([literals(WITHDRAW_CHANNELS), Type.Null()]),
  at: DateTime,
  actor: Type.Union([Type.String(), Type.Null()]),
});
export type ModerationEntry = Static<typeof ModerationEntry>;

export const AppealLink = Type.Object({ id: Id, registrationNumber: Type.String() });
export type AppealLink = Static<typeof AppealLink>;

export const RedactionView = Type.Object({
  ranges: Type.Array(TextRange),
  publicText: Type.String(),
  reason: Type.String(),
  at: DateTime,
  actor: Type.Union([Type.String(), Type.Null()]),
});
export type RedactionView = Static<typeof RedactionView>;

export const RedirectWindowState = literals(['open', 'passed', 'met', 'late'] as const);

export const HandlingView = Type.Object({
  appealId: Id,
  registrationNumber: Type.String(),
  status: AppealStatusSchema,
  registeredOn: Day,
  deadlineOn: Day,
  /**
   * The 3-working-day redirect window from registration: open (still running), passed (over, no redirect), met or
   * late (the first redirect came within it or after it).
   */
  redirectWindow: Type.Object({ dueOn: Day, state: RedirectWindowState }),
  routings: Type.Array(RoutingEntry),
  moderations: Type.Array(ModerationEntry),
  duplicateOf: Type.Union([AppealLink, Type.Null()]),
  duplicates: Type.Array(AppealLink),
  redactions: Type.Object({
    note: Type.Union([RedactionView, Type.Null()]),
    answer: Type.Union([RedactionView, Type.Null()]),
  }),
  maxDeadlineOn: Day,
  /** What the signed-in staff member may do now. */
  can: Type.Object({
    route: Type.Boolean(),
    redirect: Type.Boolean(),
    extend: Type.Boolean(),
    moderate: Type.Boolean(),
    withdraw: Type.Boolean(),
    redact: Type.Boolean(),
  }),
});
export type HandlingView = Static<typeof HandlingView>;

export const RoutingTargets = Type.Object({
  departments: Type.Array(Type.Object({ id: Id, name: Trilingual })),
  officials: Type.Array(
    Type.Object({ id: Id, fullName: Trilingual, position: Trilingual, departmentId: Id }),
  ),
});
export type RoutingTargets = Static<typeof RoutingTargets>;

// Rules

/** The last day an appeal may be redirected within the law's window: registration + 3 working days. */
export function redirectDueOn(registeredOn: string, calendar: WorkCalendar): string {
  return addWorkingDays(registeredOn, REDIRECT_WINDOW_WORKING_DAYS, calendar);
}

/** The same day `months` calendar months later; past the end of a shorter month, its last day (31 Dec → 28 Feb). */
export function addMonths(day: string, months: number): string {
  const date = parseDay(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return formatDay(new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), last))));
}

/** Sorted, merged ranges that lie within a text of `length`; null if any range is empty or out of bounds. */
export function normaliseRanges(ranges: readonly TextRange[], length: number): TextRange[] | null {
  if (ranges.some((r) => r.start >= r.end || r.end > length)) return null;
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** The text with each (normalised) range replaced by the redaction mark. */
export function redact(text: string, ranges: readonly TextRange[]): string {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += text.slice(at, r.start) + REDACTION_MARK;
    at = r.end;
  }
  return out + text.slice(at);
}
