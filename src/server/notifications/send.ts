// The "send-notification" job: hands one outbox row to its driver; a failure is retried by the job, never lost.
import type { Services } from '../services.js';

export async function sendNotification(services: Services, notificationId: string): Promise<void> {
  const { db, sms, clock } = services;
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', notificationId)
    .executeTakeFirst();
  if (!row || row.state === 'sent') return; // gone, or already sent by an earlier run of this job
  try {
    await sms.send(row.recipient, row.body);
  } catch (error) {
    await db
      .updateTable('notifications')
      .set({ attempts: row.attempts + 1, last_error: error instanceof Error ? error.message : String(error) })
      .where('id', '=', row.id)
      .execute();
    throw error;
  }
  await db
    .updateTable('notifications')
    .set({ state: 'sent', attempts: row.attempts + 1, sent_at: clock.now().toISOString(), last_error: null })
    .where('id', '=', row.id)
    .execute();
}
