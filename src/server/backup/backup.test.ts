// Backup → wipe → restore → compare, on the database under test (SQLite file or PostgreSQL schema) and the local
// blob store: every table's row count, every blob's sha256, the audit chain, and the appeal still there with its
// recording. Also what restore refuses: a damaged backup, a non-empty instance, another schema.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { openRuntime } from '../runtime.js';
import { verifyChain } from '../modules/audit/chain.js';
import { createBlobStore, type BlobStore } from '../storage/index.js';
import {
  createTestContext,
  firstOfficialId,
  sampleRecording,
  submitUploaded,
  testDialect,
  testPostgresUrl,
  uploadRecording,
} from '../testing.js';
import { createBackup, restoreBackup, verifyBackup, type Manifest } from './backup.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-backup-test-'));
const backupDir = path.join(scratch, 'backup');
let config: Config;
let manifest: Manifest;
let registrationNumber: string;
const hashes = new Map<string, string>();

async function blobHashes(store: BlobStore): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for await (const { key } of store.list()) found.set(key, await store.sha256(key));
  return found;
}

/** The instance's database and blobs gone, as after a lost disk; the configuration stays. */
async function wipe(target: Config): Promise<void> {
  fs.rmSync(target.dataDir, { recursive: true, force: true });
  if (target.database.dialect === 'postgres') {
    const client = new pg.Client({ connectionString: testPostgresUrl });
    await client.connect();
    await client.query(`drop schema if exists "${target.database.schema}" cascade`);
    await client.end();
  }
}

beforeAll(async () => {
  const ctx = await createTestContext();
  const uploadId = await uploadRecording(ctx.app, sampleRecording('webm', 2));
  const submitted = await submitUploaded(ctx.app, uploadId, await firstOfficialId(ctx.app));
  expect(submitted.statusCode).toBe(201);
  registrationNumber = submitted.json<{ registrationNumber: string }>().registrationNumber;
  await ctx.drain();
  config = ctx.services.config;
  for (const [key, hash] of await blobHashes(ctx.services.storage)) hashes.set(key, hash);
  manifest = await createBackup(config, ctx.services.storage, backupDir);
  await ctx.app.close();
  await wipe(config);
});

afterAll(async () => {
  await wipe(config);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe(`backup and restore (${testDialect})`, () => {
  it('writes the database, every blob and a manifest of their sha256s, and no unfinished folder', () => {
    expect(manifest.dialect).toBe(testDialect);
    expect(fs.readdirSync(scratch)).toEqual(['backup']);
    expect(new Map(manifest.blobs.map((b) => [b.key, b.sha256]))).toEqual(hashes);
    // The recording, its playback copy and poster, and the officials' photos.
    expect(manifest.blobs.length).toBeGreaterThanOrEqual(4);
    expect(manifest.rows.appeals).toBeGreaterThanOrEqual(1);
    expect(manifest.rows.audit_events).toBeGreaterThan(0);
    expect(manifest.migrations.length).toBeGreaterThan(10);
  });

  it('refuses to restore a damaged backup, and writes nothing', async () => {
    const damaged = path.join(scratch, 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const victim = path.join(damaged, 'blobs', manifest.blobs[0]!.key);
    const bytes = fs.readFileSync(victim);
    fs.writeFileSync(victim, Buffer.concat([bytes.subarray(0, -1), Buffer.from([~bytes.at(-1)! & 0xff])]));
    const store = await createBlobStore(config);
    await expect(restoreBackup(config, store, damaged)).rejects.toThrow(
      `the backup is damaged: blobs/${manifest.blobs[0]!.key} does not match its sha256`,
    );
    fs.rmSync(victim);
    await expect(verifyBackup(damaged)).rejects.toThrow(`blobs/${manifest.blobs[0]!.key} is missing`);
    fs.rmSync(path.join(damaged, 'manifest.json'));
    await expect(verifyBackup(damaged)).rejects.toThrow('holds no readable manifest.json');
    const written: string[] = [];
    for await (const blob of store.list()) written.push(blob.key);
    expect(written).toEqual([]);
    fs.rmSync(damaged, { recursive: true });
  });

  it('refuses a backup of the other database, or of another PostgreSQL schema', async () => {
    const other = path.join(scratch, 'other');
    fs.cpSync(backupDir, other, { recursive: true });
    const edit = (change: Partial<Manifest>) =>
      fs.writeFileSync(path.join(other, 'manifest.json'), JSON.stringify({ ...manifest, ...change }));
    edit({ dialect: testDialect === 'sqlite' ? 'postgres' : 'sqlite' });
    const store = await createBlobStore(config);
    await expect(restoreBackup(config, store, other)).rejects.toThrow(/the backup is of a \w+ database/);
    if (testDialect === 'postgres') {
      edit({ schema: 'somewhere_else' });
      await expect(restoreBackup(config, store, other)).rejects.toThrow('DATABASE_SCHEMA=somewhere_else');
    }
    fs.rmSync(other, { recursive: true });
  });

  it('restores into the empty instance: the same rows, the same bytes, an intact audit chain', async () => {
    const store = await createBlobStore(config);
    await restoreBackup(config, store, backupDir);
    expect(await blobHashes(store)).toEqual(hashes);
    const runtime = await openRuntime(config, {});
    try {
      const { db } = runtime.database;
      const appeal = await db
        .selectFrom('appeals')
        .select(['id', 'media_id'])
        .where('registration_number', '=', registrationNumber)
        .executeTakeFirstOrThrow();
      const media = await db
        .selectFrom('media_files')
        .selectAll()
        .where('id', '=', appeal.media_id!)
        .executeTakeFirstOrThrow();
      expect(media.state).toBe('ready');
      expect(await runtime.storage.sha256(media.original_key)).toBe(media.sha256);
      expect(media.playback_key && (await runtime.storage.stat(media.playback_key))).toBeTruthy();
      expect(await verifyChain(db)).toMatchObject({ ok: true });
    } finally {
      await runtime.database.close();
    }
  });

  it('refuses to restore over an instance that has data', async () => {
    const store = await createBlobStore(config);
    await expect(restoreBackup(config, store, backupDir)).rejects.toThrow('the database is not empty');
  });
});
