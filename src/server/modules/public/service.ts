// The citizen's side after the booth: look an appeal up (access code or SMS code) without guessing being possible,
// read the answer, rate it, dispute it, or withdraw the appeal. Every call after the look-up carries its token.
import crypto from 'node:crypto';
import argon2 from 'argon2';
import type {
  DisputeBody,
  PublicAnswer,
  PublicAppealView,
  PublicLookup,
  PublicPerson,
  RateBody,
  SmsCodeRequest,
  SmsCodeSent,
  SmsLookupBody,
  WithdrawBody,
} from '../../../common/public.js';
import type { LookupBody } from '../../../common/api.js';
import { canMoveAppeal, type AppealStatus } from '../../../common/statuses.js';
import { normaliseAccessCode } from '../../../common/registration.js';
import { addDays, dayInZone } from '../../../common/workdays.js';
import { Problem } from '../../errors.js';
import { uuidv7 } from '../../ids.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/repository.js';
import { workingDaysLeft } from '../calendar/service.js';
import { CODE_HASH } from '../appeals/reservations.js';
import { insertHistory, updateStatus } from '../appeals/repository.js';
import {
  CODE_LENGTH,
  confirmVerification,
  spendPhoneToken,
  startVerification,
  usablePhoneToken,
} from '../verification/service.js';
import {
  findAppealDocument,
  findLatestDispute,
  findLatestPublicAnswer,
  findPublicAppeal,
  findRating,
  guardOf,
  insertDispute,
  insertRating,
  listAnswerDocuments,
  lockGuard,
  updateGuard,
  type PublicAppealRow,
} from './repository.js';
import { listHistory } from '../appeals/repository.js';
import { publicAnswerText, publicNotices } from '../handling/public.js';
import { textToHtml } from '../answers/richtext.js';
import { keyedDigits, signLookupToken, verifyLookupToken } from './token.js';

const HOUR_MS = 3600_000;

/** History reasons the citizen is shown: those a decision about them must give. Others are internal. */
const PUBLIC_REASONS: readonly AppealStatus[] = [
  'redirected',
  'extended',
  'left_without_consideration',
  'withdrawn',
  'disputed',
];

let dummyCodeHash: Promise<string> | null = null;

function lookupFailed(
  services: Services,
  registrationNumber: string,
  ip: string,
  detail: Record<string, unknown>,
): Promise<void> {
  services.log.warn({ ip, registrationNumber, ...detail }, 'failed appeal look-up');
  return recordAudit(services.db, services.clock, {
    actorUserId: null,
    actorKind: 'citizen',
    action: 'appeal.lookup_failed',
    subjectType: 'registration_number',
    subjectId: registrationNumber,
    ip,
    detail,
  });
}

function secondsUntil(ms: number, now: Date): number {
  return Math.max(1, Math.ceil((ms - now.getTime()) / 1000));
}

/**
 * Counts one access-code look-up of the number: refuses it while the number is locked, or over its hourly
 * allowance (LOOKUP_NUMBER_RATE_PER_HOUR). The number need not exist: the guard says nothing about that.
 */
async function admitCodeLookup(services: Services, registrationNumber: string, ip: string): Promise<void> {
  const { config, clock } = services;
  const now = clock.now();
  const nowIso = now.toISOString();
  const refusal = await services.db.transaction().execute(async (trx) => {
    await lockGuard(trx, services.dialect, registrationNumber);
    const guard = await guardOf(trx, registrationNumber, nowIso);
    if (guard.locked_until && Date.parse(guard.locked_until) > now.getTime())
      return { slug: 'lookup-locked' as const, wait: secondsUntil(Date.parse(guard.locked_until), now) };
    const windowEnds = Date.parse(guard.window_started_at) + HOUR_MS;
    const fresh = windowEnds <= now.getTime();
    const attempts = fresh ? 0 : guard.attempts;
    if (attempts >= config.LOOKUP_NUMBER_RATE_PER_HOUR)
      return { slug: 'too-many-requests' as const, wait: secondsUntil(windowEnds, now) };
    await updateGuard(trx, registrationNumber, {
      attempts: attempts + 1,
      window_started_at: fresh ? nowIso : guard.window_started_at,
      updated_at: nowIso,
    });
    return null;
  });
  if (refusal) {
    await lookupFailed(services, registrationNumber, ip, { route: 'code', refused: refusal.slug });
    throw new Problem(refusal.slug).retryAfter(refusal.wait);
  }
}

