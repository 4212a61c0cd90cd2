// The rules of an appeal's life in the skeleton: submit from the booth, read and answer in the office, look up in public.
import crypto from 'node:crypto';
import argon2 from 'argon2';
import type {
  AnswerBody,
  AnswerView,
  AppealDetail,
  InboxItem,
  InboxPage,
  LookupBody,
  PublicAppeal,
  Receipt,
  SubmitAppealBody,
} from '../../../common/api.js';
import { canMoveAppeal } from '../../../common/statuses.js';
import { checkIin } from '../../../common/iin.js';
import { normaliseKzMobile, maskPhone } from '../../../common/phone.js';
import {
  accessCodeFromBytes,
  formatRegistrationNumber,
  normaliseAccessCode,
} from '../../../common/registration.js';
import type { Category, Kiosk, Official, StaffUser } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { uuidv7 } from '../../ids.js';
import { enqueue } from '../../jobs/queue.js';
import { findMedia } from '../../media/repository.js';
import { rejectionReason } from '../../media/process.js';
import { MediaRejected } from '../../media/tools.js';
import { queueSms } from '../../notifications/outbox.js';
import { recordAudit } from '../audit/repository.js';
import { registrationFor, workingDaysLeft } from '../calendar/service.js';
import { findActiveCategory, findActiveOfficial } from '../directory/repository.js';
import { tri } from '../directory/service.js';
import { spendPhoneToken, usablePhoneToken } from '../verification/service.js';
import {
  claimMediaForAppeal,
  findAppealById,
  findAppealByNumber,
  findLatestAnswer,
  insertAnswer,
  insertAppeal,
  insertHistory,
  listAppeals,
  listHistory,
  nextSequence,
  updateStatus,
  type AppealRow,
} from './repository.js';

/** OWASP's argon2id minimum: the code has 50 random bits, so this is defence in depth against a leaked table. */
const CODE_HASH = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
let dummyCodeHash: Promise<string> | null = null;

