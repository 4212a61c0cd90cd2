// Media administration: an admin's reprocess moves a ready or failed recording back to uploaded with a fresh job.
import type { StaffUser } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { enqueue } from '../../jobs/queue.js';
import { findMedia, setMediaState } from '../../media/repository.js';
import { recordAudit } from '../audit/repository.js';
import type { MediaProcessing } from './schemas.js';

export async function reprocessMedia(
  services: Services,
  actor: StaffUser,
  id: string,
  ip: string,
): Promise<MediaProcessing> {
  const { db, clock, config } = services;
  const row = await findMedia(db, id);
  if (!row) throw new Problem('not-found');
  if (row.state === 'uploading') throw new Problem('upload-not-complete');
  if (row.state !== 'ready' && row.state !== 'failed') {
    throw new Problem('invalid-transition', 'The recording is already queued or being processed.');
  }
  const jobId = await db.transaction().execute(async (trx) => {
    // The old playback copy stays watchable until the new one replaces it.
    const moved = await setMediaState({ db: trx, clock }, row, 'uploaded', { failure_reason: null });
    if (!moved) throw new Problem('invalid-transition', 'The recording changed state meanwhile.');
    const queued = await enqueue(
      trx,
      clock,
      'process-media',
      { mediaId: id },
      { maxAttempts: config.MEDIA_MAX_ATTEMPTS },
    );
    await recordAudit(trx, clock, {
      actorUserId: actor.id,
      actorKind: 'staff',
      action: 'media.reprocess',
      subjectType: 'media',
      subjectId: id,
      ip,
      detail: { from: row.state, failureReason: row.failure_reason, appealId: row.appeal_id, jobId: queued },
    });
    return queued;
  });
  services.nudgeWorker();
  return {
    id,
    state: 'uploaded',
    failureReason: null,
    processingAttempts: row.processing_attempts,
    jobId,
  };
}
