// Table types for Kysely. Times are ISO-8601 UTC strings, days are 'YYYY-MM-DD', booleans are 0/1: one
// representation on SQLite and PostgreSQL alike.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AnswerOutcome,
  AppealStatus,
  AppealType,
  Language,
  MediaState,
  Source,
} from '../../common/statuses.js';

type Trilingual<P extends string> = { [K in `${P}_kk` | `${P}_ru` | `${P}_en`]: string };

export type DepartmentTable = {
  id: string;
  code: string;
  sort_order: number;
  created_at: string;
  /** 0 once retired (modules/directory): no longer offered for new officials or topics. */
  active: Generated<number>;
  retired_at: Generated<string | null>;
  updated_at: Generated<string | null>;
} & Trilingual<'name'>;

export type OfficialTable = {
  id: string;
  department_id: string;
  photo_key: string | null;
  shown_in_kiosk: number;
  sort_order: number;
  active: number;
  created_at: string;
  /** The directory's stable key (import and export); unique where set. */
  code: string | null;
  /** Who takes the official's appeals when they retire, unless the admin says otherwise. */
  deputy_official_id: Generated<string | null>;
  retired_at: Generated<string | null>;
  updated_at: Generated<string | null>;
} & Trilingual<'full_name'> &
  Trilingual<'position'> &
  Trilingual<'area'> & { [K in `reception_hours_${'kk' | 'ru' | 'en'}`]: Generated<string> };

export type CategoryTable = {
  id: string;
  code: string;
  default_official_id: string | null;
  /** Where the topic routes when it names no official (or that official has retired). */
  default_department_id: Generated<string | null>;
  sort_order: number;
  active: number;
  updated_at: Generated<string | null>;
} & Trilingual<'name'>;

export type FaqArticleTable = {
  id: string;
  slug: string;
  category_id: string | null;
  sort_order: number;
  published: number;
  updated_at: string;
} & Trilingual<'title'> &
  Trilingual<'body'>;

/** The draft of a reference article, edited while its published text (faq_articles) stays live. */
export type FaqDraftTable = {
  article_id: string;
  updated_at: string;
  updated_by_user_id: string | null;
} & Trilingual<'title'> &
  Trilingual<'body'>;

/** A published text of a reference article, numbered per article. */
export type FaqVersionTable = {
  id: string;
  article_id: string;
  version: number;
  published_at: string;
  published_by_user_id: string | null;
} & Trilingual<'title'> &
  Trilingual<'body'>;

export interface CalendarDayTable {
  day: string;
  kind: 'day_off' | 'working';
  note: string;
  /** 'statutory': from the law's list, seeded once per year; 'admin': added by an administrator. */
  source: Generated<'statutory' | 'admin'>;
}

/** The years whose statutory days off were seeded (once: an admin's later edits stand). */
export interface CalendarYearTable {
  year: number;
  seeded_at: string;
}

/** A recurring job's last period (jobs/schedule.ts): moved forward by one worker only. */
export interface JobScheduleTable {
  name: string;
  last_period: string;
  updated_at: string;
}

export interface RegistrationCounterTable {
  day: string;
  last: number;
}

export interface MediaFileTable {
  id: string;
  kind: 'appeal_video' | 'answer_video';
  state: MediaState;
  mime_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  original_key: string;
  playback_key: string | null;
  poster_key: string | null;
  failure_reason: string | null;
  appeal_id: string | null;
  created_at: string;
  updated_at: string;
  /** 'kiosk:<id>' or 'session:<sha256 of the uploader cookie>': only the owner may append, read or submit it. */
  owner: string | null;
  /** The reservation the recording was made under (tus metadata), which keeps it from the abandoned sweep. */
  reservation_id: string | null;
  /** 1 when the camera failed and the person chose to go on with sound only. */
  audio_only: Generated<number>;
  processing_attempts: Generated<number>;
}

/** A registration number and access code handed out when recording starts, spent by the submission. */
export interface AppealReservationTable {
  id: string;
  registration_number: string;
  access_code_hash: string;
  owner: string;
  /** The phone confirmed (its SMS-code token spent) when the number was reserved, if any. */
  phone_e164: string | null;
  kiosk_id: string | null;
  registered_on: string;
  deadline_on: string;
  created_at: string;
  expires_at: string;
  appeal_id: string | null;
}