function formatDeadline(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * Registers an appeal. `kiosk` is the paired booth that sent it (kioskFromRequest), or null from the web; a booth
 * without a credential is refused while KIOSK_PAIRING_REQUIRED is on.
 */
export async function submitAppeal(
  services: Services,
  body: SubmitAppealBody,
  ip: string,
  kiosk: Kiosk | null = null,
): Promise<Receipt> {
  const { db, clock, config } = services;
  if (!kiosk && body.source === 'kiosk' && config.KIOSK_PAIRING_REQUIRED)
    throw new Problem('kiosk-not-paired');
  const phone = normaliseKzMobile(body.phone);
  if (!phone) throw new Problem('invalid-phone');
  let iin: string | null = null;
  if (body.iin) {
    const check = checkIin(body.iin);
    if (!check.ok) throw new Problem('invalid-iin', `The IIN fails its ${check.reason} check.`);
    iin = body.iin;
  }
  // A token, when given, must be good even where confirmation is optional: a stale one is a bug worth seeing.
  const verification = body.phoneToken ? await usablePhoneToken(services, body.phoneToken, phone) : null;
  if ((config.SMS_CODE_REQUIRED || body.phoneToken) && !verification) {
    await recordAudit(db, clock, {
      actorUserId: null,
      actorKind: 'citizen',
      action: 'appeal.phone_not_verified',
      subjectType: 'phone',
      subjectId: phone,
      ip,
      detail: { tokenGiven: Boolean(body.phoneToken) },
    });
    throw new Problem('phone-not-verified');
  }

  let official: Official | undefined;
  if (body.officialId) {
    official = await findActiveOfficial(db, body.officialId);
    if (!official) throw new Problem('unknown-official');
  }
  let category: Category | undefined;
  if (body.categoryId) {
    category = await findActiveCategory(db, body.categoryId);
    if (!category) throw new Problem('unknown-category');
    // The topic's default addressee, if still active; otherwise the operator routes it.
    if (!official && category.default_official_id) {
      official = await findActiveOfficial(db, category.default_official_id);
    }
  }

  const media = await findMedia(db, body.uploadId);
  if (!media || media.kind !== 'appeal_video') throw new Problem('upload-not-found');
  if (media.appeal_id) throw new Problem('upload-already-used');
  if (media.state === 'uploading') throw new Problem('upload-not-complete');
  if (media.state === 'failed') throw new Problem('media-rejected', media.failure_reason ?? undefined);

  // ffprobe must accept the file before a receipt exists.
  const original = await services.storage.localPath(media.original_key);
  try {
    const probe = await services.media.probe(original.path);
    const reason = rejectionReason(probe, config.RECORDING_MAX_SECONDS);
    if (reason) throw new Problem('media-rejected', reason);
  } catch (error) {
    if (error instanceof MediaRejected) throw new Problem('media-rejected', error.message);
    throw error;
  } finally {
    await original.release();
  }

  const accessCode = accessCodeFromBytes(crypto.randomBytes(7));
  const accessCodeHash = await argon2.hash(accessCode, CODE_HASH);
  const now = clock.now();
  const nowIso = now.toISOString();
  const appealId = crypto.randomUUID();

  const receipt = await db.transaction().execute(async (trx) => {
    // Spent here, so a failed submission leaves it for the next try and a second one cannot reuse it.
    if (verification && !(await spendPhoneToken(trx, verification, nowIso)))
      throw new Problem('phone-not-verified');
    const registration = await registrationFor(trx, now, config.TIME_ZONE, config.DEADLINE_WORKING_DAYS);
    const number = formatRegistrationNumber(
      registration.registeredOn,
      await nextSequence(trx, registration.registeredOn),
    );
    await insertAppeal(trx, {
      id: appealId,
      registration_number: number,
      access_code_hash: accessCodeHash,
      phone_e164: phone,
      iin,
      language: body.language,
      type: body.type,
      category_id: category?.id ?? null,
      addressee_official_id: official?.id ?? null,
      department_id: official?.department_id ?? null,
      status: 'registered',
      source: body.source,
      kiosk_id: kiosk?.id ?? null,
      note: body.note?.trim() || null,
      media_id: null,
      registered_on: registration.registeredOn,
      registered_at: nowIso,
      deadline_on: registration.deadlineOn,
      answered_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    });
    if (!(await claimMediaForAppeal(trx, media.id, appealId, nowIso)))
      throw new Problem('upload-already-used');
    await trx.updateTable('appeals').set({ media_id: media.id }).where('id', '=', appealId).execute();
    await insertHistory(trx, {
      id: uuidv7(),
      appeal_id: appealId,
      from_status: null,
      to_status: 'registered',
      actor_user_id: null,
      reason: null,
      at: nowIso,
    });
    await enqueue(trx, clock, 'process-media', { mediaId: media.id });
    await queueSms(trx, clock, {
      to: phone,
      template: 'receipt',
      language: body.language,
      values: { number, deadline: formatDeadline(registration.deadlineOn) },
      appealId,
    });
    await recordAudit(trx, clock, {
      actorUserId: null,
      actorKind: 'citizen',
      action: 'appeal.submitted',
      subjectType: 'appeal',
      subjectId: appealId,
      ip,
      detail: { source: body.source, kioskId: kiosk?.id ?? null, phoneVerified: Boolean(verification) },
    });
    return { number, registration };
  });
  services.nudgeWorker();

  return {
    registrationNumber: receipt.number,
    accessCode,
    videoComplete: true,
    registeredAt: nowIso,
    deadlineOn: receipt.registration.deadlineOn,
    addressee: official ? personRef(official) : null,
    status: 'registered',
    language: body.language,
    type: body.type,
    category: category ? tri(category, 'name') : null,
    kiosk: kiosk ? { name: kiosk.name, location: kiosk.location } : null,
    deadlineWorkingDays: config.DEADLINE_WORKING_DAYS,
  };
}

function personRef(row: {
  full_name_kk: string | null;
  full_name_ru: string | null;
  full_name_en: string | null;
  position_kk: string | null;
  position_ru: string | null;
  position_en: string | null;
}) {
  if (row.full_name_en === null) return null;
  return { fullName: tri(row, 'full_name'), position: tri(row, 'position') };
}

function inboxItem(row: AppealRow): InboxItem {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    status: row.status,
    type: row.type,
    language: row.language,
    source: row.source,
    registeredAt: row.registered_at,
    deadlineOn: row.deadline_on,
    addressee: personRef(row),
    category: row.category_en === null ? null : tri(row, 'category'),
    phoneMasked: maskPhone(row.phone_e164),
    mediaState: row.media_state,
  };
}

async function answerView(services: Services, appealId: string): Promise<AnswerView | null> {
  const answer = await findLatestAnswer(services.db, appealId);
  if (!answer) return null;
  return { body: answer.body, outcome: answer.outcome, at: answer.created_at, author: personRef(answer) };
}

async function history(services: Services, appealId: string) {
  const rows = await listHistory(services.db, appealId);
  return rows.map((r) => ({ status: r.to_status, at: r.at, reason: r.reason }));
}

// Office

/** Which rows a staff member may see: an official only what is addressed to them; admins read no appeals. */
function mayRead(user: StaffUser, row: AppealRow): boolean {
  if (user.role === 'operator' || user.role === 'supervisor') return true;
  if (user.role === 'official')
    return user.official_id !== null && row.addressee_official_id === user.official_id;
  return false;
}

export async function readableAppeal(services: Services, user: StaffUser, id: string): Promise<AppealRow> {
  const row = await findAppealById(services.db, id);
  // Someone else's appeal answers exactly like a missing one: no confirmation that it exists.
  if (!row || !mayRead(user, row)) throw new Problem('appeal-not-found');
  return row;
}

