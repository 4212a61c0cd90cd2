// Test support for the notification tests: queue a message, read its row and job, wait for a change.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Language } from '../../common/statuses.js';
import type { TestContext } from '../testing.js';
import { queueEmail, queueSms, type QueuedMessage } from './outbox.js';

/** Polls until `probe` gives something truthy (a receipt handled in the background); fails after `ms`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 10_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

let nextPhone = 0;
/** A fresh Kazakh mobile number per call, so tests do not share rows. */
export const freshPhone = () => `+7705${String(10_000_000 + ++nextPhone).slice(1)}`;

type Message = Partial<QueuedMessage> & {
  template: string;
  values: Record<string, string>;
  language?: Language;
};

export function queueTestSms(ctx: TestContext, message: Message): Promise<string> {
  return ctx.services.db.transaction().execute((trx) =>
    queueSms(trx, ctx.clock, {
      to: freshPhone(),
      language: 'kk',
      appealId: null,
      eventKey: null,
      ...message,
    }),
  );
}

export function queueTestEmail(ctx: TestContext, message: Message & { to: string }): Promise<string> {
  return ctx.services.db
    .transaction()
    .execute((trx) =>
      queueEmail(trx, ctx.clock, { language: 'kk', appealId: null, eventKey: null, ...message }),
    );
}

export function notificationRow(ctx: TestContext, id: string) {
  return ctx.services.db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function notificationParts(ctx: TestContext, id: string) {
  return ctx.services.db
    .selectFrom('notification_parts')
    .selectAll()
    .where('notification_id', '=', id)
    .orderBy('part')
    .execute();
}

/** The send job of a notification. */
export function sendJob(ctx: TestContext, id: string) {
  return ctx.services.db
    .selectFrom('jobs')
    .selectAll()
    .where('name', '=', 'send-notification')
    .where('payload', 'like', `%${id}%`)
    .executeTakeFirstOrThrow();
}
