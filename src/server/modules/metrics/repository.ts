// The figures an operator alerts on, read from the database at each scrape, so every process reports the whole
// installation's state (the queue, the outbox, uploads) and not its own memory.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';

type Executor = Database | Transaction<DB>;

export interface JobCount {
  name: string;
  state: string;
  n: number;
}

export async function jobCounts(db: Executor): Promise<JobCount[]> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['name', 'state', eb.fn.countAll<number>().as('n')])
    .where('state', '!=', 'done')
    .groupBy(['name', 'state'])
    .execute();
  return rows.map((r) => ({ name: r.name, state: r.state, n: Number(r.n) }));
}

/** When the longest-waiting job became due (queued, its run_at passed), or null when none waits. */
export async function oldestDueJob(db: Executor, now: string): Promise<string | null> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('run_at').as('oldest'))
    .where('state', '=', 'queued')
    .where('run_at', '<=', now)
    .executeTakeFirst();
  return row?.oldest ?? null;
}

export async function mediaCounts(db: Executor): Promise<{ state: string; n: number }[]> {
  const rows = await db
    .selectFrom('media_files')
    .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
    .where('state', '!=', 'ready')
    .groupBy('state')
    .execute();
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}

export interface NotificationCount {
  channel: string;
  state: string;
  n: number;
}

/** Notifications pending or failed, by channel; and those a gateway reported undelivered since `since`. */
export async function notificationCounts(db: Executor, since: string): Promise<NotificationCount[]> {
  const rows = await db
    .selectFrom('notifications')
    .select((eb) => ['channel', 'state', eb.fn.countAll<number>().as('n')])
    .where('state', '!=', 'sent')
    .groupBy(['channel', 'state'])
    .execute();
  const undelivered = await db
    .selectFrom('notifications')
    .select((eb) => ['channel', eb.fn.countAll<number>().as('n')])
    .where('delivery_state', '=', 'undelivered')
    .where('created_at', '>=', since)
    .groupBy('channel')
    .execute();
  return [
    ...rows.map((r) => ({ channel: r.channel, state: r.state, n: Number(r.n) })),
    ...undelivered.map((r) => ({ channel: r.channel, state: 'undelivered_24h', n: Number(r.n) })),
  ];
}

/** When the longest-waiting pending notification was queued, or null. */
export async function oldestPendingNotification(db: Executor): Promise<string | null> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.min('created_at').as('oldest'))
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return row?.oldest ?? null;
}
