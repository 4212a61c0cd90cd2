// The rules of working on one appeal in the office: the answer (a draft built up from text, documents and a video,
// then sent with the law's outcome; again after a dispute), internal comments and attachments, and revealing the
// citizen's phone. Who may do what is decided here, on the row (auth/access.ts), after the route's role check.
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type {
  AnswerDraft,
  AnswerDraftBody,
  AnswerList,
  AnswerRecord,
  AnswerSubmitBody,
  AnswerVideo,
  AttachmentList,
  CommentBody,
  CommentList,
  PhoneRevealed,
  StaffDocument,
} from '../../../common/answers.js';
import type { AppealDetail } from '../../../common/api.js';
import { canMoveAppeal, statusAfterAnswer, type AppealStatus } from '../../../common/statuses.js';
import { ANSWER_MAX_LENGTH } from '../../../common/limits.js';
import type { AppealFileTable, MediaFile } from '../../db/types.js';
import { Problem } from '../../errors.js';
import { uuidv7 } from '../../ids.js';
import { enqueue } from '../../jobs/queue.js';
import { findMedia } from '../../media/repository.js';
import { rejectionReason } from '../../media/process.js';
import { MediaRejected } from '../../media/tools.js';
import { queueSms } from '../../notifications/outbox.js';
import type { Services } from '../../services.js';
import { getSettings } from '../settings/service.js';
import { recordAudit } from '../audit/repository.js';
import { handlesAppeal, hasRole, mayAnswerAppeal, type Staff } from '../auth/access.js';
import { tri } from '../directory/service.js';
import { findAppealById, insertHistory, lockAppeal, updateStatus } from '../appeals/repository.js';
import { detailOf, readableAppeal } from '../appeals/service.js';
import type { AppealRow } from '../appeals/repository.js';
import { recordFirstAnswer } from '../stats/service.js';
import { removeUploadFiles } from '../uploads/service.js';
import { checkDocument, readDocument } from './documents.js';
import {
  claimAnswerMedia,
  countFiles,
  deleteDraft,
  deleteDraftFiles,
  deleteFile,
  deleteMediaRow,
  findAnswerDocument,
  findAnswerMedia,
  findDraft,
  findFile,
  insertAnswer,
  insertAnswerDocument,
  insertComment,
  insertFile,
  listAnswerDocumentsOf,
  listAnswers,
  listComments,
  listDisputes,
  listFiles,
  mediaInAnswer,
  saveDraft,
} from './repository.js';
import { htmlToText, sanitizeAnswer, textToHtml } from './richtext.js';

/** A document as it arrives: the raw body of the request, its declared length and the name the person gave. */
export interface DocumentUpload {
  body: Readable | Buffer | null | undefined;
  length: string | undefined;
  name: string | undefined;
}

// Who may do what, on top of the route's role check

/** Answering: the official the appeal is addressed to (or their deputy); supervisors and operators never. */
async function answerable(services: Services, user: Staff, id: string): Promise<AppealRow> {
  const row = await readableAppeal(services, user, id);
  if (!mayAnswerAppeal(user, row)) throw new Problem('answer-not-allowed');
  return row;
}

/** An answer (or a change to its draft) is possible in this status: the status machine allows answering. */
function answerableStatus(status: AppealStatus): boolean {
  return canMoveAppeal(status, 'answered') || canMoveAppeal(status, 'left_without_consideration');
}

/** Comments and attachments: operators and supervisors on any appeal, officials on those they handle. */
function mayWorkOn(user: Staff, row: AppealRow): boolean {
  return hasRole(user, 'operator', 'supervisor') || handlesAppeal(user, row);
}

/**
 * The full phone number: the operator (who registers and calls back) and the official who handles the appeal.
 * Supervisors oversee deadlines and quality and never act towards the citizen, so they have no need of it (personal
 * data is used only for its purpose, Law No. 94-V); admins read no appeals at all.
 */
