// Deadlines at work: the overdue view (row rules of auth/access.ts), the notice to officials when an appeal is
// addressed to them, the daily digest of what is due soon, and the escalation of overdue appeals to supervisors.
// The clock never pauses (FACTS.md: the law knows only an extension, which sets a new stored deadline); an appeal
// stops counting when it is answered or closed (common/statuses.ts isOpenStatus).
import type { Transaction } from 'kysely';
import {
  DUE_SOON_WORKING_DAYS,
  type DeadlineItem,
  type DeadlinesQuery,
  type DeadlinesView,
  type NotificationPrefs,
  type NotificationPrefsBody,
} from '../../../common/deadlines.js';
import { normaliseKzMobile } from '../../../common/phone.js';
import type { Language } from '../../../common/statuses.js';
import {
  addDays,
  addWorkingDays,
  dayInZone,
  isWorkingDay,
  workingDaysBetween,
  type WorkCalendar,
} from '../../../common/workdays.js';
import type { DB } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { translate } from '../../i18n.js';
import { queueEmail, queueSms } from '../../notifications/outbox.js';
import { inboxScope, loadStaff, type Staff } from '../auth/access.js';
import { findUserById } from '../auth/repository.js';
import { recordAudit } from '../audit/repository.js';
import { calendarBetween } from '../calendar/service.js';
import {
  activeStaffWithRole,
  appealRecipients,
  countDue,
  findAppealForNotice,
  findPrefs,
  listDue,
  listToEscalate,
  markEscalated,
  updatePrefs,
  type DueRow,
  type DueWhere,
  type Recipient,
} from './repository.js';

/** dd.mm.yyyy, as the citizen's SMS writes a deadline. */
export function formatDeadline(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** The office's address for links in messages: PUBLIC_URL, or the address the server listens on. */
export function officeUrl(services: Services, path: string): string {
  const { PUBLIC_URL, HOST, PORT } = services.config;
  const base = PUBLIC_URL !== '' ? PUBLIC_URL.replace(/\/+$/, '') : `http://${HOST}:${PORT}`;
  return `${base}${path}`;
}

const tri = (row: Record<string, string | null>, prefix: string) => ({
  kk: row[`${prefix}_kk`] ?? '',
  ru: row[`${prefix}_ru`] ?? '',
  en: row[`${prefix}_en`] ?? '',
});

function itemOf(row: DueRow, calendar: WorkCalendar, today: string): DeadlineItem {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    status: row.status,
    registeredOn: row.registered_on,
    deadlineOn: row.deadline_on,
    workingDaysLeft: workingDaysBetween(today, row.deadline_on, calendar),
    escalatedAt: row.escalated_at ?? null,
    addressee:
      row.full_name_en === null ? null : { fullName: tri(row, 'full_name'), position: tri(row, 'position') },
    department: row.department_id === null ? null : { id: row.department_id, name: tri(row, 'department') },
  };
}

/** The last day that is still "due soon" from `today`. */
function dueSoonUntil(today: string, calendar: WorkCalendar): string {
  return addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar);
}

// The overdue view

/**
 * Overdue and due-soon appeals the user may read: operators and supervisors all, an official theirs (and their
 * delegators' and their department's without a named official), anyone else none.
 */
export async function deadlinesView(
  services: Services,
  user: Staff,
  query: DeadlinesQuery,
): Promise<DeadlinesView> {
  const { db, clock, config } = services;
  const now = clock.now();
  const today = dayInZone(now, config.TIME_ZONE);
  const ahead = await calendarBetween(db, today, addDays(today, 60), now);
  const until = dueSoonUntil(today, ahead);
  const scope = inboxScope(user);
  const limit = query.limit ?? 500;
  const empty = { overdue: [], overdueTotal: 0, dueSoon: [], dueSoonTotal: 0 };
  const base = {
    today,
    todayIsWorkingDay: isWorkingDay(today, ahead),
    dueSoonWorkingDays: DUE_SOON_WORKING_DAYS,
  };
  if (scope.kind === 'none') return { ...base, ...empty };
  const common = {
    scope: scope.kind === 'all' ? null : scope,
    department: query.department,
  } satisfies Partial<DueWhere>;
  const overdueWhere: DueWhere = { ...common, to: addDays(today, -1) };
  const soonWhere: DueWhere = { ...common, from: today, to: until };
  const [overdue, dueSoon, overdueTotal, dueSoonTotal] = await Promise.all([
    listDue(db, overdueWhere, limit),
    listDue(db, soonWhere, limit),
    countDue(db, overdueWhere),
    countDue(db, soonWhere),
  ]);
  const earliest = overdue[0]?.deadline_on ?? today;
  const calendar = earliest < today ? await calendarBetween(db, earliest, until, now) : ahead;
  return {
    ...base,
    // Longest overdue first (the query gives the earliest deadline first).
    overdue: overdue.map((r) => itemOf(r, calendar, today)),
    overdueTotal,
    dueSoon: dueSoon.map((r) => itemOf(r, calendar, today)),
    dueSoonTotal,
  };
}

