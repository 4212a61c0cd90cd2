import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

/** The keys of the `Env` schema, read from the source so a new knob cannot be forgotten here. */
function schemaKeys(): string[] {
  const source = fs.readFileSync(path.join(here, 'config.ts'), 'utf8');
  return [...source.matchAll(/^\s{2}([A-Z_]+): Type\./gm)].map((m) => m[1]!);
}

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration', () => {
  it('runs on one machine with no settings at all: SQLite under ./data, port 3000, Almaty time', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.TIME_ZONE).toBe('Asia/Almaty');
    expect(config.DEADLINE_WORKING_DAYS).toBe(15);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.mediaDir).toBe(path.join(path.resolve('./data'), 'media'));
    expect(config.database).toEqual({
      dialect: 'sqlite',
      file: path.join(path.resolve('./data'), 'dialog.sqlite'),
    });
  });

  it('keeps the SQLite file and the media under DATA_DIR', () => {
    const config = loadConfig({ DATA_DIR: '/srv/dialog' });
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/srv/dialog/dialog.sqlite' });
    expect(config.mediaDir).toBe('/srv/dialog/media');
  });

  it('ignores empty values and unknown variables', () => {
    const config = loadConfig({ PORT: '', TIME_ZONE: '', SOMETHING_ELSE: 'x', PATH: '/bin' });
    expect(config.PORT).toBe(3000);
    expect(config.TIME_ZONE).toBe('Asia/Almaty');
    expect(config).not.toHaveProperty('SOMETHING_ELSE');
  });

  it('converts numbers and booleans from their text', () => {
    const config = loadConfig({
      PORT: '8080',
      SEED_DEMO: 'false',
      COOKIE_SECURE: 'true',
      DEADLINE_WORKING_DAYS: '10',
    });
    expect(config.PORT).toBe(8080);
    expect(config.SEED_DEMO).toBe(false);
    expect(config.COOKIE_SECURE).toBe(true);
    expect(config.DEADLINE_WORKING_DAYS).toBe(10);
  });

  it.each([
    ['sqlite:/var/lib/dialog/db.sqlite', '/var/lib/dialog/db.sqlite'],
    ['sqlite:///var/lib/dialog/db.sqlite', '/var/lib/dialog/db.sqlite'],
    ['file:/var/lib/dialog/db.sqlite', '/var/lib/dialog/db.sqlite'],
    ['sqlite::memory:', ':memory:'],
  ])('opens SQLite at the path in DATABASE_URL=%s', (url, file) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ dialect: 'sqlite', file });
  });

  it('selects PostgreSQL with the schema from DATABASE_SCHEMA', () => {
    const url = 'postgres://dialog:secret@db.example.kz:5432/dialog';
    expect(loadConfig({ DATABASE_URL: url, DATABASE_SCHEMA: 'dialog_test' }).database).toEqual({
      dialect: 'postgres',
      url,
      schema: 'dialog_test',
    });
  });

  it('uses the public schema of PostgreSQL when none is named', () => {
    const url = 'postgresql://dialog@localhost/dialog';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({
      dialect: 'postgres',
      url,
      schema: 'public',
    });
  });

  it.each(['abc', '70000', '-1', '80 80', '3000.5', '1e3', '0x10'])(
    'refuses PORT=%s, naming PORT',
    (port) => {
      expect(configError({ PORT: port }).message).toMatch(/\bPORT\b/);
    },
  );

  it.each([
    ['DEADLINE_WORKING_DAYS', '0'],
    ['DEADLINE_WORKING_DAYS', '61'],
    ['ROLE', 'everything'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_DEMO', 'maybe'],
    ['DATABASE_SCHEMA', 'Dialog; DROP SCHEMA public'],
    ['WORKER_POLL_MS', '10'],
  ])('refuses %s=%s, naming the variable', (key, value) => {
    expect(configError({ [key]: value }).message).toContain(key);
  });

  it.each(['mysql://dialog@localhost/dialog', 'mongodb://localhost/dialog', 'dialog.sqlite'])(
    'refuses the unknown database URL %s',
    (url) => {
      expect(configError({ DATABASE_URL: url }).message).toContain('DATABASE_URL');
    },
  );

  it('selects the S3 store with its bucket, endpoint and keys', () => {
    const config = loadConfig({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_BUCKET: 'dialog-media',
      S3_ACCESS_KEY_ID: 'dialog',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'false',
    });
    expect(config.STORAGE_DRIVER).toBe('s3');
    expect(config.S3_BUCKET).toBe('dialog-media');
    expect(config.S3_REGION).toBe('us-east-1');
    expect(config.S3_FORCE_PATH_STYLE).toBe(false);
  });

  it.each([
    [{ STORAGE_DRIVER: 's3' }, 'S3_BUCKET'],
    [{ STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'only-the-id' }, 'S3_SECRET_ACCESS_KEY'],
    [{ STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_SECRET_ACCESS_KEY: 'only-the-secret' }, 'S3_ACCESS_KEY_ID'],
    [{ STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT'],
    [{ STORAGE_DRIVER: 'gcs' }, 'STORAGE_DRIVER'],
  ])('refuses the S3 settings %j, naming %s', (env, key) => {
    expect(configError(env).message).toContain(key);
  });

  it('needs no bucket while the store is the local disk', () => {
    expect(loadConfig({ STORAGE_DRIVER: 'local' }).S3_BUCKET).toBe('');
  });

  it('reads every key of its schema (the source and the loaded defaults agree)', () => {
    const loadedKeys = Object.keys(loadConfig({})).filter((k) => /^[A-Z_]+$/.test(k));
    expect(schemaKeys().length).toBeGreaterThan(10);
    expect([...schemaKeys()].sort()).toEqual([...loadedKeys].sort());
  });

  it('lists every configuration key in .env.example', () => {
    const file = path.join(repoRoot, '.env.example');
    expect(fs.existsSync(file), '.env.example is missing at the repository root').toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    const listed = new Set([...text.matchAll(/^#?\s*([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
    const missing = schemaKeys().filter((key) => !listed.has(key));
    expect(missing, `keys missing from .env.example: ${missing.join(', ')}`).toEqual([]);
  });

  it('gives in .env.example only values the configuration accepts', () => {
    const text = fs.readFileSync(path.join(repoRoot, '.env.example'), 'utf8');
    const env = Object.fromEntries(
      [...text.matchAll(/^([A-Z_][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });
});
