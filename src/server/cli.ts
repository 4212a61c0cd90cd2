// The one entry for operators: `npm start`, `npm run worker|migrate|seed|create-admin` all land here.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig, type Config } from './config.js';
import { buildApp } from './app.js';
import { openRuntime, runtimeServices } from './runtime.js';
import { startWorker, type WorkerHandle } from './jobs/worker.js';
import { seedDemo, isEmpty } from './db/seed.js';
import { seedDemoAppeals } from './db/demo-appeals.js';
import { migrateToLatest } from './db/index.js';
import { CommandError, createAdminAccount, openServices, resetPasswordFor } from './admin-cli.js';
import { verifyChain } from './modules/audit/chain.js';
import { pairKiosk } from './modules/kiosks/service.js';
import { Problem } from './errors.js';
import { sweepAbandonedUploads } from './modules/uploads/sweep.js';
import type { Services } from './services.js';
import { createBlobStore } from './storage/index.js';
import { createBackup, restoreBackup, type Progress } from './backup/backup.js';
import { handleShutdownSignals } from './shutdown.js';

const HELP: Record<string, string> = {
  start:
    'start            run the server (ROLE=all: API + in-process worker; ROLE=api: API only); seeds demo data into an empty database unless SEED_DEMO=false',
  worker: 'worker           run only the job worker',
  migrate: 'migrate          apply pending database migrations',
  seed: 'seed             load the demo city administration and demo accounts (into an empty database)',
  'create-admin': 'create-admin --username NAME --password PASS   create an admin account',
  'pair-kiosk':
    'pair-kiosk CODE --name NAME [--location PLACE]   pair the booth whose screen shows CODE (XXXX-XXXX)',
  'audit-verify':
    'audit-verify     walk the audit hash chain: prints "intact" with the row count and head hash, or names the first broken row (exit 1)',
  'reset-password':
    'reset-password USERNAME [--reset-totp]   set a one-time password the user must change at the next log-in (prints it); unlocks the account, ends its sessions; --reset-totp also removes the second factor',
  backup:
    'backup [--out DIR]   copy the database (a consistent snapshot) and every blob into DIR (default backups/dialog-<time>), with a manifest of sha256s; the server may keep running',
  restore:
    "restore DIR      check the backup in DIR against its manifest, then restore it into this configuration's empty database and blob store, and compare rows and hashes",
  'sweep-uploads':
    'sweep-uploads    delete abandoned uploads (untouched for UPLOAD_ABANDON_HOURS, in no appeal, under no live reservation) and expired unspent reservations now; the worker does this every 10 minutes',
};

function usage(): string {
  return `Usage: tsx src/server/cli.ts <command> [--help]\n\nCommands:\n${Object.values(HELP)
    .map((l) => `  ${l}`)
    .join('\n')}\n\nConfiguration comes from the environment (see .env.example).`;
}

/** A line on stderr at most once a second, and at the end of each counted step. */
function progressLines(): Progress {
  let last = 0;
  return (done, total, what) => {
    const now = Date.now();
    if ((total !== null && done === total) || now - last >= 1000) {
      last = now;
      process.stderr.write(`${what}: ${done}${total === null ? '' : `/${total}`}\n`);
    }
  };
}

function loadEnvFile(): void {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
}

