// Opens the database named by the configuration: SQLite (WAL, foreign keys on) or PostgreSQL in a chosen schema.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Config } from '../config.js';
import type { DB } from './types.js';
import * as m0001 from './migrations/0001_init.js';
import * as m0002 from './migrations/0002_booth.js';
import * as m0003 from './migrations/0003_media.js';
import * as m0004 from './migrations/0004_notifications.js';
import * as m0005 from './migrations/0005_public.js';
import * as m0006 from './migrations/0006_office_auth.js';
import * as m0012 from './migrations/0012_admin.js';
import * as m0013 from './migrations/0013_outside_redirect.js';
import * as m0017 from './migrations/0017_open311.js';
import * as m0015 from './migrations/0015_retention.js';
import * as m0016 from './migrations/0016_oversight.js';
import * as m0011 from './migrations/0011_directory_admin.js';
import * as m0010 from './migrations/0010_deadlines.js';
import * as m0007 from './migrations/0007_inbox.js';
import * as m0008 from './migrations/0008_handling.js';
import * as m0009 from './migrations/0009_answers.js';
import * as m0014 from './migrations/0014_settings.js';

export type Database = Kysely<DB>;
export type Dialect = Config['database']['dialect'];

export interface DatabaseHandle {
  db: Database;
  dialect: Dialect;
  close(): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_booth': m0002,
  '0003_media': m0003,
  '0004_notifications': m0004,
  '0005_public': m0005,
  '0006_office_auth': m0006,
  '0012_admin': m0012,
  '0013_outside_redirect': m0013,
  '0017_open311': m0017,
  '0015_retention': m0015,
  '0016_oversight': m0016,
  '0011_directory_admin': m0011,
  '0010_deadlines': m0010,
  '0007_inbox': m0007,
  '0008_handling': m0008,
  '0009_answers': m0009,
  '0014_settings': m0014,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/**
 * The schema each PostgreSQL handle works in. Unless told the schema, Kysely's migrator takes a migration table in
 * any schema of the database for this one's; with several schemas in one database (DATABASE_SCHEMA, or the tests
 * running side by side) it would then skip creating its own.
 */
const postgresSchemas = new WeakMap<Database, string>();

/** How many prepared statements a SQLite handle keeps; our queries' distinct texts are far fewer. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * better-sqlite3 with its prepared statements kept by their SQL text. Kysely prepares every query anew, and preparing
 * costs more than running most of ours (a status look-up spent more time in `prepare` than in SQLite). A statement
 * still being iterated (a streamed query) is busy: the same text then gets a fresh one, as before.
 */
export function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const held = cache.get(source);
    if (held && !held.busy) return held;
    const statement = sqlite.prepare(source);
    if (!held) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get: (target, property) => {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export async function openDatabase(database: Config['database']): Promise<DatabaseHandle> {
  if (database.dialect === 'sqlite') {
    if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
    const sqlite = new SQLite(database.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const schema = database.schema;
  if (schema !== 'public') {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists "${schema}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: database.url,
    max: 10,
    options: `-c search_path="${schema}"`,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  postgresSchemas.set(db, schema);
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Applies every migration not yet applied; returns the names applied now. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrationTableSchema = postgresSchemas.get(db);
  const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function ping(db: Database): Promise<void> {
  await sql`select 1`.execute(db);
}

export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}