function mayRevealPhone(user: Staff, row: AppealRow): boolean {
  return hasRole(user, 'operator') || handlesAppeal(user, row);
}

// Views

const base = (appealId: string) => `/api/office/appeals/${encodeURIComponent(appealId)}`;

function documentView(
  appealId: string,
  d: {
    id: string;
    file_name: string;
    mime_type: string;
    size_bytes: number | string;
    created_at: string;
    user_id?: string;
    display_name?: string;
  },
): StaffDocument {
  return {
    id: d.id,
    name: d.file_name,
    mimeType: d.mime_type,
    sizeBytes: Number(d.size_bytes),
    url: `${base(appealId)}/documents/${encodeURIComponent(d.id)}`,
    at: d.created_at,
    by: d.user_id && d.display_name ? { id: d.user_id, displayName: d.display_name } : null,
  };
}

function videoView(
  appealId: string,
  m: {
    id: string;
    state: MediaFile['state'];
    duration_ms: number | null;
    playback_key: string | null;
    poster_key: string | null;
    failure_reason: string | null;
  },
): AnswerVideo {
  const at = `${base(appealId)}/answer-media/${encodeURIComponent(m.id)}`;
  return {
    mediaId: m.id,
    state: m.state,
    durationMs: m.duration_ms === null ? null : Number(m.duration_ms),
    videoUrl: m.state === 'ready' && m.playback_key ? `${at}/video` : null,
    posterUrl: m.poster_key ? `${at}/poster` : null,
    failureReason: m.failure_reason,
  };
}

/** Every answer to the appeal, oldest first, as staff see them; and whether this staff member may answer now. */
export async function answerList(services: Services, user: Staff, id: string): Promise<AnswerList> {
  const row = await readableAppeal(services, user, id);
  const { db } = services;
  const [answers, disputes] = await Promise.all([listAnswers(db, row.id), listDisputes(db, row.id)]);
  const documents = await listAnswerDocumentsOf(
    db,
    answers.map((a) => a.id),
  );
  const records: AnswerRecord[] = answers.map((a) => {
    const dispute = disputes.find((d) => d.answer_id === a.id);
    return {
      id: a.id,
      html: a.body_html || textToHtml(a.body),
      text: a.body,
      outcome: a.outcome,
      at: a.created_at,
      author:
        a.full_name_en === null ? null : { fullName: tri(a, 'full_name'), position: tri(a, 'position') },
      by: { id: a.author_user_id, displayName: a.author_display_name },
      documents: documents.filter((d) => d.answer_id === a.id).map((d) => documentView(row.id, d)),
      video:
        a.media_id && a.media_state
          ? videoView(row.id, {
              id: a.media_id,
              state: a.media_state,
              duration_ms: a.media_duration_ms,
              playback_key: a.media_playback_key,
              poster_key: a.media_poster_key,
              failure_reason: a.media_failure_reason,
            })
          : null,
      dispute: dispute ? { reason: dispute.reason, at: dispute.created_at } : null,
    };
  });
  return {
    answers: records,
    can: { answer: mayAnswerAppeal(user, row) && answerableStatus(row.status) },
  };
}

async function draftView(services: Services, appealId: string): Promise<AnswerDraft> {
  const { db, config } = services;
  const [draft, files] = await Promise.all([
    findDraft(db, appealId),
    listFiles(db, appealId, 'answer_draft'),
  ]);
  const media = draft?.media_id ? await findMedia(db, draft.media_id) : undefined;
  return {
    body: draft?.body_html ?? '',
    documents: files.map((f) => documentView(appealId, f)),
    video: media ? videoView(appealId, media) : null,
    updatedAt: draft?.updated_at ?? null,
    updatedBy:
      draft?.updated_by_user_id && draft.updated_by_name
        ? { id: draft.updated_by_user_id, displayName: draft.updated_by_name }
        : null,
    limits: { maxDocuments: config.ANSWER_DOCUMENTS_MAX, maxDocumentBytes: config.ANSWER_DOCUMENT_MAX_BYTES },
  };
}

