// Test support: a second worker process for deadlines.test.ts. Opens the test's database (the config given as JSON
// in DIALOG_RACE_CONFIG, the clock at DIALOG_RACE_NOW), waits for the go signal on stdin so that every racer starts
// at once, then ticks the schedules and escalates, and prints what it did as one JSON line. Not used by the server.
import pino from 'pino';
import type { Config } from '../../config.js';
import { fixedClock } from '../../clock.js';
import { openRuntime } from '../../runtime.js';
import type { Services } from '../../services.js';
import { tickSchedules } from '../../jobs/schedule.js';
import { escalateOverdue } from './service.js';

async function main(): Promise<void> {
  const config = JSON.parse(process.env.DIALOG_RACE_CONFIG ?? '{}') as Config;
  const clock = fixedClock(process.env.DIALOG_RACE_NOW ?? new Date().toISOString());
  const log = pino({ level: 'silent' });
  const runtime = await openRuntime(config, { clock, log, migrate: false });
  const services: Services = {
    config,
    db: runtime.database.db,
    dialect: runtime.database.dialect,
    storage: runtime.storage,
    clock,
    media: runtime.media,
    sms: runtime.sms,
    mail: runtime.mail,
    log,
    nudgeWorker: () => undefined,
  };
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const ticked = await tickSchedules(services);
  const escalated = await escalateOverdue(services);
  process.stdout.write(`${JSON.stringify({ ticked, escalated })}\n`);
  await runtime.sms.close?.();
  await runtime.database.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
  },
);
