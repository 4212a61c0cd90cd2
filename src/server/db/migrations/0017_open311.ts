// Open311 GeoReport v2 (modules/open311): partner apps' API keys, issued by an admin and stored hashed, and the
// requests they filed (each an appeal), with the token of each filing and the partner's idempotency key.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('open311_api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // sha256 of the key: a key is 256 random bits, so a slow hash would add nothing but latency.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    // The key's first characters, shown in the list so an admin can tell keys apart.
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.references('staff_users.id'))
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('open311_requests')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('api_key_id', 'text', (c) => c.notNull().references('open311_api_keys.id'))
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // A retry with the same Idempotency-Key under the same API key finds the first filing.
  await db.schema
    .createIndex('open311_requests_idempotency')
    .on('open311_requests')
    .columns(['api_key_id', 'idempotency_key'])
    .unique()
    .execute();
  // The per-key rate limit counts a key's filings in the last hour.
  await db.schema
    .createIndex('open311_requests_key_time')
    .on('open311_requests')
    .columns(['api_key_id', 'created_at'])
    .execute();
  await db.schema.createIndex('open311_requests_appeal').on('open311_requests').column('appeal_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('open311_requests').execute();
  await db.schema.dropTable('open311_api_keys').execute();
}
