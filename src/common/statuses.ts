// The appeal's status machine and the media file's processing states: the one place that says which moves are allowed.

export const APPEAL_STATUSES = [
  'registered',
  'under_review',
  'redirected',
  'extended',
  'answered',
  'left_without_consideration',
  'withdrawn',
  'disputed',
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

const APPEAL_MOVES: Record<AppealStatus, readonly AppealStatus[]> = {
  registered: [
    'under_review',
    'redirected',
    'extended',
    'answered',
    'left_without_consideration',
    'withdrawn',
  ],
  under_review: ['redirected', 'extended', 'answered', 'left_without_consideration', 'withdrawn'],
  redirected: ['under_review', 'extended', 'answered', 'left_without_consideration', 'withdrawn'],
  extended: ['under_review', 'redirected', 'answered', 'left_without_consideration', 'withdrawn'],
  // The citizen may dispute an answer ("the problem is not solved"), which reopens it for the supervisor.
  answered: ['disputed'],
  left_without_consideration: [],
  withdrawn: [],
  // Reopened: reviewed and answered again; withdrawing is only possible before an answer.
  disputed: ['under_review', 'redirected', 'extended', 'answered', 'left_without_consideration'],
};

/** Statuses that end the body's work on the appeal: the deadline no longer runs. */
const CLOSED_STATUSES: readonly AppealStatus[] = ['answered', 'left_without_consideration', 'withdrawn'];

export function canMoveAppeal(from: AppealStatus, to: AppealStatus): boolean {
  return APPEAL_MOVES[from].includes(to);
}

/** Statuses in which the appeal still waits for the body; the deadline runs. */
export function isOpenStatus(status: AppealStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

export const APPEAL_TYPES = ['request', 'proposal', 'complaint', 'violation_report'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

/** The outcomes the law names for an answer (АППК; eOtinish's "executed" is "satisfied" here). */
export const ANSWER_OUTCOMES = [
  'satisfied',
  'partly_satisfied',
  'explained',
  'refused',
  'left_without_consideration',
] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/** The status an answer with this outcome moves the appeal to. */
export function statusAfterAnswer(outcome: AnswerOutcome): AppealStatus {
  return outcome === 'left_without_consideration' ? 'left_without_consideration' : 'answered';
}

export const MEDIA_STATES = ['uploading', 'uploaded', 'processing', 'ready', 'failed'] as const;
export type MediaState = (typeof MEDIA_STATES)[number];

const MEDIA_MOVES: Record<MediaState, readonly MediaState[]> = {
  uploading: ['uploaded', 'failed'],
  uploaded: ['processing', 'failed'],
  processing: ['ready', 'failed', 'uploaded'],
  // An admin's reprocess puts a finished or refused recording back in the queue.
  ready: ['processing', 'uploaded'],
  failed: ['processing', 'uploaded'],
};

export function canMoveMedia(from: MediaState, to: MediaState): boolean {
  return MEDIA_MOVES[from].includes(to);
}

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export const ROLES = ['operator', 'official', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Where a booth or a browser says its submission comes from (POST /api/appeals). */
export const SUBMIT_SOURCES = ['kiosk', 'web'] as const;
/** 'partner': filed by a partner app over Open311 (modules/open311) with an admin-issued API key, never by POST /api/appeals. */
export const SOURCES = [...SUBMIT_SOURCES, 'partner'] as const;
export type Source = (typeof SOURCES)[number];
