// The rules of work on an appeal in the office: route it to an official or department, redirect it (inside the
// directory, or to an outside body, within the law's 3-working-day window), extend its deadline by a reasoned
// decision (at most EXTENSION_MAX_MONTHS from registration), and moderate it (reject, close as a duplicate, hide
// parts of a text from the public, record a withdrawal the citizen asked for). Each change moves the status by the
// status machine, writes its history row, its own record and an audit row in one transaction, and tells the citizen
// by SMS where the law says so.
import type { Transaction } from 'kysely';
import type {
  AppealLink,
  DeadlineHistory,
  DuplicateBody,
  ExtendBody,
  HandlingView,
  OfficeWithdrawBody,
  RedactBody,
  RedactionView,
  RedirectBody,
  RejectBody,
  RouteBody,
  RoutingEntry,
  RoutingKind,
  RoutingTargets,
  TextRange,
} from '../../../common/handling.js';
import { addMonths, normaliseRanges, redact, redirectDueOn } from '../../../common/handling.js';
import { canMoveAppeal, type AppealStatus, type Language } from '../../../common/statuses.js';
import { addDays, dayInZone, isWorkingDay, parseDay } from '../../../common/workdays.js';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import { Problem } from '../../errors.js';
import { getSettings } from '../settings/service.js';
import { translate } from '../../i18n.js';
import { uuidv7 } from '../../ids.js';
import { queueSms } from '../../notifications/outbox.js';
import { countSegments } from '../../notifications/segments.js';
import type { Services } from '../../services.js';
import { insertHistory, lockAppeal } from '../appeals/repository.js';
import { readableAppeal } from '../appeals/service.js';
import { queueNewAppealNotice } from '../deadlines/service.js';
import { recordAudit } from '../audit/repository.js';
import { handlesAppeal, hasRole, type Staff } from '../auth/access.js';
import { loadCalendar } from '../calendar/repository.js';
import { tri } from '../directory/service.js';
import {
  changeAppeal,
  findActiveDepartment,
  findActiveOfficialWithDepartment,
  findAppealIdByNumber,
  findHandlingFacts,
  insertDeadlineChange,
  insertModeration,
  insertRedaction,
  insertRouting,
  isClosedAsDuplicate,
  latestAnswer,
  latestRedaction,
  listActiveOfficials,
  listDeadlineChanges,
  listDepartments,
  listDuplicatesOf,
  listModerations,
  listRoutings,
  type HandlingFacts,
  type RoutingRow,
} from './repository.js';

/** SMS texts may take at most this many parts (FACTS.md); a long outside body's name is shortened to fit. */
const SMS_MAX_SEGMENTS = 2;

function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

function reasonOf(text: string | undefined): string {
  const reason = text?.trim() ?? '';
  if (reason === '') throw new Problem('reason-required');
  return reason;
}

function today(services: Services): string {
  return dayInZone(services.clock.now(), services.config.TIME_ZONE);
}

async function dueOnOf(services: Services, registeredOn: string): Promise<string> {
  const calendar = await loadCalendar(services.db, registeredOn, addDays(registeredOn, 60));
  return redirectDueOn(registeredOn, calendar);
}

async function maxDeadlineOf(services: Services, registeredOn: string): Promise<string> {
  return addMonths(registeredOn, (await getSettings(services)).extensionMaxMonths);
}

/**
 * Routing, a redirect and an extension may be made again in the same status: passing an appeal under review to a
 * deputy, a second body, a second extension within the ceiling.
 */
function mayEnter(status: AppealStatus, to: 'under_review' | 'redirected' | 'extended'): boolean {
  return status === to || canMoveAppeal(status, to);
}

interface Permissions {
  route: boolean;
  redirect: boolean;
  extend: boolean;
  moderate: boolean;
  withdraw: boolean;
  redact: boolean;
}

/** Operators route, redirect and moderate any appeal; an official routes, redirects and extends what they handle. */
function permissionsOf(user: Staff, row: HandlingFacts, maxDeadlineOn: string): Permissions {
  const operator = hasRole(user, 'operator');
  const handles = handlesAppeal(user, row);
  return {
    route: (operator || handles) && mayEnter(row.status, 'under_review'),
    redirect: (operator || handles) && mayEnter(row.status, 'redirected'),
    extend: handles && mayEnter(row.status, 'extended') && row.deadline_on < maxDeadlineOn,
    moderate: operator && canMoveAppeal(row.status, 'left_without_consideration'),
    withdraw: operator && canMoveAppeal(row.status, 'withdrawn'),
    redact: operator,
  };
}

