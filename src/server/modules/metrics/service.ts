// Prometheus metrics: each process's own (HTTP requests by route, the Node.js process) and the installation's state,
// read from the database when scraped (job queue, uploads, outbox, overdue appeals, booths). Alert rules on these are
// in deploy/prometheus/dialog-alerts.yml; docs/metrics.md lists every series.
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { KIOSK_STATES } from '../../../common/admin.js';
import { MEDIA_STATES } from '../../../common/statuses.js';
import { addDays, dayInZone } from '../../../common/workdays.js';
import type { Services } from '../../services.js';
import { countDue } from '../deadlines/repository.js';
import { listKiosks } from '../kiosks/service.js';
import {
  jobCounts,
  mediaCounts,
  notificationCounts,
  oldestDueJob,
  oldestPendingNotification,
} from './repository.js';

const JOB_STATES = ['queued', 'running', 'failed'] as const;
const CHANNELS = ['sms', 'email'] as const;
const OUTBOX_STATES = ['pending', 'failed', 'undelivered_24h'] as const;

export interface Metrics {
  registry: Registry;
  /** One HTTP request done: its route's pattern (never the raw URL, which may hold a number or a code). */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
}

const secondsSince = (now: Date, iso: string | null) =>
  iso === null ? 0 : Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);

export function createMetrics(services: Services): Metrics {
  const { db, clock, config } = services;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Histogram({
    name: 'dialog_http_request_duration_seconds',
    help: 'HTTP requests served by this process, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  new Gauge({
    name: 'dialog_jobs',
    help: 'Jobs in the durable queue by state (queued includes those waiting for a retry).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await jobCounts(db);
      for (const state of JOB_STATES)
        this.set(
          { state },
          counts.filter((c) => c.state === state).reduce((sum, c) => sum + c.n, 0),
        );
    },
  });
  new Gauge({
    name: 'dialog_jobs_by_name',
    help: 'Jobs not done, by job name and state.',
    labelNames: ['name', 'state'] as const,
    registers: [registry],
    async collect() {
      const counts = await jobCounts(db);
      this.reset();
      for (const c of counts) this.set({ name: c.name, state: c.state }, c.n);
    },
  });
  new Gauge({
    name: 'dialog_job_oldest_due_seconds',
    help: 'How long the longest-waiting due job has waited for a worker (0: none waiting).',
    registers: [registry],
    async collect() {
      const now = clock.now();
      this.set(secondsSince(now, await oldestDueJob(db, now.toISOString())));
    },
  });
  new Gauge({
    name: 'dialog_media_files',
    help: 'Recordings not yet ready, by state: uploading is an upload in progress, failed a refused or broken one.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await mediaCounts(db);
      for (const state of MEDIA_STATES.filter((s) => s !== 'ready'))
        this.set({ state }, counts.find((c) => c.state === state)?.n ?? 0);
    },
  });
  new Gauge({
    name: 'dialog_notifications',
    help: 'SMS and email not sent yet (pending), given up (failed), or reported undelivered by the gateway in 24 h.',
    labelNames: ['channel', 'state'] as const,
    registers: [registry],
    async collect() {
      const since = new Date(clock.now().getTime() - 24 * 3600_000).toISOString();
      const counts = await notificationCounts(db, since);
      for (const channel of CHANNELS)
        for (const state of OUTBOX_STATES)
          this.set(
            { channel, state },
            counts.find((c) => c.channel === channel && c.state === state)?.n ?? 0,
          );
    },
  });
  new Gauge({
    name: 'dialog_notification_oldest_pending_seconds',
    help: 'How long the oldest pending SMS or email has waited (0: none).',
    registers: [registry],
    async collect() {
      this.set(secondsSince(clock.now(), await oldestPendingNotification(db)));
    },
  });
  new Gauge({
    name: 'dialog_appeals_overdue',
    help: 'Open appeals past their deadline and unanswered (the supervisors’ overdue view).',
    registers: [registry],
    async collect() {
      const today = dayInZone(clock.now(), config.TIME_ZONE);
      this.set(await countDue(db, { scope: null, to: addDays(today, -1) }));
    },
  });
  new Gauge({
    name: 'dialog_kiosks',
    help: `Booths by state; silent: no heartbeat for KIOSK_SILENT_MINUTES (${config.KIOSK_SILENT_MINUTES}).`,
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const kiosks = await listKiosks(services);
      for (const state of KIOSK_STATES) this.set({ state }, kiosks.filter((k) => k.state === state).length);
    },
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.observe({ method, route, status: String(status) }, seconds);
    },
  };
}