// The draft

export async function answerDraft(services: Services, user: Staff, id: string): Promise<AnswerDraft> {
  const row = await answerable(services, user, id);
  return draftView(services, row.id);
}

/**
 * Checks a finished upload of this browser and makes it the appeal's answer video: ffprobe must accept it now (so a
 * file that is no video is refused at once, not after the answer is sent), and it is processed like a recording.
 */
async function takeVideo(
  services: Services,
  row: AppealRow,
  mediaId: string,
  uploader: string | null,
): Promise<void> {
  const { db, clock, config } = services;
  const media = await findMedia(db, mediaId);
  if (!media) throw new Problem('upload-not-found');
  if (media.kind === 'answer_video' && media.appeal_id === row.id) return;
  if (media.kind !== 'appeal_video' || media.appeal_id !== null) throw new Problem('upload-already-used');
  if (!uploader || media.owner !== uploader) throw new Problem('upload-forbidden');
  if (media.state === 'uploading') throw new Problem('upload-not-complete');
  if (media.state === 'failed') throw new Problem('media-rejected', media.failure_reason ?? undefined);
  const original = await services.storage.localPath(media.original_key);
  let reason: string | null;
  try {
    const { recordingMaxSeconds } = await getSettings(services);
    reason = rejectionReason(await services.media.probe(original.path), recordingMaxSeconds, {
      audioOnly: media.audio_only === 1,
    });
  } catch (error) {
    if (!(error instanceof MediaRejected)) throw error;
    reason = error.message;
  } finally {
    await original.release();
  }
  if (reason) throw new Problem('media-rejected', reason);
  await db.transaction().execute(async (trx) => {
    const state = await claimAnswerMedia(trx, media.id, row.id, clock.now().toISOString());
    if (!state) throw new Problem('upload-already-used');
    if (state === 'uploaded')
      await enqueue(
        trx,
        clock,
        'process-media',
        { mediaId: media.id },
        { maxAttempts: config.MEDIA_MAX_ATTEMPTS },
      );
  });
  services.nudgeWorker();
}

/** A draft's video that was replaced or taken away: its row and bytes go, unless a sent answer uses it. */
async function discardVideo(services: Services, appealId: string, mediaId: string): Promise<void> {
  const { db } = services;
  const media = await findAnswerMedia(db, appealId, mediaId);
  if (!media || (await mediaInAnswer(db, mediaId))) return;
  await deleteMediaRow(db, mediaId);
  await removeUploadFiles(services, mediaId);
  for (const key of [media.original_key, media.playback_key, media.poster_key])
    if (key) await services.storage.delete(key);
}

function sanitised(body: string) {
  const rich = sanitizeAnswer(body);
  if (rich.text.length > ANSWER_MAX_LENGTH)
    throw new Problem(
      'validation-failed',
      `The answer's text may be at most ${ANSWER_MAX_LENGTH} characters.`,
    );
  return rich;
}

async function changeDraft(
  services: Services,
  user: Staff,
  row: AppealRow,
  changes: AnswerDraftBody,
  uploader: string | null,
  ip: string,
): Promise<void> {
  if (changes.body === undefined && changes.mediaId === undefined) return;
  const { db, clock } = services;
  const html = changes.body === undefined ? undefined : sanitised(changes.body).html;
  if (changes.mediaId) await takeVideo(services, row, changes.mediaId, uploader);
  const before = await findDraft(db, row.id);
  await db.transaction().execute(async (trx) => {
    await saveDraft(
      trx,
      row.id,
      {
        ...(html === undefined ? {} : { body_html: html }),
        ...(changes.mediaId === undefined ? {} : { media_id: changes.mediaId }),
      },
      user.id,
      clock.now().toISOString(),
    );
    await recordAudit(trx, clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.answer_draft_saved',
      subjectType: 'appeal',
      subjectId: row.id,
      ip,
      detail: {
        ...(html === undefined ? {} : { textLength: htmlToText(html).length }),
        ...(changes.mediaId === undefined ? {} : { mediaId: changes.mediaId }),
      },
    });
  });
  const previous = before?.media_id ?? null;
  if (changes.mediaId !== undefined && previous && previous !== changes.mediaId)
    await discardVideo(services, row.id, previous);
}