/**
 * The appeal as the row rules let this staff member see it (404 otherwise, like a missing one), and its facts.
 * `allowed` decides whether they may act at all (403 when not).
 */
async function actingOn(
  services: Services,
  user: Staff,
  id: string,
  allowed: (user: Staff, row: HandlingFacts) => boolean,
): Promise<HandlingFacts> {
  const readable = await readableAppeal(services, user, id);
  const row = await findHandlingFacts(services.db, readable.id);
  if (!row) throw new Problem('appeal-not-found');
  if (!allowed(user, row)) throw new Problem('forbidden');
  return row;
}

const operatorOrHandler = (user: Staff, row: HandlingFacts) =>
  hasRole(user, 'operator') || handlesAppeal(user, row);
const operatorOnly = (user: Staff) => hasRole(user, 'operator');

/**
 * Runs a change under the appeal's lock with its facts read again; a status that moved meanwhile is 409.
 */
async function underLock<T>(
  services: Services,
  id: string,
  work: (trx: Transaction<DB>, fresh: HandlingFacts, now: string) => Promise<T>,
  /** Other appeals the change reads (a duplicate's original), locked too, all in one order so two never deadlock. */
  alsoLock: string[] = [],
): Promise<T> {
  const now = services.clock.now().toISOString();
  const result = await services.db.transaction().execute(async (trx) => {
    for (const lockId of [...new Set([id, ...alsoLock])].sort())
      await lockAppeal(trx, services.dialect, lockId);
    const fresh = await findHandlingFacts(trx, id);
    if (!fresh) throw new Problem('appeal-not-found');
    return work(trx, fresh, now);
  });
  services.nudgeWorker();
  return result;
}

/**
 * Moves the appeal from the status read under the lock (`row` is the fresh read): the move must be one the status
 * machine allows, or a repeat of a routing, redirect or extension. Checked here, on the fresh status, so that a
 * second act that was allowed when its request began (two operators at once) is refused once the first has landed.
 */
async function moveStatus(
  trx: Transaction<DB>,
  row: HandlingFacts,
  to: AppealStatus,
  now: string,
  values: Parameters<typeof changeAppeal>[3] = {},
  expectDeadline?: string,
): Promise<void> {
  const repeatable = to === 'under_review' || to === 'redirected' || to === 'extended';
  if (!(repeatable ? mayEnter(row.status, to) : canMoveAppeal(row.status, to)))
    throw new Problem('invalid-transition');
  const changed = await changeAppeal(
    trx,
    row.id,
    { status: row.status, ...(expectDeadline ? { deadlineOn: expectDeadline } : {}) },
    // Any move but a redirect outside brings the appeal back to one of ours (its deadline runs here again).
    { status: to, updated_at: now, outside_redirected_at: null, ...values },
  );
  if (!changed) throw new Problem('invalid-transition');
}

async function history(
  trx: Transaction<DB>,
  row: HandlingFacts,
  to: AppealStatus,
  actor: string,
  reason: string,
  at: string,
): Promise<string> {
  const id = uuidv7();
  await insertHistory(trx, {
    id,
    appeal_id: row.id,
    from_status: row.status,
    to_status: to,
    actor_user_id: actor,
    reason,
    at,
  });
  return id;
}

// Targets

interface InsideTarget {
  officialId: string | null;
  departmentId: string;
  /** The name the citizen is told, in each language. */
  name: Record<Language, string>;
}

/** An official (with their department) or a department of our directory; 422 for one we do not have. */
async function insideTarget(
  services: Services,
  body: { officialId?: string; departmentId?: string },
): Promise<InsideTarget | null> {
  if (body.officialId) {
    const official = await findActiveOfficialWithDepartment(services.db, body.officialId);
    if (!official) throw new Problem('unknown-official');
    if (body.departmentId && body.departmentId !== official.department_id)
      throw new Problem('validation-failed', 'The official is not in that department.');
    return {
      officialId: official.id,
      departmentId: official.department_id,
      name: tri(official, 'full_name'),
    };
  }
  if (body.departmentId) {
    const department = await findActiveDepartment(services.db, body.departmentId);
    if (!department) throw new Problem('unknown-department');
    return { officialId: null, departmentId: department.id, name: tri(department, 'name') };
  }
  return null;
}

