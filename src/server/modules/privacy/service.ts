// A citizen's data on a lawful request (admins): find their appeals by phone, export them as a ZIP, erase them; and the
// legal hold that keeps an appeal from deletion. Every act is audited with the request's reference and counts, never
// the phone number.
import JSZip from 'jszip';
import type { BlobStore } from '../../storage/index.js';
import type { Services } from '../../services.js';
import type { Staff } from '../auth/access.js';
import { Problem } from '../../errors.js';
import { uuidv7 } from '../../ids.js';
import { recordAudit } from '../audit/repository.js';
import { insertHistory, lockAppeal } from '../appeals/repository.js';
import { changeAppeal, insertModeration } from '../handling/repository.js';
import { maskPhone, normaliseKzMobile } from '../../../common/phone.js';
import { canMoveAppeal, isOpenStatus } from '../../../common/statuses.js';
import type {
  CitizenAppeals,
  HoldBody,
  PrivacyEraseBody,
  PrivacyErased,
  PrivacySearchBody,
} from '../../../common/privacy.js';
import { purgeAppeal } from './purge.js';
import {
  answersOf,
  appealsOfPhone,
  deletePhoneVerifications,
  disputesOf,
  filesOf,
  findAppealForHold,
  historyOf,
  mediaOf,
  ratingOf,
  setHold,
  type CitizenAppealRow,
} from './repository.js';

function privacyAudit(
  services: Services,
  user: Staff,
  action: string,
  reference: string,
  ip: string,
  detail: Record<string, unknown>,
) {
  return recordAudit(services.db, services.clock, {
    actorUserId: user.id,
    actorKind: 'staff',
    action,
    subjectType: 'privacy_request',
    subjectId: reference,
    ip,
    detail: { reference, ...detail },
  });
}

// Control characters (a NUL cannot even be stored by PostgreSQL) are dropped from what an admin types.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The request's reference or an act's reason, cleaned; empty is refused (a reason with `reason-required`). */
function textOf(value: string, what: 'reference' | 'reason'): string {
  const text = value.replace(CONTROL, '').trim();
  if (text !== '') return text;
  if (what === 'reason') throw new Problem('reason-required');
  throw new Problem('validation-failed', 'The request’s reference is required.');
}

function phoneOf(input: string): string {
  const phone = normaliseKzMobile(input);
  if (!phone) throw new Problem('invalid-phone');
  return phone;
}

async function citizenAppeals(services: Services, phone: string): Promise<CitizenAppealRow[]> {
  const rows = await appealsOfPhone(services.db, phone);
  if (rows.length === 0) throw new Problem('privacy-phone-unknown');
  return rows;
}

export async function searchCitizen(
  services: Services,
  user: Staff,
  body: PrivacySearchBody,
  ip: string,
): Promise<CitizenAppeals> {
  const phone = phoneOf(body.phone);
  const reference = textOf(body.reference, 'reference');
  const rows = await appealsOfPhone(services.db, phone);
  await privacyAudit(services, user, 'privacy.searched', reference, ip, { appeals: rows.length });
  if (rows.length === 0) throw new Problem('privacy-phone-unknown');
  return {
    phoneMasked: maskPhone(phone),
    appeals: rows.map((r) => ({
      id: r.id,
      registrationNumber: r.registration_number,
      registeredAt: r.registered_at,
      status: r.status,
      open: isOpenStatus(r.status),
      hold: r.hold_at ? { reason: r.hold_reason ?? '', at: r.hold_at } : null,
      videosDeletedAt: r.videos_purged_at,
    })),
  };
}

/** A name safe inside a ZIP on any system. */
function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 120) || 'file';
}

/** Puts a stored file into the ZIP; false when the blob is gone. */
async function addBlob(zip: JSZip, storage: BlobStore, name: string, key: string): Promise<boolean> {
  if (!(await storage.stat(key))) return false;
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
  zip.file(name, Buffer.concat(chunks));
  return true;
}

const VIDEO_EXTENSIONS: Record<string, string> = { 'video/webm': 'webm', 'video/mp4': 'mp4' };

/**
 * The person's appeals as a ZIP: `appeals.json` (each appeal's facts, note, history, answers, rating and disputes)
 * and, per appeal, their own recording and the answers' documents. The officials' answer videos stay out (their
 * faces are their data; the person watches them on the public status page).
 */
