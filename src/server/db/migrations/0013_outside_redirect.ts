// An appeal passed on to a body outside the directory: from then on the deadline is that body's, so it no longer
// counts as due or overdue here (and is not escalated), until it comes back to one of ours.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appeals').addColumn('outside_redirected_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appeals').dropColumn('outside_redirected_at').execute();
}
