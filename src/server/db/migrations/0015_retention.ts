// Retention and privacy (modules/privacy): when an appeal's recordings and its citizen's personal data were deleted
// after the retention period or on a lawful request, and the legal hold that keeps both.
import type { Kysely } from 'kysely';

const COLUMNS = ['videos_purged_at', 'purged_at', 'hold_reason', 'hold_at', 'hold_by_user_id'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('appeals').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [...COLUMNS].reverse())
    await db.schema.alterTable('appeals').dropColumn(column).execute();
}
