// Phone confirmation: a six-digit code by SMS, a few tries, and a single-use token that the submission spends.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { PhoneVerification, PhoneVerificationStart, PhoneVerified } from '../../../common/api.js';
import { normaliseKzMobile } from '../../../common/phone.js';
import type { DB, PhoneVerification as VerificationRow } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { queueSms } from '../../notifications/outbox.js';
import { recordAudit } from '../audit/repository.js';
import { phonePseudonym } from '../privacy/pseudonym.js';
import {
  codeSendsFromIpSince,
  codeSendsSince,
  consumeToken,
  countWrongTry,
  findVerification,
  findVerificationByTokenHash,
  insertVerification,
  lockPhone,
  markVerified,
  replaceCode,
} from './repository.js';

export const CODE_LENGTH = 6;
const TOKEN_TTL_MS = 30 * 60 * 1000;
const HOUR_MS = 3600 * 1000;
/** With the queue's backoff (2, 4, 8, 16, 32 s) the last try is about a minute after the first. */
const CODE_SMS_MAX_ATTEMPTS = 6;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * A six-digit code is guessable offline from any hash, so hashing only keeps it out of plain sight; what protects
 * it is its few minutes of life and the few tries. The row id salts it, so equal codes do not look equal.
 */
const codeHash = (id: string, code: string) => sha256(`${id}:${code}`);
export const phoneTokenHash = (token: string) => sha256(`phone-token:${token}`);

