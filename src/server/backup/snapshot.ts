// The database's side of a backup: a consistent copy of it in one file, the row count of every table as of that copy,
// and the way back into an empty database. SQLite: the online backup API (pages copied while the server writes).
// PostgreSQL: pg_dump's custom format, taken inside a snapshot the row counts are read in too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config.js';

export type DatabaseSettings = Config['database'];

export interface DatabaseSnapshot {
  /** Rows per table, as of the copy. */
  rows: Record<string, number>;
  /** Migrations applied, as of the copy. */
  migrations: string[];
}

/** The file name of the copy inside a backup. */
export function snapshotFileName(database: DatabaseSettings): string {
  return database.dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
}

export async function snapshotDatabase(
  database: DatabaseSettings,
  target: string,
): Promise<DatabaseSnapshot> {
  if (database.dialect === 'sqlite') {
    if (database.file === ':memory:') throw new Error('an in-memory database cannot be backed up');
    const source = new SQLite(database.file, { fileMustExist: true });
    try {
      await source.backup(target);
    } finally {
      source.close();
    }
    // The copy keeps the source's WAL mode; one self-contained file is what a backup should be (the server turns
    // WAL on again when it opens the restored file).
    const copy = new SQLite(target, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return readSqlite(target);
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    // pg_dump joins this transaction's snapshot, so the dump and the counts below see the same moment.
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const counts = await readPostgres(client, database.schema);
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--schema=${database.schema}`,
      `--snapshot=${rows[0]!.id}`,
      `--file=${target}`,
      `--dbname=${database.url}`,
    ]);
    await client.query('commit');
    return counts;
  } finally {
    await client.end();
  }
}

/** Rows and migrations of the live database; `null` when it has none of our tables yet (an empty instance). */
export async function describeDatabase(database: DatabaseSettings): Promise<DatabaseSnapshot | null> {
  if (database.dialect === 'sqlite') {
    if (database.file === ':memory:' || !fs.existsSync(database.file)) return null;
    const snapshot = readSqlite(database.file);
    return Object.keys(snapshot.rows).length === 0 ? null : snapshot;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const snapshot = await readPostgres(client, database.schema);
    return Object.keys(snapshot.rows).length === 0 ? null : snapshot;
  } finally {
    await client.end();
  }
}

/** Puts the copy in place of an empty database (the caller has checked that it is empty). */
export async function restoreDatabase(database: DatabaseSettings, source: string): Promise<void> {
  if (database.dialect === 'sqlite') {
    if (database.file === ':memory:') throw new Error('cannot restore into an in-memory database');
    for (const leftover of ['', '-wal', '-shm', '-journal'])
      fs.rmSync(database.file + leftover, { force: true });
    const temp = `${database.file}.restoring`;
    fs.copyFileSync(source, temp);
    const handle = fs.openSync(temp, 'r+');
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    fs.renameSync(temp, database.file);
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${database.schema}"`);
  } finally {
    await client.end();
  }
  // Everything in the dump but the schema itself, which exists now (a fresh database's `public` always does).
  const contents = await run('pg_restore', ['--list', source]);
  const list = path.join(os.tmpdir(), `dialog-restore-${process.pid}-${Date.now()}.list`);
  fs.writeFileSync(
    list,
    contents
      .split('\n')
      .filter((line) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT) - (SCHEMA )?\S+ /.test(line))
      .join('\n'),
  );
  try {
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--use-list=${list}`,
      `--dbname=${database.url}`,
      source,
    ]);
  } finally {
    fs.rmSync(list, { force: true });
  }
}

function readSqlite(file: string): DatabaseSnapshot {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .pluck()
      .all() as string[];
    const rows: Record<string, number> = {};
    for (const table of tables)
      rows[table] = db.prepare(`select count(*) from "${table}"`).pluck().get() as number;
    const migrations = tables.includes('kysely_migration')
      ? (db.prepare('select name from kysely_migration order by name').pluck().all() as string[])
      : [];
    return { rows, migrations };
  } finally {
    db.close();
  }
}

async function readPostgres(client: pg.Client, schema: string): Promise<DatabaseSnapshot> {
  const tables = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`,
    [schema],
  );
  const rows: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const result = await client.query<{ n: string }>(`select count(*) as n from "${schema}"."${name}"`);
    rows[name] = Number(result.rows[0]!.n);
  }
  const migrations = tables.rows.some((t) => t.name === 'kysely_migration')
    ? (
        await client.query<{ name: string }>(`select name from "${schema}".kysely_migration order by name`)
      ).rows.map((r) => r.name)
    : [];
  return { rows, migrations };
}

/** Runs a PostgreSQL client tool and gives its output; its own message is the error when it fails. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${command} was not found: install PostgreSQL's client tools (the server's major version)`,
            )
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
