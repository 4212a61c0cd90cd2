// What every service and job handler is given: the infrastructure, each behind its small interface.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database, Dialect } from './db/index.js';
import type { BlobStore } from './storage/index.js';
import type { Clock } from './clock.js';
import type { MediaTools } from './media/tools.js';
import type { SmsDriver } from './notifications/sms.js';
import type { MailDriver } from './notifications/mail.js';

export interface Services {
  config: Config;
  db: Database;
  dialect: Dialect;
  storage: BlobStore;
  clock: Clock;
  media: MediaTools;
  sms: SmsDriver;
  mail: MailDriver;
  log: FastifyBaseLogger;
  /** Tells the in-process worker (if any) that a job was enqueued. */
  nudgeWorker(): void;
}
