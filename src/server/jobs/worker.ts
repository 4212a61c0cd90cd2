// The worker loop: claims jobs one by one and runs their handlers. Runs in the server process by default, or alone
// as `npm run worker`.
import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services.js';
import type { Job } from '../db/types.js';
import { claimJob, completeJob, failJob, keepLease } from './queue.js';
import { PermanentJobError, type JobName, type JobPayloads } from './registry.js';
import { processMedia } from '../media/process.js';
import { sendNotification } from '../notifications/send.js';
import { scheduleUploadSweep } from '../modules/uploads/sweep.js';
import { escalateOverdue, sendDigests } from '../modules/deadlines/service.js';
import { sendWeeklySummaries } from '../modules/oversight/weekly.js';
import { startSchedules } from './schedule.js';
import { checkKiosks } from '../modules/kiosks/alerts.js';
import { purgeExpired } from '../modules/privacy/purge.js';

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

/** Runs one due job if there is one; returns whether it found one. */
export async function runOneJob(services: Services, log?: FastifyBaseLogger): Promise<boolean> {
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
  try {
    if (!handler) throw new PermanentJobError(`unknown job ${job.name}`);
    await handler(services, JSON.parse(job.payload), job);
    lease.stop();
    await completeJob(db, clock, job.id);
    log?.info({ job: job.id, name: job.name }, 'job done');
  } catch (error) {
    lease.stop();
    log?.warn({ job: job.id, name: job.name, err: error }, 'job failed');
    await failJob(db, clock, job, error, error instanceof PermanentJobError);
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
  stop(): Promise<void>;
  /** Wakes the loop now instead of at the next poll (after an enqueue in this process). */
  nudge(): void;
}

export function startWorker(
  services: Services,
  options: { pollMs: number; log?: FastifyBaseLogger },
): WorkerHandle {
  let stopping = false;
  let wake: (() => void) | null = null;
  const sweep = scheduleUploadSweep(services, options.log);
  const schedules = startSchedules(services, options.log);
  const loop = (async () => {
    while (!stopping) {
      let found = false;
      try {
        found = await runOneJob(services, options.log);
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
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await sweep.stop();
      await schedules.stop();
    },
    nudge() {
      wake?.();
    },
  };
}