/** Whether the target is where the appeal already is (or the acting official themselves). */
function isSelf(user: Staff, row: HandlingFacts, target: InsideTarget): boolean {
  if (target.officialId) {
    if (target.officialId === row.addressee_official_id) return true;
    return handlesAppeal(user, row) && user.officialIds.includes(target.officialId);
  }
  return row.addressee_official_id === null && row.department_id === target.departmentId;
}

/** The redirect SMS with the addressee's name shortened (…) until the text fits in SMS_MAX_SEGMENTS parts. */
export function redirectSmsAddressee(language: Language, number: string, addressee: string): string {
  let name = addressee;
  const fits = (n: string) =>
    countSegments(translate(language, 'sms.redirected', { number, addressee: n })).segments <=
    SMS_MAX_SEGMENTS;
  while (!fits(name) && name.length > 1) name = `${[...name].slice(0, -2).join('').trimEnd()}…`;
  return name;
}

// Route and redirect

/** Assigns the appeal to an official or department of the directory; it is then under review. */
export async function routeAppeal(
  services: Services,
  user: Staff,
  id: string,
  body: RouteBody,
  ip: string,
): Promise<HandlingView> {
  const row = await actingOn(services, user, id, operatorOrHandler);
  if (!mayEnter(row.status, 'under_review')) throw new Problem('invalid-transition');
  const reason = reasonOf(body.reason);
  const target = await insideTarget(services, body);
  if (!target) throw new Problem('routing-target-required');
  const dueOn = await dueOnOf(services, row.registered_on);
  await underLock(services, row.id, async (trx, fresh, now) => {
    if (!mayEnter(fresh.status, 'under_review')) throw new Problem('invalid-transition');
    await moveStatus(trx, fresh, 'under_review', now, {
      addressee_official_id: target.officialId,
      department_id: target.departmentId,
    });
    const historyId = await history(trx, fresh, 'under_review', user.id, reason, now);
    await logRouting(trx, fresh, 'route', target, null, reason, dueOn, false, historyId, user.id, now);
    // The new addressee (and their deputies) hear of it as of a new appeal.
    await queueNewAppealNotice(trx, services, fresh.id, { occurrence: historyId });
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.routed',
      subjectType: 'appeal',
      subjectId: fresh.id,
      ip,
      detail: {
        from: { officialId: fresh.addressee_official_id, departmentId: fresh.department_id },
        to: { officialId: target.officialId, departmentId: target.departmentId },
      },
    });
  });
  return viewAfter(services, user, row.id);
}

async function logRouting(
  trx: Transaction<DB>,
  row: HandlingFacts,
  kind: RoutingKind,
  target: InsideTarget | null,
  outsideBody: string | null,
  reason: string,
  dueOn: string,
  late: boolean,
  historyId: string,
  actor: string,
  at: string,
): Promise<string> {
  const id = uuidv7();
  await insertRouting(trx, {
    id,
    appeal_id: row.id,
    kind,
    from_official_id: row.addressee_official_id,
    from_department_id: row.department_id,
    to_official_id: target?.officialId ?? null,
    to_department_id: target?.departmentId ?? null,
    outside_body: outsideBody,
    reason,
    due_on: dueOn,
    late: late ? 1 : 0,
    history_id: historyId,
    actor_user_id: actor,
    at,
  });
  return id;
}

/**
 * Passes the appeal to another official or department of the directory (it changes hands) or to a body outside it
 * (it stays here, marked redirected). The citizen is told where by SMS and why on the status page. A redirect after
 * the 3-working-day window is recorded as late, not refused: the window binds the body, and refusing would only
 * keep the appeal with the wrong addressee longer.
 */