export async function updateAnswerDraft(
  services: Services,
  user: Staff,
  id: string,
  body: AnswerDraftBody,
  uploader: string | null,
  ip: string,
): Promise<AnswerDraft> {
  const row = await answerable(services, user, id);
  if (!answerableStatus(row.status)) throw new Problem('invalid-transition');
  await changeDraft(services, user, row, body, uploader, ip);
  return draftView(services, row.id);
}

/** Stores a staff document (type by content, size and count limits) as a file of the appeal. */
async function storeFile(
  services: Services,
  user: Staff,
  row: AppealRow,
  purpose: AppealFileTable['purpose'],
  upload: DocumentUpload,
  ip: string,
): Promise<void> {
  const { db, clock, config, storage, dialect } = services;
  const max = purpose === 'answer_draft' ? config.ANSWER_DOCUMENTS_MAX : config.APPEAL_ATTACHMENTS_MAX;
  const full = () =>
    new Problem(
      'too-many-documents',
      `${purpose === 'answer_draft' ? 'An answer' : 'An appeal'} may carry at most ${max} documents.`,
    );
  // Before reading megabytes that would be refused anyway; counted again below, under the appeal's lock.
  if ((await countFiles(db, row.id, purpose)) >= max) {
    if (upload.body && !Buffer.isBuffer(upload.body)) upload.body.resume();
    throw full();
  }
  const bytes = await readDocument(upload.body, upload.length, config.ANSWER_DOCUMENT_MAX_BYTES);
  const { mime, name } = checkDocument(bytes, upload.name);
  // Time-ordered: documents keep the order they were added in.
  const id = uuidv7();
  const key = `appeals/${row.id}/files/${id}`;
  const put = await storage.put(key, bytes);
  try {
    await db.transaction().execute(async (trx) => {
      await lockAppeal(trx, dialect, row.id);
      if ((await countFiles(trx, row.id, purpose)) >= max) throw full();
      await insertFile(trx, {
        id,
        appeal_id: row.id,
        purpose,
        file_name: name,
        mime_type: mime,
        size_bytes: put.size,
        sha256: put.sha256,
        storage_key: key,
        uploaded_by_user_id: user.id,
        created_at: clock.now().toISOString(),
      });
      await recordAudit(trx, clock, {
        actorUserId: user.id,
        actorKind: 'staff',
        action: purpose === 'answer_draft' ? 'appeal.answer_document_added' : 'appeal.attachment_added',
        subjectType: 'appeal',
        subjectId: row.id,
        ip,
        detail: { fileId: id, name, mimeType: mime, sizeBytes: put.size, sha256: put.sha256 },
      });
    });
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}

export async function addDraftDocument(
  services: Services,
  user: Staff,
  id: string,
  upload: DocumentUpload,
  ip: string,
): Promise<AnswerDraft> {
  const row = await answerable(services, user, id);
  if (!answerableStatus(row.status)) throw new Problem('invalid-transition');
  await storeFile(services, user, row, 'answer_draft', upload, ip);
  return draftView(services, row.id);
}

export async function removeDraftDocument(
  services: Services,
  user: Staff,
  id: string,
  documentId: string,
  ip: string,
): Promise<AnswerDraft> {
  const row = await answerable(services, user, id);
  const file = await findFile(services.db, row.id, documentId);
  if (!file || file.purpose !== 'answer_draft') throw new Problem('not-found');
  const removed = await services.db.transaction().execute(async (trx) => {
    if (!(await deleteFile(trx, file.id))) return false;
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.answer_document_removed',
      subjectType: 'appeal',
      subjectId: row.id,
      ip,
      detail: { fileId: file.id, name: file.file_name },
    });
    return true;
  });
  if (removed) await services.storage.delete(file.storage_key);
  return draftView(services, row.id);
}

