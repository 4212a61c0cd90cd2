// The rules of an appeal's life: submit from the booth, read and answer in the office (the public side: modules/public).
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { AnswerView, AppealDetail, InboxItem, Receipt, SubmitAppealBody } from '../../../common/api.js';
import { checkIin } from '../../../common/iin.js';
import { normaliseKzMobile, maskPhone } from '../../../common/phone.js';
import { TEXT_APPEAL_MIN_LENGTH } from '../../../common/limits.js';
import type { Language } from '../../../common/statuses.js';
import type { Transaction } from 'kysely';
import type { Category, DB, MediaFile, Official } from '../../db/types.js';
import { mayReadAppeal, type Staff } from '../auth/access.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { uuidv7 } from '../../ids.js';
import { enqueue } from '../../jobs/queue.js';
import { findMedia } from '../../media/repository.js';
import { rejectionReason } from '../../media/process.js';
import { MediaRejected } from '../../media/tools.js';
import { queueSms } from '../../notifications/outbox.js';
import { recordAudit } from '../audit/repository.js';
import { findActiveCategory, findActiveOfficial, findRetiredOfficial } from '../directory/repository.js';
import { tri } from '../directory/service.js';
import { UPLOADS_PREFIX } from '../uploads/service.js';
import type { RequestOwner } from '../uploads/owner.js';
import { spendPhoneToken, usablePhoneToken } from '../verification/service.js';
import {
  claimMediaForAppeal,
  countWebAppealsSince,
  deleteUnclaimedMedia,
  findAppealById,
  findAppealKiosk,
  findLatestAnswer,
  findReservation,
  insertAppeal,
  insertHistory,
  listHistory,
  lockReservation,
  spendReservation,
  type AppealRow,
} from './repository.js';
import { notifyUnusableVideo } from './delivery.js';
import { textToHtml } from '../answers/richtext.js';
import { queueNewAppealNotice } from '../deadlines/service.js';
import { allocateRegistration, newAccessCode, ownReservation } from './reservations.js';
import { getSettings } from '../settings/service.js';