export interface AppealTable {
  id: string;
  registration_number: string;
  access_code_hash: string;
  phone_e164: string;
  iin: string | null;
  language: Language;
  type: AppealType;
  category_id: string | null;
  addressee_official_id: string | null;
  department_id: string | null;
  status: AppealStatus;
  source: Source;
  kiosk_id: string | null;
  note: string | null;
  media_id: string | null;
  registered_on: string;
  registered_at: string;
  deadline_on: string;
  answered_at: string | null;
  created_at: string;
  updated_at: string;
  /** When the escalation job first found it open past its deadline (modules/deadlines). */
  escalated_at: string | null;
  /** Passed on to a body outside the directory (migration 0013): its deadline is that body's now. */
  outside_redirected_at: string | null;
  /** Retention (migration 0015, modules/privacy): recordings deleted; personal data deleted (the skeleton stays). */
  videos_purged_at: Generated<string | null>;
  purged_at: Generated<string | null>;
  /** A legal hold (a court or prosecutor asked to keep it): never purged while set. */
  hold_reason: Generated<string | null>;
  hold_at: Generated<string | null>;
  hold_by_user_id: Generated<string | null>;
  /** The local day of the first answer and the working days it took (migration 0016, modules/stats). */
  first_answered_on: Generated<string | null>;
  answer_working_days: Generated<number | null>;
}

export interface AppealStatusHistoryTable {
  id: string;
  appeal_id: string;
  from_status: AppealStatus | null;
  to_status: AppealStatus;
  actor_user_id: string | null;
  reason: string | null;
  at: string;
}

export interface AnswerTable {
  id: string;
  appeal_id: string;
  author_user_id: string;
  body: string;
  outcome: AnswerOutcome;
  created_at: string;
  /** The official's video answer (a media file of kind 'answer_video'), if any. */
  media_id: string | null;
  /** The text as sanitised limited HTML (answers/richtext.ts); `body` is its plain-text version (search, SMS). */
  body_html: Generated<string>;
}

/** The answer being prepared for an appeal (one per appeal): text, a video; its documents are appeal_files. */
export interface AnswerDraftTable {
  appeal_id: string;
  body_html: string;
  media_id: string | null;
  updated_by_user_id: string | null;
  updated_at: string;
}

/** A file staff put on an appeal: an internal attachment, or a document of the answer draft. */
export interface AppealFileTable {
  id: string;
  appeal_id: string;
  purpose: 'attachment' | 'answer_draft';
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by_user_id: string;
  created_at: string;
}

/** Staff's internal comment on an appeal; never public. */
export interface AppealCommentTable {
  id: string;
  appeal_id: string;
  author_user_id: string;
  body: string;
  created_at: string;
}

/** A file attached to an answer, kept in the blob store. */
export interface AnswerDocumentTable {
  id: string;
  answer_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  storage_key: string;
  sort_order: number;
  created_at: string;
}

/** The citizen's rating of the answer: once per appeal. */
export interface AppealRatingTable {
  appeal_id: string;
  answer_id: string;
  satisfied: number;
  score: number;
  comment: string | null;
  created_at: string;
}

/** "The problem is not solved": reopens the answered appeal for the supervisor; one per answer. */
export interface AppealDisputeTable {
  id: string;
  appeal_id: string;
  answer_id: string;
  reason: string;
  created_at: string;
}

/** Guessing protection per registration number (as typed): attempts in the window, code failures, lockout. */
export interface LookupGuardTable {
  registration_number: string;
  window_started_at: string;
  attempts: number;
  failures: number;
  locked_until: string | null;
  /** The phone confirmation (phone_verifications.id) of the latest SMS code sent for a look-up. */
  sms_verification_id: string | null;
  sms_sent_at: string | null;
  sms_window_started_at: string | null;
  sms_sends: number;
  updated_at: string;
}

export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: string;
}

