// Limits shared by the kiosk, the public site and the server.

export const RECORDING_BASE_SECONDS = 120;
export const RECORDING_MAX_SECONDS = 300;
export const NOTE_MAX_LENGTH = 2000;
/** A typed appeal (the virtual reception, no video): its text is the appeal, so it must say something. */
export const TEXT_APPEAL_MIN_LENGTH = 20;
export const ANSWER_MAX_LENGTH = 20000;
export const UPLOAD_MAX_BYTES = 500 * 1024 * 1024;
export const DEADLINE_WORKING_DAYS = 15;
export const RECORDING_EXTENSION_SECONDS = 60;
export const RERECORD_LIMIT = 2;
export const VIDEO_RETENTION_YEARS = 5;
export const KIOSK_IDLE_SECONDS = 90;
export const KIOSK_IDLE_WARNING_SECONDS = 20;
/** The citizen's comment with a rating, and the reasons given for a dispute or a withdrawal. */
export const RATING_COMMENT_MAX_LENGTH = 1000;
export const DISPUTE_REASON_MAX_LENGTH = 2000;
export const WITHDRAW_REASON_MAX_LENGTH = 1000;

/** What the apps assume until GET /api/settings answers: the server's own defaults. */
export const DEFAULT_PUBLIC_SETTINGS = {
  recordingBaseSeconds: RECORDING_BASE_SECONDS,
  recordingExtensionSeconds: RECORDING_EXTENSION_SECONDS,
  recordingMaxSeconds: RECORDING_MAX_SECONDS,
  reRecordLimit: RERECORD_LIMIT,
  videoRetentionYears: VIDEO_RETENTION_YEARS,
  deadlineWorkingDays: DEADLINE_WORKING_DAYS,
  timeZone: 'Asia/Almaty',
  smsCodeRequired: false,
  kioskPairingRequired: false,
  kioskIdleSeconds: KIOSK_IDLE_SECONDS,
  kioskIdleWarningSeconds: KIOSK_IDLE_WARNING_SECONDS,
  receiptAutoPrint: true,
  publicUrl: '',
  organisationName: { kk: '', ru: '', en: '' },
  organisationLogo: null,
  contact: { phone: '', email: '', address: { kk: '', ru: '', en: '' }, hours: { kk: '', ru: '', en: '' } },
} as const;
