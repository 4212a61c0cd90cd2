// Audit rows: who did what to which record, written in the same transaction as the act (or alone, for views).
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../clock.js';

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
  await db
    .insertInto('audit_events')
    .values({
      id: crypto.randomUUID(),
      at: clock.now().toISOString(),
      actor_user_id: event.actorUserId,
      actor_kind: event.actorKind,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      ip: event.ip,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}
