// `npm run backup` and `npm run restore`: a folder holding a consistent copy of the database, every blob of the store,
// and a manifest with the sha256 of each file and the row count of each table. Restore checks every hash before it
// writes anything, writes only into an empty instance, and checks rows and hashes again once it is done.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.js';
import type { BlobStore } from '../storage/index.js';
import {
  describeDatabase,
  restoreDatabase,
  snapshotDatabase,
  snapshotFileName,
  type DatabaseSnapshot,
} from './snapshot.js';

export const MANIFEST = 'manifest.json';
const FORMAT = 'dialog-backup';

export interface BlobEntry {
  key: string;
  size: number;
  sha256: string;
}

export interface Manifest extends DatabaseSnapshot {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  dialect: Config['database']['dialect'];
  /** PostgreSQL: the schema dumped; its objects are named with it, so a restore goes into a schema of that name. */
  schema: string | null;
  database: { file: string; size: number; sha256: string };
  blobs: BlobEntry[];
}

export interface Progress {
  (done: number, total: number | null, what: string): void;
}

/** The backup's folder is written under `<target>.partial` and renamed when whole, so a half one never looks done. */
export async function createBackup(
  config: Config,
  store: BlobStore,
  target: string,
  onProgress: Progress = () => undefined,
): Promise<Manifest> {
  if (fs.existsSync(target)) throw new Error(`${target} exists already: choose a new folder for the backup`);
  const partial = `${target}.partial`;
  await fsp.rm(partial, { recursive: true, force: true });
  await fsp.mkdir(path.join(partial, 'blobs'), { recursive: true });
  // The database first: every blob it refers to then exists (blobs are written before the rows that name them);
  // blobs written after this moment are copied too and do no harm.
  const databaseFile = snapshotFileName(config.database);
  onProgress(0, null, 'database');
  const snapshot = await snapshotDatabase(config.database, path.join(partial, databaseFile));
  const blobs: BlobEntry[] = [];
  for await (const { key } of store.list()) {
    const file = path.join(partial, 'blobs', key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const copied = await copyHashed(await store.get(key), file);
    blobs.push({ key, ...copied });
    onProgress(blobs.length, null, 'blobs');
  }
  blobs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const manifest: Manifest = {
    format: FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    dialect: config.database.dialect,
    schema: config.database.dialect === 'postgres' ? config.database.schema : null,
    database: { file: databaseFile, ...(await hashFile(path.join(partial, databaseFile))) },
    ...snapshot,
    blobs,
  };
  await writeDurably(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await fsp.rename(partial, target);
  return manifest;
}

/** Reads and checks a backup: the manifest's format, and every file against its size and sha256. */
export async function verifyBackup(
  source: string,
  onProgress: Progress = () => undefined,
): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fsp.readFile(path.join(source, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw new Error(`${source} holds no readable ${MANIFEST}: not a backup, or an unfinished one`);
  }
  if (manifest.format !== FORMAT || manifest.version !== 1)
    throw new Error(`${source}/${MANIFEST} is not a Dialog backup manifest of version 1`);
  const expect = async (file: string, entry: { size: number; sha256: string }, name: string) => {
    const found = await hashFile(file).catch(() => null);
    if (!found) throw new Error(`the backup is damaged: ${name} is missing`);
    if (found.size !== entry.size || found.sha256 !== entry.sha256)
      throw new Error(`the backup is damaged: ${name} does not match its sha256 in the manifest`);
  };
  await expect(path.join(source, manifest.database.file), manifest.database, manifest.database.file);
  for (const [index, blob] of manifest.blobs.entries()) {
    await expect(path.join(source, 'blobs', blob.key), blob, `blobs/${blob.key}`);
    onProgress(index + 1, manifest.blobs.length, 'checking');
  }
  return manifest;
}

/**
 * Restores a checked backup into this configuration's database and blob store, both of which must be empty, then
 * compares every table's row count and every blob's hash with the manifest.
 */
export async function restoreBackup(
  config: Config,
  store: BlobStore,
  source: string,
  onProgress: Progress = () => undefined,
): Promise<Manifest> {
  const manifest = await verifyBackup(source, onProgress);
  if (manifest.dialect !== config.database.dialect)
    throw new Error(
      `the backup is of a ${manifest.dialect} database; this instance is configured for ${config.database.dialect}`,
    );
  if (config.database.dialect === 'postgres' && manifest.schema !== config.database.schema)
    throw new Error(
      `the backup is of the schema ${manifest.schema}: set DATABASE_SCHEMA=${manifest.schema} to restore it`,
    );
  if (await describeDatabase(config.database))
    throw new Error(
      'the database is not empty: restore only into an empty instance (a new database or schema)',
    );
  for await (const blob of store.list()) {
    throw new Error(
      `the blob store is not empty (it holds ${blob.key}): restore only into an empty instance`,
    );
  }
  onProgress(0, null, 'database');
  await restoreDatabase(config.database, path.join(source, manifest.database.file));
  for (const [index, blob] of manifest.blobs.entries()) {
    const written = await store.put(blob.key, fs.createReadStream(path.join(source, 'blobs', blob.key)));
    if (written.sha256 !== blob.sha256) throw new Error(`blob ${blob.key} changed on its way into the store`);
    onProgress(index + 1, manifest.blobs.length, 'blobs');
  }
  const restored = await describeDatabase(config.database);
  const differences = Object.entries(manifest.rows)
    .filter(([table, rows]) => restored?.rows[table] !== rows)
    .map(([table, rows]) => `${table}: ${restored?.rows[table] ?? 'missing'} rows, the backup has ${rows}`);
  if (differences.length > 0) throw new Error(`the restored database differs: ${differences.join('; ')}`);
  return manifest;
}

async function copyHashed(
  body: NodeJS.ReadableStream,
  file: string,
): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(body, tap, fs.createWriteStream(file));
  await fsync(file);
  return { size, sha256: hash.digest('hex') };
}

async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return { size: (await fsp.stat(file)).size, sha256: hash.digest('hex') };
}

async function writeDurably(file: string, text: string): Promise<void> {
  await fsp.writeFile(file, text);
  await fsync(file);
}

async function fsync(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
