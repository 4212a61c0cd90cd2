// The office inbox's rules: what each view means, how a search is understood, the keyset cursor, the capped counts
// per view and saved views. Every query is limited by the row rules (auth/access.ts inboxScope).
import crypto from 'node:crypto';
import {
  DEFAULT_DIRECTION,
  INBOX_COUNT_CAP,
  INBOX_DUE_SOON_WORKING_DAYS,
  INBOX_VIEWS,
  SAVED_VIEWS_MAX,
  type InboxCounts,
  type InboxFilterOptions,
  type InboxFilters,
  type InboxPage,
  type InboxQuery,
  type InboxRow,
  type InboxSort,
  type InboxView,
  type SavedView,
  type SavedViewBody,
  type SavedViewQuery,
  type SortDirection,
} from '../../../common/inbox.js';
import { isOpenStatus, type AppealStatus } from '../../../common/statuses.js';
import { maskPhone, normaliseKzMobile } from '../../../common/phone.js';
import { REGISTRATION_NUMBER_PATTERN } from '../../../common/registration.js';
import { addDays, addWorkingDays, dayInZone } from '../../../common/workdays.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { recordAudit } from '../audit/repository.js';
import { inboxScope, type Staff } from '../auth/access.js';
import { loadCalendar } from '../calendar/repository.js';
import { tri } from '../directory/service.js';
import {
  countInbox,
  countSavedViews,
  deleteSavedView,
  filterOptions,
  findSavedViewByName,
  insertSavedView,
  listInbox,
  listSavedViews,
  type InboxListRow,
  type InboxOrder,
  type InboxSearch,
  type InboxWhere,
  type SortColumn,
} from './repository.js';

/** Today and the last day that is still "due soon", in the office's time zone and working days. */
export interface InboxDays {
  today: string;
  dueSoonUntil: string;
}

export async function inboxDays(services: Services): Promise<InboxDays> {
  const today = dayInZone(services.clock.now(), services.config.TIME_ZONE);
  // Three working days never span more than a month, whatever the holidays.
  const calendar = await loadCalendar(services.db, today, addDays(today, 31));
  return { today, dueSoonUntil: addWorkingDays(today, INBOX_DUE_SOON_WORKING_DAYS, calendar) };
}

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 8;

/**
 * What a search means: a whole registration number (with or without its dash), a whole Kazakh mobile number, or
 * else words, each matched as the beginning of a word of the note or of an answer (words shorter than two letters
 * are ignored). A search for nothing but short words finds nothing.
 */
export function understandSearch(q: string): InboxSearch | null {
  const text = q.trim();
  if (text === '') return null;
  const compact = text.replace(/\s+/g, '');
  const dashed = /^\d{10,12}$/.test(compact) ? `${compact.slice(0, 6)}-${compact.slice(6)}` : compact;
  const number = new RegExp(REGISTRATION_NUMBER_PATTERN).test(dashed) ? dashed : null;
  // "87015550000" reads as a number and as a phone: both are looked for.
  const phone = /^[+\d\s()-]+$/.test(text) ? normaliseKzMobile(text) : null;
  if (number || phone) return { number, phone, words: [] };
  const words = [...new Set((text.match(WORD) ?? []).map((w) => w.toLowerCase()))]
    .filter((w) => [...w].length >= 2)
    .slice(0, MAX_WORDS);
  return { number: null, phone: null, words };
}

