// Telling the citizen when the recording delivered after their receipt was printed turns out unusable.
import type { Services } from '../../services.js';
import { findMedia } from '../../media/repository.js';
import { queueSms } from '../../notifications/outbox.js';
import { recordAudit } from '../audit/repository.js';
import { findAppealById, lockAppeal, notificationQueued } from './repository.js';

const TEMPLATE = 'videoUnusable';

/**
 * Queues the "video unusable" SMS for the appeal the media belongs to, with an audit event; at most once per appeal
 * (an appeal has one recording), so a retried job or a second caller sends nothing more. Media that belongs to no
 * appeal (an upload nobody submitted) has nobody to tell.
 */
export async function notifyUnusableVideo(
  services: Services,
  mediaId: string,
  reason: string,
): Promise<void> {
  const { db, clock, dialect } = services;
  const media = await findMedia(db, mediaId);
  if (!media?.appeal_id) return;
  const appealId = media.appeal_id;
  const queued = await db.transaction().execute(async (trx) => {
    await lockAppeal(trx, dialect, appealId);
    const appeal = await findAppealById(trx, appealId);
    // Only the appeal's own recording: an official's answer video that fails is the office's problem, not the citizen's.
    if (!appeal || appeal.media_id !== mediaId || (await notificationQueued(trx, appealId, TEMPLATE)))
      return false;
    await queueSms(trx, clock, {
      to: appeal.phone_e164,
      template: TEMPLATE,
      language: appeal.language,
      values: { number: appeal.registration_number },
      appealId,
    });
    await recordAudit(trx, clock, {
      actorUserId: null,
      actorKind: 'system',
      action: 'appeal.video_unusable',
      subjectType: 'appeal',
      subjectId: appealId,
      ip: null,
      detail: { mediaId, reason },
    });
    return true;
  });
  if (queued) services.nudgeWorker();
}
