// Abandoned uploads: recordings nobody submitted, left untouched for UPLOAD_ABANDON_HOURS, are deleted with their
// bytes — never one that belongs to an appeal or waits under a live reservation. Then expired, unspent reservations.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { runPeriodically, type Periodic } from '../../jobs/periodic.js';
import type { Services } from '../../services.js';
import { UPLOADS_PREFIX, discardUpload, removeUploadFiles, uploadFile } from './service.js';

export interface SweepResult {
  uploads: number;
  bytes: number;
  /** Files in the uploads directory that no media row knows (left by a crash between the row and the file). */
  strays: number;
  reservations: number;
}

/** When the upload was last touched: its row, or the last chunk written (PATCH does not write the database). */
async function fileTime(file: string): Promise<{ mtime: number; size: number } | null> {
  try {
    const stat = await fsp.stat(file);
    return { mtime: stat.mtimeMs, size: stat.size };
  } catch {
    return null;
  }
}

export async function sweepAbandonedUploads(services: Services): Promise<SweepResult> {
  const { db, clock, config } = services;
  const now = clock.now();
  const nowIso = now.toISOString();
  const cutoff = now.getTime() - config.UPLOAD_ABANDON_HOURS * 3600 * 1000;
  const cutoffIso = new Date(cutoff).toISOString();
  const result: SweepResult = { uploads: 0, bytes: 0, strays: 0, reservations: 0 };

  const candidates = await db
    .selectFrom('media_files as m')
    .leftJoin('appeal_reservations as r', 'r.id', 'm.reservation_id')
    .select(['m.id', 'm.original_key', 'm.size_bytes'])
    .where('m.appeal_id', 'is', null)
    .where('m.state', 'in', ['uploading', 'uploaded', 'failed'])
    .where('m.updated_at', '<', cutoffIso)
    // A recording made under a live reservation waits for its appeal (a booth offline over a long weekend).
    .where((eb) =>
      eb.not(
        eb.and([eb('r.id', 'is not', null), eb('r.appeal_id', 'is', null), eb('r.expires_at', '>', nowIso)]),
      ),
    )
    .execute();
  for (const row of candidates) {
    const file = await fileTime(uploadFile(services, row.id));
    if (file && file.mtime >= cutoff) continue;
    if (await discardUpload(services, row)) {
      result.uploads++;
      result.bytes += file?.size ?? Number(row.size_bytes ?? 0);
    }
  }

  // Bytes without a row; names are checked against the table, so a file whose row exists is never taken.
  const dir = path.join(config.mediaDir, UPLOADS_PREFIX);
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const ids = names.filter((n) => /^[A-Za-z0-9_-]+$/.test(n));
  for (const id of ids) {
    const file = await fileTime(uploadFile(services, id));
    if (!file || file.mtime >= cutoff) continue;
    const known = await db.selectFrom('media_files').select('id').where('id', '=', id).executeTakeFirst();
    if (known) continue;
    await removeUploadFiles(services, id);
    result.strays++;
    result.bytes += file.size;
  }

  const spent = await db
    .deleteFrom('appeal_reservations')
    .where('appeal_id', 'is', null)
    .where('expires_at', '<=', nowIso)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('media_files')
            .select('media_files.id')
            .whereRef('media_files.reservation_id', '=', 'appeal_reservations.id'),
        ),
      ),
    )
    .executeTakeFirst();
  result.reservations = Number(spent.numDeletedRows);
  return result;
}

export const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/** Runs the sweep soon after start and every ten minutes until stopped; logs what it removed. */
export function scheduleUploadSweep(
  services: Services,
  log?: FastifyBaseLogger,
  intervalMs = SWEEP_INTERVAL_MS,
): Periodic {
  return runPeriodically({
    task: () => sweepAbandonedUploads(services),
    intervalMs,
    firstDelayMs: 30_000,
    onDone: (removed) => {
      if (removed.uploads || removed.strays || removed.reservations)
        log?.info(removed, 'abandoned uploads swept');
    },
    onError: (error) => log?.error({ err: error }, 'upload sweep failed'),
  });
}
