// The administration's contract (office /office/admin): reference articles with drafts and versions, booths and
// their state, staff users. TypeBox schemas the server validates with; the office takes its types from them.
import { Type, type Static } from 'typebox';
import { DEVICE_STATES } from './api.js';
import { LANGUAGES, ROLES } from './statuses.js';

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

const Id = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

// Reference (FAQ)

export const FAQ_SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const FAQ_TITLE_MAX = 200;
export const FAQ_BODY_MAX = 20_000;

const Titles = Type.Object(
  {
    kk: Type.String({ maxLength: FAQ_TITLE_MAX }),
    ru: Type.String({ maxLength: FAQ_TITLE_MAX }),
    en: Type.String({ maxLength: FAQ_TITLE_MAX }),
  },
  { additionalProperties: false },
);
const Bodies = Type.Object(
  {
    kk: Type.String({ maxLength: FAQ_BODY_MAX }),
    ru: Type.String({ maxLength: FAQ_BODY_MAX }),
    en: Type.String({ maxLength: FAQ_BODY_MAX }),
  },
  { additionalProperties: false },
);

/** An article's text in three languages: titles and Markdown bodies as written. */
export const FaqText = Type.Object({ title: Titles, body: Bodies }, { additionalProperties: false });
export type FaqText = Static<typeof FaqText>;

export const FaqAdminItem = Type.Object({
  id: Id,
  slug: Type.String(),
  categoryId: Nullable(Id),
  sortOrder: Type.Integer(),
  /** Shown on the booth and the public site. */
  published: Type.Boolean(),
  /** The number of the live version (null: never published, or published before versions were kept). */
  version: Nullable(Type.Integer()),
  publishedAt: Nullable(DateTime),
  hasDraft: Type.Boolean(),
  draftUpdatedAt: Nullable(DateTime),
  /** The draft's titles when there is a draft, else the published ones. */
  title: Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() }),
});
export type FaqAdminItem = Static<typeof FaqAdminItem>;

export const FaqVersionView = Type.Object({
  version: Type.Integer(),
  publishedAt: DateTime,
  publishedBy: Nullable(Type.String()),
  text: FaqText,
});
export type FaqVersionView = Static<typeof FaqVersionView>;

export const FaqAdminArticle = Type.Object({
  article: FaqAdminItem,
  /** What the booth shows now (null: not published). */
  live: Nullable(FaqText),
  draft: Nullable(FaqText),
  /** Newest first. */
  versions: Type.Array(FaqVersionView),
});
export type FaqAdminArticle = Static<typeof FaqAdminArticle>;

export const FaqCreateBody = Type.Object(
  {
    slug: Type.String({ pattern: FAQ_SLUG_PATTERN, minLength: 1, maxLength: 80 }),
    categoryId: Nullable(Id),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    text: FaqText,
  },
  { additionalProperties: false },
);
export type FaqCreateBody = Static<typeof FaqCreateBody>;

export const FaqSettingsBody = Type.Object(
  {
    categoryId: Type.Optional(Nullable(Id)),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type FaqSettingsBody = Static<typeof FaqSettingsBody>;

export const FaqPreviewBody = Type.Object(
  { markdown: Type.String({ maxLength: FAQ_BODY_MAX }) },
  { additionalProperties: false },
);
export const FaqPreview = Type.Object({ html: Type.String() });
export type FaqPreview = Static<typeof FaqPreview>;

// Booths

export const KIOSK_STATES = ['ok', 'silent', 'fault', 'waiting', 'revoked'] as const;
/** ok; silent: no heartbeat for KIOSK_SILENT_MINUTES; fault: a device or storage is wrong; waiting: paired, no
 * heartbeat yet; revoked. */
export type KioskState = (typeof KIOSK_STATES)[number];
export const KIOSK_FAULTS = ['camera', 'microphone', 'printer', 'storage'] as const;
export type KioskFault = (typeof KIOSK_FAULTS)[number];

const Device = literals(DEVICE_STATES);

export const KioskAdminView = Type.Object({
  id: Id,
  name: Type.String(),
  location: Type.String(),
  state: literals(KIOSK_STATES),
  faults: Type.Array(literals(KIOSK_FAULTS)),
  pairedAt: DateTime,
  revokedAt: Nullable(DateTime),
  lastHeartbeatAt: Nullable(DateTime),
  faultSince: Nullable(DateTime),
  softwareVersion: Nullable(Type.String()),
  lastIp: Nullable(Type.String()),
  devices: Nullable(Type.Object({ camera: Device, microphone: Device, printer: Device })),
  storageUsedBytes: Nullable(Type.Integer()),
  storageQuotaBytes: Nullable(Type.Integer()),
  pendingUploads: Nullable(Type.Integer()),
  /** Appeals registered from this booth today (TIME_ZONE). */
  appealsToday: Type.Integer(),
});
export type KioskAdminView = Static<typeof KioskAdminView>;

export const KioskEditBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    location: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type KioskEditBody = Static<typeof KioskEditBody>;

// Staff users

export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$';

export const AdminUserView = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(literals(ROLES)),
  officialId: Nullable(Id),
  /** The linked official's department (officials only). */
  departmentId: Nullable(Id),
  email: Nullable(Type.String()),
  language: literals(LANGUAGES),
  active: Type.Boolean(),
  lockedUntil: Nullable(DateTime),
  totpEnabled: Type.Boolean(),
  /** An admin requires a second factor of this user. */
  totpRequired: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: DateTime,
});
export type AdminUserView = Static<typeof AdminUserView>;

export const UserInviteBody = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
    roles: Type.Array(literals(ROLES), { minItems: 1, maxItems: 4, uniqueItems: true }),
    officialId: Type.Optional(Nullable(Id)),
    email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    language: Type.Optional(literals(LANGUAGES)),
    totpRequired: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserInviteBody = Static<typeof UserInviteBody>;

/** The new user and the one-time password to hand them, shown this once. */
export const UserInvited = Type.Object({ user: AdminUserView, temporaryPassword: Type.String() });
export type UserInvited = Static<typeof UserInvited>;

export const UserEditBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    officialId: Type.Optional(Nullable(Id)),
    email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    language: Type.Optional(literals(LANGUAGES)),
    totpRequired: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserEditBody = Static<typeof UserEditBody>;
