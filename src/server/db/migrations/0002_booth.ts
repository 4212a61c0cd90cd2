// The booth: phone confirmation by SMS code, kiosk pairing, and what a kiosk reports about itself.
import type { Kysely } from 'kysely';

const KIOSK_COLUMNS = ['revoked_at', 'software_version', 'status', 'last_ip'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('phone_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone_e164', 'text', (c) => c.notNull())
    // The language of the code's SMS, for a resend.
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sends', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('token_expires_at', 'text')
    .addColumn('consumed_at', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema
    .createIndex('phone_verifications_phone')
    .on('phone_verifications')
    .columns(['phone_e164', 'created_at'])
    .execute();
  // The hourly cap on codes counts the outbox's SMS to one number.
  await db.schema
    .createIndex('notifications_recipient')
    .on('notifications')
    .columns(['recipient', 'created_at'])
    .execute();

  // SQLite alters one column per statement.
  await db.schema.alterTable('kiosks').addColumn('revoked_at', 'text').execute();
  await db.schema.alterTable('kiosks').addColumn('software_version', 'text').execute();
  await db.schema
    .alterTable('kiosks')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.alterTable('kiosks').addColumn('last_ip', 'text').execute();

  await db.schema
    .createTable('kiosk_pairings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('kiosk_id', 'text', (c) => c.references('kiosks.id'))
    .addColumn('token', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kiosk_pairings').ifExists().execute();
  for (const column of KIOSK_COLUMNS) await db.schema.alterTable('kiosks').dropColumn(column).execute();
  await db.schema.dropIndex('notifications_recipient').ifExists().execute();
  await db.schema.dropTable('phone_verifications').ifExists().execute();
}
