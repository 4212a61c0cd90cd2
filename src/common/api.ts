// The HTTP contract's bodies as TypeBox schemas: the server validates and documents with them, the apps take
// their types from them (import type only), so the two are never written twice.
import { Type, type Static } from 'typebox';
import {
  ANSWER_OUTCOMES,
  APPEAL_STATUSES,
  APPEAL_TYPES,
  LANGUAGES,
  MEDIA_STATES,
  ROLES,
  SOURCES,
  SUBMIT_SOURCES,
} from './statuses.js';
import { REGISTRATION_NUMBER_PATTERN } from './registration.js';
import { Contact, OrganisationName } from './settings.js';
import { IIN_PATTERN } from './iin.js';
import { NOTE_MAX_LENGTH } from './limits.js';

/** A string enum: `{ type: 'string', enum: [...] }` in JSON Schema, the union of the values in TypeScript. */
const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const Trilingual = Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() });
export type Trilingual = Static<typeof Trilingual>;

export const LanguageSchema = literals(LANGUAGES);
export const AppealStatusSchema = literals(APPEAL_STATUSES);
export const AppealTypeSchema = literals(APPEAL_TYPES);
export const OutcomeSchema = literals(ANSWER_OUTCOMES);
export const MediaStateSchema = literals(MEDIA_STATES);
export const RoleSchema = literals(ROLES);
export const SourceSchema = literals(SOURCES);

export const Id = Type.String({ format: 'uuid' });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem' },
);

// Directory (public: what the booth shows)

export const DepartmentRef = Type.Object({ id: Id, name: Trilingual });
export const OfficialCard = Type.Object({
  id: Id,
  fullName: Trilingual,
  position: Trilingual,
  area: Trilingual,
  department: DepartmentRef,
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  /** When the official receives in person (free text per language; empty when not given). */
  receptionHours: Type.Optional(Trilingual),
});
export type OfficialCard = Static<typeof OfficialCard>;

export const CategoryItem = Type.Object({ id: Id, code: Type.String(), name: Trilingual });
export type CategoryItem = Static<typeof CategoryItem>;

/** A reference article: its Markdown rendered and sanitised on the server, so `html` can be shown as it is. */
export const FaqArticle = Type.Object({
  id: Id,
  slug: Type.String(),
  categoryId: Type.Union([Id, Type.Null()]),
  title: Trilingual,
  html: Trilingual,
});
export type FaqArticle = Static<typeof FaqArticle>;

export const PublicSettings = Type.Object({
  recordingBaseSeconds: Type.Integer(),
  recordingExtensionSeconds: Type.Integer(),
  recordingMaxSeconds: Type.Integer(),
  reRecordLimit: Type.Integer(),
  videoRetentionYears: Type.Integer(),
  deadlineWorkingDays: Type.Integer(),
  timeZone: Type.String(),
  smsCodeRequired: Type.Boolean(),
  kioskPairingRequired: Type.Boolean(),
  kioskIdleSeconds: Type.Integer(),
  kioskIdleWarningSeconds: Type.Integer(),
  receiptAutoPrint: Type.Boolean(),
  /** Where citizens look their appeal up (the receipt's URL and QR code); empty = the page's own origin. */
  publicUrl: Type.String(),
  /** Set by an admin (Administration › Settings): the name and logo on receipts and the site, the site's contacts. */
  organisationName: OrganisationName,
  organisationLogo: Type.Union([Type.String(), Type.Null()]),
  contact: Contact,
});
export type PublicSettings = Static<typeof PublicSettings>;

// Submitting an appeal (after the recording has been uploaded over tus at /api/uploads)

