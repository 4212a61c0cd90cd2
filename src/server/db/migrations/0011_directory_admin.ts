// The directory as administrators keep it: a stable code per official (the import's key), reception hours, a deputy,
// retirement with its time for departments and officials, and a default department a topic routes to.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('departments')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('departments').addColumn('retired_at', 'text').execute();
  await db.schema.alterTable('departments').addColumn('updated_at', 'text').execute();

  // Unique where given; existing rows get one from their id so an export can be imported back.
  await db.schema.alterTable('officials').addColumn('code', 'text').execute();
  await sql`update officials set code = 'o-' || substr(id, 1, 8) where code is null`.execute(db);
  await db.schema.createIndex('officials_code').on('officials').column('code').unique().execute();
  for (const lang of ['kk', 'ru', 'en']) {
    await db.schema
      .alterTable('officials')
      .addColumn(`reception_hours_${lang}`, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  await db.schema
    .alterTable('officials')
    .addColumn('deputy_official_id', 'text', (c) => c.references('officials.id'))
    .execute();
  await db.schema.alterTable('officials').addColumn('retired_at', 'text').execute();
  await db.schema.alterTable('officials').addColumn('updated_at', 'text').execute();

  await db.schema
    .alterTable('categories')
    .addColumn('default_department_id', 'text', (c) => c.references('departments.id'))
    .execute();
  await db.schema.alterTable('categories').addColumn('updated_at', 'text').execute();
}
