// Deletion after the retention period (the daily 'purge-expired' job) and on a lawful request: an appeal's
// recordings, then its citizen's personal data, keeping the statistical skeleton. Each appeal is marked and its
// database rows cleared in one transaction under the appeal's lock (never an open or held one); its stored files go
// after it, each row only once its blobs are gone, so a run stopped midway is finished by the next.
import type { Services } from '../../services.js';
import { isOpenStatus } from '../../../common/statuses.js';
import { recordAudit } from '../audit/repository.js';
import { removeUploadFiles } from '../uploads/service.js';
import { getSettings } from '../settings/service.js';
import {
  appealsDue,
  appealsWithFilesLeft,
  deleteFileRow,
  deleteMedia,
  deletePhoneVerifications,
  erasePersonalData,
  filesOf,
  lockRetentionState,
  markVideosPurged,
  mediaOf,
} from './repository.js';

export type PurgeStage = 'videos' | 'personal-data';

/** Who deletes and why: the retention job (system) or an admin answering a request (their reference). */
export interface PurgeActor {
  userId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

const BATCH = 200;

export function yearsBefore(now: Date, years: number): string {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

/**
 * Deletes what `stage` covers of one appeal: 'videos' its recordings (the citizen's and the answers' videos);
 * 'personal-data' those and the citizen's data (repository.erasePersonalData) with the staff's attachments and the
 * answers' documents. Returns false, deleting nothing, when the appeal is open, on hold or gone.
 */
export async function purgeAppeal(
  services: Services,
  id: string,
  stage: PurgeStage,
  actor: PurgeActor,
): Promise<boolean> {
  const { db, clock } = services;
  const now = clock.now().toISOString();
  const marked = await db.transaction().execute(async (trx) => {
    const state = await lockRetentionState(trx, id, services.dialect);
    if (!state || isOpenStatus(state.status) || state.hold_at !== null) return false;
    if ((stage === 'videos' ? state.videos_purged_at : state.purged_at) !== null) return true;
    const media = await mediaOf(trx, id);
    const files = stage === 'personal-data' ? await filesOf(trx, id) : null;
    await markVideosPurged(trx, id, now);
    if (stage === 'personal-data') await erasePersonalData(trx, id, now);
    // Counts only: the audit trail cannot be rewritten later, so no personal data goes into it.
    await recordAudit(trx, clock, {
      actorUserId: actor.userId,
      actorKind: actor.userId === null ? 'system' : 'staff',
      action: stage === 'videos' ? 'appeal.videos_deleted' : 'appeal.personal_data_deleted',
      subjectType: 'appeal',
      subjectId: id,
      ip: actor.ip,
      detail: {
        ...actor.detail,
        videos: media.length,
        ...(files ? { files: files.attachments.length + files.documents.length } : {}),
      },
    });
    return true;
  });
  if (marked) await deleteStoredFiles(services, id);
  return marked;
}

/** The blobs of a marked appeal, then their rows: safe to repeat after a stop at any point. */
async function deleteStoredFiles(services: Services, id: string): Promise<void> {
  const { db, storage } = services;
  const state = await db
    .selectFrom('appeals')
    .select(['videos_purged_at', 'purged_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!state?.videos_purged_at) return;
  for (const media of await mediaOf(db, id)) {
    for (const key of [media.original_key, media.playback_key, media.poster_key])
      if (key) await storage.delete(key);
    await removeUploadFiles(services, media.id);
    await db.transaction().execute((trx) => deleteMedia(trx, media.id));
  }
  if (!state.purged_at) return;
  const { attachments, documents } = await filesOf(db, id);
  for (const file of attachments) {
    await storage.delete(file.storage_key);
    await deleteFileRow(db, 'appeal_files', file.id);
  }
  for (const file of documents) {
    await storage.delete(file.storage_key);
    await deleteFileRow(db, 'answer_documents', file.id);
  }
}

export interface RetentionRun {
  videos: number;
  personalData: number;
  finished: number;
  phoneChecks: number;
}

async function purgeDue(services: Services, stage: PurgeStage, cutoff: string): Promise<number> {
  let count = 0;
  let after = '';
  for (;;) {
    const ids = await appealsDue(services.db, stage, cutoff, BATCH, after);
    for (const id of ids)
      if (await purgeAppeal(services, id, stage, { userId: null, ip: null, detail: { reason: 'retention' } }))
        count++;
    const last = ids.at(-1);
    if (!last || ids.length < BATCH) return count;
    after = last;
  }
}

/**
 * The daily job: personal data of appeals closed longer than `personalDataRetentionYears` ago, recordings of those
 * closed longer than `videoRetentionYears` ago (a recording is personal data too: never kept past the shorter), the
 * files a stopped run left, and SMS-code checks older than the personal-data period.
 */
export async function purgeExpired(services: Services): Promise<RetentionRun> {
  const { videoRetentionYears, personalDataRetentionYears } = await getSettings(services);
  const now = services.clock.now();
  const dataCutoff = yearsBefore(now, personalDataRetentionYears);
  const personalData = await purgeDue(services, 'personal-data', dataCutoff);
  const videos = await purgeDue(
    services,
    'videos',
    yearsBefore(now, Math.min(videoRetentionYears, personalDataRetentionYears)),
  );
  let finished = 0;
  for (const id of await appealsWithFilesLeft(services.db, BATCH)) {
    await deleteStoredFiles(services, id);
    finished++;
  }
  const phoneChecks = await deletePhoneVerifications(services.db, { before: dataCutoff });
  return { videos, personalData, finished, phoneChecks };
}
