// The one typed client for the server's JSON API; body types come from the shared contract, never retyped here.
import type {
  AppealDetail,
  AuditEntry,
  CategoryItem,
  FaqArticle,
  KioskHeartbeat,
  KioskInfo,
  KioskPairing,
  KioskPairingState,
  LoginBody,
  Me,
  NotificationPage,
  NotificationView,
  OfficialCard,
  PasswordChangeBody,
  PhoneVerification,
  PhoneVerificationStart,
  PhoneVerified,
  PublicSettings,
  Receipt,
  RecoveryCodes,
  Reservation,
  ReservationBody,
  SubmitAppealBody,
  TotpSetup,
} from '../../common/api.js';
import type {
  InboxCounts,
  InboxFilterOptions,
  InboxFilters,
  InboxPage,
  InboxQuery,
  SavedView,
  SavedViewBody,
} from '../../common/inbox.js';
import type {
  AnswerDraft,
  AnswerDraftBody,
  AnswerList,
  AnswerSubmitBody,
  AttachmentList,
  CommentList,
  PhoneRevealed,
} from '../../common/answers.js';
import type {
  CalendarDay,
  CalendarDayBody,
  CalendarYear,
  DeadlinesQuery,
  DeadlinesView,
  NotificationPrefs,
  NotificationPrefsBody,
} from '../../common/deadlines.js';
import type {
  DeadlineHistory,
  DuplicateBody,
  ExtendBody,
  HandlingView,
  OfficeWithdrawBody,
  RedactBody,
  RedirectBody,
  RejectBody,
  RouteBody,
  RoutingTargets,
} from '../../common/handling.js';
import type { ProblemDocument } from '../../common/problems.js';
import type {
  AdminCategory,
  AdminDepartment,
  AdminOfficial,
  CategoryBody,
  DepartmentBody,
  DirectoryFormat,
  ImportReport,
  OfficialBody,
  RetireBody,
  RetireResult,
} from '../../common/directory.js';

// The screens take the contract's types from here, with the client that speaks it.
export type * from '../../common/api.js';
export type * from '../../common/deadlines.js';
export type * from '../../common/answers.js';
export type * from '../../common/inbox.js';

/** A failed request: `title` is already in the user's language (or a generic fallback for network failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly slug: string;
  readonly problem: ProblemDocument | null;

  constructor(status: number, title: string, problem: ProblemDocument | null) {
    super(title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.slug = problem ? (problem.type.split('/').pop() ?? '') : '';
  }

  get title(): string {
    return this.message;
  }
}

/** Thrown when the server could not be reached at all (offline, DNS, connection reset). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

let currentLanguage = 'ru';

/** The UI language to send as Accept-Language, so problem titles come back in it. */
export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

let kioskToken: string | null = null;

/** The booth's credential from pairing: every later request carries it as a bearer token (null: none). */
export function setKioskToken(token: string | null): void {
  kioskToken = token;
}

/** The same credential for requests made outside this client (the tus uploader). */
export function kioskAuthHeaders(): Record<string, string> {
  return kioskToken ? { authorization: `Bearer ${kioskToken}` } : {};
}

function isProblem(value: unknown): value is ProblemDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { title?: unknown }).title === 'string' &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': currentLanguage,
    ...extraHeaders,
  };
  Object.assign(headers, kioskAuthHeaders());
  // A file (a document upload) goes as it is; anything else as JSON.
  const file = typeof Blob !== 'undefined' && body instanceof Blob ? body : null;
  if (file) headers['content-type'] = file.type || 'application/octet-stream';
  else if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: file ?? (body === undefined ? null : JSON.stringify(body)),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const problem = isProblem(parsed) ? parsed : null;
    throw new ApiError(
      response.status,
      problem?.title ?? `${response.status} ${response.statusText}`,
      problem,
    );
  }
  return parsed as T;
}