/** The instant (UTC) at which `day` begins in the office's time zone. */
export function startOfDay(day: string, timeZone: string): string {
  // The zone's offset at noon that day ("GMT+05:00"); the day's first instant is midnight minus that offset.
  const noon = new Date(`${day}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(noon)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  const offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000).toISOString();
}

const NO_WHERE: InboxWhere = {
  scope: null,
  mine: null,
  statuses: null,
  open: false,
  deadlineFrom: null,
  deadlineTo: null,
  deadlineBefore: null,
  departmentId: null,
  categoryId: null,
  kioskId: null,
  type: null,
  source: null,
  registeredFrom: null,
  registeredBefore: null,
  search: null,
};

/** The conditions of the filters alone (the same for every view). */
function filterWhere(services: Services, filters: InboxFilters): InboxWhere {
  const zone = services.config.TIME_ZONE;
  if (filters.from && filters.to && filters.from > filters.to)
    throw new Problem('validation-failed', 'from: the range must not end before it starts');
  return {
    ...NO_WHERE,
    statuses: filters.status && filters.status.length > 0 ? [...new Set(filters.status)] : null,
    departmentId: filters.department ?? null,
    categoryId: filters.category ?? null,
    kioskId: filters.kiosk ?? null,
    type: filters.type ?? null,
    source: filters.source ?? null,
    registeredFrom: filters.from ? startOfDay(filters.from, zone) : null,
    registeredBefore: filters.to ? startOfDay(addDays(filters.to, 1), zone) : null,
    search: filters.q === undefined ? null : understandSearch(filters.q),
  };
}

/** A view narrows the filters: its statuses meet the filter's (an empty meeting finds nothing). */
function viewWhere(base: InboxWhere, view: InboxView, user: Staff, days: InboxDays): InboxWhere {
  const only = (statuses: AppealStatus[]): InboxWhere => ({
    ...base,
    statuses: base.statuses ? base.statuses.filter((s) => statuses.includes(s)) : statuses,
  });
  switch (view) {
    case 'new':
      return only(['registered']);
    case 'answered':
      return only(['answered']);
    case 'disputed':
      return only(['disputed']);
    case 'mine':
      return { ...base, mine: { officialIds: user.officialIds, departmentIds: user.departmentIds } };
    case 'due-soon':
      return { ...base, open: true, deadlineFrom: days.today, deadlineTo: days.dueSoonUntil };
    case 'overdue':
      return { ...base, open: true, deadlineBefore: days.today };
    case 'all':
      return base;
  }
}

/** The row rules, or null when the user may read no appeal at all. */
function scopeOf(user: Staff): InboxWhere['scope'] | 'none' {
  const scope = inboxScope(user);
  if (scope.kind === 'none') return 'none';
  if (scope.kind === 'all') return null;
  return { officialIds: scope.officialIds, departmentIds: scope.departmentIds };
}

const SORT_COLUMNS: Record<InboxSort, readonly SortColumn[]> = {
  registered: ['registered_at'],
  deadline: ['deadline_on'],
  status: ['status', 'registered_at'],
};

/** The cursor names its sort, so a cursor from another order is refused rather than misread. */
function encodeCursor(sort: InboxSort, dir: SortDirection, values: readonly string[]): string {
  return Buffer.from(JSON.stringify([sort, dir, ...values])).toString('base64url');
}

function decodeCursor(cursor: string, sort: InboxSort, dir: SortDirection): string[] {
  const bad = (why: string) => new Problem('invalid-cursor', why);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('The cursor is not one this server gave.');
  }
  const width = SORT_COLUMNS[sort].length + 1;
  if (
    !Array.isArray(parsed) ||
    parsed.length !== width + 2 ||
    !parsed.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 100)
  )
    throw bad('The cursor is not one this server gave.');
  const [cursorSort, cursorDir, ...values] = parsed as string[];
  if (cursorSort !== sort || cursorDir !== dir)
    throw bad('The cursor belongs to another sort order: start again from the first page.');
  return values;
}

function keyValues(row: InboxListRow, columns: readonly SortColumn[]): string[] {
  return [...columns.map((c) => String(row[c])), row.id];
}

function deadlineFlag(
  row: { status: AppealStatus; deadline_on: string; outside_redirected_at: string | null },
  days: InboxDays,
): InboxRow['deadlineFlag'] {
  if (!isOpenStatus(row.status) || row.outside_redirected_at !== null) return null;
  if (row.deadline_on < days.today) return 'overdue';
  if (row.deadline_on <= days.dueSoonUntil) return 'due-soon';
  return null;
}

function inboxRow(row: InboxListRow, days: InboxDays): InboxRow {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    status: row.status,
    type: row.type,
    language: row.language,
    source: row.source,
    registeredAt: row.registered_at,
    deadlineOn: row.deadline_on,
    addressee:
      row.full_name_en === null ? null : { fullName: tri(row, 'full_name'), position: tri(row, 'position') },
    category: row.category_en === null ? null : tri(row, 'category'),
    phoneMasked: maskPhone(row.phone_e164),
    mediaState: row.media_state,
    deadlineFlag: deadlineFlag(row, days),
    escalated: row.escalated_at !== null,
  };
}

/** What a request asks the repository for; null when the row rules let this user read no appeal at all. */
export interface InboxPlan {
  where: InboxWhere;
  order: InboxOrder;
  limit: number;
  sort: InboxSort;
  days: InboxDays;
}

export async function planInbox(
  services: Services,
  user: Staff,
  query: InboxQuery,
): Promise<InboxPlan | null> {
  const sort = query.sort ?? 'registered';
  const direction = query.dir ?? DEFAULT_DIRECTION[sort];
  const after = query.cursor ? decodeCursor(query.cursor, sort, direction) : null;
  const base = filterWhere(services, query);
  const scope = scopeOf(user);
  if (scope === 'none') return null;
  const days = await inboxDays(services);
  return {
    where: viewWhere({ ...base, scope }, query.view ?? 'all', user, days),
    order: { columns: SORT_COLUMNS[sort], direction, after },
    limit: query.limit ?? 50,
    sort,
    days,
  };
}

/** One page of the inbox for this staff member: the view, filters and search, in the order asked. */
export async function inboxPage(services: Services, user: Staff, query: InboxQuery): Promise<InboxPage> {
  const plan = await planInbox(services, user, query);
  if (!plan) return { items: [], nextCursor: null };
  const { order, limit, days } = plan;
  const rows = await listInbox(services.db, services.dialect, plan.where, order, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => inboxRow(row, days)),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(plan.sort, order.direction, keyValues(last, order.columns))
        : null,
  };
}

/** How many appeals each view holds under these filters, each count stopping at INBOX_COUNT_CAP. */
export async function inboxCounts(
  services: Services,
  user: Staff,
  filters: InboxFilters,
): Promise<InboxCounts> {
  const base = filterWhere(services, filters);
  const scope = scopeOf(user);
  const zero = { count: 0, capped: false };
  if (scope === 'none')
    return {
      counts: Object.fromEntries(INBOX_VIEWS.map((v) => [v, zero])) as InboxCounts['counts'],
      cap: INBOX_COUNT_CAP,
    };
  const days = await inboxDays(services);
  const counted = await Promise.all(
    INBOX_VIEWS.map(async (view) => {
      const n = await countInbox(
        services.db,
        services.dialect,
        viewWhere({ ...base, scope }, view, user, days),
        INBOX_COUNT_CAP,
      );
      return [
        view,
        n > INBOX_COUNT_CAP ? { count: INBOX_COUNT_CAP, capped: true } : { count: n, capped: false },
      ];
    }),
  );
  return { counts: Object.fromEntries(counted) as InboxCounts['counts'], cap: INBOX_COUNT_CAP };
}

export async function inboxFilterOptions(services: Services): Promise<InboxFilterOptions> {
  const { departments, categories, kiosks } = await filterOptions(services.db);
  return {
    departments: departments.map((d) => ({ id: d.id, name: tri(d, 'name') })),
    categories: categories.map((c) => ({ id: c.id, name: tri(c, 'name') })),
    kiosks,
  };
}

function savedView(row: { id: string; name: string; query: string; created_at: string }): SavedView {
  return {
    id: row.id,
    name: row.name,
    query: JSON.parse(row.query) as SavedViewQuery,
    createdAt: row.created_at,
  };
}

export async function savedViews(services: Services, user: Staff): Promise<SavedView[]> {
  return (await listSavedViews(services.db, user.id)).map(savedView);
}

export async function saveView(
  services: Services,
  user: Staff,
  body: SavedViewBody,
  ip: string,
): Promise<SavedView> {
  const name = body.name.trim();
  if (name === '') throw new Problem('validation-failed', 'name: empty');
  if (body.query.from && body.query.to && body.query.from > body.query.to)
    throw new Problem('validation-failed', 'query.from: the range must not end before it starts');
  const row = {
    id: crypto.randomUUID(),
    user_id: user.id,
    name,
    query: JSON.stringify(body.query),
    created_at: services.clock.now().toISOString(),
  };
  await services.db.transaction().execute(async (trx) => {
    if (await findSavedViewByName(trx, user.id, name)) throw new Problem('saved-view-name-taken');
    if ((await countSavedViews(trx, user.id)) >= SAVED_VIEWS_MAX)
      throw new Problem('saved-views-full', `At most ${SAVED_VIEWS_MAX} saved views each.`);
    await insertSavedView(trx, row);
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'inbox_view.saved',
      subjectType: 'inbox_view',
      subjectId: row.id,
      ip,
      detail: { name },
    });
  });
  return savedView(row);
}

export async function removeView(services: Services, user: Staff, id: string, ip: string): Promise<void> {
  await services.db.transaction().execute(async (trx) => {
    // Someone else's view answers like a missing one.
    if (!(await deleteSavedView(trx, user.id, id))) throw new Problem('saved-view-not-found');
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'inbox_view.deleted',
      subjectType: 'inbox_view',
      subjectId: id,
      ip,
    });
  });
}
