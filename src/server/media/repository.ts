// Media rows: state changes go through the one transition table in src/common/statuses.ts.
import type { Transaction, Updateable } from 'kysely';
import { canMoveMedia, type MediaState } from '../../common/statuses.js';
import type { DB, MediaFile, MediaFileTable } from '../db/types.js';
import type { Database } from '../db/index.js';
import type { Clock } from '../clock.js';

/** Moves the row if it is still in the state it was read in; returns whether it moved (false: someone else did). */
export async function setMediaState(
  services: { db: Database | Transaction<DB>; clock: Clock },
  row: MediaFile,
  to: MediaState,
  changes: Updateable<MediaFileTable> = {},
): Promise<boolean> {
  if (row.state !== to && !canMoveMedia(row.state, to)) {
    throw new Error(`media ${row.id}: ${row.state} → ${to} is not allowed`);
  }
  const result = await services.db
    .updateTable('media_files')
    .set({ ...changes, state: to, updated_at: services.clock.now().toISOString() })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function findMedia(db: Database, id: string): Promise<MediaFile | undefined> {
  return db.selectFrom('media_files').selectAll().where('id', '=', id).executeTakeFirst();
}
