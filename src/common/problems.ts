// The catalogue of problems a client can meet: stable type slug → HTTP status. Titles live in the i18n files
// under `problem.<slug>`, so the server answers in the request's language and the apps can show the same words.

export const PROBLEMS = {
  'validation-failed': 400,
  'invalid-phone': 422,
  'invalid-iin': 422,
  'phone-not-verified': 403,
  'verification-not-found': 404,
  'verification-expired': 410,
  'verification-code-wrong': 422,
  'verification-locked': 429,
  'verification-resend-too-early': 429,
  'pairing-code-unknown': 404,
  'kiosk-not-paired': 401,
  'unknown-official': 422,
  'unknown-category': 422,
  'upload-not-found': 404,
  'upload-offset-mismatch': 409,
  'upload-not-complete': 409,
  'upload-already-used': 409,
  'upload-forbidden': 403,
  'upload-too-long': 422,
  'reservation-not-found': 404,
  'reservation-mismatch': 409,
  'storage-full': 507,
  'media-rejected': 422,
  'upload-required': 422,
  'text-appeal-too-short': 422,
  'appeal-not-found': 404,
  'wrong-access-code': 404,
  'invalid-transition': 409,
  'not-authenticated': 401,
  'wrong-credentials': 401,
  'totp-required': 401,
  'totp-wrong': 401,
  'account-locked': 429,
  'password-change-required': 403,
  'totp-enrolment-required': 403,
  'password-too-weak': 422,
  'csrf-rejected': 403,
  'user-not-found': 404,
  'delegation-not-found': 404,
  'delegation-invalid': 422,
  forbidden: 403,
  'not-found': 404,
  'too-many-requests': 429,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  internal: 500,
  unavailable: 503,
  'voice-unavailable': 503,
  'official-retired': 422,
  'official-not-found': 404,
  'department-not-found': 404,
  'category-not-found': 404,
  'directory-code-taken': 409,
  'official-has-appeals': 409,
  'official-in-use': 409,
  'already-retired': 409,
  'not-retired': 409,
  'retire-target-required': 422,
  'retire-target-invalid': 422,
  'department-has-officials': 409,
  'department-retired': 422,
  'deputy-invalid': 422,
  'photo-not-an-image': 422,
  'photo-too-large': 413,
  'import-unreadable': 422,
  'import-invalid': 422,
  'import-too-large': 413,
  'notification-not-found': 404,
  'lookup-locked': 429,
  'lookup-token-invalid': 401,
  'lookup-token-expired': 401,
  'sms-code-wrong': 422,
  'not-answered-yet': 409,
  'already-rated': 409,
  'already-disputed': 409,
  'dispute-too-late': 409,
  'withdraw-not-allowed': 409,
  'answer-empty': 422,
  'document-type-rejected': 415,
  'document-too-large': 413,
  'too-many-documents': 409,
  'answer-not-allowed': 403,
  'phone-reveal-not-allowed': 403,
  'calendar-day-invalid': 422,
  'calendar-day-exists': 409,
  'calendar-day-not-found': 404,
  'invalid-email': 422,
  'sms-needs-phone': 422,
  'invalid-cursor': 400,
  'saved-view-not-found': 404,
  'saved-view-name-taken': 409,
  'saved-views-full': 409,
} as const;

export type ProblemSlug = keyof typeof PROBLEMS;

/** Relative URI, resolved against the server; GET /problems/<slug> describes each one. */
export const PROBLEM_TYPE_BASE = '/problems/';

export function problemType(slug: ProblemSlug): string {
  return `${PROBLEM_TYPE_BASE}${slug}`;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
}