async function start(config: Config, role: 'all' | 'api' | 'worker'): Promise<void> {
  const log = pino({ level: config.LOG_LEVEL });
  const runtime = await openRuntime(config, { log });
  // The directory first; the demo's appeals once the services that make them exist.
  const seeding = config.SEED_DEMO && (await isEmpty(runtime.database.db));
  if (seeding) await seedDemo(runtime.database.db, runtime.storage, runtime.clock);
  let worker: WorkerHandle | null = null;
  const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
  const app =
    role === 'worker'
      ? null
      : await buildApp({
          ...runtime,
          webRoot,
          logger: { level: config.LOG_LEVEL },
          nudgeWorker: () => worker?.nudge(),
        });
  const services: Services = app ? app.services : runtimeServices(runtime, log);
  if (seeding) {
    await seedDemoAppeals(services);
    log.info('demo data loaded into the empty database');
  }
  if (role !== 'api') {
    worker = startWorker(services, { pollMs: config.WORKER_POLL_MS, log });
    // A worker binds to the SMSC at once, so the receipts it holds for earlier messages arrive.
    runtime.sms.open?.();
  }

  handleShutdownSignals({
    log,
    graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    api: app ? { server: app.server, close: () => app.close() } : null,
    worker: () => worker,
    async finish() {
      await runtime.sms.close?.();
      await runtime.mail.close?.();
      await runtime.database.close();
    },
  });

  if (app) {
    const address = await app.listen({ host: config.HOST, port: config.PORT });
    const base = config.PUBLIC_URL || address;
    const lines = [
      '',
      'Dialog is running.',
      `  Kiosk:        ${base}/kiosk`,
      `  Office:       ${base}/office`,
      `  Public site:  ${base}/`,
      `  API docs:     ${base}/api/docs`,
      '',
      config.SEED_DEMO
        ? 'Demo accounts (office): official / official-demo, operator / operator-demo, supervisor / supervisor-demo, admin / admin-demo'
        : '',
      `Database: ${config.database.dialect}; data directory: ${config.dataDir}`,
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } else {
    log.info('worker started');
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === '--help' || command === 'help' || !(command in HELP)) {
    process.stdout.write(usage() + '\n');
    process.exit(command && command !== '--help' && command !== 'help' ? 2 : 0);
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: command === 'pair-kiosk' || command === 'reset-password' || command === 'restore',
    options: {
      help: { type: 'boolean' },
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      location: { type: 'string' },
      'reset-totp': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP[command]}\n`);
    return;
  }
  loadEnvFile();
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config, config.ROLE);
    case 'worker':
      return start(config, 'worker');
    case 'migrate': {
      const runtime = await openRuntime(config, { migrate: false });
      const applied = await migrateToLatest(runtime.database.db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'nothing to apply\n');
      return runtime.database.close();
    }
    case 'seed': {
      const runtime = await openRuntime(config);
      if (!(await isEmpty(runtime.database.db))) {
        process.stdout.write('the database already has a directory; seed skipped\n');
      } else {
        await seedDemo(runtime.database.db, runtime.storage, runtime.clock);
        await seedDemoAppeals(runtimeServices(runtime, pino({ level: config.LOG_LEVEL })));
        process.stdout.write(
          'demo data loaded (the appeals’ videos are processed when the server or a worker starts)\n',
        );
      }
      return runtime.database.close();
    }
    case 'create-admin': {
      if (!values.username || !values.password) {
        process.stderr.write(`${HELP['create-admin']}\n`);
        process.exit(2);
      }
      const { runtime, services } = await openServices(config);
      try {
        await createAdminAccount(services, values.username, values.password);
        process.stdout.write(`admin ${values.username.toLowerCase()} created\n`);
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = error.exitCode;
      }
      return runtime.database.close();
    }
    case 'pair-kiosk': {
      const [code] = positionals;
      if (!code || positionals.length > 1 || !values.name?.trim()) {
        process.stderr.write(`${HELP['pair-kiosk']}\n`);
        process.exit(2);
      }
      const { runtime, services } = await openServices(config);
      try {
        const kiosk = await pairKiosk(
          services,
          null,
          { code, name: values.name, location: values.location ?? '' },
          null,
        );
        process.stdout.write(
          `kiosk "${kiosk.name}" paired (id ${kiosk.id}); the booth picks up its credential within seconds\n`,
        );
      } catch (error) {
        if (!(error instanceof Problem && error.slug === 'pairing-code-unknown')) throw error;
        process.stderr.write(`no booth is waiting with the code ${code}, or the code has expired\n`);
        process.exitCode = 1;
      }
      return runtime.database.close();
    }
    case 'audit-verify': {
      const { runtime, services } = await openServices(config);
      const report = await verifyChain(services.db);
      if (report.ok) {
        process.stdout.write(`audit chain intact: ${report.rows} row(s), head ${report.head}\n`);
      } else {
        process.stdout.write(
          `audit chain broken at row ${report.seq}${report.id ? ` (id ${report.id})` : ''}: ${report.reason}\n`,
        );
        process.exitCode = 1;
      }
      return runtime.database.close();
    }
    case 'reset-password': {
      const [username] = positionals;
      if (!username || positionals.length > 1) {
        process.stderr.write(`${HELP['reset-password']}\n`);
        process.exit(2);
      }
      const { runtime, services } = await openServices(config);
      try {
        const temporaryPassword = await resetPasswordFor(services, username, values['reset-totp'] === true);
        process.stdout.write(
          `one-time password for ${username}: ${temporaryPassword}\n(it must be changed at the next log-in)\n`,
        );
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = error.exitCode;
      }
      return runtime.database.close();
    }
    case 'backup': {
      const target = path.resolve(
        values.out ?? path.join('backups', `dialog-${new Date().toISOString().replace(/[:.]/g, '-')}`),
      );
      const store = await createBlobStore(config);
      const manifest = await createBackup(config, store, target, progressLines());
      const bytes = manifest.blobs.reduce((sum, b) => sum + b.size, 0) + manifest.database.size;
      process.stdout.write(
        `backup written to ${target}: ${Object.keys(manifest.rows).length} tables, ${manifest.blobs.length} blob(s), ${bytes} bytes\n`,
      );
      return;
    }
    case 'restore': {
      const [source] = positionals;
      if (!source || positionals.length > 1) {
        process.stderr.write(`${HELP.restore}\n`);
        process.exit(2);
      }
      const store = await createBlobStore(config);
      const manifest = await restoreBackup(config, store, path.resolve(source), progressLines());
      const rows = Object.values(manifest.rows).reduce((sum, n) => sum + n, 0);
      process.stdout.write(
        `restored and checked: ${rows} rows in ${Object.keys(manifest.rows).length} tables and ${manifest.blobs.length} blob(s) match the backup of ${manifest.createdAt}\n`,
      );
      return;
    }
    case 'sweep-uploads': {
      const { runtime, services } = await openServices(config);
      const removed = await sweepAbandonedUploads(services);
      process.stdout.write(
        `removed ${removed.uploads} abandoned upload(s), ${removed.strays} stray file(s) (${removed.bytes} bytes) and ${removed.reservations} expired reservation(s)\n`,
      );
      return runtime.database.close();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
