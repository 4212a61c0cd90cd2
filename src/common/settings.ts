// Settings an administrator edits (Administration › Settings): their shapes, bounds and the rules between them,
// shared by the server (which validates and stores them over the configuration's defaults) and the office.
import { Type, type Static } from 'typebox';

/** The bounds of each number, the same as the configuration's (src/server/config.ts). */
export const SETTING_BOUNDS = {
  recordingBaseSeconds: { minimum: 10, maximum: 1800 },
  recordingExtensionSeconds: { minimum: 0, maximum: 1800 },
  recordingMaxSeconds: { minimum: 10, maximum: 1800 },
  deadlineWorkingDays: { minimum: 1, maximum: 60 },
  extensionMaxMonths: { minimum: 1, maximum: 12 },
  videoRetentionYears: { minimum: 1, maximum: 75 },
  personalDataRetentionYears: { minimum: 1, maximum: 75 },
} as const;

export const ORGANISATION_NAME_MAX = 200;
export const CONTACT_TEXT_MAX = 500;
export const CONTACT_PHONE_MAX = 40;
export const CONTACT_EMAIL_MAX = 254;
/** The largest logo an admin may upload (it is re-encoded to at most LOGO_MAX_WIDTH × LOGO_MAX_HEIGHT). */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_MAX_WIDTH = 600;
export const LOGO_MAX_HEIGHT = 200;

// One line of plain text: no control characters at all.
const LINE = '^[^\\u0000-\\u001f\\u007f]*$';
// Plain text over several lines: line breaks and tabs only.
const LINES = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';

const tri = (maxLength: number, pattern: string) =>
  Type.Object(
    {
      kk: Type.String({ maxLength, pattern }),
      ru: Type.String({ maxLength, pattern }),
      en: Type.String({ maxLength, pattern }),
    },
    { additionalProperties: false },
  );

export const OrganisationName = tri(ORGANISATION_NAME_MAX, LINE);
export type OrganisationName = Static<typeof OrganisationName>;

export const Contact = Type.Object(
  {
    /** As people dial it: digits, spaces, +, -, parentheses. */
    phone: Type.String({ maxLength: CONTACT_PHONE_MAX, pattern: '^[0-9+()\\- ]*$' }),
    email: Type.String({
      maxLength: CONTACT_EMAIL_MAX,
      pattern: '^$|^[^\\s@<>"]+@[^\\s@<>"]+\\.[^\\s@<>"]+$',
    }),
    address: tri(CONTACT_TEXT_MAX, LINES),
    hours: tri(CONTACT_TEXT_MAX, LINES),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof Contact>;

const int = (key: keyof typeof SETTING_BOUNDS) => Type.Integer(SETTING_BOUNDS[key]);

/** Every setting an admin may change (the logo has its own route). */
export const EditableSettings = Type.Object(
  {
    recordingBaseSeconds: int('recordingBaseSeconds'),
    recordingExtensionSeconds: int('recordingExtensionSeconds'),
    recordingMaxSeconds: int('recordingMaxSeconds'),
    smsCodeRequired: Type.Boolean(),
    deadlineWorkingDays: int('deadlineWorkingDays'),
    extensionMaxMonths: int('extensionMaxMonths'),
    videoRetentionYears: int('videoRetentionYears'),
    personalDataRetentionYears: int('personalDataRetentionYears'),
    organisationName: OrganisationName,
    contact: Contact,
  },
  { additionalProperties: false },
);
export type EditableSettings = Static<typeof EditableSettings>;
export type SettingKey = keyof EditableSettings;
export const SETTING_KEYS = Object.keys(EditableSettings.properties) as SettingKey[];

/** The effective settings: the stored values over the configuration's defaults, and the logo's address. */
export const Settings = Type.Object({
  ...EditableSettings.properties,
  organisationLogo: Type.Union([Type.String(), Type.Null()]),
});
export type Settings = Static<typeof Settings>;

/** A change: the settings given are set, those named in `reset` go back to the configuration's defaults. */
export const SettingsPatch = Type.Object(
  {
    ...Type.Partial(EditableSettings).properties,
    reset: Type.Optional(
      Type.Array(Type.Unsafe<SettingKey>({ type: 'string', enum: SETTING_KEYS }), { uniqueItems: true }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SettingsPatch = Static<typeof SettingsPatch>;

/** What the administration's screen reads: the effective values, the defaults, and which are set here. */
export const AdminSettings = Type.Object({
  settings: Settings,
  defaults: EditableSettings,
  overridden: Type.Array(Type.String()),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type AdminSettings = Static<typeof AdminSettings>;

/** Pure: the rules between the recording limits; the keys that break them (empty when they hold). */
export function recordingLimitErrors(s: {
  recordingBaseSeconds: number;
  recordingExtensionSeconds: number;
  recordingMaxSeconds: number;
}): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (s.recordingBaseSeconds > s.recordingMaxSeconds)
    errors.push({ path: '/recordingBaseSeconds', message: 'the base time is longer than the maximum' });
  else if (s.recordingBaseSeconds + s.recordingExtensionSeconds > s.recordingMaxSeconds)
    errors.push({
      path: '/recordingExtensionSeconds',
      message: 'the base time and the extension together are longer than the maximum',
    });
  return errors;
}