const ReservationId = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const SubmitAppealBody = Type.Object(
  {
    /**
     * The recording uploaded over tus. Only a typed appeal from the virtual reception (`source: 'web'`) goes without
     * one: its `note` is then the appeal itself.
     */
    uploadId: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    phone: Type.String({ minLength: 5, maxLength: 32 }),
    officialId: Type.Union([Id, Type.Null()]),
    categoryId: Type.Optional(Type.Union([Id, Type.Null()])),
    type: AppealTypeSchema,
    language: LanguageSchema,
    source: literals(SUBMIT_SOURCES),
    note: Type.Optional(Type.String({ maxLength: NOTE_MAX_LENGTH })),
    /** From POST /api/phone-verifications/:id/confirm; required when the server requires confirmed phones. */
    phoneToken: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 128 }), Type.Null()])),
    /** The citizen's IIN, optional; checked (century, date, check digit) when given. */
    iin: Type.Optional(Type.Union([Type.String({ pattern: IIN_PATTERN }), Type.Null()])),
    /**
     * From POST /api/appeals/reservations: the appeal takes the reserved number and access code, and a repeated
     * submission with the same reservation and upload answers with the same appeal instead of making a second one.
     */
    reservationId: Type.Optional(ReservationId),
    /**
     * The receipt was already printed while the network was down: register the appeal now although the upload is
     * not complete; the office sees "video arriving" until the last byte is in. Requires `reservationId`.
     */
    deliveryPending: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SubmitAppealBody = Static<typeof SubmitAppealBody>;

