// The "send-notification" job: hands one outbox row to its channel's driver. A failure is retried by the job with
// backoff; a permanent one (the gateway refused the number) or the last try fails the row with the reason.
import type { Services } from '../services.js';
import { PermanentJobError } from '../jobs/registry.js';
import { findNotification, markSent, recordFailure } from './repository.js';
import { SendError } from './sms.js';
import { emailHtml } from './mail.js';

export async function sendNotification(
  services: Services,
  notificationId: string,
  options: { finalAttempt?: boolean } = {},
): Promise<void> {
  const { db, clock } = services;
  const row = await findNotification(db, notificationId);
  // Gone, or already settled by an earlier run of this job: nothing to do, and never a second message.
  if (!row || row.state !== 'pending') return;
  const driver = row.channel === 'email' ? services.mail : services.sms;
  const attempts = row.attempts + 1;
  let providerIds: string[];
  try {
    const result =
      row.channel === 'email'
        ? await services.mail.send({
            id: row.id,
            to: row.recipient,
            subject: row.subject ?? '',
            text: row.body,
            html: emailHtml(row.body),
          })
        : await services.sms.send({ id: row.id, to: row.recipient, text: row.body });
    providerIds = result.providerIds;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof SendError && error.permanent;
    await recordFailure(db, row.id, {
      attempts,
      driver: driver.name,
      reason,
      failed: permanent || options.finalAttempt === true,
    });
    throw permanent ? new PermanentJobError(reason) : error;
  }
  await markSent(db, row.id, { attempts, driver: driver.name, providerIds, now: clock.now().toISOString() });
}
