// `npm run admin -- <command>`: the administrator's commands (create the first admin, reset a password, import a
// directory file, list the booths). The operator's CLI (cli.ts) runs create-admin and reset-password through the same
// functions, so the rules live once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig, type Config } from './config.js';
import { openRuntime, runtimeServices } from './runtime.js';
import { Problem } from './errors.js';
import type { Services } from './services.js';
import type { DirectoryFormat, ImportReport } from '../common/directory.js';
import { hashPassword, resetPassword } from './modules/auth/service.js';
import { recordAudit } from './modules/audit/repository.js';
import { importDirectory } from './modules/directory/admin.js';
import { listKiosks } from './modules/kiosks/service.js';
import type { KioskState } from '../common/admin.js';

/** The services a one-off command needs, without the HTTP app or a worker loop. */
export async function openServices(config: Config) {
  const runtime = await openRuntime(config);
  return { runtime, services: runtimeServices(runtime, pino({ level: config.LOG_LEVEL })) };
}

/** A command's failure the person can fix: printed as it is, exit 1 (or 2 for a usage error). */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export async function createAdminAccount(
  services: Services,
  username: string,
  password: string,
): Promise<void> {
  const name = username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{2,64}$/.test(name))
    throw new CommandError('the username is 2-64 letters a-z, digits, ".", "_" or "-"', 2);
  if (password.length < services.config.PASSWORD_MIN_LENGTH)
    throw new CommandError(
      `the password needs at least ${services.config.PASSWORD_MIN_LENGTH} characters`,
      2,
    );
  const taken = await services.db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', name)
    .executeTakeFirst();
  if (taken) throw new CommandError(`a user ${name} already exists (reset their password instead)`);
  const id = crypto.randomUUID();
  const passwordHash = await hashPassword(password);
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('staff_users')
      .values({
        id,
        username: name,
        display_name: username.trim(),
        password_hash: passwordHash,
        roles: 'admin',
        official_id: null,
        active: 1,
        created_at: services.clock.now().toISOString(),
      })
      .execute();
    await recordAudit(trx, services.clock, {
      actorUserId: null,
      actorKind: 'system',
      action: 'user.created',
      subjectType: 'staff_user',
      subjectId: id,
      ip: null,
      detail: { username: name, roles: ['admin'], via: 'cli' },
    });
  });
}

/** A one-time password the user must change at the next log-in. */
export async function resetPasswordFor(
  services: Services,
  username: string,
  resetTotp: boolean,
): Promise<string> {
  const user = await services.db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
  if (!user) throw new CommandError(`no user ${username}`);
  const { temporaryPassword } = await resetPassword(services, null, user.id, { resetTotp }, null);
  return temporaryPassword;
}

const STATE_WORDS: Record<KioskState, string> = {
  fault: 'fault',
  silent: 'silent',
  waiting: 'waiting for its first heartbeat',
  ok: 'working',
  revoked: 'revoked',
};

/** Every booth as the admin screen shows it (faults first), a line each, then a line counting them by state. */
export async function kioskLines(services: Services): Promise<string[]> {
  const kiosks = await listKiosks(services);
  if (kiosks.length === 0) return [];
  const lines = kiosks.map((k) =>
    [
      k.name,
      k.location || '-',
      k.faults.length && k.state === 'fault' ? `fault: ${k.faults.join(', ')}` : STATE_WORDS[k.state],
      `last heartbeat ${k.lastHeartbeatAt ?? 'never'}`,
      `version ${k.softwareVersion ?? '-'}`,
      `queued uploads ${k.pendingUploads ?? '-'}`,
      `appeals today ${k.appealsToday}`,
      k.id,
    ].join(' | '),
  );
  const counts = (Object.keys(STATE_WORDS) as KioskState[])
    .map((state) => [state, kiosks.filter((k) => k.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${STATE_WORDS[state]}`);
  return [...lines, `${kiosks.length} booth(s): ${counts.join(', ')}`];
}

/** A bar on stderr, redrawn in place on a terminal; elsewhere (a log) a line at each quarter. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let lastQuarter = -1;
  return (done: number, total: number) => {
    const share = total === 0 ? 1 : done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} rows`);
      if (done === total) stream.write('\n');
    } else if (Math.floor(share * 4) > lastQuarter) {
      lastQuarter = Math.floor(share * 4);
      stream.write(`${done}/${total} rows\n`);
    }
  };
}

export function formatReport(report: ImportReport): string {
  const lines = [
    `${report.dryRun ? 'dry run: ' : ''}${report.rows} row(s) read`,
    `departments: ${report.created.departments} new, ${report.updated.departments} changed, ${report.unchanged.departments} unchanged`,
    `officials:   ${report.created.officials} new, ${report.updated.officials} changed, ${report.unchanged.officials} unchanged`,
  ];
  if (report.errors.length) {
    lines.push(`${report.errors.length} error(s); nothing was written:`);
    for (const e of report.errors) lines.push(`  row ${e.row}, ${e.column}: ${e.code}: ${e.message}`);
  } else if (report.dryRun) {
    lines.push('no errors; run again without --dry-run to import');
  }
  return lines.join('\n');
}