export interface JobTable {
  id: string;
  name: string;
  payload: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  /** A set of roles, comma-separated in ROLES order ('official,supervisor'); see auth/roles.ts. */
  roles: string;
  official_id: string | null;
  active: number;
  created_at: string;
  /** 1 after an admin's reset: the one-time password must be changed before anything else. */
  must_change_password: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  /** Base32; set once enrolment is confirmed with a code. */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  password_changed_at: string | null;
  /** 1: an admin requires this user to set up a second factor, whatever their roles. */
  totp_required: Generated<number>;
  /** Where the office's reminders go (modules/deadlines); no address, no email. */
  email: string | null;
  phone_e164: string | null;
  /** 1: reminders go by SMS too. */
  notify_sms: Generated<number>;
  /** The language of the messages sent to this person. */
  language: Generated<Language>;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** An official's appeals are also the deputy's for a period. */
export interface DelegationTable {
  id: string;
  official_id: string;
  deputy_user_id: string;
  starts_at: string;
  ends_at: string;
  created_by_user_id: string | null;
  created_at: string;
  ended_at: string | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** Refreshed as the session is used (at most once a minute); idle sessions end. */
  last_seen_at: string | null;
}

export interface KioskTable {
  id: string;
  name: string;
  location: string;
  token_hash: string | null;
  last_heartbeat_at: string | null;
  created_at: string;
  revoked_at: string | null;
  software_version: string | null;
  /** The last heartbeat's device report (KioskHeartbeat without the version), as JSON text. */
  status: Generated<string>;
  last_ip: string | null;
  /** Since when the heartbeat reports the fault it still reports (modules/kiosks/state.ts); null: none. */
  fault_since: Generated<string | null>;
}

export interface KioskPairingTable {
  id: string;
  secret_hash: string;
  /** Eight Crockford base-32 symbols without the dash. */
  code: string;
  created_at: string;
  expires_at: string;
  kiosk_id: string | null;
  /** The kiosk's credential in plain text, from pairing until the kiosk fetches it once. */
  token: string | null;
}

export interface PhoneVerificationTable {
  id: string;
  phone_e164: string;
  language: Language;
  code_hash: string;
  attempts: number;
  sends: number;
  created_at: string;
  last_sent_at: string;
  expires_at: string;
  verified_at: string | null;
  token_hash: string | null;
  token_expires_at: string | null;
  consumed_at: string | null;
  ip: string | null;
}

export interface NotificationTable {
  id: string;
  channel: 'sms' | 'email';
  recipient: string;
  template: string;
  language: Language;
  body: string;
  state: NotificationState;
  attempts: number;
  /** The last send error, or why delivery failed (a permanent failure's reason). */
  last_error: string | null;
  appeal_id: string | null;
  created_at: string;
  sent_at: string | null;
  /** One notification per event and channel: queueing the same key again does nothing. */
  event_key: string | null;
  /** Email only. */
  subject: string | null;
  driver: string | null;
  provider_id: string | null;
  delivery_state: DeliveryState | null;
  delivered_at: string | null;
}

export type NotificationState = 'pending' | 'sent' | 'failed';
export type DeliveryState = 'accepted' | 'delivered' | 'undelivered';

/** The parts a long SMS went out in, each with the id and receipt the SMSC gave it. */
export interface NotificationPartTable {
  notification_id: string;
  part: number;
  provider_id: string;
  delivery_state: DeliveryState | null;
  error: string | null;
  updated_at: string;
}

export interface AuditEventTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_kind: 'staff' | 'citizen' | 'system';
  action: string;
  subject_type: string;
  subject_id: string;
  ip: string | null;
  detail: string;
  /** Position in the hash chain (1, 2, …); hash = sha256(prev_hash + canonical row), see audit/chain.ts. */
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The chain's head: one row (id 1), locked by every append. */
export interface AuditChainTable {
  id: number;
  seq: number;
  hash: string;
}

/** A staff member's own named inbox view: the view, filters and sort as JSON (common/inbox.ts SavedViewQuery). */
export interface InboxViewTable {
  id: string;
  user_id: string;
  name: string;
  query: string;
  created_at: string;
}

/** Where an appeal was routed or redirected, with the reason and the redirect window (modules/handling). */
export interface AppealRoutingTable {
  id: string;
  appeal_id: string;
  kind: 'route' | 'redirect' | 'redirect_outside';
  from_official_id: string | null;
  from_department_id: string | null;
  to_official_id: string | null;
  to_department_id: string | null;
  outside_body: string | null;
  reason: string;
  /** The redirect window's last day (registration + 3 working days) as computed at the time. */
  due_on: string;
  /** 1 when this redirect came after `due_on` (recorded, not refused). */
  late: number;
  history_id: string | null;
  actor_user_id: string;
  at: string;
}

/** One extension of an appeal's deadline by a reasoned decision. */
export interface DeadlineChangeTable {
  id: string;
  appeal_id: string;
  old_deadline_on: string;
  new_deadline_on: string;
  reason: string;
  history_id: string | null;
  actor_user_id: string;
  at: string;
}

/** An operator's moderation decision: a rejection, a duplicate (with its original), a withdrawal on request. */
export interface AppealModerationTable {
  id: string;
  appeal_id: string;
  kind: 'spam' | 'abuse' | 'not_appeal' | 'duplicate' | 'withdrawn';
  reason: string;
  duplicate_of_appeal_id: string | null;
  channel: string | null;
  history_id: string | null;
  actor_user_id: string;
  at: string;
}

/** The public version of an appeal's note or answer with parts hidden; the newest per field (and answer) counts. */
export interface AppealRedactionTable {
  id: string;
  appeal_id: string;
  field: 'note' | 'answer';
  answer_id: string | null;
  /** JSON array of {start, end} offsets into the original. */
  ranges: string;
  public_text: string;
  reason: string;
  actor_user_id: string;
  at: string;
}

/** A partner app's Open311 key (modules/open311): issued by an admin, shown once, stored as its sha256. */
export interface Open311ApiKeyTable {
  id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: string;
  created_by_user_id: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** An appeal a partner app filed over Open311: the filing's token and the partner's idempotency key. */
export interface Open311RequestTable {
  token: string;
  appeal_id: string;
  api_key_id: string;
  idempotency_key: string | null;
  created_at: string;
}

/** A setting an admin has set (modules/settings): its value as JSON over the configuration's default. */
export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface DB {
  departments: DepartmentTable;
  officials: OfficialTable;
  categories: CategoryTable;
  faq_articles: FaqArticleTable;
  faq_drafts: FaqDraftTable;
  faq_versions: FaqVersionTable;
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
  job_schedules: JobScheduleTable;
  registration_counters: RegistrationCounterTable;
  media_files: MediaFileTable;
  appeal_reservations: AppealReservationTable;
  appeals: AppealTable;
  appeal_status_history: AppealStatusHistoryTable;
  answers: AnswerTable;
  answer_documents: AnswerDocumentTable;
  answer_drafts: AnswerDraftTable;
  appeal_files: AppealFileTable;
  appeal_comments: AppealCommentTable;
  appeal_ratings: AppealRatingTable;
  appeal_disputes: AppealDisputeTable;
  lookup_guards: LookupGuardTable;
  server_secrets: ServerSecretTable;
  jobs: JobTable;
  staff_users: StaffUserTable;
  sessions: SessionTable;
  kiosks: KioskTable;
  kiosk_pairings: KioskPairingTable;
  phone_verifications: PhoneVerificationTable;
  notifications: NotificationTable;
  notification_parts: NotificationPartTable;
  audit_events: AuditEventTable;
  audit_chain: AuditChainTable;
  staff_recovery_codes: RecoveryCodeTable;
  delegations: DelegationTable;
  appeal_routings: AppealRoutingTable;
  deadline_changes: DeadlineChangeTable;
  appeal_moderations: AppealModerationTable;
  appeal_redactions: AppealRedactionTable;
  inbox_views: InboxViewTable;
  settings: SettingTable;
  open311_api_keys: Open311ApiKeyTable;
  open311_requests: Open311RequestTable;
}

export type Appeal = Selectable<AppealTable>;
export type NewAppeal = Insertable<AppealTable>;
export type AppealUpdate = Updateable<AppealTable>;
export type MediaFile = Selectable<MediaFileTable>;
export type AppealReservation = Selectable<AppealReservationTable>;
export type Official = Selectable<OfficialTable>;
export type Department = Selectable<DepartmentTable>;
export type Category = Selectable<CategoryTable>;
export type StaffUser = Selectable<StaffUserTable>;
export type Delegation = Selectable<DelegationTable>;
export type Job = Selectable<JobTable>;
export type Kiosk = Selectable<KioskTable>;
export type KioskPairing = Selectable<KioskPairingTable>;
export type PhoneVerification = Selectable<PhoneVerificationTable>;
export type Notification = Selectable<NotificationTable>;
