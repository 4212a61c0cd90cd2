// Migration 0006 on SQLite or PostgreSQL (TEST_DATABASE): down keeps each user's first role and the audit rows, up
// again turns the role back into a set and chains the rows that were there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestContext, testDialect, type TestContext } from '../../testing.js';
import { recordAudit } from '../../modules/audit/repository.js';
import { verifyChain } from '../../modules/audit/chain.js';
import * as m0006 from './0006_office_auth.js';

describe(`migration 0006_office_auth (${testDialect})`, () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('goes down and up again without losing users, roles or audit rows, and chains what it finds', async () => {
    const { db, clock } = ctx.services;
    await db
      .updateTable('staff_users')
      .set({ roles: 'official,supervisor' })
      .where('username', '=', 'akim')
      .execute();
    for (let i = 0; i < 3; i++) {
      await recordAudit(db, clock, {
        actorUserId: null,
        actorKind: 'system',
        action: 'test.before',
        subjectType: 'test',
        subjectId: String(i),
        ip: null,
      });
      ctx.clock.advance(1000);
    }
    const raw = db as unknown as Kysely<unknown>;
    await m0006.down(raw);
    const down = await sql<{
      username: string;
      role: string;
    }>`select username, role from staff_users order by username`.execute(raw);
    expect(Object.fromEntries(down.rows.map((r) => [r.username, r.role]))).toMatchObject({
      akim: 'official',
      official: 'official',
      supervisor: 'supervisor',
      admin: 'admin',
    });
    await m0006.up(raw);
    const akim = await db
      .selectFrom('staff_users')
      .select('roles')
      .where('username', '=', 'akim')
      .executeTakeFirstOrThrow();
    expect(akim.roles).toBe('official');
    const report = await verifyChain(db);
    expect(report).toMatchObject({ ok: true, rows: 3 });
    await recordAudit(db, clock, {
      actorUserId: null,
      actorKind: 'system',
      action: 'test.after',
      subjectType: 'test',
      subjectId: 'after',
      ip: null,
    });
    expect(await verifyChain(db)).toMatchObject({ ok: true, rows: 4 });
  });
});