export async function redirectAppeal(
  services: Services,
  user: Staff,
  id: string,
  body: RedirectBody,
  ip: string,
): Promise<HandlingView> {
  const row = await actingOn(services, user, id, operatorOrHandler);
  if (!mayEnter(row.status, 'redirected')) throw new Problem('invalid-transition');
  const reason = reasonOf(body.reason);
  const outsideGiven = body.outsideBody !== undefined;
  if (outsideGiven && (body.officialId || body.departmentId))
    throw new Problem('validation-failed', 'Redirect either inside the directory or to an outside body.');
  const outsideBody = outsideGiven ? (body.outsideBody ?? '').trim() : null;
  if (outsideGiven && !outsideBody) throw new Problem('routing-target-required');
  const target = outsideGiven ? null : await insideTarget(services, body);
  if (!outsideGiven && !target) throw new Problem('routing-target-required');
  if (target && isSelf(user, row, target)) throw new Problem('redirect-to-self');
  const dueOn = await dueOnOf(services, row.registered_on);
  const late = today(services) > dueOn;
  await underLock(services, row.id, async (trx, fresh, now) => {
    if (!mayEnter(fresh.status, 'redirected')) throw new Problem('invalid-transition');
    if (target && isSelf(user, fresh, target)) throw new Problem('redirect-to-self');
    await moveStatus(
      trx,
      fresh,
      'redirected',
      now,
      target
        ? { addressee_official_id: target.officialId, department_id: target.departmentId }
        : { outside_redirected_at: now },
    );
    const historyId = await history(trx, fresh, 'redirected', user.id, reason, now);
    const kind = target ? 'redirect' : 'redirect_outside';
    await logRouting(trx, fresh, kind, target, outsideBody, reason, dueOn, late, historyId, user.id, now);
    if (target) await queueNewAppealNotice(trx, services, fresh.id, { occurrence: historyId });
    const addressee = target ? target.name[fresh.language] : (outsideBody ?? '');
    await queueSms(trx, services.clock, {
      to: fresh.phone_e164,
      template: 'redirected',
      language: fresh.language,
      values: {
        number: fresh.registration_number,
        addressee: redirectSmsAddressee(fresh.language, fresh.registration_number, addressee),
      },
      appealId: fresh.id,
      eventKey: `appeal:${fresh.id}:redirected:${historyId}`,
    });
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.redirected',
      subjectType: 'appeal',
      subjectId: fresh.id,
      ip,
      detail: {
        from: { officialId: fresh.addressee_official_id, departmentId: fresh.department_id },
        to: target ? { officialId: target.officialId, departmentId: target.departmentId } : { outsideBody },
        dueOn,
        late,
      },
    });
  });
  return viewAfter(services, user, row.id);
}

// Extension

/**
 * A reasoned decision sets a later deadline: a working day after the current one, at most EXTENSION_MAX_MONTHS
 * after registration; the appeal is then `extended` and the citizen is told the new date by SMS. Only the official
 * who handles the appeal decides it. A second extension within the ceiling is allowed (the law limits the total).
 */
export async function extendDeadline(
  services: Services,
  user: Staff,
  id: string,
  body: ExtendBody,
  ip: string,
): Promise<HandlingView> {
  const row = await actingOn(services, user, id, (u, r) => handlesAppeal(u, r));
  if (!mayEnter(row.status, 'extended')) throw new Problem('invalid-transition');
  const reason = reasonOf(body.reason);
  const newDeadline = body.deadlineOn;
  try {
    parseDay(newDeadline);
  } catch {
    throw new Problem('validation-failed', 'deadlineOn is not a day.');
  }
  const maxDeadlineOn = await maxDeadlineOf(services, row.registered_on);
  // Inside the transaction the calendar is read through it (SQLite has one connection: another read would wait).
  const check = async (db: Database | Transaction<DB>, deadlineOn: string) => {
    if (newDeadline <= deadlineOn)
      throw new Problem('deadline-not-after-current', `The deadline is ${deadlineOn} now.`);
    if (newDeadline > maxDeadlineOn)
      throw new Problem('extension-beyond-maximum', `The latest possible deadline is ${maxDeadlineOn}.`);
    const calendar = await loadCalendar(db, newDeadline, newDeadline);
    if (!isWorkingDay(newDeadline, calendar)) throw new Problem('deadline-not-working-day');
  };
  await check(services.db, row.deadline_on);
  await underLock(services, row.id, async (trx, fresh, now) => {
    if (!mayEnter(fresh.status, 'extended')) throw new Problem('invalid-transition');
    await check(trx, fresh.deadline_on);
    await moveStatus(trx, fresh, 'extended', now, { deadline_on: newDeadline }, fresh.deadline_on);
    const historyId = await history(trx, fresh, 'extended', user.id, reason, now);
    const changeId = uuidv7();
    await insertDeadlineChange(trx, {
      id: changeId,
      appeal_id: fresh.id,
      old_deadline_on: fresh.deadline_on,
      new_deadline_on: newDeadline,
      reason,
      history_id: historyId,
      actor_user_id: user.id,
      at: now,
    });
    await queueSms(trx, services.clock, {
      to: fresh.phone_e164,
      template: 'extended',
      language: fresh.language,
      values: { number: fresh.registration_number, deadline: formatDay(newDeadline) },
      appealId: fresh.id,
      eventKey: `appeal:${fresh.id}:extended:${changeId}`,
    });
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.extended',
      subjectType: 'appeal',
      subjectId: fresh.id,
      ip,
      detail: { from: fresh.deadline_on, to: newDeadline },
    });
  });
  return viewAfter(services, user, row.id);
}

