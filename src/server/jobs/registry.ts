// The typed registry of jobs: name → payload → handler. Handlers are idempotent and say what they do when the
// row they need is gone.
export interface JobPayloads {
  'process-media': { mediaId: string };
  'send-notification': { notificationId: string };
  /** Recurring (jobs/schedule.ts): the period is the slot's start time. */
  'escalate-overdue': { period: string };
  /** Recurring: the period is the local day the digest is for. */
  'send-digests': { period: string };
  /** Recurring: the period is the Monday of the local week whose summary goes to supervisors (oversight/weekly.ts). */
  'send-oversight-weekly': { period: string };
  /** Recurring (every half KIOSK_SILENT_MINUTES): booths gone silent or reporting a fault are told to the admins (kiosks/alerts.ts). */
  'check-kiosks': { period: string };
  /** Recurring (daily, from RETENTION_HOUR local time): deletion after the retention periods (privacy/purge.ts). */
  'purge-expired': { period: string };
}

export type JobName = keyof JobPayloads;

/** Thrown by a handler when retrying cannot help (the input itself is bad). */
export class PermanentJobError extends Error {}
