// The worker loop: claims jobs one by one and runs their handlers. Runs in the server process by default, or alone
// as `npm run worker`.
import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services.js';
import type { Job } from '../db/types.js';
import { claimJob, completeJob, failJob, keepLease, releaseJob } from './queue.js';
import { PermanentJobError, type JobName, type JobPayloads } from './registry.js';
import { processMedia } from '../media/process.js';
import { sendNotification } from '../notifications/send.js';
import { scheduleUploadSweep } from '../modules/uploads/sweep.js';
import { escalateOverdue, sendDigests } from '../modules/deadlines/service.js';
import { sendWeeklySummaries } from '../modules/oversight/weekly.js';
import { startSchedules } from './schedule.js';
import { checkKiosks } from '../modules/kiosks/alerts.js';
import { purgeExpired } from '../modules/privacy/purge.js';
import { killMediaChildren } from '../media/tools.js';

type Handlers = {
  [N in JobName]: (services: Services, payload: JobPayloads[N], job: Job) => Promise<void>;
};

const handlers: Handlers = {
  'process-media': (services, payload, job) =>
    processMedia(services, payload.mediaId, { finalAttempt: job.attempts >= job.max_attempts }),
  'send-notification': (services, payload, job) =>
    sendNotification(services, payload.notificationId, { finalAttempt: job.attempts >= job.max_attempts }),
  'escalate-overdue': async (services) => {
    await escalateOverdue(services);
  },
  'send-digests': async (services, payload) => {
    await sendDigests(services, payload.period);
  },
  'send-oversight-weekly': async (services, payload) => {
    await sendWeeklySummaries(services, payload.period);
  },
  'check-kiosks': async (services) => {
    await checkKiosks(services);
  },
  'purge-expired': async (services) => {
    const run = await purgeExpired(services);
    services.log.info({ run }, 'retention: deleted what outlived its period');
  },
};

/** The job a worker loop is running now, so a stopping worker can give it back. */
interface RunningJob {
  job: Job;
  lease: { stop(): void };
  /** Given back to the queue: what the handler does afterwards is not recorded. */
  released: boolean;
}

/** Runs one due job if there is one; returns whether it found one. `slot` holds the job while it runs. */
export async function runOneJob(
  services: Services,
  log?: FastifyBaseLogger,
  slot?: { running: RunningJob | null },
): Promise<boolean> {
  const { db, dialect, clock } = services;
  const leaseMs = services.config.JOB_LEASE_SECONDS * 1000;
  const job = await claimJob(db, dialect, clock, leaseMs);
  if (!job) return false;
  const handler = handlers[job.name as JobName] as
    ((s: Services, p: unknown, j: Job) => Promise<void>) | undefined;
  // Held while the handler runs, so a long transcode is never run twice; a dead worker's lease simply runs out.
  const lease = keepLease(db, clock, job.id, leaseMs, (problem) =>
    (log ?? services.log).warn({ job: job.id, name: job.name, problem }, 'job lease renewal'),
  );
  const running: RunningJob = { job, lease, released: false };
  if (slot) slot.running = running;
  try {
    if (!handler) throw new PermanentJobError(`unknown job ${job.name}`);
    await handler(services, JSON.parse(job.payload), job);
    lease.stop();
    if (running.released) return true;
    await completeJob(db, clock, job.id);
    log?.info({ job: job.id, name: job.name }, 'job done');
  } catch (error) {
    lease.stop();
    if (running.released) return true;
    log?.warn({ job: job.id, name: job.name, err: error }, 'job failed');
    await failJob(db, clock, job, error, error instanceof PermanentJobError);
  } finally {
    if (slot?.running === running) slot.running = null;
  }
  return true;
}

/** Runs every job that is due now, one after another (tests and the CLI use it). */
export async function drainJobs(services: Services, log?: FastifyBaseLogger): Promise<number> {
  let count = 0;
  while (await runOneJob(services, log)) count++;
  return count;
}

export interface WorkerHandle {
  /**
   * Claims nothing more and waits for the running job; if it is still running after `graceMs`, the job is released
   * (queued again, the attempt not counted) and its ffmpeg killed. Calling it again returns the same promise.
   */
  stop(graceMs?: number): Promise<void>;
  /** Wakes the loop now instead of at the next poll (after an enqueue in this process). */
  nudge(): void;
}

/** Gives a job back to the queue and kills the ffmpeg it started; the handler's own ending is then ignored. */
async function release(running: RunningJob, services: Services, log?: FastifyBaseLogger): Promise<void> {
  running.released = true;
  running.lease.stop();
  const killed = killMediaChildren();
  const { job } = running;
  const released = await releaseJob(services.db, services.clock, job.id);
  (log ?? services.log).warn(
    { job: job.id, name: job.name, released, killed },
    'job still running when the grace ran out: given back to the queue',
  );
}

export function startWorker(
  services: Services,
  options: { pollMs: number; log?: FastifyBaseLogger },
): WorkerHandle {
  let stopping = false;
  let stopped: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  const slot: { running: RunningJob | null } = { running: null };
  const sweep = scheduleUploadSweep(services, options.log);
  const schedules = startSchedules(services, options.log);
  const loop = (async () => {
    while (!stopping) {
      let found = false;
      try {
        found = await runOneJob(services, options.log, slot);
      } catch (error) {
        options.log?.error({ err: error }, 'worker loop error');
      }
      if (!found && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();
  return {
    stop(graceMs = Number.POSITIVE_INFINITY) {
      stopped ??= (async () => {
        stopping = true;
        wake?.();
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          loop.then(() => true),
          new Promise<boolean>((resolve) => {
            if (Number.isFinite(graceMs)) timer = setTimeout(() => resolve(false), graceMs);
          }),
        ]);
        clearTimeout(timer);
        const running = slot.running;
        if (!finished && running) await release(running, services, options.log);
        await sweep.stop();
        await schedules.stop();
      })();
      return stopped;
    },
    nudge() {
      wake?.();
    },
  };
}
