// Media rows: state changes go through the one transition table in src/common/statuses.ts.
import type { Updateable } from 'kysely';
import { canMoveMedia, type MediaState } from '../../common/statuses.js';
import type { MediaFile, MediaFileTable } from '../db/types.js';
import type { Database } from '../db/index.js';
import type { Clock } from '../clock.js';

export async function setMediaState(
  services: { db: Database; clock: Clock },
  row: MediaFile,
  to: MediaState,
  changes: Updateable<MediaFileTable> = {},
): Promise<void> {
  if (row.state !== to && !canMoveMedia(row.state, to)) {
    throw new Error(`media ${row.id}: ${row.state} → ${to} is not allowed`);
  }
  await services.db
    .updateTable('media_files')
    .set({ ...changes, state: to, updated_at: services.clock.now().toISOString() })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .execute();
}

export function findMedia(db: Database, id: string): Promise<MediaFile | undefined> {
  return db.selectFrom('media_files').selectAll().where('id', '=', id).executeTakeFirst();
}
