// The audit trail as a hash chain: each row's hash covers the previous row's hash and the row's own canonical
// content, so changing, removing or reordering a row breaks every link after it.
import crypto from 'node:crypto';
import type { Database } from '../../db/index.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedRow {
  seq: number;
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_kind: string;
  action: string;
  subject_type: string;
  subject_id: string;
  ip: string | null;
  /** The JSON text exactly as stored. */
  detail: string;
}

/** A JSON array in a fixed field order: no key order, whitespace or number format to disagree about. */
export function canonicalAudit(row: ChainedRow): string {
  return JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.actor_user_id,
    row.actor_kind,
    row.action,
    row.subject_type,
    row.subject_id,
    row.ip,
    row.detail,
  ]);
}

export function chainHash(prevHash: string, row: ChainedRow): string {
  return crypto
    .createHash('sha256')
    .update(`${prevHash}\n${canonicalAudit(row)}`)
    .digest('hex');
}

export type ChainReport =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; seq: number; id: string | null; reason: string };

/** Walks the chain in order; names the first row whose link, hash or position is wrong. */
export async function verifyChain(db: Database, batch = 5000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let expected = 1;
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_events')
      .select([
        'seq',
        'id',
        'at',
        'actor_user_id',
        'actor_kind',
        'action',
        'subject_type',
        'subject_id',
        'ip',
        'detail',
        'prev_hash',
        'hash',
      ])
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expected)
        return {
          ok: false,
          rows,
          seq: expected,
          id: null,
          reason: `row ${expected} is missing (next is ${seq})`,
        };
      if (row.prev_hash !== prev)
        return { ok: false, rows, seq, id: row.id, reason: `row ${seq} does not link to row ${seq - 1}` };
      if (chainHash(prev, { ...row, seq }) !== row.hash)
        return { ok: false, rows, seq, id: row.id, reason: `row ${seq} was changed after it was written` };
      prev = row.hash;
      expected += 1;
      rows += 1;
    }
    if (page.length < batch) break;
  }
  const unchained = await db
    .selectFrom('audit_events')
    .select(['id'])
    .where('seq', 'is', null)
    .executeTakeFirst();
  if (unchained)
    return {
      ok: false,
      rows,
      seq: expected,
      id: unchained.id,
      reason: `row ${unchained.id} is outside the chain`,
    };
  const head = await db
    .selectFrom('audit_chain')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head || Number(head.seq) !== rows || head.hash !== prev) {
    const headSeq = head ? Number(head.seq) : 0;
    return {
      ok: false,
      rows,
      seq: rows + 1,
      id: null,
      reason:
        headSeq > rows
          ? `rows ${rows + 1}…${headSeq} are missing (the chain's head says ${headSeq})`
          : `the chain's head does not match row ${rows}`,
    };
  }
  return { ok: true, rows, head: prev };
}
