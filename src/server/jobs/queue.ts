// The durable job table: enqueue inside the caller's transaction, claim safely under concurrency, retry with backoff.
import crypto from 'node:crypto';
import os from 'node:os';
import { sql, type Transaction } from 'kysely';
import type { Database, Dialect } from '../db/index.js';
import type { DB, Job } from '../db/types.js';
import type { Clock } from '../clock.js';
import type { JobName, JobPayloads } from './registry.js';

type Executor = Database | Transaction<DB>;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

export async function enqueue<N extends JobName>(
  db: Executor,
  clock: Clock,
  name: N,
  payload: JobPayloads[N],
  options: EnqueueOptions = {},
): Promise<string> {
  const now = clock.now().toISOString();
  const id = crypto.randomUUID();
  await db
    .insertInto('jobs')
    .values({
      id,
      name,
      payload: JSON.stringify(payload),
      state: 'queued',
      attempts: 0,
      max_attempts: options.maxAttempts ?? 8,
      run_at: (options.runAt ?? clock.now()).toISOString(),
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

/**
 * Takes the oldest due job (or one whose lease ran out because its worker died) and leases it to this worker.
 * PostgreSQL: FOR UPDATE SKIP LOCKED, so concurrent workers never take the same row; SQLite: one writer at a time,
 * and the UPDATE … WHERE id = (SELECT …) is a single atomic statement.
 */
export async function claimJob(
  db: Database,
  dialect: Dialect,
  clock: Clock,
  leaseMs: number,
): Promise<Job | null> {
  const now = clock.now().toISOString();
  const until = new Date(clock.now().getTime() + leaseMs).toISOString();
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('run_at')
    .limit(1);
  const picked = dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
  const row = await db
    .updateTable('jobs')
    .set({
      state: 'running',
      locked_by: workerId,
      locked_until: until,
      attempts: sql<number>`attempts + 1`,
      updated_at: now,
    })
    .where('id', '=', picked)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function completeJob(db: Database, clock: Clock, id: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: 'done', locked_by: null, locked_until: null, updated_at: clock.now().toISOString() })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Extends this worker's lease on a running job, so a long transcode is never taken by a second worker. Returns false
 * when the job is no longer this worker's (it finished, or the lease ran out and another worker took it).
 */
export async function renewLease(db: Database, clock: Clock, id: string, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: new Date(clock.now().getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Renews the lease every third of its length until stopped (the handler finished or failed). `onTrouble` hears of a
 * lost lease (renewal then stops) or of a renewal that failed (it tries again at the next tick).
 */
export function keepLease(
  db: Database,
  clock: Clock,
  id: string,
  leaseMs: number,
  onTrouble: (problem: 'lost' | Error) => void = () => undefined,
): { stop(): void } {
  const timer = setInterval(
    () => {
      renewLease(db, clock, id, leaseMs).then(
        (held) => {
          if (held) return;
          clearInterval(timer);
          onTrouble('lost');
        },
        (error: unknown) => onTrouble(error instanceof Error ? error : new Error(String(error))),
      );
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  return { stop: () => clearInterval(timer) };
}

/** Exponential backoff: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2000 * 2 ** Math.max(0, attempts - 1), 10 * 60 * 1000);
}

export async function failJob(
  db: Database,
  clock: Clock,
  job: Job,
  error: unknown,
  permanent = false,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const giveUp = permanent || job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      state: giveUp ? 'failed' : 'queued',
      run_at: new Date(clock.now().getTime() + backoffMs(job.attempts)).toISOString(),
      locked_by: null,
      locked_until: null,
      last_error: message.slice(0, 2000),
      updated_at: clock.now().toISOString(),
    })
    .where('id', '=', job.id)
    .execute();
}

/**
 * Gives a running job back when its worker stops before the job finished (SIGTERM, grace ran out): queued and due at
 * once, the lease ended, and the claim's attempt not counted, so another worker takes it as if it were never begun.
 * Only this worker's own claim is released; returns whether it was.
 */
export async function releaseJob(db: Database, clock: Clock, id: string): Promise<boolean> {
  const now = clock.now().toISOString();
  const result = await db
    .updateTable('jobs')
    .set({
      state: 'queued',
      attempts: sql<number>`attempts - 1`,
      run_at: now,
      locked_by: null,
      locked_until: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