// Moderation

/**
 * Leaves the appeal without consideration as spam, abuse or not an appeal, with the reason the citizen sees on the
 * status page. Abuse and "not an appeal" are told by SMS; spam is not, because a flood's phone numbers may be anyone's
 * and an SMS to each would multiply the flood.
 */
export async function rejectAppeal(
  services: Services,
  user: Staff,
  id: string,
  body: RejectBody,
  ip: string,
): Promise<HandlingView> {
  const row = await actingOn(services, user, id, operatorOnly);
  if (!canMoveAppeal(row.status, 'left_without_consideration')) throw new Problem('invalid-transition');
  const reason = reasonOf(body.reason);
  await underLock(services, row.id, async (trx, fresh, now) => {
    await moveStatus(trx, fresh, 'left_without_consideration', now);
    const historyId = await history(trx, fresh, 'left_without_consideration', user.id, reason, now);
    await insertModeration(trx, {
      id: uuidv7(),
      appeal_id: fresh.id,
      kind: body.kind,
      reason,
      duplicate_of_appeal_id: null,
      channel: null,
      history_id: historyId,
      actor_user_id: user.id,
      at: now,
    });
    if (body.kind !== 'spam') await tellNotConsidered(trx, services, fresh, historyId);
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.rejected',
      subjectType: 'appeal',
      subjectId: fresh.id,
      ip,
      detail: { kind: body.kind },
    });
  });
  return viewAfter(services, user, row.id);
}

function tellNotConsidered(trx: Transaction<DB>, services: Services, row: HandlingFacts, historyId: string) {
  return queueSms(trx, services.clock, {
    to: row.phone_e164,
    template: 'notConsidered',
    language: row.language,
    values: { number: row.registration_number },
    appealId: row.id,
    eventKey: `appeal:${row.id}:notConsidered:${historyId}`,
  });
}

/**
 * Closes the appeal as a duplicate of another (left without consideration, "duplicate of <number>" in the citizen's
 * language); the link shows on both appeals. Not onto itself, a missing appeal, or one that is itself a duplicate.
 */
export async function markDuplicate(
  services: Services,
  user: Staff,
  id: string,
  body: DuplicateBody,
  ip: string,
): Promise<HandlingView> {
  const row = await actingOn(services, user, id, operatorOnly);
  if (!canMoveAppeal(row.status, 'left_without_consideration')) throw new Problem('invalid-transition');
  const original = await findAppealIdByNumber(services.db, body.originalNumber.trim());
  if (!original) throw new Problem('duplicate-target-not-found');
  if (original.id === row.id) throw new Problem('duplicate-of-itself');
  if (await isClosedAsDuplicate(services.db, original.id)) throw new Problem('duplicate-target-is-duplicate');
  const comment = body.comment?.trim() || null;
  await underLock(
    services,
    row.id,
    async (trx, fresh, now) => {
      // The original may have been closed as a duplicate of this one meanwhile: no circle of duplicates.
      if (await isClosedAsDuplicate(trx, original.id)) throw new Problem('duplicate-target-is-duplicate');
      const publicReason = translate(fresh.language, 'public.result.duplicateOf', {
        number: original.registration_number,
      });
      await moveStatus(trx, fresh, 'left_without_consideration', now);
      const historyId = await history(trx, fresh, 'left_without_consideration', user.id, publicReason, now);
      await insertModeration(trx, {
        id: uuidv7(),
        appeal_id: fresh.id,
        kind: 'duplicate',
        reason: comment ?? publicReason,
        duplicate_of_appeal_id: original.id,
        channel: null,
        history_id: historyId,
        actor_user_id: user.id,
        at: now,
      });
      await tellNotConsidered(trx, services, fresh, historyId);
      await recordAudit(trx, services.clock, {
        actorUserId: user.id,
        actorKind: 'staff',
        action: 'appeal.marked_duplicate',
        subjectType: 'appeal',
        subjectId: fresh.id,
        ip,
        detail: { originalId: original.id, originalNumber: original.registration_number },
      });
    },
    [original.id],
  );
  return viewAfter(services, user, row.id);
}