export const ReservationBody = Type.Object(
  {
    language: LanguageSchema,
    /**
     * The phone and its confirmation token (POST /api/phone-verifications/:id/confirm), spent here: the submission
     * under this reservation then needs no token, however late it arrives (a booth that was offline for hours).
     */
    phone: Type.Optional(Type.String({ minLength: 5, maxLength: 32 })),
    phoneToken: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type ReservationBody = Static<typeof ReservationBody>;

/** A registration number and access code held for the recording that is starting (the offline receipt's number). */
export const Reservation = Type.Object({
  reservationId: ReservationId,
  registrationNumber: Type.String(),
  /** Shown once: the booth keeps it with the draft and prints it on the receipt. */
  accessCode: Type.String(),
  registeredOn: Type.String({ format: 'date' }),
  deadlineOn: Type.String({ format: 'date' }),
  deadlineWorkingDays: Type.Integer(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Reservation = Static<typeof Reservation>;

export const PersonRef = Type.Object({ fullName: Trilingual, position: Trilingual });

export const Receipt = Type.Object({
  registrationNumber: Type.String(),
  /** Present when this answer created the code; with a reservation the code is the one the reservation gave. */
  accessCode: Type.Optional(Type.String()),
  /** False while the recording is still being delivered (a receipt printed with the network down). */
  videoComplete: Type.Boolean(),
  /** Sound only: the booth's camera was not working and the person chose to go on with the microphone alone. */
  audioOnly: Type.Boolean(),
  registeredAt: Type.String({ format: 'date-time' }),
  deadlineOn: Type.String({ format: 'date' }),
  addressee: Type.Union([PersonRef, Type.Null()]),
  status: AppealStatusSchema,
  language: LanguageSchema,
  type: AppealTypeSchema,
  category: Type.Union([Trilingual, Type.Null()]),
  /** The booth it was recorded in (a paired kiosk), or null from the web. */
  kiosk: Type.Union([Type.Object({ name: Type.String(), location: Type.String() }), Type.Null()]),
  deadlineWorkingDays: Type.Integer(),
});
export type Receipt = Static<typeof Receipt>;

// Phone confirmation by SMS code (before submitting, when the server requires it: PublicSettings.smsCodeRequired)

export const PhoneVerificationStart = Type.Object(
  { phone: Type.String({ minLength: 5, maxLength: 32 }), language: LanguageSchema },
  { additionalProperties: false },
);
export type PhoneVerificationStart = Static<typeof PhoneVerificationStart>;

export const PhoneVerificationId = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' });

export const PhoneVerification = Type.Object({
  id: PhoneVerificationId,
  /** When the "send again" button may be offered. */
  resendAfterSeconds: Type.Integer({ minimum: 0 }),
  expiresInSeconds: Type.Integer({ minimum: 0 }),
  codeLength: Type.Integer(),
  triesLeft: Type.Integer({ minimum: 0 }),
});
export type PhoneVerification = Static<typeof PhoneVerification>;

export const PhoneVerificationConfirm = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{4,8}$' }) },
  { additionalProperties: false },
);
export type PhoneVerificationConfirm = Static<typeof PhoneVerificationConfirm>;

/** The proof of a confirmed phone: pass it as `phoneToken` when submitting; single use, valid 30 minutes. */
export const PhoneVerified = Type.Object({ token: Type.String() });
export type PhoneVerified = Static<typeof PhoneVerified>;

// Kiosks: pairing a booth with the server, its credential, and its heartbeat

export const DEVICE_STATES = ['ok', 'missing', 'denied', 'busy', 'error', 'unknown'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];
export const DeviceStateSchema = literals(DEVICE_STATES);

export const KioskInfo = Type.Object({ id: Id, name: Type.String(), location: Type.String() });
export type KioskInfo = Static<typeof KioskInfo>;

/** Shown on the unpaired booth's screen (`code`) and kept by the booth to poll for its credential (`id`, `secret`). */
export const KioskPairing = Type.Object({
  id: Id,
  secret: Type.String(),
  code: Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type KioskPairing = Static<typeof KioskPairing>;

export const KioskPairingState = Type.Object({
  state: literals(['pending', 'paired', 'expired'] as const),
  /** The booth's bearer credential: given exactly once, on the first poll after pairing. */
  token: Type.Union([Type.String(), Type.Null()]),
  kiosk: Type.Union([KioskInfo, Type.Null()]),
});
export type KioskPairingState = Static<typeof KioskPairingState>;

export const KioskHeartbeat = Type.Object(
  {
    version: Type.String({ maxLength: 64 }),
    camera: DeviceStateSchema,
    microphone: DeviceStateSchema,
    printer: DeviceStateSchema,
    storageUsedBytes: Type.Integer({ minimum: 0 }),
    storageQuotaBytes: Type.Integer({ minimum: 0 }),
    pendingUploads: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type KioskHeartbeat = Static<typeof KioskHeartbeat>;

export const PairKioskBody = Type.Object(
  {
    /** The code on the booth's screen; case, spaces and the dash do not matter. */
    code: Type.String({ minLength: 8, maxLength: 16 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    location: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type PairKioskBody = Static<typeof PairKioskBody>;

// Public look-up

export const LookupBody = Type.Object(
  {
    registrationNumber: Type.String({ pattern: REGISTRATION_NUMBER_PATTERN, maxLength: 16 }),
    accessCode: Type.String({ minLength: 10, maxLength: 16 }),
  },
  { additionalProperties: false },
);
export type LookupBody = Static<typeof LookupBody>;

export const HistoryItem = Type.Object({
  status: AppealStatusSchema,
  at: Type.String({ format: 'date-time' }),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type HistoryItem = Static<typeof HistoryItem>;

export const AnswerView = Type.Object({
  /** Plain text (search, SMS, screen readers' summary). */
  body: Type.String(),
  /** The same answer as sanitised limited HTML (p, br, strong, em, ul, ol, li, a): safe to insert as it is. */
  html: Type.String(),
  outcome: OutcomeSchema,
  at: Type.String({ format: 'date-time' }),
  author: Type.Union([PersonRef, Type.Null()]),
});
export type AnswerView = Static<typeof AnswerView>;

// Staff

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    /** The 6-digit code from the authenticator app, when the account has a second factor. */
    totp: Type.Optional(Type.String({ maxLength: 12 })),
    /** Instead of `totp`: one of the recovery codes shown at enrolment (each works once). */
    recoveryCode: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  officialId: Type.Union([Id, Type.Null()]),
  /** Signed in with a one-time password from an admin: nothing else works until it is changed. */
  mustChangePassword: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  /** The user's roles require a second factor that is not set up yet: nothing else works until it is. */
  totpEnrolmentRequired: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const TotpSetup = Type.Object({ secret: Type.String(), otpauthUri: Type.String() });
export type TotpSetup = Static<typeof TotpSetup>;

export const TotpConfirmBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 12 }) },
  { additionalProperties: false },
);
export type TotpConfirmBody = Static<typeof TotpConfirmBody>;

export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;

export const TotpDisableBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const StaffUserView = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  officialId: Type.Union([Id, Type.Null()]),
  active: Type.Boolean(),
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
});
export type StaffUserView = Static<typeof StaffUserView>;

export const RolesBody = Type.Object(
  { roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 4, uniqueItems: true }) },
  { additionalProperties: false },
);
export type RolesBody = Static<typeof RolesBody>;

export const PasswordResetBody = Type.Object(
  { resetTotp: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const PasswordReset = Type.Object({ temporaryPassword: Type.String() });
export type PasswordReset = Static<typeof PasswordReset>;

export const DelegationBody = Type.Object(
  {
    deputyUserId: Id,
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type DelegationBody = Static<typeof DelegationBody>;

export const DelegationView = Type.Object({
  id: Id,
  officialId: Id,
  deputyUserId: Id,
  deputyName: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** In force now. */
  active: Type.Boolean(),
});
export type DelegationView = Static<typeof DelegationView>;

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  action: Type.String(),
  actorKind: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const MediaView = Type.Object({
  state: MediaStateSchema,
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
  videoUrl: Type.Union([Type.String(), Type.Null()]),
  posterUrl: Type.Union([Type.String(), Type.Null()]),
  failureReason: Type.Union([Type.String(), Type.Null()]),
  /** A sound-only recording (the camera failed at the booth): `videoUrl` plays audio, and there is no poster. */
  audioOnly: Type.Boolean(),
});
export type MediaView = Static<typeof MediaView>;

export const InboxItem = Type.Object({
  id: Id,
  registrationNumber: Type.String(),
  status: AppealStatusSchema,
  type: AppealTypeSchema,
  language: LanguageSchema,
  source: SourceSchema,
  registeredAt: Type.String({ format: 'date-time' }),
  deadlineOn: Type.String({ format: 'date' }),
  addressee: Type.Union([PersonRef, Type.Null()]),
  category: Type.Union([Trilingual, Type.Null()]),
  phoneMasked: Type.String(),
  mediaState: Type.Union([MediaStateSchema, Type.Null()]),
});
export type InboxItem = Static<typeof InboxItem>;

export const AppealDetail = Type.Object({
  ...InboxItem.properties,
  note: Type.Union([Type.String(), Type.Null()]),
  history: Type.Array(HistoryItem),
  answer: Type.Union([AnswerView, Type.Null()]),
  media: Type.Union([MediaView, Type.Null()]),
  /** When the recordings, and the person's data, were deleted after the retention period or on request (privacy). */
  videosDeletedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  personalDataDeletedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
});
export type AppealDetail = Static<typeof AppealDetail>;

/** What the server can say aloud for the booth (GET /api/voice). */
export const VoiceInfo = Type.Object({
  available: Type.Boolean({ description: 'espeak-ng was found on the server and runs' }),
  languages: Type.Array(LanguageSchema, { description: 'the languages it has a voice for' }),
});
export type VoiceInfo = Static<typeof VoiceInfo>;

/** The notification outbox as the admins' log shows it (GET /api/admin/notifications). */
export const NotificationStateSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('sent'),
  Type.Literal('failed'),
]);
export const ChannelSchema = Type.Union([Type.Literal('sms'), Type.Literal('email')]);
export const DeliveryStateSchema = Type.Union([
  Type.Literal('accepted'),
  Type.Literal('delivered'),
  Type.Literal('undelivered'),
]);

export const NotificationView = Type.Object({
  id: Type.String(),
  channel: ChannelSchema,
  /** Masked: +7701*****67, a***@example.kz. */
  recipient: Type.String(),
  template: Type.String(),
  language: LanguageSchema,
  subject: Type.Union([Type.String(), Type.Null()]),
  /** The text as sent; an SMS code's digits are hidden unless SMS_DRIVER=log (then the office is the only way to it). */
  body: Type.String(),
  /** SMS only: the parts it takes (GSM-7 160/153, UCS-2 70/67). */
  segments: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  state: NotificationStateSchema,
  deliveryState: Type.Union([DeliveryStateSchema, Type.Null()]),
  attempts: Type.Integer({ minimum: 0 }),
  /** The last send error, a permanent failure's reason, or why delivery failed. */
  reason: Type.Union([Type.String(), Type.Null()]),
  driver: Type.Union([Type.String(), Type.Null()]),
  providerId: Type.Union([Type.String(), Type.Null()]),
  appealId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
});
export type NotificationView = Static<typeof NotificationView>;

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type NotificationPage = Static<typeof NotificationPage>;