function encodeCursor(row: { registered_at: string; id: string }): string {
  return Buffer.from(`${row.registered_at}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { registeredAt: string; id: string } | null {
  if (!cursor) return null;
  const [registeredAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!registeredAt || !id || Number.isNaN(Date.parse(registeredAt)))
    throw new Problem('validation-failed', 'bad cursor');
  return { registeredAt, id };
}

export async function inbox(
  services: Services,
  user: StaffUser,
  query: { limit?: number; cursor?: string },
): Promise<InboxPage> {
  if (user.role === 'official' && !user.official_id) return { items: [], nextCursor: null };
  const limit = query.limit ?? 50;
  const rows = await listAppeals(services.db, {
    addresseeOfficialId: user.role === 'official' ? user.official_id : null,
    before: decodeCursor(query.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(inboxItem), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export async function appealDetail(
  services: Services,
  user: StaffUser,
  id: string,
  ip: string,
): Promise<AppealDetail> {
  const row = await readableAppeal(services, user, id);
  await recordAudit(services.db, services.clock, {
    actorUserId: user.id,
    actorKind: 'staff',
    action: 'appeal.viewed',
    subjectType: 'appeal',
    subjectId: row.id,
    ip,
  });
  return detailOf(services, row);
}

async function detailOf(services: Services, row: AppealRow): Promise<AppealDetail> {
  const media = row.media_id ? await findMedia(services.db, row.media_id) : undefined;
  return {
    ...inboxItem(row),
    note: row.note,
    history: await history(services, row.id),
    answer: await answerView(services, row.id),
    media: media
      ? {
          state: media.state,
          durationMs: media.duration_ms,
          videoUrl: media.playback_key ? `/api/office/appeals/${row.id}/video` : null,
          posterUrl: media.poster_key ? `/api/office/appeals/${row.id}/poster` : null,
          failureReason: media.failure_reason,
        }
      : null,
  };
}

/** The blob key of the appeal's playback copy or poster, for a staff member allowed to read the appeal. */
export async function appealMediaKey(
  services: Services,
  user: StaffUser,
  id: string,
  which: 'playback' | 'poster',
): Promise<{ key: string; appealId: string }> {
  const row = await readableAppeal(services, user, id);
  const media = row.media_id ? await findMedia(services.db, row.media_id) : undefined;
  const key = which === 'playback' ? media?.playback_key : media?.poster_key;
  if (!key) throw new Problem('not-found');
  return { key, appealId: row.id };
}

export async function answerAppeal(
  services: Services,
  user: StaffUser,
  id: string,
  body: AnswerBody,
  ip: string,
): Promise<AppealDetail> {
  const row = await readableAppeal(services, user, id);
  if (user.role !== 'official') throw new Problem('forbidden');
  if (!canMoveAppeal(row.status, 'answered')) throw new Problem('invalid-transition');
  const text = body.body.trim();
  if (text === '') throw new Problem('validation-failed', 'The answer is empty.');
  const { clock } = services;
  const now = clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    if (!(await updateStatus(trx, row.id, row.status, 'answered', now, { answered_at: now }))) {
      throw new Problem('invalid-transition');
    }
    await insertAnswer(trx, {
      id: crypto.randomUUID(),
      appeal_id: row.id,
      author_user_id: user.id,
      body: text,
      outcome: body.outcome,
      created_at: now,
    });
    await insertHistory(trx, {
      id: uuidv7(),
      appeal_id: row.id,
      from_status: row.status,
      to_status: 'answered',
      actor_user_id: user.id,
      reason: null,
      at: now,
    });
    await queueSms(trx, clock, {
      to: row.phone_e164,
      template: 'answered',
      language: row.language,
      values: { number: row.registration_number },
      appealId: row.id,
    });
    await recordAudit(trx, clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.answered',
      subjectType: 'appeal',
      subjectId: row.id,
      ip,
      detail: { outcome: body.outcome },
    });
  });
  services.nudgeWorker();
  const fresh = await readableAppeal(services, user, id);
  return detailOf(services, fresh);
}

// Public look-up

export async function lookup(services: Services, body: LookupBody, ip: string): Promise<PublicAppeal> {
  const { db, clock, config } = services;
  const row = await findAppealByNumber(db, body.registrationNumber);
  const code = normaliseAccessCode(body.accessCode);
  dummyCodeHash ??= argon2.hash('00000-00000', CODE_HASH);
  // Verify even when the number is unknown, so timing does not tell which numbers exist.
  const ok =
    (await argon2.verify(row?.access_code_hash ?? (await dummyCodeHash), code ?? 'invalid')) &&
    Boolean(row) &&
    code !== null;
  if (!row || !ok) {
    services.log.warn({ ip, registrationNumber: body.registrationNumber }, 'failed appeal look-up');
    await recordAudit(db, clock, {
      actorUserId: null,
      actorKind: 'citizen',
      action: 'appeal.lookup_failed',
      subjectType: 'registration_number',
      subjectId: body.registrationNumber,
      ip,
    });
    throw new Problem('wrong-access-code');
  }
  return {
    registrationNumber: row.registration_number,
    status: row.status,
    type: row.type,
    registeredAt: row.registered_at,
    deadlineOn: row.deadline_on,
    workingDaysLeft: await workingDaysLeft(db, clock.now(), config.TIME_ZONE, row.deadline_on),
    addressee: personRef(row),
    history: await history(services, row.id),
    answer: await answerView(services, row.id),
  };
}