export const api = {
  settings: () => request<PublicSettings>('GET', '/api/settings'),
  officials: () => request<OfficialCard[]>('GET', '/api/directory/officials'),
  categories: () => request<CategoryItem[]>('GET', '/api/directory/categories'),
  faq: (categoryId?: string | null) =>
    request<FaqArticle[]>(
      'GET',
      categoryId ? `/api/faq?${new URLSearchParams({ category: categoryId }).toString()}` : '/api/faq',
    ),
  faqArticle: (slug: string) => request<FaqArticle>('GET', `/api/faq/${encodeURIComponent(slug)}`),
  /** A number and access code held for the recording about to start (printed even if the network then fails). */
  reserve: (body: ReservationBody) => request<Reservation>('POST', '/api/appeals/reservations', body),
  submitAppeal: (body: SubmitAppealBody) => request<Receipt>('POST', '/api/appeals', body),

  startPhoneVerification: (body: PhoneVerificationStart) =>
    request<PhoneVerification>('POST', '/api/phone-verifications', body),
  resendPhoneVerification: (id: string) =>
    request<PhoneVerification>('POST', `/api/phone-verifications/${encodeURIComponent(id)}/resend`),
  confirmPhoneVerification: (id: string, code: string) =>
    request<PhoneVerified>('POST', `/api/phone-verifications/${encodeURIComponent(id)}/confirm`, { code }),

  startKioskPairing: () => request<KioskPairing>('POST', '/api/kiosk/pairings'),
  kioskPairingState: (id: string, secret: string) =>
    request<KioskPairingState>('GET', `/api/kiosk/pairings/${encodeURIComponent(id)}`, undefined, {
      'x-pairing-secret': secret,
    }),
  kioskMe: () => request<KioskInfo>('GET', '/api/kiosk/me'),
  kioskHeartbeat: (body: KioskHeartbeat) => request<void>('POST', '/api/kiosk/heartbeat', body),

  login: (body: LoginBody) => request<Me>('POST', '/api/auth/login', body),
  logout: () => request<void>('POST', '/api/auth/logout'),
  logoutEverywhere: () => request<void>('POST', '/api/auth/logout-everywhere'),
  me: () => request<Me>('GET', '/api/auth/me'),
  changePassword: (body: PasswordChangeBody) => request<Me>('POST', '/api/auth/password', body),
  totpSetup: () => request<TotpSetup>('POST', '/api/auth/totp/setup'),
  totpConfirm: (code: string) => request<RecoveryCodes>('POST', '/api/auth/totp/confirm', { code }),
  totpDisable: (password: string) => request<void>('POST', '/api/auth/totp/disable', { password }),
  appealAudit: (id: string) =>
    request<AuditEntry[]>('GET', `/api/office/appeals/${encodeURIComponent(id)}/audit`),
  /** The office inbox: a view, filters, search and sort; `cursor` is the previous page's nextCursor. */
  inbox: (query: InboxQuery = {}) =>
    request<InboxPage>('GET', `/api/office/appeals?${inboxSearchParams(query).toString()}`),
  inboxCounts: (filters: InboxFilters = {}) =>
    request<InboxCounts>('GET', `/api/office/inbox/counts?${inboxSearchParams(filters).toString()}`),
  inboxFilters: () => request<InboxFilterOptions>('GET', '/api/office/inbox/filters'),
  savedViews: () => request<SavedView[]>('GET', '/api/office/inbox/views'),
  saveView: (body: SavedViewBody) => request<SavedView>('POST', '/api/office/inbox/views', body),
  deleteView: (id: string) => request<void>('DELETE', `/api/office/inbox/views/${encodeURIComponent(id)}`),
  appeal: (id: string) => request<AppealDetail>('GET', `/api/office/appeals/${encodeURIComponent(id)}`),
  /** Work on an appeal (docs/office-handling.md): what the page shows and the acts, each answering the new view. */
  handling: (id: string) =>
    request<HandlingView>('GET', `/api/office/appeals/${encodeURIComponent(id)}/handling`),
  deadlineHistory: (id: string) =>
    request<DeadlineHistory>('GET', `/api/office/appeals/${encodeURIComponent(id)}/deadline-history`),
  routingTargets: () => request<RoutingTargets>('GET', '/api/office/routing-targets'),
  routeAppeal: (id: string, body: RouteBody) =>
    request<HandlingView>('POST', `/api/office/appeals/${encodeURIComponent(id)}/route`, body),
  redirectAppeal: (id: string, body: RedirectBody) =>
    request<HandlingView>('POST', `/api/office/appeals/${encodeURIComponent(id)}/redirect`, body),
  extendDeadline: (id: string, body: ExtendBody) =>
    request<HandlingView>('POST', `/api/office/appeals/${encodeURIComponent(id)}/extend`, body),
  rejectAppeal: (id: string, body: RejectBody) =>
    request<HandlingView>('POST', `/api/office/appeals/${encodeURIComponent(id)}/reject`, body),
  markDuplicate: (id: string, body: DuplicateBody) =>
    request<HandlingView>('POST', `/api/office/appeals/${encodeURIComponent(id)}/duplicate`, body),
  redactText: (id: string, body: RedactBody) =>
    request<HandlingView>('POST', `/api/office/appeals/${encodeURIComponent(id)}/redact`, body),
  withdrawForCitizen: (id: string, body: OfficeWithdrawBody) =>
    request<HandlingView>('POST', `/api/office/appeals/${encodeURIComponent(id)}/withdraw`, body),
  answer: (id: string, body: AnswerSubmitBody) =>
    request<AppealDetail>('POST', `/api/office/appeals/${encodeURIComponent(id)}/answer`, body),
  answers: (id: string) =>
    request<AnswerList>('GET', `/api/office/appeals/${encodeURIComponent(id)}/answers`),
  answerDraft: (id: string) =>
    request<AnswerDraft>('GET', `/api/office/appeals/${encodeURIComponent(id)}/answer-draft`),
  saveAnswerDraft: (id: string, body: AnswerDraftBody) =>
    request<AnswerDraft>('PUT', `/api/office/appeals/${encodeURIComponent(id)}/answer-draft`, body),
  addDraftDocument: (id: string, file: File) =>
    request<AnswerDraft>(
      'POST',
      `/api/office/appeals/${encodeURIComponent(id)}/answer-draft/documents?${new URLSearchParams({ name: file.name }).toString()}`,
      file,
    ),
  removeDraftDocument: (id: string, documentId: string) =>
    request<AnswerDraft>(
      'DELETE',
      `/api/office/appeals/${encodeURIComponent(id)}/answer-draft/documents/${encodeURIComponent(documentId)}`,
    ),
  comments: (id: string) =>
    request<CommentList>('GET', `/api/office/appeals/${encodeURIComponent(id)}/comments`),
  addComment: (id: string, body: string) =>
    request<CommentList>('POST', `/api/office/appeals/${encodeURIComponent(id)}/comments`, { body }),
  attachments: (id: string) =>
    request<AttachmentList>('GET', `/api/office/appeals/${encodeURIComponent(id)}/attachments`),
  addAttachment: (id: string, file: File) =>
    request<AttachmentList>(
      'POST',
      `/api/office/appeals/${encodeURIComponent(id)}/attachments?${new URLSearchParams({ name: file.name }).toString()}`,
      file,
    ),
  /** The full phone number (the server audits every reveal). */
  revealPhone: (id: string) =>
    request<PhoneRevealed>('POST', `/api/office/appeals/${encodeURIComponent(id)}/phone`),
  /** Overdue and due-soon appeals the user may read (supervisors and operators all, officials theirs). */
  deadlines: (query: DeadlinesQuery = {}) => {
    const params = new URLSearchParams();
    if (query.department) params.set('department', query.department);
    if (query.limit) params.set('limit', String(query.limit));
    const search = params.toString();
    return request<DeadlinesView>('GET', `/api/office/deadlines${search ? `?${search}` : ''}`);
  },
  notificationPrefs: () => request<NotificationPrefs>('GET', '/api/office/notification-prefs'),
  setNotificationPrefs: (body: NotificationPrefsBody) =>
    request<NotificationPrefs>('PUT', '/api/office/notification-prefs', body),
  /** Admins: the working-day calendar. */
  calendar: (year: number) => request<CalendarYear>('GET', `/api/admin/calendar?year=${year}`),
  addCalendarDay: (body: CalendarDayBody) => request<CalendarDay>('POST', '/api/admin/calendar/days', body),
  removeCalendarDay: (day: string) =>
    request<void>('DELETE', `/api/admin/calendar/days/${encodeURIComponent(day)}`),
  /** Admins: the directory of departments, officials and topics (docs/admin-directory.md). */
  directory: {
    departments: () => request<AdminDepartment[]>('GET', '/api/admin/directory/departments'),
    createDepartment: (body: DepartmentBody) =>
      request<AdminDepartment>('POST', '/api/admin/directory/departments', body),
    editDepartment: (id: string, body: DepartmentBody) =>
      request<AdminDepartment>('PUT', `/api/admin/directory/departments/${encodeURIComponent(id)}`, body),
    departmentAction: (id: string, action: 'retire' | 'restore') =>
      request<AdminDepartment>(
        'POST',
        `/api/admin/directory/departments/${encodeURIComponent(id)}/${action}`,
      ),
    moveDepartment: (id: string, direction: 'up' | 'down') =>
      request<AdminDepartment[]>('POST', `/api/admin/directory/departments/${encodeURIComponent(id)}/move`, {
        direction,
      }),
    officials: () => request<AdminOfficial[]>('GET', '/api/admin/directory/officials'),
    createOfficial: (body: OfficialBody) =>
      request<AdminOfficial>('POST', '/api/admin/directory/officials', body),
    editOfficial: (id: string, body: OfficialBody) =>
      request<AdminOfficial>('PUT', `/api/admin/directory/officials/${encodeURIComponent(id)}`, body),
    deleteOfficial: (id: string) =>
      request<void>('DELETE', `/api/admin/directory/officials/${encodeURIComponent(id)}`),
    retireOfficial: (id: string, body: RetireBody) =>
      request<RetireResult>('POST', `/api/admin/directory/officials/${encodeURIComponent(id)}/retire`, body),
    restoreOfficial: (id: string) =>
      request<AdminOfficial>('POST', `/api/admin/directory/officials/${encodeURIComponent(id)}/restore`),
    moveOfficial: (id: string, direction: 'up' | 'down') =>
      request<AdminOfficial[]>('POST', `/api/admin/directory/officials/${encodeURIComponent(id)}/move`, {
        direction,
      }),
    setPhoto: (id: string, picture: Blob) =>
      request<AdminOfficial>(
        'PUT',
        `/api/admin/directory/officials/${encodeURIComponent(id)}/photo`,
        picture,
      ),
    removePhoto: (id: string) =>
      request<AdminOfficial>('DELETE', `/api/admin/directory/officials/${encodeURIComponent(id)}/photo`),
    categories: () => request<AdminCategory[]>('GET', '/api/admin/directory/categories'),
    createCategory: (body: CategoryBody) =>
      request<AdminCategory>('POST', '/api/admin/directory/categories', body),
    editCategory: (id: string, body: CategoryBody) =>
      request<AdminCategory>('PUT', `/api/admin/directory/categories/${encodeURIComponent(id)}`, body),
    moveCategory: (id: string, direction: 'up' | 'down') =>
      request<AdminCategory[]>('POST', `/api/admin/directory/categories/${encodeURIComponent(id)}/move`, {
        direction,
      }),
    exportUrl: (format: DirectoryFormat) => `/api/admin/directory/export?format=${format}`,
    importFile: (file: Blob, format: DirectoryFormat, dryRun: boolean) =>
      request<ImportReport>('POST', `/api/admin/directory/import?format=${format}&dryRun=${dryRun}`, file),
  },
  /** Admins: the SMS and email outbox, newest first, optionally one state or channel. */
  notifications: (
    filter: { state?: NotificationView['state']; channel?: NotificationView['channel'] },
    cursor?: string | null,
    limit = 50,
  ) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (filter.state) query.set('state', filter.state);
    if (filter.channel) query.set('channel', filter.channel);
    if (cursor) query.set('cursor', cursor);
    return request<NotificationPage>('GET', `/api/admin/notifications?${query.toString()}`);
  },
};

/** An inbox query as URL parameters: empty values left out, a list (statuses) as repeated parameters. */
export function inboxSearchParams(query: InboxQuery | InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      params.set(key, String(value));
  }
  return params;
}

/** The tus endpoint the recorder streams to. */
export const UPLOAD_ENDPOINT = '/api/uploads';
