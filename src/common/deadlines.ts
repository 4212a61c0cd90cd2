// The contract of deadlines: the supervisor's overdue view, the working-day calendar admins edit, and a staff
// member's notification preferences. TypeBox schemas, as in api.ts; the server validates with them and the office
// app takes its types from them.
import { Type, type Static } from 'typebox';
import { AppealStatusSchema, DepartmentRef, Id, LanguageSchema, PersonRef } from './api.js';

/** Appeals due within this many working days are "due soon" (the daily digest, the overdue view). */
export const DUE_SOON_WORKING_DAYS = 3;
export const DEADLINE_LIST_MAX = 1000;
export const CALENDAR_NOTE_MAX_LENGTH = 200;
export const STAFF_EMAIL_MAX_LENGTH = 254;

export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' });

export const DeadlineItem = Type.Object({
  id: Id,
  registrationNumber: Type.String(),
  status: AppealStatusSchema,
  registeredOn: Day,
  deadlineOn: Day,
  /** Working days from today to the deadline: 0 due today, negative overdue (-2: two working days late). */
  workingDaysLeft: Type.Integer(),
  escalatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  addressee: Type.Union([PersonRef, Type.Null()]),
  department: Type.Union([DepartmentRef, Type.Null()]),
});
export type DeadlineItem = Static<typeof DeadlineItem>;

export const DeadlinesQuery = Type.Object(
  {
    department: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DEADLINE_LIST_MAX, default: 500 })),
  },
  { additionalProperties: false },
);
export type DeadlinesQuery = Static<typeof DeadlinesQuery>;

export const DeadlinesView = Type.Object({
  /** Today in the configured time zone, and whether it is a working day. */
  today: Day,
  todayIsWorkingDay: Type.Boolean(),
  dueSoonWorkingDays: Type.Integer(),
  /** Open and past the deadline, longest overdue first. */
  overdue: Type.Array(DeadlineItem),
  overdueTotal: Type.Integer(),
  /** Open, due today or within `dueSoonWorkingDays` working days, nearest first. */
  dueSoon: Type.Array(DeadlineItem),
  dueSoonTotal: Type.Integer(),
});
export type DeadlinesView = Static<typeof DeadlinesView>;

export const CALENDAR_DAY_KINDS = ['day_off', 'working'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
export const CalendarDayKindSchema = Type.Unsafe<CalendarDayKind>({
  type: 'string',
  enum: [...CALENDAR_DAY_KINDS],
});

export const CalendarDay = Type.Object({
  day: Day,
  /** day_off: a weekday nobody works; working: a weekend day the government made a working day. */
  kind: CalendarDayKindSchema,
  note: Type.String(),
  /** From the law's list (seeded), or added by an administrator. */
  statutory: Type.Boolean(),
});
export type CalendarDay = Static<typeof CalendarDay>;

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  days: Type.Array(CalendarDay),
});
export type CalendarYear = Static<typeof CalendarYear>;

export const CalendarQuery = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);

export const CalendarDayBody = Type.Object(
  {
    day: Day,
    kind: CalendarDayKindSchema,
    note: Type.String({ maxLength: CALENDAR_NOTE_MAX_LENGTH, default: '' }),
  },
  { additionalProperties: false },
);
export type CalendarDayBody = Static<typeof CalendarDayBody>;

export const NotificationPrefs = Type.Object({
  email: Type.Union([Type.String({ maxLength: STAFF_EMAIL_MAX_LENGTH }), Type.Null()]),
  /** E.164 (+77…); shown in full to its owner only. */
  phone: Type.Union([Type.String(), Type.Null()]),
  /** Reminders also by SMS (needs a phone). */
  sms: Type.Boolean(),
  language: LanguageSchema,
});
export type NotificationPrefs = Static<typeof NotificationPrefs>;

export const NotificationPrefsBody = Type.Object(
  {
    email: Type.Union([Type.String({ maxLength: STAFF_EMAIL_MAX_LENGTH }), Type.Null()]),
    phone: Type.Union([Type.String({ maxLength: 30 }), Type.Null()]),
    sms: Type.Boolean(),
    language: LanguageSchema,
  },
  { additionalProperties: false },
);
export type NotificationPrefsBody = Static<typeof NotificationPrefsBody>;
