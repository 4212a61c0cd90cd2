// `npm run admin -- …` as an operator runs it: a real process on the test database (TEST_DATABASE), each command with
// --help, clear errors and exit codes, and a directory import with its dry run and progress on stderr.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_COLUMNS } from '../common/directory.js';
import { main } from './admin-cli.js';
import { loadConfig } from './config.js';
import { openRuntime } from './runtime.js';
import { testDialect, testPostgresUrl } from './testing.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-admin-cli-'));
const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  ...(testDialect === 'postgres' ? { DATABASE_URL: testPostgresUrl, DATABASE_SCHEMA: schema } : {}),
};

async function admin(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      path.join(root, 'node_modules/.bin/tsx'),
      ['src/server/admin-cli.ts', ...args],
      {
        cwd: root,
        env,
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The same command run in this process (usage errors and help never open the database). */
async function inProcess(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function csvFile(rows: string[][]): string {
  const file = path.join(dataDir, `directory-${crypto.randomUUID()}.csv`);
  fs.writeFileSync(file, [DIRECTORY_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n'));
  return file;
}
const row = (n: number, positionRu = 'Специалист') => [
  'parks',
  'Саябақтар',
  'Парки',
  'Parks',
  `parks-${n}`,
  `Ерлан ${n}`,
  `Ерлан ${n}`,
  `Yerlan ${n}`,
  'Маман',
  positionRu,
  'Specialist',
  '',
  '',
  '',
  '',
  '',
  '',
  'yes',
  '',
  '',
];

beforeAll(async () => {
  // Migrate once here, so the commands below do not race to create the schema.
  const runtime = await openRuntime(loadConfig(env));
  const now = Date.now();
  for (const [name, location, pairedAt] of [
    ['ЦОН №2', 'Öskemen', now],
    // Paired a day ago and never heard from since.
    ['Silent booth', '', now - 24 * 3600_000],
  ] as const)
    await sql`insert into kiosks (id, name, location, created_at) values (${crypto.randomUUID()}, ${name}, ${location}, ${new Date(pairedAt).toISOString()})`.execute(
      runtime.database.db,
    );
  await runtime.database.close();
});

afterAll(async () => {
  if (testDialect === 'postgres') {
    const client = new pg.Client({ connectionString: testPostgresUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`npm run admin (${testDialect})`, () => {
  it('lists its commands and explains each with --help', async () => {
    const help = await inProcess('--help');
    expect(help.code).toBe(0);
    for (const c of ['create-admin', 'reset-password', 'import-directory', 'list-kiosks'])
      expect(help.stdout).toContain(c);
    expect((await inProcess('import-directory', '--help')).stdout).toContain('--dry-run');
    for (const c of ['create-admin', 'reset-password', 'list-kiosks']) {
      const each = await inProcess(c, '--help');
      expect(each.code).toBe(0);
      expect(each.stdout.startsWith(c), each.stdout).toBe(true);
    }
  });

  it('refuses an unknown command, an unknown or incomplete flag and a missing argument with one line and exit 2', async () => {
    const refusals: [string[], string][] = [
      [['frobnicate'], 'unknown command: frobnicate (commands: create-admin, reset-password'],
      [
        ['create-admin', '--bogus'],
        "create-admin: Unknown option '--bogus' (npm run admin -- create-admin --help)",
      ],
      [['create-admin', '--username'], "create-admin: Option '--username <value>' argument missing"],
      [['create-admin', '--username', 'x'], 'create-admin needs --username and --password'],
      [['import-directory'], 'import-directory needs one FILE'],
      [['import-directory', 'a.csv', '--format', 'pdf'], '--format is csv or xlsx'],
      [['reset-password'], 'reset-password needs one USERNAME'],
      [['list-kiosks', 'extra'], 'list-kiosks takes no arguments'],
    ];
    for (const [args, message] of refusals) {
      const res = await inProcess(...args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stdout).toBe('');
      // One line naming the problem: no help text dumped after it.
      expect(res.stderr.split('\n')).toEqual([expect.stringContaining(message), '']);
    }
    // As a process: the same line, and no stack trace.
    const unknown = await admin('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('unknown command: frobnicate'),
    ]);
  }, 60_000);

  it('creates an admin, refuses a short password and a taken name, and resets a password', async () => {
    expect((await admin('create-admin', '--username', 'root', '--password', 'short')).code).toBe(2);
    const created = await admin('create-admin', '--username', 'Root', '--password', 'a long enough password');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('admin root created');
    const again = await admin('create-admin', '--username', 'root', '--password', 'a long enough password');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const reset = await admin('reset-password', 'root');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/one-time password for root: \S+/);
    expect((await admin('reset-password', 'nobody')).stderr).toContain('no user nobody');
  }, 120_000);

  it('imports a directory: a bad file lists its errors and exits 1, a dry run writes nothing, the import shows progress', async () => {
    const bad = await admin('import-directory', csvFile([row(1), row(2, 'Specialist')]));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('row 3, position_ru: not-russian');
    expect(bad.stdout).toContain('nothing was written');

    const good = csvFile(Array.from({ length: 120 }, (_, i) => row(i)));
    const dry = await admin('import-directory', good, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('officials:   120 new');
    expect(dry.stdout).toContain('without --dry-run');
    const real = await admin('import-directory', good);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain('officials:   120 new');
    expect(real.stderr).toContain('121/121 rows');
    const repeat = await admin('import-directory', good, '--dry-run');
    expect(repeat.stdout).toContain('officials:   0 new, 0 changed, 120 unchanged');
    expect((await admin('import-directory', path.join(dataDir, 'missing.csv'))).stderr).toContain(
      'cannot read',
    );
  }, 120_000);

  it('lists the booths', async () => {
    const res = await admin('list-kiosks');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /ЦОН №2 \| Öskemen \| waiting for its first heartbeat \| last heartbeat never \| version - \| queued uploads - \| appeals today 0 \| [0-9a-f-]{36}\n/,
    );
    expect(res.stdout).toMatch(/Silent booth \| - \| silent \| last heartbeat never/);
    // The state as the admin screen tells it: the silent booth before the waiting one, then the count.
    expect(res.stdout.indexOf('Silent booth')).toBeLessThan(res.stdout.indexOf('ЦОН №2'));
    expect(res.stdout.trim().split('\n').at(-1)).toBe(
      '2 booth(s): 1 silent, 1 waiting for its first heartbeat',
    );
  }, 60_000);
});
