// Audit rows: who did what to which record, written in the same transaction as the act (or alone, for views), each
// appended to the hash chain (chain.ts) under a lock on the chain's head, so concurrent appends stay one chain.
import crypto from 'node:crypto';
import { SqliteAdapter, type Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../clock.js';
import { chainHash, GENESIS_HASH } from './chain.js';

export interface AuditEvent {
  actorUserId: string | null;
  actorKind: 'staff' | 'citizen' | 'system';
  action: string;
  subjectType: string;
  subjectId: string;
  ip: string | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(
  db: Database | Transaction<DB>,
  clock: Clock,
  event: AuditEvent,
): Promise<void> {
  if (db.isTransaction) return append(db as Transaction<DB>, clock, event);
  await db.transaction().execute((trx) => append(trx, clock, event));
}

async function append(trx: Transaction<DB>, clock: Clock, event: AuditEvent): Promise<void> {
  // Appends are serialised on the chain's head row. PostgreSQL: FOR UPDATE holds every other append (any process)
  // until this transaction ends, so the chain follows commit order. SQLite has no such clause; its one writer is
  // taken by a write, so the head is touched first — a deferred transaction that read first could not upgrade while
  // another process (a separate worker) writes.
  const sqlite = trx.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) await trx.updateTable('audit_chain').set({ id: 1 }).where('id', '=', 1).execute();
  const readHead = () =>
    trx
      .selectFrom('audit_chain')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .$if(!sqlite, (q) => q.forUpdate())
      .executeTakeFirst();
  let head = await readHead();
  if (!head) {
    await trx
      .insertInto('audit_chain')
      .values({ id: 1, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    head = await readHead();
    if (!head) throw new Error('the audit chain has no head');
  }
  const row = {
    seq: Number(head.seq) + 1,
    id: crypto.randomUUID(),
    at: clock.now().toISOString(),
    actor_user_id: event.actorUserId,
    actor_kind: event.actorKind,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    ip: event.ip,
    detail: JSON.stringify(event.detail ?? {}),
  };
  const hash = chainHash(head.hash, row);
  await trx
    .insertInto('audit_events')
    .values({ ...row, prev_hash: head.hash, hash })
    .execute();
  await trx.updateTable('audit_chain').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
}

/** The events about one record, oldest first, with the actor's display name. */
export function listAuditFor(db: Database, subjectType: string, subjectId: string) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('staff_users as u', 'u.id', 'e.actor_user_id')
    .select(['e.seq', 'e.at', 'e.action', 'e.actor_kind', 'e.ip', 'e.detail', 'u.username', 'u.display_name'])
    .where('e.subject_type', '=', subjectType)
    .where('e.subject_id', '=', subjectId)
    .orderBy('e.seq')
    .execute();
}
