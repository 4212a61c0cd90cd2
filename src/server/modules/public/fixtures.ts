// Factories for the public side's tests (vitest and e2e): an appeal with a known access code, and optionally an
// answer with a real MP4 video answer and documents. The office cannot record a video answer yet, so tests put the
// rows and files in place directly. Not used by the server.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Database } from '../../db/index.js';
import type { BlobStore } from '../../storage/index.js';
import type { AnswerOutcome, AppealStatus } from '../../../common/statuses.js';
import { uuidv7 } from '../../ids.js';
import { answerPosterSample, answerVideoSample } from '../../media/samples.js';
import { newAccessCode } from '../appeals/reservations.js';

export interface MadeAppeal {
  id: string;
  registrationNumber: string;
  accessCode: string;
  phone: string;
  answerId: string | null;
  documentIds: string[];
}

export interface AppealRecipe {
  status?: AppealStatus;
  phone?: string;
  /** Registered at; defaults to `now`. */
  registeredAt?: string;
  deadlineOn?: string;
  /** Adds an answer (and status answered unless `status` says otherwise). */
  answer?: { body: string; outcome?: AnswerOutcome; at?: string; video?: boolean; documents?: string[] };
  /** History rows after registration, e.g. a redirect with its reason. */
  history?: { status: AppealStatus; reason: string | null; at: string }[];
}

/** Registers an appeal (addressed to the first seeded official) as the booth would have, with what the recipe adds. */
export async function makeAppeal(
  db: Database,
  storage: BlobStore,
  now: Date,
  recipe: AppealRecipe = {},
): Promise<MadeAppeal> {
  const id = crypto.randomUUID();
  const registrationNumber = `261118-${String(crypto.randomInt(100000, 1000000))}`;
  const access = await newAccessCode();
  const phone = recipe.phone ?? `+7701${String(crypto.randomInt(1000000, 10000000))}`;
  // In the past, so whatever the test does next is later in the history.
  const registeredAt = recipe.registeredAt ?? new Date(now.getTime() - 2 * 3600_000).toISOString();
  const answeredAt = recipe.answer?.at ?? new Date(now.getTime() - 3600_000).toISOString();
  const official = await db
    .selectFrom('staff_users as u')
    .innerJoin('officials as o', 'o.id', 'u.official_id')
    .select(['u.id as user_id', 'o.id as official_id', 'o.department_id'])
    .where('u.username', '=', 'official')
    .executeTakeFirstOrThrow();
  const status = recipe.status ?? (recipe.answer ? 'answered' : 'registered');
  await db
    .insertInto('appeals')
    .values({
      id,
      registration_number: registrationNumber,
      access_code_hash: access.hash,
      phone_e164: phone,
      iin: null,
      language: 'ru',
      type: 'complaint',
      category_id: null,
      addressee_official_id: official.official_id,
      department_id: official.department_id,
      status,
      source: 'kiosk',
      kiosk_id: null,
      note: 'internal note: never shown to the public',
      media_id: null,
      registered_on: registeredAt.slice(0, 10),
      registered_at: registeredAt,
      deadline_on: recipe.deadlineOn ?? '2026-12-09',
      answered_at: recipe.answer ? answeredAt : null,
      created_at: registeredAt,
      updated_at: registeredAt,
    })
    .execute();
  const history = [
    { status: 'registered' as AppealStatus, reason: null as string | null, at: registeredAt },
    ...(recipe.history ?? []),
  ];
  let answerId: string | null = null;
  const documentIds: string[] = [];
  if (recipe.answer) {
    const at = answeredAt;
    answerId = crypto.randomUUID();
    let mediaId: string | null = null;
    if (recipe.answer.video) {
      mediaId = crypto.randomUUID();
      const playbackKey = `answers/${mediaId}/playback.mp4`;
      const posterKey = `answers/${mediaId}/poster.jpg`;
      const put = await storage.put(playbackKey, fs.readFileSync(answerVideoSample()));
      await storage.put(posterKey, fs.readFileSync(answerPosterSample()));
      await db
        .insertInto('media_files')
        .values({
          id: mediaId,
          kind: 'answer_video',
          state: 'ready',
          mime_type: 'video/mp4',
          size_bytes: put.size,
          sha256: put.sha256,
          duration_ms: 3000,
          width: 320,
          height: 240,
          original_key: playbackKey,
          playback_key: playbackKey,
          poster_key: posterKey,
          failure_reason: null,
          appeal_id: null,
          created_at: at,
          updated_at: at,
          owner: null,
          reservation_id: null,
        })
        .execute();
    }
    await db
      .insertInto('answers')
      .values({
        id: answerId,
        appeal_id: id,
        author_user_id: official.user_id,
        body: recipe.answer.body,
        outcome: recipe.answer.outcome ?? 'satisfied',
        created_at: at,
        media_id: mediaId,
      })
      .execute();
    for (const [i, name] of (recipe.answer.documents ?? []).entries()) {
      const docId = crypto.randomBytes(12).toString('base64url');
      const key = `answers/${answerId}/doc-${docId}`;
      const body = Buffer.from(`%PDF-1.4\n% ${name}\n`);
      await storage.put(key, body);
      await db
        .insertInto('answer_documents')
        .values({
          id: docId,
          answer_id: answerId,
          file_name: name,
          mime_type: 'application/pdf',
          size_bytes: body.length,
          storage_key: key,
          sort_order: i,
          created_at: at,
        })
        .execute();
      documentIds.push(docId);
    }
    if (!recipe.history?.some((h) => h.status === 'answered'))
      history.push({ status: 'answered', reason: null, at });
  }
  let previous: AppealStatus | null = null;
  for (const h of history) {
    await db
      .insertInto('appeal_status_history')
      .values({
        id: uuidv7(),
        appeal_id: id,
        from_status: previous,
        to_status: h.status,
        actor_user_id: null,
        reason: h.reason,
        at: h.at,
      })
      .execute();
    previous = h.status;
  }
  return { id, registrationNumber, accessCode: access.code, phone, answerId, documentIds };
}