export function formatDeadline(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** What every new appeal sets off in its own transaction: the receipt SMS, the officials' notice, the audit row. */
export async function announceNewAppeal(
  trx: Transaction<DB>,
  services: Services,
  appeal: { id: string; phone: string; language: Language; number: string; deadlineOn: string },
  ip: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await queueSms(trx, services.clock, {
    to: appeal.phone,
    template: 'receipt',
    language: appeal.language,
    values: { number: appeal.number, deadline: formatDeadline(appeal.deadlineOn) },
    appealId: appeal.id,
  });
  // The officials it is addressed to (and their deputies) hear of it by email, and SMS if they asked.
  await queueNewAppealNotice(trx, services, appeal.id);
  await recordAudit(trx, services.clock, {
    actorUserId: null,
    actorKind: 'citizen',
    action: 'appeal.submitted',
    subjectType: 'appeal',
    subjectId: appeal.id,
    ip,
    detail,
  });
}

/** Rolls back a submission whose reservation a twin submission (a double tap) spent first. */
class SpentMeanwhile extends Error {}

/**
 * Registers an appeal. `who` is the requester (requestOwner): a paired booth or a browser; a booth without a
 * credential is refused while KIOSK_PAIRING_REQUIRED is on. With `reservationId` the appeal takes the reserved
 * number and code, and a repeated submission (same reservation, same upload) answers with the same receipt. With
 * `deliveryPending` too, the appeal is registered while the recording is still arriving. From the virtual reception
 * (`source: 'web'`) the phone must be confirmed by SMS code (WEB_SMS_CODE_REQUIRED), a phone registers at most
 * WEB_APPEALS_PER_PHONE_DAY appeals a day, and the appeal may be typed: no upload, the `note` is the appeal.
 */
export async function submitAppeal(
  services: Services,
  body: SubmitAppealBody,
  ip: string,
  who: RequestOwner | null = null,
): Promise<Receipt> {
  const { db, clock, config, dialect } = services;
  const kiosk = who?.kiosk ?? null;
  if (!kiosk && body.source === 'kiosk' && config.KIOSK_PAIRING_REQUIRED)
    throw new Problem('kiosk-not-paired');
  if (body.deliveryPending && !body.reservationId)
    throw new Problem(
      'validation-failed',
      'deliveryPending needs a reservationId: only a reserved number may be printed before the video is in.',
    );
  const uploadId = body.uploadId ?? null;
  if (uploadId === null) {
    // A typed appeal: only from home, where a person may have no camera; a booth always records.
    if (body.source !== 'web' || body.reservationId)
      throw new Problem('upload-required', 'Only the virtual reception (source web) takes a typed appeal.');
    if ((body.note?.trim().length ?? 0) < TEXT_APPEAL_MIN_LENGTH)
      throw new Problem(
        'text-appeal-too-short',
        `A typed appeal needs a note of at least ${TEXT_APPEAL_MIN_LENGTH} characters.`,
      );
  }
  const reservation = body.reservationId ? await ownReservation(services, body.reservationId, who) : null;
  // Before anything else, so a retry after a lost reply is not refused for a phone token the first one spent.
  if (reservation?.appeal_id) return repeatedSubmission(services, reservation.id, uploadId ?? '', ip);

  const phone = normaliseKzMobile(body.phone);
  if (!phone) throw new Problem('invalid-phone');
  let iin: string | null = null;
  if (body.iin) {
    const check = checkIin(body.iin);
    if (!check.ok) throw new Problem('invalid-iin', `The IIN fails its ${check.reason} check.`);
    iin = body.iin;
  }
  // A phone confirmed when the number was reserved stays confirmed, however late the delivery arrives.
  if (reservation?.phone_e164 && reservation.phone_e164 !== phone)
    throw new Problem('reservation-mismatch', 'The number was reserved for another phone.');
  const confirmedByReservation = reservation?.phone_e164 === phone;
  // A token, when given, must be good even where confirmation is optional: a stale one is a bug worth seeing.
  const verification =
    body.phoneToken && !confirmedByReservation
      ? await usablePhoneToken(services, body.phoneToken, phone)
      : null;
  // From home no one at a booth vouches for the person: the phone's SMS code stands in (WEB_SMS_CODE_REQUIRED).
  const confirmationRequired =
    (await getSettings(services)).smsCodeRequired || (body.source === 'web' && config.WEB_SMS_CODE_REQUIRED);
  if (!confirmedByReservation && (confirmationRequired || body.phoneToken) && !verification) {
    await recordAudit(db, clock, {
      actorUserId: null,
      actorKind: 'citizen',
      action: 'appeal.phone_not_verified',
      subjectType: 'phone',
      subjectId: phone,
      ip,
      detail: { tokenGiven: Boolean(body.phoneToken), source: body.source },
    });
    throw new Problem('phone-not-verified');
  }
  if (body.source === 'web') {
    const since = new Date(clock.now().getTime() - 24 * 3600_000).toISOString();
    if ((await countWebAppealsSince(db, phone, since)) >= config.WEB_APPEALS_PER_PHONE_DAY)
      throw new Problem(
        'too-many-requests',
        `At most ${config.WEB_APPEALS_PER_PHONE_DAY} appeals from the virtual reception per phone in 24 hours.`,
      );
  }

  let official: Official | undefined;
  let departmentId: string | null = null;
  if (body.officialId) {
    official = await findActiveOfficial(db, body.officialId);
    if (!official) {
      const retired = await findRetiredOfficial(db, body.officialId);
      if (!retired) throw new Problem('unknown-official');
      // A stale screen offered someone who has retired: the person chooses again. With the receipt already printed
      // (delivery pending) the appeal goes to their department instead, for the operator to route.
      if (body.deliveryPending !== true) throw new Problem('official-retired');
      departmentId = retired.department_id;
    }
  }
  let category: Category | undefined;
  if (body.categoryId) {
    category = await findActiveCategory(db, body.categoryId);
    if (!category) throw new Problem('unknown-category');
    // The topic's default addressee, if still active; otherwise the operator routes it.
    if (!official && category.default_official_id) {
      official = await findActiveOfficial(db, category.default_official_id);
    }
    // Or its default department, where the operator routes it on.
    if (!official && !departmentId) departmentId = category.default_department_id;
  }

  const media = uploadId === null ? null : await findMedia(db, uploadId);
  if (uploadId !== null && (!media || media.kind !== 'appeal_video')) throw new Problem('upload-not-found');
  if (media && reservation && media.reservation_id && media.reservation_id !== reservation.id)
    throw new Problem('reservation-mismatch', 'The recording was made under another reservation.');
  if (media?.appeal_id) throw new Problem('upload-already-used');
  // A receipt with this number is already in the person's hand: register whatever the file turns out to be, and let
  // processing judge it (a refused file sends the "video unusable" SMS).
  const deferred = body.deliveryPending === true;
  if (media && !deferred) {
    if (media.state === 'uploading') throw new Problem('upload-not-complete');
    if (media.state === 'failed') throw new Problem('media-rejected', media.failure_reason ?? undefined);
    // ffprobe must accept the file before a receipt exists.
    await acceptOrDiscard(services, media);
  }

  // With a reservation, the code is the one the booth was given then and holds already.
  const access = reservation ? { code: null, hash: reservation.access_code_hash } : await newAccessCode();
  const now = clock.now();
  const nowIso = now.toISOString();
  const appealId = crypto.randomUUID();

  try {
    await db.transaction().execute(async (trx) => {
      if (reservation) {
        const current = await lockReservation(trx, dialect, reservation.id);
        if (!current) throw new Problem('reservation-not-found');
        if (current.appeal_id) throw new SpentMeanwhile();
      }
      // Spent here, so a failed submission leaves it for the next try and a second one cannot reuse it.
      if (verification && !(await spendPhoneToken(trx, verification, nowIso)))
        throw new Problem('phone-not-verified');
      const registration = reservation
        ? {
            number: reservation.registration_number,
            registeredOn: reservation.registered_on,
            deadlineOn: reservation.deadline_on,
          }
        : await allocateRegistration(trx, services, now);
      await insertAppeal(trx, {
        id: appealId,
        registration_number: registration.number,
        access_code_hash: access.hash,
        phone_e164: phone,
        iin,
        language: body.language,
        type: body.type,
        category_id: category?.id ?? null,
        addressee_official_id: official?.id ?? null,
        department_id: official?.department_id ?? departmentId,
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
      if (reservation && !(await spendReservation(trx, reservation.id, appealId))) throw new SpentMeanwhile();
      const mediaState = media ? await claimMediaForAppeal(trx, media.id, appealId, nowIso) : null;
      if (media && !mediaState) throw new Problem('upload-already-used');
      if (media)
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
      // A recording still arriving is processed once its last byte is in (the upload's finish hook sees the
      // appeal); one that finished while this transaction ran is processed from here.
      if (media && mediaState === 'uploaded')
        await enqueue(
          trx,
          clock,
          'process-media',
          { mediaId: media.id },
          { maxAttempts: config.MEDIA_MAX_ATTEMPTS },
        );
      await announceNewAppeal(
        trx,
        services,
        {
          id: appealId,
          phone,
          language: body.language,
          number: registration.number,
          deadlineOn: registration.deadlineOn,
        },
        ip,
        {
          source: body.source,
          kioskId: kiosk?.id ?? null,
          phoneVerified: Boolean(verification),
          reservationId: reservation?.id ?? null,
          videoComplete: mediaState !== 'uploading',
          typed: media === null,
        },
      );
    });
  } catch (error) {
    if (error instanceof SpentMeanwhile && reservation)
      return repeatedSubmission(services, reservation.id, uploadId ?? '', ip);
    throw error;
  }
  if (media?.state === 'failed')
    await notifyUnusableVideo(services, media.id, media.failure_reason ?? 'refused');
  services.nudgeWorker();
  const receipt = await receiptOf(services, appealId);
  return access.code ? { ...receipt, accessCode: access.code } : receipt;
}

/**
 * The same submission again (a retry after a lost reply, or the twin of a double tap): the receipt of the appeal
 * the reservation already made, without its access code, which the booth holds from the reservation. A different
 * recording under a spent reservation is refused.
 */
async function repeatedSubmission(
  services: Services,
  reservationId: string,
  uploadId: string,
  ip: string,
): Promise<Receipt> {
  const reservation = await findReservation(services.db, reservationId);
  const appeal = reservation?.appeal_id
    ? await findAppealById(services.db, reservation.appeal_id)
    : undefined;
  if (!appeal) throw new Problem('reservation-not-found');
  if (appeal.media_id !== uploadId)
    throw new Problem('reservation-mismatch', 'This reservation already registered another recording.');
  await recordAudit(services.db, services.clock, {
    actorUserId: null,
    actorKind: 'citizen',
    action: 'appeal.submission_repeated',
    subjectType: 'appeal',
    subjectId: appeal.id,
    ip,
    detail: { reservationId },
  });
  return receiptOf(services, appeal.id);
}

/** The receipt of a registered appeal, as it stands now (without the access code, which is never stored). */
async function receiptOf(services: Services, appealId: string): Promise<Receipt> {
  const row = await findAppealById(services.db, appealId);
  if (!row) throw new Problem('appeal-not-found');
  const kiosk = await findAppealKiosk(services.db, appealId);
  return {
    registrationNumber: row.registration_number,
    videoComplete: row.media_state !== null && row.media_state !== 'uploading',
    audioOnly: row.media_audio_only === 1,
    registeredAt: row.registered_at,
    deadlineOn: row.deadline_on,
    addressee: personRef(row),
    status: row.status,
    language: row.language,
    type: row.type,
    category: row.category_en === null ? null : tri(row, 'category'),
    kiosk: kiosk ? { name: kiosk.name, location: kiosk.location } : null,
    deadlineWorkingDays: (await getSettings(services)).deadlineWorkingDays,
  };
}

/**
 * Runs ffprobe on a complete upload. A refused file is not kept: its bytes, tus's sidecar and its row go, and the
 * person is told why (422 media-rejected).
 */
async function acceptOrDiscard(services: Services, media: MediaFile): Promise<void> {
  const original = await services.storage.localPath(media.original_key);
  let reason: string | null;
  try {
    const probe = await services.media.probe(original.path);
    reason = rejectionReason(probe, (await getSettings(services)).recordingMaxSeconds, {
      audioOnly: media.audio_only === 1,
    });
  } catch (error) {
    if (!(error instanceof MediaRejected)) throw error;
    reason = error.message;
  } finally {
    await original.release();
  }
  if (!reason) return;
  // The row first: if an appeal took it meanwhile, its bytes are that appeal's and stay.
  if (await deleteUnclaimedMedia(services.db, media.id)) {
    const uploads = path.join(services.config.mediaDir, UPLOADS_PREFIX);
    await services.storage.delete(media.original_key);
    await fsp.rm(path.join(uploads, media.id), { force: true });
    await fsp.rm(path.join(uploads, `${media.id}.json`), { force: true });
  }
  throw new Problem('media-rejected', reason);
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
  return {
    body: answer.body,
    html: answer.body_html || textToHtml(answer.body),
    outcome: answer.outcome,
    at: answer.created_at,
    author: personRef(answer),
  };
}

async function history(services: Services, appealId: string) {
  const rows = await listHistory(services.db, appealId);
  return rows.map((r) => ({ status: r.to_status, at: r.at, reason: r.reason }));
}

// Office

/** The appeal, if the row rules (auth/access.ts) let this staff member read it. */
export async function readableAppeal(services: Services, user: Staff, id: string): Promise<AppealRow> {
  const row = await findAppealById(services.db, id);
  // Someone else's appeal answers exactly like a missing one: no confirmation that it exists.
  if (!row || !mayReadAppeal(user, row)) throw new Problem('appeal-not-found');
  return row;
}

export async function appealDetail(
  services: Services,
  user: Staff,
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

/** The appeal as the office shows it (no audit: the caller records what it did). */
export async function detailOf(services: Services, row: AppealRow): Promise<AppealDetail> {
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
          audioOnly: media.audio_only === 1,
        }
      : null,
    videosDeletedAt: row.videos_purged_at,
    personalDataDeletedAt: row.purged_at,
  };
}

/** The blob key of the appeal's playback copy or poster, for a staff member allowed to read the appeal. */
export async function appealMediaKey(
  services: Services,
  user: Staff,
  id: string,
  which: 'playback' | 'poster',
): Promise<{ key: string; appealId: string }> {
  const row = await readableAppeal(services, user, id);
  const media = row.media_id ? await findMedia(services.db, row.media_id) : undefined;
  const key = which === 'playback' ? media?.playback_key : media?.poster_key;
  if (!key) throw new Problem('not-found');
  return { key, appealId: row.id };
}
