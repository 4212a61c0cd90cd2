// SQL for the notification outbox: rows, their send attempts, the parts a gateway took, and delivery receipts.
import type { Insertable, Transaction } from 'kysely';
import type { Database, Dialect } from '../db/index.js';
import type { DB, DeliveryState, Notification, NotificationState, NotificationTable } from '../db/types.js';

type Executor = Database | Transaction<DB>;

/** Inserts the row unless its event (channel + event_key) already has one; answers whether it was inserted. */
export async function insertNotification(db: Executor, row: Insertable<NotificationTable>): Promise<boolean> {
  const result = await db
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.columns(['channel', 'event_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findByEvent(
  db: Executor,
  channel: NotificationTable['channel'],
  eventKey: string,
): Promise<Notification | undefined> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('channel', '=', channel)
    .where('event_key', '=', eventKey)
    .executeTakeFirst();
}

export function findNotification(db: Executor, id: string): Promise<Notification | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The gateway took it: sent, with its ids (one part per id) so receipts find their way back. */
export async function markSent(
  db: Database,
  id: string,
  values: { attempts: number; driver: string; providerIds: string[]; now: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('notifications')
      .set({
        state: 'sent',
        attempts: values.attempts,
        driver: values.driver,
        provider_id: values.providerIds[0] ?? null,
        sent_at: values.now,
        last_error: null,
      })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .execute();
    await trx.deleteFrom('notification_parts').where('notification_id', '=', id).execute();
    if (values.providerIds.length > 0)
      await trx
        .insertInto('notification_parts')
        .values(
          values.providerIds.map((providerId, i) => ({
            notification_id: id,
            part: i + 1,
            provider_id: providerId,
            delivery_state: null,
            error: null,
            updated_at: values.now,
          })),
        )
        .execute();
  });
}

/** One failed try: the row stays pending (`failed: false`) for the job's retry, or fails for good with the reason. */
export async function recordFailure(
  db: Executor,
  id: string,
  values: { attempts: number; driver: string; reason: string; failed: boolean },
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({
      attempts: values.attempts,
      driver: values.driver,
      last_error: values.reason.slice(0, 2000),
      ...(values.failed ? { state: 'failed' as const } : {}),
    })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

/** A final state (delivered, undelivered) is never replaced by a later "accepted". */
const isFinal = (state: DeliveryState | null) => state === 'delivered' || state === 'undelivered';

async function lockNotification(trx: Transaction<DB>, dialect: Dialect, id: string) {
  const query = trx.selectFrom('notifications').selectAll().where('id', '=', id);
  return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

function deliveryUpdate(state: DeliveryState, error: string | null | undefined, now: string) {
  return {
    delivery_state: state,
    ...(state === 'delivered' ? { delivered_at: now } : {}),
    ...(state === 'undelivered' ? { last_error: (error ?? 'not delivered').slice(0, 2000) } : {}),
  };
}

/** A report about the whole message, by our id (an HTTP gateway's callback). False if there is no such row. */
export async function recordDeliveryById(
  db: Database,
  dialect: Dialect,
  id: string,
  report: { state: DeliveryState; error?: string | null; now: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await lockNotification(trx, dialect, id);
    if (!row) return false;
    if (!isFinal(row.delivery_state))
      await trx
        .updateTable('notifications')
        .set(deliveryUpdate(report.state, report.error, report.now))
        .where('id', '=', id)
        .execute();
    return true;
  });
}

/**
 * A report about one part, by the gateway's id (any of `candidates`: SMSCs write the same id in hex in one PDU and
 * in decimal in another). The message is delivered when every part is, undelivered as soon as one part is.
 */
export async function recordDeliveryByProviderId(
  db: Database,
  dialect: Dialect,
  candidates: string[],
  report: { state: DeliveryState; error?: string | null; now: string },
): Promise<boolean> {
  const part = await db
    .selectFrom('notification_parts')
    .select(['notification_id', 'part'])
    .where('provider_id', 'in', candidates)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  if (!part) return false;
  return db.transaction().execute(async (trx) => {
    const row = await lockNotification(trx, dialect, part.notification_id);
    if (!row) return false;
    await trx
      .updateTable('notification_parts')
      .set({ delivery_state: report.state, error: report.error ?? null, updated_at: report.now })
      .where('notification_id', '=', part.notification_id)
      .where('part', '=', part.part)
      .where((eb) => eb.or([eb('delivery_state', 'is', null), eb('delivery_state', '=', 'accepted')]))
      .execute();
    if (isFinal(row.delivery_state)) return true;
    const parts = await trx
      .selectFrom('notification_parts')
      .select(['delivery_state', 'error'])
      .where('notification_id', '=', part.notification_id)
      .execute();
    const failed = parts.find((p) => p.delivery_state === 'undelivered');
    const state: DeliveryState = failed
      ? 'undelivered'
      : parts.every((p) => p.delivery_state === 'delivered')
        ? 'delivered'
        : 'accepted';
    await trx
      .updateTable('notifications')
      .set(deliveryUpdate(state, failed?.error, report.now))
      .where('id', '=', part.notification_id)
      .execute();
    return true;
  });
}

export interface NotificationFilter {
  state?: NotificationState;
  channel?: NotificationTable['channel'];
  before: { createdAt: string; id: string } | null;
  limit: number;
}

/** Newest first, with a keyset cursor. */
export function listNotifications(db: Executor, filter: NotificationFilter): Promise<Notification[]> {
  let query = db.selectFrom('notifications').selectAll();
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  const before = filter.before;
  if (before)
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', before.createdAt),
        eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}