/** A wrong access code: counts towards the number's lockout; true if this failure locked it. */
async function countCodeFailure(services: Services, registrationNumber: string): Promise<boolean> {
  const { config, clock } = services;
  const now = clock.now();
  const nowIso = now.toISOString();
  return services.db.transaction().execute(async (trx) => {
    await lockGuard(trx, services.dialect, registrationNumber);
    const guard = await guardOf(trx, registrationNumber, nowIso);
    const failures = guard.failures + 1;
    if (failures >= config.LOOKUP_LOCK_FAILURES) {
      await updateGuard(trx, registrationNumber, {
        failures: 0,
        locked_until: new Date(now.getTime() + config.LOOKUP_LOCK_MINUTES * 60_000).toISOString(),
        updated_at: nowIso,
      });
      return true;
    }
    await updateGuard(trx, registrationNumber, { failures, updated_at: nowIso });
    return false;
  });
}

export async function lookupByCode(services: Services, body: LookupBody, ip: string): Promise<PublicLookup> {
  const { db } = services;
  await admitCodeLookup(services, body.registrationNumber, ip);
  const row = await findPublicAppeal(db, body.registrationNumber);
  const code = normaliseAccessCode(body.accessCode);
  dummyCodeHash ??= argon2.hash('00000-00000', CODE_HASH);
  // Verify even when the number is unknown, so timing does not tell which numbers exist.
  const ok =
    (await argon2.verify(row?.access_code_hash ?? (await dummyCodeHash), code ?? 'invalid')) &&
    Boolean(row) &&
    code !== null;
  if (!row || !ok) {
    const locked = await countCodeFailure(services, body.registrationNumber);
    await lookupFailed(services, body.registrationNumber, ip, { route: 'code', locked });
    throw new Problem('wrong-access-code');
  }
  await updateGuard(db, body.registrationNumber, {
    failures: 0,
    updated_at: services.clock.now().toISOString(),
  });
  return opened(services, row, ip, 'code');
}

async function opened(
  services: Services,
  row: PublicAppealRow,
  ip: string,
  route: 'code' | 'sms',
): Promise<PublicLookup> {
  await recordAudit(services.db, services.clock, {
    actorUserId: null,
    actorKind: 'citizen',
    action: 'appeal.looked_up',
    subjectType: 'appeal',
    subjectId: row.id,
    ip,
    detail: { route },
  });
  const { token, expiresAt } = await signLookupToken(services, row.id);
  return { ...(await viewOf(services, row)), token, tokenExpiresAt: expiresAt.toISOString() };
}

// The SMS route

/**
 * Sends a one-time code to the appeal's phone. The answer is the same whether or not the number exists (an
 * unknown number gets a made-up phone ending that stays the same), so numbers cannot be probed; the per-number
 * resend wait and hourly cap apply to every number alike. Works while code look-ups are locked.
 */
export async function requestSmsCode(
  services: Services,
  body: SmsCodeRequest,
  ip: string,
): Promise<SmsCodeSent> {
  const { config, clock, db } = services;
  const number = body.registrationNumber;
  const now = clock.now();
  const nowIso = now.toISOString();
  const refusal = await db.transaction().execute(async (trx) => {
    await lockGuard(trx, services.dialect, number);
    const guard = await guardOf(trx, number, nowIso);
    if (guard.sms_sent_at) {
      const next = Date.parse(guard.sms_sent_at) + config.SMS_CODE_RESEND_SECONDS * 1000;
      if (next > now.getTime())
        return { slug: 'verification-resend-too-early' as const, wait: secondsUntil(next, now) };
    }
    const windowStart = guard.sms_window_started_at ? Date.parse(guard.sms_window_started_at) : 0;
    const fresh = windowStart + HOUR_MS <= now.getTime();
    const sends = fresh ? 0 : guard.sms_sends;
    if (sends >= config.SMS_CODE_MAX_PER_HOUR)
      return { slug: 'too-many-requests' as const, wait: secondsUntil(windowStart + HOUR_MS, now) };
    await updateGuard(trx, number, {
      sms_sent_at: nowIso,
      sms_sends: sends + 1,
      sms_window_started_at: fresh ? nowIso : guard.sms_window_started_at,
      sms_verification_id: null,
      updated_at: nowIso,
    });
    return null;
  });
  if (refusal) {
    await lookupFailed(services, number, ip, { route: 'sms', refused: refusal.slug });
    throw new Problem(refusal.slug).retryAfter(refusal.wait);
  }
  const row = await findPublicAppeal(db, number);
  let ending = await keyedDigits(services, number, 2);
  // An appeal whose personal data was deleted (modules/privacy) has no phone: answered as for an unknown number.
  if (row && row.phone_e164 !== '') {
    ending = row.phone_e164.slice(-2);
    try {
      const verification = await startVerification(
        services,
        { phone: row.phone_e164, language: body.language },
        ip,
      );
      await updateGuard(db, number, { sms_verification_id: verification.id, updated_at: nowIso });
    } catch (error) {
      // The phone's own hourly cap (codes for other purposes too): answer as if sent, or the refusal would tell
      // that the number exists. The audit row keeps what happened.
      if (!(error instanceof Problem) || error.slug !== 'too-many-requests') throw error;
      await lookupFailed(services, number, ip, { route: 'sms', refused: 'phone-hourly-cap' });
    }
  }
  return {
    phoneEnding: ending,
    codeLength: CODE_LENGTH,
    expiresInSeconds: config.SMS_CODE_TTL_SECONDS,
    resendAfterSeconds: config.SMS_CODE_RESEND_SECONDS,
  };
}