function newCode(): string {
  return String(crypto.randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

function secondsUntil(at: string | number, now: Date): number {
  const ms = (typeof at === 'number' ? at : Date.parse(at)) - now.getTime();
  return Math.max(0, Math.ceil(ms / 1000));
}

function view(services: Services, row: VerificationRow, now: Date): PhoneVerification {
  const { config } = services;
  return {
    id: row.id,
    resendAfterSeconds: secondsUntil(
      Date.parse(row.last_sent_at) + config.SMS_CODE_RESEND_SECONDS * 1000,
      now,
    ),
    expiresInSeconds: secondsUntil(row.expires_at, now),
    codeLength: CODE_LENGTH,
    triesLeft: Math.max(0, config.SMS_CODE_MAX_TRIES - row.attempts),
  };
}

type Failure =
  'not_found' | 'code_wrong' | 'locked' | 'expired' | 'hourly_cap' | 'ip_hourly_cap' | 'resend_too_early';

function audit(
  services: Services,
  failure: Failure,
  subject: { type: 'phone_verification' | 'phone_hmac' | 'address'; id: string },
  ip: string,
  detail: Record<string, unknown> = {},
) {
  return recordAudit(services.db, services.clock, {
    actorUserId: null,
    actorKind: 'citizen',
    action: `phone_verification.${failure}`,
    subjectType: subject.type,
    subjectId: subject.id,
    ip,
    detail,
  });
}

/** Seconds until the number may have another code, or 0 if it is under SMS_CODE_MAX_PER_HOUR in the last hour. */
async function hourlyCapWait(
  services: Services,
  trx: Transaction<DB>,
  phone: string,
  now: Date,
): Promise<number> {
  const max = services.config.SMS_CODE_MAX_PER_HOUR;
  const sends = await codeSendsSince(trx, phone, new Date(now.getTime() - HOUR_MS).toISOString());
  if (sends.length < max) return 0;
  // The send that has to leave the window before one more fits.
  const blocking = sends[sends.length - max] ?? sends[0] ?? now.toISOString();
  return Math.max(1, secondsUntil(Date.parse(blocking) + HOUR_MS, now));
}

/**
 * Seconds until this address may have another code sent, or 0 if it is under SMS_CODE_MAX_PER_IP_HOUR in the last
 * hour. The per-minute route limit lives in one process's memory; this one is in the database, so it holds across
 * API processes and across the hour (one client spraying codes over many numbers: SMS pumping).
 */
async function ipHourlyCapWait(
  services: Services,
  trx: Transaction<DB>,
  ip: string,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - HOUR_MS).toISOString();
  const { sends, oldest } = await codeSendsFromIpSince(trx, ip, since);
  if (sends < services.config.SMS_CODE_MAX_PER_IP_HOUR) return 0;
  return Math.max(1, secondsUntil(Date.parse(oldest ?? now.toISOString()) + HOUR_MS, now));
}

type Cap = { seconds: number; by: 'phone' | 'address' };

/** The throttle a new code to `phone` from `ip` runs into, if any: the number's hour first, then the address's. */
async function capReached(
  services: Services,
  trx: Transaction<DB>,
  phone: string,
  ip: string,
  now: Date,
): Promise<Cap | null> {
  const byPhone = await hourlyCapWait(services, trx, phone, now);
  if (byPhone > 0) return { seconds: byPhone, by: 'phone' };
  const byAddress = await ipHourlyCapWait(services, trx, ip, now);
  return byAddress > 0 ? { seconds: byAddress, by: 'address' } : null;
}

async function refuseCapped(services: Services, cap: Cap, phone: string, ip: string): Promise<never> {
  if (cap.by === 'phone') {
    // Never the number itself: the audit trail cannot be rewritten when the person's data is erased.
    await audit(
      services,
      'hourly_cap',
      { type: 'phone_hmac', id: await phonePseudonym(services, phone) },
      ip,
    );
    throw new Problem('too-many-requests', 'Too many codes to this number in the last hour.').retryAfter(
      cap.seconds,
    );
  }
  await audit(services, 'ip_hourly_cap', { type: 'address', id: ip }, ip);
  throw new Problem('too-many-requests', 'Too many codes from this address in the last hour.').retryAfter(
    cap.seconds,
  );
}

async function sendCode(
  services: Services,
  trx: Transaction<DB>,
  row: { id: string; phone: string; language: VerificationRow['language']; sends: number },
  code: string,
) {
  await queueSms(trx, services.clock, {
    to: row.phone,
    template: 'code',
    language: row.language,
    values: { code },
    appealId: null,
    // Each code sent is its own event; a code is useless after a few minutes, so it is not retried for long.
    eventKey: `verification:${row.id}:${row.sends}`,
    maxAttempts: CODE_SMS_MAX_ATTEMPTS,
  });
}

export async function startVerification(
  services: Services,
  body: PhoneVerificationStart,
  ip: string,
): Promise<PhoneVerification> {
  const { db, clock, config } = services;
  const phone = normaliseKzMobile(body.phone);
  if (!phone) throw new Problem('invalid-phone');
  const now = clock.now();
  const nowIso = now.toISOString();
  const id = crypto.randomBytes(16).toString('base64url');
  const code = newCode();
  const row: VerificationRow = {
    id,
    phone_e164: phone,
    language: body.language,
    code_hash: codeHash(id, code),
    attempts: 0,
    sends: 1,
    created_at: nowIso,
    last_sent_at: nowIso,
    expires_at: new Date(now.getTime() + config.SMS_CODE_TTL_SECONDS * 1000).toISOString(),
    verified_at: null,
    token_hash: null,
    token_expires_at: null,
    consumed_at: null,
    ip,
  };
  const cap = await db.transaction().execute(async (trx) => {
    await lockPhone(trx, services.dialect, phone);
    const reached = await capReached(services, trx, phone, ip, now);
    if (reached) return reached;
    await insertVerification(trx, row);
    await sendCode(services, trx, { id, phone, language: body.language, sends: 1 }, code);
    return null;
  });
  if (cap) await refuseCapped(services, cap, phone, ip);
  services.nudgeWorker();
  return view(services, row, now);
}

async function existing(services: Services, id: string, ip: string): Promise<VerificationRow> {
  const row = await findVerification(services.db, id);
  if (!row) {
    await audit(services, 'not_found', { type: 'phone_verification', id }, ip);
    throw new Problem('verification-not-found');
  }
  return row;
}

async function locked(services: Services, id: string, ip: string): Promise<never> {
  await audit(services, 'locked', { type: 'phone_verification', id }, ip);
  throw new Problem('verification-locked', 'No tries left: start again with a new code.');
}

async function refuseLocked(services: Services, row: VerificationRow, ip: string): Promise<void> {
  if (row.attempts >= services.config.SMS_CODE_MAX_TRIES) await locked(services, row.id, ip);
}

function refuseConfirmed(row: VerificationRow): void {
  if (row.verified_at) throw new Problem('verification-expired', 'This code has already been confirmed.');
}

export async function resendVerification(
  services: Services,
  id: string,
  ip: string,
): Promise<PhoneVerification> {
  const { db, clock, config } = services;
  const row = await existing(services, id, ip);
  await refuseLocked(services, row, ip);
  refuseConfirmed(row);
  const now = clock.now();
  const early = secondsUntil(Date.parse(row.last_sent_at) + config.SMS_CODE_RESEND_SECONDS * 1000, now);
  if (early > 0) {
    await audit(services, 'resend_too_early', { type: 'phone_verification', id }, ip);
    throw new Problem('verification-resend-too-early').retryAfter(early);
  }
  const code = newCode();
  const nowIso = now.toISOString();
  const expiresAt = new Date(now.getTime() + config.SMS_CODE_TTL_SECONDS * 1000).toISOString();
  const outcome = await db.transaction().execute(async (trx) => {
    await lockPhone(trx, services.dialect, row.phone_e164);
    const reached = await capReached(services, trx, row.phone_e164, ip, now);
    if (reached) return { cap: reached };
    if (
      !(await replaceCode(trx, id, row.last_sent_at, {
        codeHash: codeHash(id, code),
        now: nowIso,
        expiresAt,
      }))
    )
      return { raced: true };
    await sendCode(
      services,
      trx,
      { id, phone: row.phone_e164, language: row.language, sends: row.sends + 1 },
      code,
    );
    return {};
  });
  if (outcome.cap) await refuseCapped(services, outcome.cap, row.phone_e164, ip);
  // Another resend of the same row won the race a moment ago.
  if (outcome.raced)
    throw new Problem('verification-resend-too-early').retryAfter(config.SMS_CODE_RESEND_SECONDS);
  services.nudgeWorker();
  return view(
    services,
    { ...row, last_sent_at: nowIso, expires_at: expiresAt, attempts: 0, sends: row.sends + 1 },
    now,
  );
}

export async function confirmVerification(
  services: Services,
  id: string,
  code: string,
  ip: string,
): Promise<PhoneVerified> {
  const { db, clock, config } = services;
  const row = await existing(services, id, ip);
  await refuseLocked(services, row, ip);
  refuseConfirmed(row);
  const now = clock.now();
  if (now.getTime() >= Date.parse(row.expires_at)) {
    await audit(services, 'expired', { type: 'phone_verification', id }, ip);
    throw new Problem('verification-expired');
  }
  const right = crypto.timingSafeEqual(
    Buffer.from(codeHash(id, code), 'hex'),
    Buffer.from(row.code_hash, 'hex'),
  );
  if (!right) {
    const attempts = await countWrongTry(db, id, config.SMS_CODE_MAX_TRIES);
    // Parallel tries used up the last attempts between the read and this update.
    if (attempts === null) return locked(services, id, ip);
    const left = Math.max(0, config.SMS_CODE_MAX_TRIES - attempts);
    await audit(services, 'code_wrong', { type: 'phone_verification', id }, ip, { attempts });
    throw new Problem('verification-code-wrong', `Tries left: ${left}.`);
  }
  const token = crypto.randomBytes(16).toString('base64url');
  const nowIso = now.toISOString();
  const confirmed = await markVerified(db, id, config.SMS_CODE_MAX_TRIES, {
    now: nowIso,
    tokenHash: phoneTokenHash(token),
    tokenExpiresAt: new Date(now.getTime() + TOKEN_TTL_MS).toISOString(),
  });
  // A parallel try used the last attempt or confirmed first.
  if (!confirmed) throw new Problem('verification-expired', 'This code is no longer valid.');
  return { token };
}

/**
 * The confirmation a submission may spend: the token's row if it is for this phone, confirmed, unspent and
 * unexpired; null otherwise. The caller spends it with spendPhoneToken in its own transaction.
 */
export async function usablePhoneToken(
  services: Services,
  token: string,
  phone: string,
): Promise<VerificationRow | null> {
  const row = await findVerificationByTokenHash(services.db, phoneTokenHash(token));
  const now = services.clock.now().toISOString();
  if (!row || row.phone_e164 !== phone || !row.verified_at || row.consumed_at) return null;
  if (!row.token_expires_at || row.token_expires_at <= now) return null;
  return row;
}

export function spendPhoneToken(trx: Transaction<DB>, row: VerificationRow, now: string): Promise<boolean> {
  return consumeToken(trx, row.id, now);
}