// Messages to staff

function wantsSms(r: Recipient): r is Recipient & { phone_e164: string } {
  return r.notify_sms === 1 && r.phone_e164 !== null && r.phone_e164 !== '';
}

/**
 * Tells the officials an appeal is addressed to (and their deputies) by email, and by SMS where they asked for it.
 * Call it in the transaction that addresses the appeal to them: on submission, and whenever an appeal is routed to
 * someone new. One message per appeal, person and occurrence: `occurrence` names a later routing (its history row),
 * so routing the same appeal to the same person twice tells them twice, and a retried call never does.
 */
export async function queueNewAppealNotice(
  trx: Transaction<DB>,
  services: Services,
  appealId: string,
  options: { occurrence?: string } = {},
): Promise<number> {
  const { clock } = services;
  const appeal = await findAppealForNotice(trx, appealId);
  if (!appeal) return 0;
  const recipients = await appealRecipients(trx, appeal, clock.now().toISOString());
  const values = {
    number: appeal.registration_number,
    deadline: formatDeadline(appeal.deadline_on),
    url: officeUrl(services, `/office/appeals/${appeal.id}`),
  };
  const suffix = options.occurrence ? `:${options.occurrence}` : '';
  let queued = 0;
  for (const r of recipients) {
    const eventKey = `appeal:${appeal.id}:newAppeal:${r.id}${suffix}`;
    const common = { template: 'newAppeal', language: r.language, values, appealId: appeal.id, eventKey };
    if (r.email) {
      await queueEmail(trx, clock, { to: r.email, ...common });
      queued++;
    }
    if (wantsSms(r)) {
      await queueSms(trx, clock, { to: r.phone_e164, ...common });
      queued++;
    }
  }
  return queued;
}

function digestLines(language: Language, items: DeadlineItem[]): string {
  return items
    .map((item) => {
      const values = {
        number: item.registrationNumber,
        deadline: formatDeadline(item.deadlineOn),
        days: String(Math.abs(item.workingDaysLeft)),
      };
      const line = item.workingDaysLeft < 0 ? 'overdueLine' : 'dueLine';
      return `• ${translate(language, `email.digest.${line}`, values)}`;
    })
    .join('\n');
}

export interface DigestResult {
  /** False when the day is not a working day, or the job is for another day than today. */
  sent: boolean;
  recipients: number;
}

/**
 * The morning digest: each official with an email (or SMS) gets the open appeals they handle that are due within
 * DUE_SOON_WORKING_DAYS working days or already late, once a day (event key `digest:<user>:<day>`), on working
 * days only. `day` is the local day the schedule enqueued it for; run later (a worker was down), it does nothing.
 */
export async function sendDigests(services: Services, day: string): Promise<DigestResult> {
  const { db, clock, config } = services;
  const now = clock.now();
  const today = dayInZone(now, config.TIME_ZONE);
  if (day !== today) return { sent: false, recipients: 0 };
  const calendar = await calendarBetween(db, addDays(today, -400), addDays(today, 60), now);
  if (!isWorkingDay(today, calendar)) return { sent: false, recipients: 0 };
  const until = dueSoonUntil(today, calendar);
  const officials = await activeStaffWithRole(db, 'official');
  let recipients = 0;
  for (const r of officials) {
    if (!r.email && !wantsSms(r)) continue;
    const user = await findUserById(db, r.id);
    if (!user) continue;
    const staff = await loadStaff(db, user, now.toISOString());
    const scope = inboxScope(staff);
    if (scope.kind === 'none') continue;
    const rows = await listDue(db, { scope: scope.kind === 'all' ? null : scope, to: until }, 200);
    if (rows.length === 0) continue;
    const items = rows.map((row) => itemOf(row, calendar, today));
    const overdue = items.filter((i) => i.workingDaysLeft < 0 || i.deadlineOn < today).length;
    const values = {
      count: String(items.length),
      overdue: String(overdue),
      days: String(DUE_SOON_WORKING_DAYS),
      list: digestLines(r.language, items),
      url: officeUrl(services, '/office/deadlines'),
    };
    const eventKey = `digest:${r.id}:${today}`;
    await db.transaction().execute(async (trx) => {
      const common = { template: 'digest', language: r.language, values, appealId: null, eventKey };
      if (r.email) await queueEmail(trx, clock, { to: r.email, ...common });
      if (wantsSms(r)) await queueSms(trx, clock, { to: r.phone_e164, ...common });
    });
    recipients++;
  }
  if (recipients > 0) services.nudgeWorker();
  return { sent: true, recipients };
}