/** The SMS code's answer: every failure (unknown number, no code sent, wrong, expired, out of tries) looks alike. */
export async function lookupBySms(
  services: Services,
  body: SmsLookupBody,
  ip: string,
): Promise<PublicLookup> {
  const { db, clock } = services;
  const number = body.registrationNumber;
  const guard = await guardOf(db, number, clock.now().toISOString());
  const row = await findPublicAppeal(db, number);
  const fail = async (why: string): Promise<never> => {
    await lookupFailed(services, number, ip, { route: 'sms', why });
    throw new Problem('sms-code-wrong');
  };
  if (!row || !guard.sms_verification_id) return fail(row ? 'no_code_sent' : 'unknown_number');
  let token: string;
  try {
    token = (await confirmVerification(services, guard.sms_verification_id, body.code, ip)).token;
  } catch (error) {
    if (error instanceof Problem && error.slug.startsWith('verification-')) return fail(error.slug);
    throw error;
  }
  // The phone token is spent at once: it proved the code here and must not confirm a phone for a submission.
  const verification = await usablePhoneToken(services, token, row.phone_e164);
  const nowIso = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    if (verification) await spendPhoneToken(trx, verification, nowIso);
    await updateGuard(trx, number, { sms_verification_id: null, updated_at: nowIso });
  });
  return opened(services, row, ip, 'sms');
}

// After the look-up

/** The appeal the token opens, if it is the one with this number. */
export async function authorised(
  services: Services,
  registrationNumber: string,
  token: string | undefined,
): Promise<PublicAppealRow> {
  const appealId = await verifyLookupToken(services, token);
  const row = await findPublicAppeal(services.db, registrationNumber);
  if (!row || row.id !== appealId) throw new Problem('lookup-token-invalid');
  return row;
}

/**
 * Public pages this process built lately, per registration number: a page reloaded or polled by many does not query
 * the database each time. Only ever served to a valid token for the same appeal; dropped by this module's own
 * changes (rating, dispute, withdrawal), and after PUBLIC_VIEW_CACHE_SECONDS for changes made elsewhere.
 */
interface CachedView {
  appealId: string;
  view: PublicAppealView;
  until: number;
}
const viewCaches = new WeakMap<Services, Map<string, CachedView>>();
const VIEW_CACHE_ENTRIES = 10_000;

function viewCache(services: Services): Map<string, CachedView> {
  let cache = viewCaches.get(services);
  if (!cache) {
    cache = new Map<string, CachedView>();
    viewCaches.set(services, cache);
  }
  return cache;
}

function forgetView(services: Services, registrationNumber: string): void {
  viewCaches.get(services)?.delete(registrationNumber);
}

