// Media that is never lost: who owns an upload, registration numbers reserved when recording starts (so a booth can
// print a receipt while its network is down), and audio-only recordings when the camera failed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // 'kiosk:<id>' for a paired booth, 'session:<sha256 of the uploader cookie>' otherwise: nobody else may append.
  await db.schema.alterTable('media_files').addColumn('owner', 'text').execute();
  await db.schema.alterTable('media_files').addColumn('reservation_id', 'text').execute();
  await db.schema
    .alterTable('media_files')
    .addColumn('audio_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('media_files')
    .addColumn('processing_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('media_files_state_updated')
    .on('media_files')
    .columns(['state', 'updated_at'])
    .execute();

  await db.schema
    .createTable('appeal_reservations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_number', 'text', (c) => c.notNull().unique())
    .addColumn('access_code_hash', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    // The phone confirmed by SMS code when the number was reserved: a delivery that arrives after the code's token
    // has expired (a booth offline for hours) is still an appeal from a confirmed phone.
    .addColumn('phone_e164', 'text')
    .addColumn('kiosk_id', 'text', (c) => c.references('kiosks.id'))
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('deadline_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('appeal_id', 'text', (c) => c.references('appeals.id'))
    .execute();
  await db.schema
    .createIndex('appeal_reservations_expires')
    .on('appeal_reservations')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('appeal_reservations').ifExists().execute();
  await db.schema.dropIndex('media_files_state_updated').ifExists().execute();
  for (const column of ['processing_attempts', 'audio_only', 'reservation_id', 'owner'])
    await db.schema.alterTable('media_files').dropColumn(column).execute();
}