/** How many appeals one run escalates at most; the next run takes the rest. */
export const ESCALATION_BATCH = 500;

/**
 * Escalates every open appeal past its deadline that nobody escalated yet: sets `escalated_at` (a conditional
 * update, so of two workers racing only one wins each appeal), writes an audit row, emails each supervisor once
 * per appeal (and texts those who asked for SMS) and, with OVERDUE_SMS, sends the citizen the apology the law's refusal-by-silence calls for.
 */
export async function escalateOverdue(services: Services): Promise<number> {
  const { db, clock, config } = services;
  const now = clock.now();
  const nowIso = now.toISOString();
  const today = dayInZone(now, config.TIME_ZONE);
  const due = await listToEscalate(db, today, ESCALATION_BATCH);
  if (due.length === 0) return 0;
  const earliest = due[0]?.deadline_on ?? today;
  const calendar = await calendarBetween(db, earliest, today, now);
  const supervisors = (await activeStaffWithRole(db, 'supervisor')).filter((s) => s.email || wantsSms(s));
  let escalated = 0;
  for (const appeal of due) {
    const late = workingDaysBetween(appeal.deadline_on, today, calendar);
    const done = await db.transaction().execute(async (trx) => {
      if (!(await markEscalated(trx, appeal.id, nowIso))) return false;
      await recordAudit(trx, clock, {
        actorUserId: null,
        actorKind: 'system',
        action: 'appeal.escalated',
        subjectType: 'appeal',
        subjectId: appeal.id,
        ip: null,
        detail: { deadlineOn: appeal.deadline_on, workingDaysOverdue: late, supervisors: supervisors.length },
      });
      for (const s of supervisors) {
        const message = {
          template: 'escalated',
          language: s.language,
          values: {
            number: appeal.registration_number,
            deadline: formatDeadline(appeal.deadline_on),
            days: String(late),
            url: officeUrl(services, `/office/appeals/${appeal.id}`),
          },
          appealId: appeal.id,
          eventKey: `appeal:${appeal.id}:escalated:${s.id}`,
        };
        if (s.email) await queueEmail(trx, clock, { to: s.email, ...message });
        if (wantsSms(s)) await queueSms(trx, clock, { to: s.phone_e164, ...message });
      }
      if (config.OVERDUE_SMS)
        await queueSms(trx, clock, {
          to: appeal.phone_e164,
          template: 'overdue',
          language: appeal.language,
          values: { number: appeal.registration_number },
          appealId: appeal.id,
          eventKey: `appeal:${appeal.id}:overdue`,
        });
      return true;
    });
    if (done) escalated++;
  }
  if (escalated > 0) services.nudgeWorker();
  return escalated;
}

// Preferences

const EMAIL_PATTERN = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export async function notificationPrefs(services: Services, user: Staff): Promise<NotificationPrefs> {
  const row = await findPrefs(services.db, user.id);
  if (!row) throw new Problem('not-authenticated');
  return { email: row.email, phone: row.phone_e164, sms: row.notify_sms === 1, language: row.language };
}

export async function setNotificationPrefs(
  services: Services,
  user: Staff,
  body: NotificationPrefsBody,
  ip: string,
): Promise<NotificationPrefs> {
  const { db, clock } = services;
  const email = body.email?.trim() || null;
  if (email !== null && !EMAIL_PATTERN.test(email)) throw new Problem('invalid-email');
  const rawPhone = body.phone?.trim() || null;
  const phone = rawPhone === null ? null : normaliseKzMobile(rawPhone);
  if (rawPhone !== null && phone === null) throw new Problem('invalid-phone');
  if (body.sms && phone === null) throw new Problem('sms-needs-phone');
  const before = await notificationPrefs(services, user);
  const after: NotificationPrefs = { email, phone, sms: body.sms, language: body.language };
  await db.transaction().execute(async (trx) => {
    await updatePrefs(trx, user.id, {
      email,
      phone_e164: phone,
      notify_sms: body.sms ? 1 : 0,
      language: body.language,
    });
    await recordAudit(trx, clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'notification_prefs.changed',
      subjectType: 'staff_user',
      subjectId: user.id,
      ip,
      // Which settings changed, not the addresses themselves.
      detail: {
        email: before.email === email ? 'same' : email === null ? 'removed' : 'changed',
        phone: before.phone === phone ? 'same' : phone === null ? 'removed' : 'changed',
        sms: body.sms,
        language: body.language,
      },
    });
  });
  return after;
}