export async function appealView(
  services: Services,
  registrationNumber: string,
  token: string | undefined,
): Promise<PublicAppealView> {
  const appealId = await verifyLookupToken(services, token);
  const cache = viewCache(services);
  const held = cache.get(registrationNumber);
  if (held && held.appealId === appealId && held.until > performance.now()) return held.view;
  const view = await viewOf(services, await authorised(services, registrationNumber, token));
  const seconds = services.config.PUBLIC_VIEW_CACHE_SECONDS;
  if (seconds > 0) {
    cache.delete(registrationNumber);
    if (cache.size >= VIEW_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(registrationNumber, { appealId, view, until: performance.now() + seconds * 1000 });
  }
  return view;
}

function person(row: Record<string, unknown>): PublicPerson | null {
  if (row.full_name_en === null || row.full_name_en === undefined) return null;
  const tri = (prefix: string) => ({
    kk: String(row[`${prefix}_kk`]),
    ru: String(row[`${prefix}_ru`]),
    en: String(row[`${prefix}_en`]),
  });
  return {
    fullName: tri('full_name'),
    position: tri('position'),
    department: row.department_en === null || row.department_en === undefined ? null : tri('department'),
  };
}

/** The answer's text as plain text: line ends unified, control characters (other than tab and newline) gone. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u200e\u200f\u202a-\u202e]/g;

export function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

function disputeUntilOf(services: Services, answeredAt: string): string {
  return addDays(dayInZone(new Date(answeredAt), services.config.TIME_ZONE), services.config.DISPUTE_DAYS);
}

async function viewOf(services: Services, row: PublicAppealRow): Promise<PublicAppealView> {
  const { db, clock, config } = services;
  const base = `/api/public/appeals/${encodeURIComponent(row.registration_number)}`;
  const [history, answerRow, rating, dispute, notices, redacted] = await Promise.all([
    listHistory(db, row.id),
    findLatestPublicAnswer(db, row.id),
    findRating(db, row.id),
    findLatestDispute(db, row.id),
    publicNotices(db, row.id),
    publicAnswerText(db, row.id),
  ]);
  let answer: PublicAnswer | null = null;
  if (answerRow) {
    const documents = await listAnswerDocuments(db, answerRow.id);
    answer = {
      // An operator may have hidden parts of it (modules/handling): the public version, never the original.
      body: plainText(redacted?.answerId === answerRow.id ? redacted.text : answerRow.body),
      // The rich text, unless parts are hidden: then the public text in paragraphs, so nothing hidden shows.
      html:
        redacted?.answerId === answerRow.id
          ? textToHtml(plainText(redacted.text))
          : answerRow.body_html || textToHtml(plainText(answerRow.body)),
      outcome: answerRow.outcome,
      at: answerRow.created_at,
      author: person(answerRow),
      documents: documents.map((d) => ({
        id: d.id,
        name: d.file_name,
        mimeType: d.mime_type,
        sizeBytes: Number(d.size_bytes),
        url: `${base}/documents/${encodeURIComponent(d.id)}`,
      })),
      video:
        answerRow.media_state === 'ready' && answerRow.playback_key
          ? {
              url: `${base}/answer-video`,
              posterUrl: answerRow.poster_key ? `${base}/answer-poster` : null,
              durationMs: answerRow.duration_ms === null ? null : Number(answerRow.duration_ms),
            }
          : null,
    };
  }
  const today = dayInZone(clock.now(), config.TIME_ZONE);
  const disputeUntil = answerRow ? disputeUntilOf(services, answerRow.created_at) : null;
  const answerDisputed = Boolean(answerRow && dispute && dispute.answer_id === answerRow.id);
  return {
    registrationNumber: row.registration_number,
    status: row.status,
    type: row.type,
    registeredAt: row.registered_at,
    deadlineOn: row.deadline_on,
    workingDaysLeft: await workingDaysLeft(db, clock.now(), config.TIME_ZONE, row.deadline_on),
    addressee: person(row),
    history: history.map((h) => ({
      status: h.to_status,
      at: h.at,
      reason: PUBLIC_REASONS.includes(h.to_status) ? h.reason : null,
    })),
    notices,
    answer,
    rating: rating
      ? {
          satisfied: Number(rating.satisfied) === 1,
          score: Number(rating.score),
          comment: rating.comment,
          at: rating.created_at,
        }
      : null,
    dispute: dispute ? { reason: dispute.reason, at: dispute.created_at } : null,
    can: {
      rate: Boolean(answerRow) && !rating,
      dispute: row.status === 'answered' && !answerDisputed && disputeUntil !== null && today <= disputeUntil,
      withdraw: canMoveAppeal(row.status, 'withdrawn'),
    },
    disputeUntil,
  };
}

export async function rateAnswer(
  services: Services,
  registrationNumber: string,
  token: string | undefined,
  body: RateBody,
  ip: string,
): Promise<PublicAppealView> {
  const row = await authorised(services, registrationNumber, token);
  const answer = await findLatestPublicAnswer(services.db, row.id);
  if (!answer) throw new Problem('not-answered-yet');
  const comment = body.comment?.trim() ? plainText(body.comment.trim()) : null;
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    const stored = await insertRating(trx, {
      appeal_id: row.id,
      answer_id: answer.id,
      satisfied: body.satisfied ? 1 : 0,
      score: body.score,
      comment,
      created_at: now,
    });
    if (!stored) throw new Problem('already-rated');
    await recordAudit(trx, services.clock, {
      actorUserId: null,
      actorKind: 'citizen',
      action: 'appeal.rated',
      subjectType: 'appeal',
      subjectId: row.id,
      ip,
      detail: { satisfied: body.satisfied, score: body.score },
    });
  });
  forgetView(services, registrationNumber);
  return viewOf(services, row);
}

export async function disputeAnswer(
  services: Services,
  registrationNumber: string,
  token: string | undefined,
  body: DisputeBody,
  ip: string,
): Promise<PublicAppealView> {
  const row = await authorised(services, registrationNumber, token);
  const answer = await findLatestPublicAnswer(services.db, row.id);
  if (!answer) throw new Problem('not-answered-yet');
  if (row.status === 'disputed') throw new Problem('already-disputed');
  if (row.status !== 'answered') throw new Problem('invalid-transition');
  const until = disputeUntilOf(services, answer.created_at);
  if (dayInZone(services.clock.now(), services.config.TIME_ZONE) > until)
    throw new Problem('dispute-too-late', `Disputes were accepted until ${until}.`);
  const reason = plainText(body.reason.trim());
  if (reason === '') throw new Problem('validation-failed', 'Say what is not solved.');
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    if (
      !(await insertDispute(trx, {
        id: crypto.randomUUID(),
        appeal_id: row.id,
        answer_id: answer.id,
        reason,
        created_at: now,
      }))
    )
      throw new Problem('already-disputed');
    if (!(await updateStatus(trx, row.id, 'answered', 'disputed', now)))
      throw new Problem('invalid-transition');
    await insertHistory(trx, {
      id: uuidv7(),
      appeal_id: row.id,
      from_status: 'answered',
      to_status: 'disputed',
      actor_user_id: null,
      reason,
      at: now,
    });
    await recordAudit(trx, services.clock, {
      actorUserId: null,
      actorKind: 'citizen',
      action: 'appeal.disputed',
      subjectType: 'appeal',
      subjectId: row.id,
      ip,
    });
  });
  forgetView(services, registrationNumber);
  return viewOf(services, { ...row, status: 'disputed' });
}

export async function withdrawAppeal(
  services: Services,
  registrationNumber: string,
  token: string | undefined,
  body: WithdrawBody,
  ip: string,
): Promise<PublicAppealView> {
  const row = await authorised(services, registrationNumber, token);
  if (!canMoveAppeal(row.status, 'withdrawn')) throw new Problem('withdraw-not-allowed');
  const reason = body.reason?.trim() ? plainText(body.reason.trim()) : null;
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    if (!(await updateStatus(trx, row.id, row.status, 'withdrawn', now)))
      throw new Problem('withdraw-not-allowed');
    await insertHistory(trx, {
      id: uuidv7(),
      appeal_id: row.id,
      from_status: row.status,
      to_status: 'withdrawn',
      actor_user_id: null,
      reason,
      at: now,
    });
    await recordAudit(trx, services.clock, {
      actorUserId: null,
      actorKind: 'citizen',
      action: 'appeal.withdrawn',
      subjectType: 'appeal',
      subjectId: row.id,
      ip,
      detail: { reasonGiven: reason !== null },
    });
  });
  forgetView(services, registrationNumber);
  return viewOf(services, { ...row, status: 'withdrawn' });
}

/** The blob key of the latest answer's video (playback copy) or its poster, for the holder of the token. */
export async function answerMediaKey(
  services: Services,
  registrationNumber: string,
  token: string | undefined,
  which: 'playback' | 'poster',
): Promise<{ key: string; appealId: string }> {
  const row = await authorised(services, registrationNumber, token);
  const answer = await findLatestPublicAnswer(services.db, row.id);
  const key =
    answer?.media_state === 'ready' ? (which === 'playback' ? answer.playback_key : answer.poster_key) : null;
  if (!key) throw new Problem('not-found');
  return { key, appealId: row.id };
}

export async function answerDocument(
  services: Services,
  registrationNumber: string,
  token: string | undefined,
  documentId: string,
) {
  const row = await authorised(services, registrationNumber, token);
  const document = await findAppealDocument(services.db, row.id, documentId);
  if (!document) throw new Problem('not-found');
  return { ...document, appealId: row.id };
}
