// Opens what a process needs from the configuration: database (migrated), blob store, media tools, SMS driver.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/index.js';
import { createBlobStore } from './storage/index.js';
import { createMediaTools } from './media/tools.js';
import { LogSmsDriver } from './notifications/sms.js';
import { systemClock, type Clock } from './clock.js';
import type { AppDeps } from './app.js';

export async function openRuntime(
  config: Config,
  options: { log?: FastifyBaseLogger; clock?: Clock; migrate?: boolean } = {},
): Promise<Omit<AppDeps, 'webRoot' | 'logger' | 'nudgeWorker'> & { database: DatabaseHandle }> {
  const database = await openDatabase(config.database);
  if (options.migrate !== false) await migrateToLatest(database.db);
  return {
    config,
    database,
    storage: await createBlobStore(config),
    clock: options.clock ?? systemClock,
    media: createMediaTools(config),
    sms: new LogSmsDriver(options.log),
  };
}