// Sending the answer

/**
 * Sends the answer: the draft's text, documents and video (with `body`/`mediaId` of the request saved into the draft
 * first), with the law's outcome. "Left without consideration" closes the appeal in that status; every other outcome
 * marks it answered. An appeal the citizen disputed is answered again; earlier answers stay. The citizen's SMS is
 * queued in the same transaction, one per answer.
 */
export async function submitAnswer(
  services: Services,
  user: Staff,
  id: string,
  body: AnswerSubmitBody,
  uploader: string | null,
  ip: string,
): Promise<AppealDetail> {
  const { db, clock, dialect } = services;
  const row = await answerable(services, user, id);
  const target = statusAfterAnswer(body.outcome);
  if (!canMoveAppeal(row.status, target)) throw new Problem('invalid-transition');
  await changeDraft(services, user, row, { body: body.body, mediaId: body.mediaId }, uploader, ip);

  const [draft, files] = await Promise.all([findDraft(db, row.id), listFiles(db, row.id, 'answer_draft')]);
  const html = draft?.body_html ?? '';
  const text = htmlToText(html);
  const media = draft?.media_id ? await findMedia(db, draft.media_id) : undefined;
  if (text === '' && files.length === 0 && !media)
    throw new Problem('answer-empty', 'An answer needs text, a document or a video.');
  if (media?.state === 'uploading') throw new Problem('upload-not-complete');
  if (media?.state === 'failed') throw new Problem('media-rejected', media.failure_reason ?? undefined);

  const now = clock.now().toISOString();
  const answerId = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await lockAppeal(trx, dialect, row.id);
    if (!(await updateStatus(trx, row.id, row.status, target, now, { answered_at: now })))
      throw new Problem('invalid-transition');
    await recordFirstAnswer(trx, services, row.id, new Date(now));
    await insertAnswer(trx, {
      id: answerId,
      appeal_id: row.id,
      author_user_id: user.id,
      body: text,
      body_html: html,
      outcome: body.outcome,
      media_id: media?.id ?? null,
      created_at: now,
    });
    for (const [i, f] of files.entries())
      await insertAnswerDocument(trx, {
        id: f.id,
        answer_id: answerId,
        file_name: f.file_name,
        mime_type: f.mime_type,
        size_bytes: Number(f.size_bytes),
        storage_key: f.storage_key,
        sort_order: i,
        created_at: f.created_at,
      });
    await deleteDraftFiles(trx, row.id);
    await deleteDraft(trx, row.id);
    await insertHistory(trx, {
      id: uuidv7(),
      appeal_id: row.id,
      from_status: row.status,
      to_status: target,
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
      // An appeal may be answered again after a dispute: one message per answer.
      eventKey: `appeal:${row.id}:answered:${answerId}`,
    });
    await recordAudit(trx, clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.answered',
      subjectType: 'appeal',
      subjectId: row.id,
      ip,
      detail: {
        answerId,
        outcome: body.outcome,
        textLength: text.length,
        documents: files.length,
        mediaId: media?.id ?? null,
        again: row.status === 'disputed',
      },
    });
  });
  services.nudgeWorker();
  const fresh = await findAppealById(db, row.id);
  if (!fresh) throw new Problem('appeal-not-found');
  return detailOf(services, fresh);
}

// Files staff open

/** A document of the appeal for a staff member who may read it: an answer's, an attachment, or (for those who may
 * answer) a draft's. */
