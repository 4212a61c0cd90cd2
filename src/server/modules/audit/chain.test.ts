// The audit trail's hash chain on SQLite or PostgreSQL (TEST_DATABASE): concurrent appends stay one unbroken chain,
// and `npm run audit:verify` names the first row that was changed or the gap where one was deleted.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  createTestContext,
  firstOfficialId,
  loginAs,
  sampleRecording,
  submitUploaded,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';
import type { AuditEntry } from '../../../common/api.js';
import { recordAudit } from './repository.js';
import { verifyChain } from './chain.js';

const run = promisify(execFile);

async function auditVerify(ctx: TestContext): Promise<{ code: number; stdout: string }> {
  const database = ctx.services.config.database;
  const env = {
    ...process.env,
    DATA_DIR: ctx.dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ...(database.dialect === 'postgres'
      ? { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema }
      : { DATABASE_URL: `sqlite:${database.file}` }),
  };
  const args = [path.resolve('src/server/cli.ts'), 'audit-verify'];
  return run(path.resolve('node_modules/.bin/tsx'), args, { env }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

function event(i: number) {
  return {
    actorUserId: null,
    actorKind: 'system' as const,
    action: 'test.event',
    subjectType: 'test',
    subjectId: `subject-${i}`,
    ip: '192.0.2.1',
    detail: { i, text: 'ünïcode «quotes» "and" \\ backslashes' },
  };
}

describe(`the audit hash chain (${testDialect})`, () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = await createTestContext();
  });
  afterEach(() => ctx.close());

  it('stays one chain under 60 concurrent appends, alone and inside other transactions', async () => {
    const { db, clock } = ctx.services;
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? db.transaction().execute(async (trx) => {
              await recordAudit(trx, clock, event(i));
              await recordAudit(trx, clock, event(i + 1000));
            })
          : recordAudit(db, clock, event(i)),
      ),
    );
    const report = await verifyChain(db);
    expect(report).toMatchObject({ ok: true });
    const rows = await db.selectFrom('audit_events').select(['seq']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.length).toBeGreaterThanOrEqual(80);
    const verified = await auditVerify(ctx);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`audit chain intact: ${rows.length} row(s)`);
  });

  it('keeps no row of a transaction that rolled back, and the chain stays whole', async () => {
    const { db, clock } = ctx.services;
    await recordAudit(db, clock, event(1));
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, clock, event(2));
        throw new Error('the act failed');
      }),
    ).rejects.toThrow('the act failed');
    await recordAudit(db, clock, event(3));
    expect(await verifyChain(db)).toMatchObject({ ok: true });
  });

  it('names the first row changed after it was written', async () => {
    const { db, clock } = ctx.services;
    for (let i = 0; i < 10; i++) await recordAudit(db, clock, event(i));
    const victim = await db
      .selectFrom('audit_events')
      .select(['id', 'seq'])
      .where('subject_id', '=', 'subject-4')
      .executeTakeFirstOrThrow();
    await sql`update audit_events set detail = ${'{"i":4,"text":"nothing happened"}'} where id = ${victim.id}`.execute(
      db,
    );
    const report = await verifyChain(db);
    expect(report).toMatchObject({ ok: false, seq: Number(victim.seq), id: victim.id });
    const cli = await auditVerify(ctx);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`audit chain broken at row ${victim.seq} (id ${victim.id})`);
    expect(cli.stdout).toContain('changed after it was written');
  });

  it('names the gap where a row was deleted, and rows cut off the end', async () => {
    const { db, clock } = ctx.services;
    for (let i = 0; i < 10; i++) await recordAudit(db, clock, event(i));
    const all = await db.selectFrom('audit_events').select(['id', 'seq']).orderBy('seq').execute();
    const gone = all[5];
    if (!gone) throw new Error('no rows');
    await db.deleteFrom('audit_events').where('id', '=', gone.id).execute();
    expect(await verifyChain(db)).toMatchObject({ ok: false, seq: Number(gone.seq) });
    const cli = await auditVerify(ctx);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`audit chain broken at row ${gone.seq}: row ${gone.seq} is missing`);

    // Re-linking the rest by hand does not help without rewriting every later hash; cutting the tail shows too.
    const last = all.at(-1);
    if (!last) throw new Error('no rows');
    await db.deleteFrom('audit_events').where('seq', '>=', Number(gone.seq)).execute();
    const tail = await verifyChain(db);
    expect(tail).toMatchObject({ ok: false, seq: Number(gone.seq) });
    if (!tail.ok) expect(tail.reason).toContain(`the chain's head says ${last.seq}`);
  });

  it('names a row that no longer links to the one before it', async () => {
    const { db, clock } = ctx.services;
    for (let i = 0; i < 5; i++) await recordAudit(db, clock, event(i));
    await sql`update audit_events set prev_hash = ${'f'.repeat(64)} where seq = 3`.execute(db);
    expect(await verifyChain(db)).toMatchObject({ ok: false, seq: 3 });
  });

  it('shows an appeal’s audit to supervisors only', async () => {
    const appealId = crypto.randomUUID();
    const operator = await loginAs(ctx.app, 'operator');
    await recordAudit(ctx.services.db, ctx.services.clock, {
      actorUserId: null,
      actorKind: 'citizen',
      action: 'appeal.submitted',
      subjectType: 'appeal',
      subjectId: appealId,
      ip: '198.51.100.4',
    });
    // No such appeal row: 404 for the supervisor, 403 for everyone else before any look-up.
    const supervisor = await loginAs(ctx.app, 'supervisor');
    const missing = await ctx.app.inject({
      method: 'GET',
      url: `/api/office/appeals/${appealId}/audit`,
      headers: { cookie: supervisor },
    });
    expect(missing.statusCode).toBe(404);
    const denied = await ctx.app.inject({
      method: 'GET',
      url: `/api/office/appeals/${appealId}/audit`,
      headers: { cookie: operator },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe(`an appeal's audit on its page (${testDialect})`, () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = await createTestContext();
  });
  afterEach(() => ctx.close());

  it('lists who did what, oldest first, with the actor’s name', async () => {
    const { db, clock } = ctx.services;
    const upload = await uploadRecording(ctx.app, sampleRecording());
    const submitted = await submitUploaded(ctx.app, upload, await firstOfficialId(ctx.app));
    expect(submitted.statusCode).toBe(201);
    const row = await db.selectFrom('appeals').select('id').executeTakeFirstOrThrow();
    const operator = await loginAs(ctx.app, 'operator');
    await ctx.app.inject({
      method: 'GET',
      url: `/api/office/appeals/${row.id}`,
      headers: { cookie: operator },
    });
    await recordAudit(db, clock, {
      actorUserId: null,
      actorKind: 'system',
      action: 'test.later',
      subjectType: 'appeal',
      subjectId: row.id,
      ip: null,
    });
    const supervisor = await loginAs(ctx.app, 'supervisor');
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/office/appeals/${row.id}/audit`,
      headers: { cookie: supervisor },
    });
    expect(res.statusCode).toBe(200);
    const entries = res.json<AuditEntry[]>();
    const actions = entries.map((e) => e.action);
    expect(actions[0]).toBe('appeal.submitted');
    expect(actions).toContain('appeal.viewed');
    expect(actions.at(-1)).toBe('test.later');
    const viewed = entries.find((e) => e.action === 'appeal.viewed');
    expect(viewed).toMatchObject({ actorKind: 'staff', actor: expect.any(String) as unknown });
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
    for (const who of ['operator', 'official', 'admin']) {
      const cookie = await loginAs(ctx.app, who);
      const denied = await ctx.app.inject({
        method: 'GET',
        url: `/api/office/appeals/${row.id}/audit`,
        headers: { cookie },
      });
      expect(denied.statusCode, who).toBe(403);
    }
    // The supervisor's reading is itself audited.
    expect(
      await db
        .selectFrom('audit_events')
        .select('action')
        .where('subject_id', '=', row.id)
        .where('action', '=', 'appeal.audit_viewed')
        .execute(),
    ).toHaveLength(1);
  });
});