/**
 * Sets the public version of the note or of the latest answer's text: the original with the given ranges replaced
 * by the redaction mark. The original stays as it was for staff; every version is kept and audited. No ranges: the
 * text is public in full again.
 */
export async function redactText(
  services: Services,
  user: Staff,
  id: string,
  body: RedactBody,
  ip: string,
): Promise<HandlingView> {
  const row = await actingOn(services, user, id, operatorOnly);
  const reason = reasonOf(body.reason);
  const answer = body.field === 'answer' ? await latestAnswer(services.db, row.id) : undefined;
  const original = body.field === 'note' ? row.note : (answer?.body ?? null);
  if (!original) throw new Problem('nothing-to-redact');
  const ranges = normaliseRanges(body.ranges, original.length);
  if (!ranges) throw new Problem('redaction-range-invalid');
  const publicText = redact(original, ranges);
  await underLock(services, row.id, async (trx, fresh, now) => {
    await insertRedaction(trx, {
      id: uuidv7(),
      appeal_id: fresh.id,
      field: body.field,
      answer_id: answer?.id ?? null,
      ranges: JSON.stringify(ranges),
      public_text: publicText,
      reason,
      actor_user_id: user.id,
      at: now,
    });
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.redacted',
      subjectType: 'appeal',
      subjectId: fresh.id,
      ip,
      detail: { field: body.field, answerId: answer?.id ?? null, ranges, reason },
    });
  });
  return viewAfter(services, user, row.id);
}

/** Records a withdrawal the citizen asked for by phone, in person or in writing; they are told by SMS. */
export async function withdrawForCitizen(
  services: Services,
  user: Staff,
  id: string,
  body: OfficeWithdrawBody,
  ip: string,
): Promise<HandlingView> {
  const row = await actingOn(services, user, id, operatorOnly);
  if (!canMoveAppeal(row.status, 'withdrawn')) throw new Problem('invalid-transition');
  const reason = reasonOf(body.reason);
  await underLock(services, row.id, async (trx, fresh, now) => {
    await moveStatus(trx, fresh, 'withdrawn', now);
    const historyId = await history(trx, fresh, 'withdrawn', user.id, reason, now);
    await insertModeration(trx, {
      id: uuidv7(),
      appeal_id: fresh.id,
      kind: 'withdrawn',
      reason,
      duplicate_of_appeal_id: null,
      channel: body.channel,
      history_id: historyId,
      actor_user_id: user.id,
      at: now,
    });
    await queueSms(trx, services.clock, {
      to: fresh.phone_e164,
      template: 'withdrawn',
      language: fresh.language,
      values: { number: fresh.registration_number },
      appealId: fresh.id,
      eventKey: `appeal:${fresh.id}:withdrawn`,
    });
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.withdrawn',
      subjectType: 'appeal',
      subjectId: fresh.id,
      ip,
      detail: { channel: body.channel, onRequestOfCitizen: true },
    });
  });
  return viewAfter(services, user, row.id);
}

// Reading

function routingEntry(row: RoutingRow): RoutingEntry {
  return {
    id: row.id,
    kind: row.kind,
    to: {
      official:
        row.full_name_en === null
          ? null
          : { fullName: tri(row, 'full_name'), position: tri(row, 'position') },
      department: row.department_en === null ? null : tri(row, 'department'),
      outsideBody: row.outside_body,
    },
    reason: row.reason,
    at: row.at,
    actor: row.actor,
    dueOn: row.due_on,
    late: Number(row.late) === 1,
  };
}