export async function importDirectoryFile(
  services: Services,
  file: string,
  options: { dryRun: boolean; format?: DirectoryFormat; onProgress?: (done: number, total: number) => void },
): Promise<ImportReport> {
  const format = options.format ?? (file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    // A file with errors comes back as a report listing them, as a dry run's, rather than a bare refusal.
    return await importDirectory(services, { userId: null, ip: null }, bytes, format, {
      dryRun: options.dryRun,
      reportErrors: true,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (error) {
    if (error instanceof Problem) throw new CommandError(error.detail ?? error.slug);
    throw error;
  }
}

const HELP: Record<string, string> = {
  'create-admin': `create-admin --username NAME --password PASS
    Create an administrator (the first one, or one more). The password needs PASSWORD_MIN_LENGTH characters.`,
  'reset-password': `reset-password USERNAME [--reset-totp]
    Set a one-time password the user must change at the next log-in (printed); unlocks the account and ends its
    sessions. --reset-totp also removes the second factor.`,
  'import-directory': `import-directory FILE [--dry-run] [--format csv|xlsx]
    Import departments and officials from a CSV or XLSX file (docs/admin-directory.md has the columns). The file
    is checked first; with any error nothing is written and every error is listed by row and column (exit 1).
    --dry-run only checks and says what would change. The format follows the file's extension unless given.`,
  'list-kiosks': `list-kiosks
    Every booth, faults first: name, location, state (working, silent, fault: which part, waiting for its first
    heartbeat, revoked), last heartbeat, software version, queued uploads, today's appeals, id; then a count by state.`,
};

function usage(): string {
  return `Usage: npm run admin -- <command> [options]   (npm run admin -- <command> --help for one)

Commands:
${Object.values(HELP)
  .map((h) => `  ${h.replaceAll('\n', '\n  ')}`)
  .join('\n')}

Configuration comes from the environment and .env (see .env.example): the same database as the server.`;
}

/** Where a command's answer (out) and its complaints (err) go: the process's streams, or a test's. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  const out = (text: string) => io.out(`${text}\n`);
  if (!command || command === '--help' || command === 'help') {
    out(usage());
    return 0;
  }
  const fail = (message: string, code = 2) => {
    io.err(`${message}\n`);
    return code;
  };
  if (!(command in HELP))
    return fail(`unknown command: ${command} (commands: ${Object.keys(HELP).join(', ')}; see --help)`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        help: { type: 'boolean' },
        username: { type: 'string' },
        password: { type: 'string' },
        'reset-totp': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        format: { type: 'string' },
      },
    });
  } catch (error) {
    // Node's own wording, up to its first full stop (the rest explains "--" for positionals).
    const message = (error instanceof Error ? error.message : String(error)).split(/\.\s/)[0];
    return fail(`${command}: ${message} (npm run admin -- ${command} --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(HELP[command] ?? '');
    return 0;
  }
  const usageError = (message: string) => fail(`${message} (npm run admin -- ${command} --help)`);
  if (command === 'create-admin' && (!values.username || !values.password || positionals.length))
    return usageError('create-admin needs --username and --password');
  if (command === 'reset-password' && positionals.length !== 1)
    return usageError('reset-password needs one USERNAME');
  if (command === 'import-directory' && positionals.length !== 1)
    return usageError('import-directory needs one FILE');
  if (command === 'import-directory' && values.format && !['csv', 'xlsx'].includes(values.format))
    return usageError('--format is csv or xlsx');
  if (command === 'list-kiosks' && positionals.length) return usageError('list-kiosks takes no arguments');

  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const { runtime, services } = await openServices(config);
  try {
    switch (command) {
      case 'create-admin':
        await createAdminAccount(services, values.username ?? '', values.password ?? '');
        out(`admin ${values.username?.trim().toLowerCase()} created`);
        return 0;
      case 'reset-password': {
        const username = positionals[0] ?? '';
        const password = await resetPasswordFor(services, username, values['reset-totp'] === true);
        out(`one-time password for ${username}: ${password}\n(it must be changed at the next log-in)`);
        return 0;
      }
      case 'import-directory': {
        const report = await importDirectoryFile(services, positionals[0] ?? '', {
          dryRun: values['dry-run'] === true,
          ...(values.format ? { format: values.format as DirectoryFormat } : {}),
          onProgress: progressBar(),
        });
        out(formatReport(report));
        return report.errors.length ? 1 : 0;
      }
      case 'list-kiosks': {
        const lines = await kioskLines(services);
        out(lines.length ? lines.join('\n') : 'no booths yet');
        return 0;
      }
    }
    return 2;
  } catch (error) {
    if (error instanceof CommandError) return fail(error.message, error.exitCode);
    throw error;
  } finally {
    await runtime.database.close();
  }
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
