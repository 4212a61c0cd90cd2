// The notification outbox: a row and its sending job, written in the caller's transaction; one row per event.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, NotificationTable } from '../db/types.js';
import type { Language } from '../../common/statuses.js';
import type { Clock } from '../clock.js';
import { enqueue } from '../jobs/queue.js';
import { translate } from '../i18n.js';
import { findByEvent, insertNotification } from './repository.js';

/** Tries of a send before the row is failed: with the queue's backoff (2 s doubling, at most 10 min) about 40 min. */
export const NOTIFICATION_MAX_ATTEMPTS = 12;

export interface QueuedMessage {
  /** E.164 phone for SMS, address for email. */
  to: string;
  /** `sms.<template>` (and `email.<template>.subject`) in the catalogues. */
  template: string;
  language: Language;
  values: Record<string, string>;
  appealId: string | null;
  /**
   * The event this message tells of; queueing the same event again (a retried job, a second caller) does nothing.
   * Defaults to `appeal:<appealId>:<template>` for the messages an appeal gets once (ONCE_PER_APPEAL); an event that
   * can happen again (a second redirect, an answer after a dispute) passes its own key, e.g.
   * `appeal:<id>:redirected:<history id>`, or none. Null: no deduplication.
   */
  eventKey?: string | null;
  /** Fewer tries for messages that are useless late (an SMS code). */
  maxAttempts?: number;
}

/** Templates an appeal gets at most once, whoever queues them: keyed by the appeal unless the caller says otherwise. */
export const ONCE_PER_APPEAL: ReadonlySet<string> = new Set(['receipt', 'videoUnusable']);

function eventKeyOf(message: QueuedMessage): string | null {
  if (message.eventKey !== undefined) return message.eventKey;
  if (!message.appealId || !ONCE_PER_APPEAL.has(message.template)) return null;
  return `appeal:${message.appealId}:${message.template}`;
}

async function queue(
  trx: Transaction<DB>,
  clock: Clock,
  channel: NotificationTable['channel'],
  message: QueuedMessage,
  content: { body: string; subject: string | null },
): Promise<string> {
  const id = crypto.randomUUID();
  const eventKey = eventKeyOf(message);
  const inserted = await insertNotification(trx, {
    id,
    channel,
    recipient: message.to,
    template: message.template,
    language: message.language,
    subject: content.subject,
    body: content.body,
    state: 'pending',
    attempts: 0,
    last_error: null,
    appeal_id: message.appealId,
    event_key: eventKey,
    created_at: clock.now().toISOString(),
    sent_at: null,
  });
  if (!inserted && eventKey) {
    const existing = await findByEvent(trx, channel, eventKey);
    if (existing) return existing.id;
  }
  await enqueue(
    trx,
    clock,
    'send-notification',
    { notificationId: id },
    { maxAttempts: message.maxAttempts ?? NOTIFICATION_MAX_ATTEMPTS },
  );
  return id;
}

/** Queues an SMS from `sms.<template>`; returns the row's id (the earlier row's, if this event was queued before). */
export function queueSms(trx: Transaction<DB>, clock: Clock, message: QueuedMessage): Promise<string> {
  const body = translate(message.language, `sms.${message.template}`, message.values);
  return queue(trx, clock, 'sms', message, { body, subject: null });
}

/**
 * The email's text: a greeting, `email.<template>.body` or else the SMS text of the same name, and the signature.
 * (translate answers the key itself when no catalogue has it.)
 */
export function emailText(language: Language, template: string, values: Record<string, string>): string {
  const own = `email.${template}.body`;
  const body = translate(language, own, values);
  const main = body === own ? translate(language, `sms.${template}`, values) : body;
  return [translate(language, 'email.greeting'), main, translate(language, 'email.signature')].join('\n\n');
}

/** Queues an email (staff, or a citizen who left an address); subject from `email.<template>.subject`. */
export function queueEmail(trx: Transaction<DB>, clock: Clock, message: QueuedMessage): Promise<string> {
  const subject = translate(message.language, `email.${message.template}.subject`, message.values);
  const body = emailText(message.language, message.template, message.values);
  return queue(trx, clock, 'email', message, { body, subject });
}