function redactionView(row: Awaited<ReturnType<typeof latestRedaction>>): RedactionView | null {
  if (!row) return null;
  return {
    ranges: JSON.parse(row.ranges) as TextRange[],
    publicText: row.public_text,
    reason: row.reason,
    at: row.at,
    actor: row.actor,
  };
}

/** Everything the appeal page shows about routing, the redirect window, moderation and redactions. */
export async function handlingView(services: Services, user: Staff, id: string): Promise<HandlingView> {
  const readable = await readableAppeal(services, user, id);
  return viewAfter(services, user, readable.id);
}

/**
 * The view without the read check: after an act of this user, who may have just handed the appeal to someone else
 * (they then get this last view, and 404 from then on).
 */
async function viewAfter(services: Services, user: Staff, id: string): Promise<HandlingView> {
  const { db } = services;
  const row = await findHandlingFacts(db, id);
  if (!row) throw new Problem('appeal-not-found');
  const answer = await latestAnswer(db, row.id);
  const [dueOn, routings, moderations, duplicates, noteRedaction, answerRedaction] = await Promise.all([
    dueOnOf(services, row.registered_on),
    listRoutings(db, row.id),
    listModerations(db, row.id),
    listDuplicatesOf(db, row.id),
    latestRedaction(db, row.id, 'note'),
    answer ? latestRedaction(db, row.id, 'answer', answer.id) : Promise.resolve(undefined),
  ]);
  const firstRedirect = routings.find((r) => r.kind !== 'route');
  const state = firstRedirect
    ? Number(firstRedirect.late) === 1
      ? 'late'
      : 'met'
    : today(services) > dueOn
      ? 'passed'
      : 'open';
  const duplicate = moderations.find((m) => m.kind === 'duplicate' && m.duplicate_of_appeal_id);
  const duplicateOf: AppealLink | null =
    duplicate?.duplicate_of_appeal_id && duplicate.duplicate_of_number
      ? { id: duplicate.duplicate_of_appeal_id, registrationNumber: duplicate.duplicate_of_number }
      : null;
  const maxDeadlineOn = await maxDeadlineOf(services, row.registered_on);
  return {
    appealId: row.id,
    registrationNumber: row.registration_number,
    status: row.status,
    registeredOn: row.registered_on,
    deadlineOn: row.deadline_on,
    redirectWindow: { dueOn, state },
    routings: routings.map(routingEntry),
    moderations: moderations.map((m) => ({
      id: m.id,
      kind: m.kind,
      reason: m.reason,
      channel: (m.channel as HandlingView['moderations'][number]['channel']) ?? null,
      at: m.at,
      actor: m.actor,
    })),
    duplicateOf,
    duplicates: duplicates.map((d) => ({ id: d.id, registrationNumber: d.registration_number })),
    redactions: { note: redactionView(noteRedaction), answer: redactionView(answerRedaction) },
    maxDeadlineOn,
    can: permissionsOf(user, row, maxDeadlineOn),
  };
}

/** The appeal's deadline as registered and each extension since (old, new, reason, who, when). */
export async function deadlineHistory(services: Services, user: Staff, id: string): Promise<DeadlineHistory> {
  const readable = await readableAppeal(services, user, id);
  const row = await findHandlingFacts(services.db, readable.id);
  if (!row) throw new Problem('appeal-not-found');
  const changes = await listDeadlineChanges(services.db, row.id);
  return {
    registeredOn: row.registered_on,
    originalDeadlineOn: changes[0]?.old_deadline_on ?? row.deadline_on,
    deadlineOn: row.deadline_on,
    maxDeadlineOn: await maxDeadlineOf(services, row.registered_on),
    changes: changes.map((c) => ({
      id: c.id,
      oldDeadlineOn: c.old_deadline_on,
      newDeadlineOn: c.new_deadline_on,
      reason: c.reason,
      actor: c.actor,
      at: c.at,
    })),
  };
}

/** The directory an appeal can be routed to: every department and every active official. */
export async function routingTargets(services: Services): Promise<RoutingTargets> {
  const [departments, officials] = await Promise.all([
    listDepartments(services.db),
    listActiveOfficials(services.db),
  ]);
  return {
    departments: departments.map((d) => ({ id: d.id, name: tri(d, 'name') })),
    officials: officials.map((o) => ({
      id: o.id,
      fullName: tri(o, 'full_name'),
      position: tri(o, 'position'),
      departmentId: o.department_id,
    })),
  };
}
