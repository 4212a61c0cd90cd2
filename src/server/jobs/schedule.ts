// Recurring jobs. Every worker process ticks the schedules; a schedule's period (a time slot, a local day) is moved
// forward in the `job_schedules` table by a conditional update, and only the process whose update took the row
// enqueues that period's job, in the same transaction. So each period's job is enqueued exactly once however many
// workers tick, and a job missed while every worker was down is enqueued at the next tick.
import type { FastifyBaseLogger } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.js';
import type { Services } from '../services.js';
import { dayInZone } from '../../common/workdays.js';
import { mondayOf } from '../modules/oversight/weekly.js';
import { runPeriodically, type Periodic } from './periodic.js';
import { enqueue } from './queue.js';
import type { JobName, JobPayloads } from './registry.js';

type PeriodicJob = { [N in JobName]: JobPayloads[N] extends { period: string } ? N : never }[JobName];

export interface Schedule {
  job: PeriodicJob;
  /** The period `now` falls in (ISO strings, so later periods sort after earlier ones), or null: not due now. */
  period(services: Services, now: Date): string | null;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour (0–23) on the clock of a time zone at an instant. */
export function hourInZone(instant: Date, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(instant));
}

/** The local hour the daily retention purge may start (a quiet hour: it deletes files). */
export const RETENTION_HOUR = 2;

export const SCHEDULES: readonly Schedule[] = [
  {
    // Every ESCALATION_INTERVAL_MINUTES: the slot's start.
    job: 'escalate-overdue',
    period: (services, now) => {
      const slot = services.config.ESCALATION_INTERVAL_MINUTES * 60_000;
      return new Date(Math.floor(now.getTime() / slot) * slot).toISOString();
    },
  },
  {
    // Once a local day, from DIGEST_HOUR on.
    job: 'send-digests',
    period: (services, now) => {
      const { TIME_ZONE, DIGEST_HOUR } = services.config;
      return hourInZone(now, TIME_ZONE) >= DIGEST_HOUR ? dayInZone(now, TIME_ZONE) : null;
    },
  },
  {
    // Once a local week, from Monday's DIGEST_HOUR on: that Monday (modules/oversight/weekly.ts).
    job: 'send-oversight-weekly',
    period: (services, now) => {
      const { TIME_ZONE, DIGEST_HOUR } = services.config;
      const today = dayInZone(now, TIME_ZONE);
      const monday = mondayOf(today);
      return today === monday && hourInZone(now, TIME_ZONE) < DIGEST_HOUR ? null : monday;
    },
  },
  {
    // Once a local day, in the night (from RETENTION_HOUR): deletion after the retention periods.
    job: 'purge-expired',
    period: (services, now) => {
      const { TIME_ZONE } = services.config;
      return hourInZone(now, TIME_ZONE) >= RETENTION_HOUR ? dayInZone(now, TIME_ZONE) : null;
    },
  },
  {
    // Every half KIOSK_SILENT_MINUTES (5 by default): a silent or faulty booth is told once per incident anyway.
    job: 'check-kiosks',
    period: (services, now) => {
      const slot = Math.max(1, Math.floor(services.config.KIOSK_SILENT_MINUTES / 2)) * 60_000;
      return new Date(Math.floor(now.getTime() / slot) * slot).toISOString();
    },
  },
];

async function claimPeriod(
  trx: Transaction<DB>,
  name: string,
  period: string,
  now: string,
): Promise<boolean> {
  await trx
    .insertInto('job_schedules')
    .values({ name, last_period: '', updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const result = await trx
    .updateTable('job_schedules')
    .set({ last_period: period, updated_at: now })
    .where('name', '=', name)
    .where('last_period', '<', period)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Enqueues each schedule's job for the current period unless some process already did; returns what it enqueued. */
export async function tickSchedules(
  services: Services,
  schedules: readonly Schedule[] = SCHEDULES,
): Promise<string[]> {
  const { db, clock } = services;
  const now = clock.now();
  const enqueued: string[] = [];
  for (const schedule of schedules) {
    const period = schedule.period(services, now);
    if (period === null) continue;
    const claimed = await db.transaction().execute(async (trx) => {
      if (!(await claimPeriod(trx, schedule.job, period, now.toISOString()))) return false;
      await enqueue(trx, clock, schedule.job, { period }, { maxAttempts: 5 });
      return true;
    });
    if (claimed) enqueued.push(`${schedule.job}@${period}`);
  }
  if (enqueued.length > 0) services.nudgeWorker();
  return enqueued;
}

export const SCHEDULE_TICK_MS = 60_000;

/** Ticks soon after start and then every minute until stopped. */
export function startSchedules(
  services: Services,
  log?: FastifyBaseLogger,
  intervalMs = SCHEDULE_TICK_MS,
): Periodic {
  return runPeriodically({
    task: () => tickSchedules(services),
    intervalMs,
    firstDelayMs: 2_000,
    onDone: (enqueued) => {
      if (enqueued.length > 0) log?.info({ enqueued }, 'scheduled jobs enqueued');
    },
    onError: (error) => log?.error({ err: error }, 'schedule tick failed'),
  });
}
