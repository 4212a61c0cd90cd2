// Opens what a process needs from the configuration: database (migrated), blob store, media tools, SMS and email
// drivers.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/index.js';
import { createBlobStore } from './storage/index.js';
import { createMediaTools } from './media/tools.js';
import { createNotificationDrivers } from './notifications/drivers.js';
import type { MailDriver } from './notifications/mail.js';
import { systemClock, type Clock } from './clock.js';
import type { AppDeps } from './app.js';
import type { Services } from './services.js';

export async function openRuntime(
  config: Config,
  options: { log?: FastifyBaseLogger; clock?: Clock; migrate?: boolean } = {},
): Promise<
  Omit<AppDeps, 'webRoot' | 'logger' | 'nudgeWorker'> & { database: DatabaseHandle; mail: MailDriver }
> {
  const database = await openDatabase(config.database);
  if (options.migrate !== false) await migrateToLatest(database.db);
  const clock = options.clock ?? systemClock;
  const { sms, mail } = createNotificationDrivers(config, {
    db: database.db,
    dialect: database.dialect,
    clock,
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    config,
    database,
    storage: await createBlobStore(config),
    clock,
    media: createMediaTools(config),
    sms,
    mail,
  };
}

export type Runtime = Awaited<ReturnType<typeof openRuntime>>;

/** The services of a process without the HTTP app (a worker, the seed, the admin CLI). */
export function runtimeServices(runtime: Runtime, log: FastifyBaseLogger): Services {
  return {
    ...runtime,
    db: runtime.database.db,
    dialect: runtime.database.dialect,
    log,
    nudgeWorker: () => undefined,
  };
}
