// Real notifications: one row per event (event_key), the provider's message ids and delivery receipts, email
// subjects, and the parts a long SMS was sent in (each part has its own id and receipt at the SMSC).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // 'appeal:<id>:receipt', 'verification:<id>:<n>' …: queueing the same event again is a no-op.
  await db.schema.alterTable('notifications').addColumn('event_key', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('subject', 'text').execute();
  // Which driver sent it ('log', 'smpp', 'http', 'smtp'), and the id its gateway gave (the first part's for SMPP).
  await db.schema.alterTable('notifications').addColumn('driver', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('provider_id', 'text').execute();
  // null until a receipt comes: 'accepted' (on its way), 'delivered' or 'undelivered'.
  await db.schema.alterTable('notifications').addColumn('delivery_state', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('delivered_at', 'text').execute();
  await db.schema
    .createIndex('notifications_event')
    .on('notifications')
    .columns(['channel', 'event_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('notifications_state_created')
    .on('notifications')
    .columns(['state', 'created_at'])
    .execute();
  await db.schema.createIndex('notifications_provider').on('notifications').column('provider_id').execute();

  await db.schema
    .createTable('notification_parts')
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('delivery_state', 'text')
    .addColumn('error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_parts_pk', ['notification_id', 'part'])
    .execute();
  await db.schema
    .createIndex('notification_parts_provider')
    .on('notification_parts')
    .column('provider_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_parts').ifExists().execute();
  for (const index of ['notifications_provider', 'notifications_state_created', 'notifications_event'])
    await db.schema.dropIndex(index).ifExists().execute();
  for (const column of ['delivered_at', 'delivery_state', 'provider_id', 'driver', 'subject', 'event_key'])
    await db.schema.alterTable('notifications').dropColumn(column).execute();
}
