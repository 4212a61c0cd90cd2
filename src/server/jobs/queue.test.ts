// The durable job table on the real database: jobs commit with their change, are taken once, retried with backoff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDialect, type TestContext } from '../testing.js';
import { backoffMs, claimJob, enqueue, failJob } from './queue.js';
import { drainJobs } from './worker.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

describe(`jobs (${testDialect})`, () => {
  it('vanishes with the transaction that enqueued it when that transaction fails', async () => {
    const { db } = ctx.services;
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueue(trx, ctx.clock, 'send-notification', { notificationId: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await db.selectFrom('jobs').selectAll().where('payload', 'like', '%rolled-back%').execute();
    expect(rows).toHaveLength(0);
  });

  it('gives each due job to exactly one of many concurrent claimers', async () => {
    const { db, dialect } = ctx.services;
    for (let i = 0; i < 20; i++)
      await enqueue(db, ctx.clock, 'send-notification', { notificationId: `n${i}` });
    const claims = await Promise.all(
      Array.from({ length: 40 }, () => claimJob(db, dialect, ctx.clock, 60_000)),
    );
    const ids = claims.filter((c) => c !== null).map((c) => c.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    await db.deleteFrom('jobs').execute();
  });

  it('retries a failed job later with a growing delay, then gives up', async () => {
    const { db, dialect } = ctx.services;
    await enqueue(db, ctx.clock, 'send-notification', { notificationId: 'flaky' }, { maxAttempts: 2 });
    const first = await claimJob(db, dialect, ctx.clock, 60_000);
    expect(first?.attempts).toBe(1);
    await failJob(db, ctx.clock, first!, new Error('gateway down'));
    expect(await claimJob(db, dialect, ctx.clock, 60_000)).toBeNull();
    ctx.clock.advance(backoffMs(1) + 1);
    const second = await claimJob(db, dialect, ctx.clock, 60_000);
    expect(second?.attempts).toBe(2);
    await failJob(db, ctx.clock, second!, new Error('gateway still down'));
    const row = await db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', second!.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('failed');
    expect(row.last_error).toBe('gateway still down');
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
    await db.deleteFrom('jobs').execute();
  });

  it('takes back a job whose worker died holding it, once its lease runs out', async () => {
    const { db, dialect } = ctx.services;
    await enqueue(db, ctx.clock, 'send-notification', { notificationId: 'orphan' });
    const taken = await claimJob(db, dialect, ctx.clock, 1000);
    expect(taken).not.toBeNull();
    expect(await claimJob(db, dialect, ctx.clock, 1000)).toBeNull();
    ctx.clock.advance(1500);
    const again = await claimJob(db, dialect, ctx.clock, 1000);
    expect(again?.id).toBe(taken?.id);
    await db.deleteFrom('jobs').execute();
  });

  it('finishes a job whose row is gone without failing (handlers are idempotent)', async () => {
    const { db } = ctx.services;
    await enqueue(db, ctx.clock, 'send-notification', { notificationId: 'no-such-row' });
    await enqueue(db, ctx.clock, 'process-media', { mediaId: 'no-such-media' });
    expect(await drainJobs(ctx.services)).toBe(2);
    const states = await db.selectFrom('jobs').select('state').execute();
    expect(states.every((s) => s.state === 'done')).toBe(true);
  });
});
