// The notification outbox: a row and its sending job, written in the caller's transaction.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.js';
import type { Language } from '../../common/statuses.js';
import type { Clock } from '../clock.js';
import { enqueue } from '../jobs/queue.js';
import { translate } from '../i18n.js';

export async function queueSms(
  trx: Transaction<DB>,
  clock: Clock,
  message: {
    to: string;
    template: string;
    language: Language;
    values: Record<string, string>;
    appealId: string | null;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await trx
    .insertInto('notifications')
    .values({
      id,
      channel: 'sms',
      recipient: message.to,
      template: message.template,
      language: message.language,
      body: translate(message.language, `sms.${message.template}`, message.values),
      state: 'pending',
      attempts: 0,
      last_error: null,
      appeal_id: message.appealId,
      created_at: clock.now().toISOString(),
      sent_at: null,
    })
    .execute();
  await enqueue(trx, clock, 'send-notification', { notificationId: id });
  return id;
}