export async function staffDocument(services: Services, user: Staff, id: string, documentId: string) {
  const row = await readableAppeal(services, user, id);
  const answerDoc = await findAnswerDocument(services.db, row.id, documentId);
  if (answerDoc) return answerDoc;
  const file = await findFile(services.db, row.id, documentId);
  if (!file || (file.purpose === 'answer_draft' && !mayAnswerAppeal(user, row)))
    throw new Problem('not-found');
  return file;
}

export async function answerMediaKey(
  services: Services,
  user: Staff,
  id: string,
  mediaId: string,
  which: 'playback' | 'poster',
): Promise<{ key: string; appealId: string }> {
  const row = await readableAppeal(services, user, id);
  const media = await findAnswerMedia(services.db, row.id, mediaId);
  const key = which === 'playback' ? media?.playback_key : media?.poster_key;
  if (!media || !key) throw new Problem('not-found');
  return { key, appealId: row.id };
}

// Comments

async function commentsOf(services: Services, user: Staff, row: AppealRow): Promise<CommentList> {
  const rows = await listComments(services.db, row.id);
  return {
    comments: rows.map((c) => ({
      id: c.id,
      body: c.body,
      at: c.created_at,
      author: { id: c.user_id, displayName: c.display_name },
    })),
    can: { comment: mayWorkOn(user, row) },
  };
}

export async function appealComments(services: Services, user: Staff, id: string): Promise<CommentList> {
  return commentsOf(services, user, await readableAppeal(services, user, id));
}

// eslint-disable-next-line no-control-regex -- control characters (but tab and line ends) are dropped
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e]/g;

export async function addComment(
  services: Services,
  user: Staff,
  id: string,
  body: CommentBody,
  ip: string,
): Promise<CommentList> {
  const row = await readableAppeal(services, user, id);
  if (!mayWorkOn(user, row)) throw new Problem('forbidden');
  const text = body.body.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
  if (text === '') throw new Problem('validation-failed', 'The comment is empty.');
  const commentId = uuidv7();
  await services.db.transaction().execute(async (trx) => {
    await insertComment(trx, {
      id: commentId,
      appeal_id: row.id,
      author_user_id: user.id,
      body: text,
      created_at: services.clock.now().toISOString(),
    });
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'appeal.comment_added',
      subjectType: 'appeal',
      subjectId: row.id,
      ip,
      detail: { commentId, length: text.length },
    });
  });
  return commentsOf(services, user, row);
}

// Attachments

async function attachmentsOf(services: Services, user: Staff, row: AppealRow): Promise<AttachmentList> {
  const files = await listFiles(services.db, row.id, 'attachment');
  return {
    attachments: files.map((f) => documentView(row.id, f)),
    can: { attach: mayWorkOn(user, row) },
    limits: {
      maxAttachments: services.config.APPEAL_ATTACHMENTS_MAX,
      maxDocumentBytes: services.config.ANSWER_DOCUMENT_MAX_BYTES,
    },
  };
}

export async function appealAttachments(
  services: Services,
  user: Staff,
  id: string,
): Promise<AttachmentList> {
  return attachmentsOf(services, user, await readableAppeal(services, user, id));
}

export async function addAttachment(
  services: Services,
  user: Staff,
  id: string,
  upload: DocumentUpload,
  ip: string,
): Promise<AttachmentList> {
  const row = await readableAppeal(services, user, id);
  if (!mayWorkOn(user, row)) throw new Problem('forbidden');
  await storeFile(services, user, row, 'attachment', upload, ip);
  return attachmentsOf(services, user, row);
}

// The phone

export async function revealPhone(
  services: Services,
  user: Staff,
  id: string,
  ip: string,
): Promise<PhoneRevealed> {
  const row = await readableAppeal(services, user, id);
  if (!mayRevealPhone(user, row)) throw new Problem('phone-reveal-not-allowed');
  await recordAudit(services.db, services.clock, {
    actorUserId: user.id,
    actorKind: 'staff',
    action: 'appeal.phone_viewed',
    subjectType: 'appeal',
    subjectId: row.id,
    ip,
  });
  return { phone: row.phone_e164 };
}