export async function exportCitizen(
  services: Services,
  user: Staff,
  body: PrivacySearchBody,
  ip: string,
): Promise<{ fileName: string; zip: Buffer }> {
  const { db, storage, clock } = services;
  const phone = phoneOf(body.phone);
  const reference = textOf(body.reference, 'reference');
  const rows = await citizenAppeals(services, phone);
  const zip = new JSZip();
  const appeals = [];
  let files = 0;
  for (const row of rows) {
    const folder = safeName(row.registration_number);
    const own = (await mediaOf(db, row.id)).find((m) => m.id === row.media_id);
    let video: string | null = null;
    if (own) {
      const key = own.playback_key ?? own.original_key;
      const ext = own.playback_key ? 'mp4' : (VIDEO_EXTENSIONS[own.mime_type ?? ''] ?? 'bin');
      const name = `${folder}/appeal-video.${ext}`;
      if (await addBlob(zip, storage, name, key)) {
        video = name;
        files++;
      }
    }
    const { documents } = await filesOf(db, row.id);
    const answers = [];
    for (const answer of await answersOf(db, row.id)) {
      const names: string[] = [];
      for (const [i, doc] of documents.filter((d) => d.answer_id === answer.id).entries()) {
        const name: string = `${folder}/answer-${answers.length + 1}-${i + 1}-${safeName(doc.file_name)}`;
        if (!(await addBlob(zip, storage, name, doc.storage_key))) continue;
        names.push(name);
        files++;
      }
      answers.push({ outcome: answer.outcome, at: answer.created_at, text: answer.body, documents: names });
    }
    const rating = await ratingOf(db, row.id);
    appeals.push({
      registrationNumber: row.registration_number,
      registeredAt: row.registered_at,
      deadlineOn: row.deadline_on,
      status: row.status,
      type: row.type,
      language: row.language,
      source: row.source,
      category: row.category_en,
      addressee: row.addressee_en,
      department: row.department_en,
      phone: row.phone_e164,
      iin: row.iin,
      note: row.note,
      video,
      videoDeletedAt: row.videos_purged_at,
      history: (await historyOf(db, row.id)).map((h) => ({ status: h.to_status, at: h.at })),
      answers,
      rating: rating
        ? {
            satisfied: rating.satisfied === 1,
            score: rating.score,
            comment: rating.comment,
            at: rating.created_at,
          }
        : null,
      disputes: (await disputesOf(db, row.id)).map((d) => ({ reason: d.reason, at: d.created_at })),
    });
  }
  const exportedAt = clock.now().toISOString();
  zip.file('appeals.json', `${JSON.stringify({ exportedAt, reference, phone, appeals }, null, 2)}\n`);
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await privacyAudit(services, user, 'privacy.exported', reference, ip, { appeals: rows.length, files });
  return { fileName: `appeals-${exportedAt.slice(0, 10)}.zip`, zip: buffer };
}

/** Records the withdrawal the admin confirmed for an open appeal, as the operator's withdrawal does. */
async function withdrawForRequest(
  services: Services,
  user: Staff,
  row: CitizenAppealRow,
  reason: string,
  reference: string,
  ip: string,
): Promise<void> {
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    await lockAppeal(trx, services.dialect, row.id);
    if (!(await changeAppeal(trx, row.id, { status: row.status }, { status: 'withdrawn', updated_at: now })))
      throw new Problem('invalid-transition');
    const historyId = uuidv7();
    await insertHistory(trx, {
      id: historyId,
      appeal_id: row.id,
      from_status: row.status,
      to_status: 'withdrawn',
      actor_user_id: user.id,
      reason,
      at: now,
    });
    await insertModeration(trx, {
      id: uuidv7(),
      appeal_id: row.id,
      kind: 'withdrawn',
      reason,
      duplicate_of_appeal_id: null,
      channel: 'letter',
      history_id: historyId,
      actor_user_id: user.id,
      at: now,
    });
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.withdrawn',
      subjectType: 'appeal',
      subjectId: row.id,
      ip,
      detail: { onRequestOfCitizen: true, privacyRequest: reference },
    });
  });
}

/**
 * Erases the person's personal data from all their appeals (the retention purge, now). Refused while one is on hold,
 * and while one is open unless the admin confirmed its withdrawal (`withdrawOpen`); an answered appeal the person
 * disputed cannot be withdrawn and must be answered first.
 */
export async function eraseCitizen(
  services: Services,
  user: Staff,
  body: PrivacyEraseBody,
  ip: string,
): Promise<PrivacyErased> {
  const phone = phoneOf(body.phone);
  const reference = textOf(body.reference, 'reference');
  const reason = textOf(body.reason, 'reason');
  const rows = await citizenAppeals(services, phone);
  const held = rows.filter((r) => r.hold_at !== null);
  if (held.length > 0) throw new Problem('appeal-on-hold', held.map((r) => r.registration_number).join(', '));
  const open = rows.filter((r) => isOpenStatus(r.status));
  const blocking = body.withdrawOpen ? open.filter((r) => !canMoveAppeal(r.status, 'withdrawn')) : open;
  if (blocking.length > 0)
    throw new Problem('privacy-appeals-open', blocking.map((r) => r.registration_number).join(', '));
  for (const row of open) await withdrawForRequest(services, user, row, reason, reference, ip);
  let erased = 0;
  for (const row of rows)
    if (await purgeAppeal(services, row.id, 'personal-data', { userId: user.id, ip, detail: { reference } }))
      erased++;
  const phoneChecks = await deletePhoneVerifications(services.db, { phone });
  await privacyAudit(services, user, 'privacy.erased', reference, ip, {
    reason,
    appeals: rows.length,
    erased,
    withdrawn: open.length,
    phoneChecks,
  });
  return { erased, withdrawn: open.length };
}

/**
 * Puts an appeal under a legal hold (`hold`: or changes the hold's reason), or releases it: nothing of a held appeal
 * is deleted. Refused for an appeal whose personal data is gone; releasing one that is not held answers 409.
 */
export async function changeLegalHold(
  services: Services,
  user: Staff,
  id: string,
  hold: boolean,
  body: HoldBody,
  ip: string,
): Promise<void> {
  const reason = textOf(body.reason, 'reason');
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    await lockAppeal(trx, services.dialect, id);
    const row = await findAppealForHold(trx, id);
    if (!row) throw new Problem('appeal-not-found');
    if (row.purged_at !== null) throw new Problem('appeal-already-purged');
    if (!hold && row.hold_at === null) throw new Problem('hold-not-set');
    await setHold(trx, id, hold ? { reason, at: now, userId: user.id } : null);
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: hold ? 'appeal.hold_set' : 'appeal.hold_released',
      subjectType: 'appeal',
      subjectId: id,
      ip,
      detail: hold ? { reason } : { reason, heldSince: row.hold_at },
    });
  });
}
