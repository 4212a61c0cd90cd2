// The durable job table on the real database: jobs commit with their change, are taken once, retried with backoff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDialect, type TestContext } from '../testing.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffMs, claimJob, completeJob, enqueue, failJob, keepLease, renewLease } from './queue.js';
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

  it('keeps a job its worker renews, however long the work takes', async () => {
    const { db, dialect } = ctx.services;
    await enqueue(db, ctx.clock, 'process-media', { mediaId: 'long-transcode' });
    const taken = await claimJob(db, dialect, ctx.clock, 1000);
    expect(taken).not.toBeNull();
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(900);
      expect(await renewLease(db, ctx.clock, taken!.id, 1000)).toBe(true);
      expect(await claimJob(db, dialect, ctx.clock, 1000)).toBeNull();
    }
    // The worker dies: no more renewals, and the lease runs out a lease's length after the last one.
    ctx.clock.advance(1001);
    const again = await claimJob(db, dialect, ctx.clock, 1000);
    expect(again?.id).toBe(taken!.id);
    expect(again?.attempts).toBe(2);
    await db.deleteFrom('jobs').execute();
  });

  it('does not renew a job that is no longer this worker’s', async () => {
    const { db, dialect } = ctx.services;
    await enqueue(db, ctx.clock, 'send-notification', { notificationId: 'not-mine' });
    const taken = await claimJob(db, dialect, ctx.clock, 1000);
    await db.updateTable('jobs').set({ locked_by: 'another-worker' }).where('id', '=', taken!.id).execute();
    expect(await renewLease(db, ctx.clock, taken!.id, 1000)).toBe(false);
    await db.updateTable('jobs').set({ locked_by: taken!.locked_by }).where('id', '=', taken!.id).execute();
    expect(await renewLease(db, ctx.clock, taken!.id, 1000)).toBe(true);
    await completeJob(db, ctx.clock, taken!.id);
    expect(await renewLease(db, ctx.clock, taken!.id, 1000)).toBe(false);
    await db.deleteFrom('jobs').execute();
  });

  it('renews on its own every third of the lease until stopped', async () => {
    const { db, dialect } = ctx.services;
    await enqueue(db, ctx.clock, 'process-media', { mediaId: 'renewed-by-timer' });
    const taken = await claimJob(db, dialect, ctx.clock, 300);
    const troubles: unknown[] = [];
    const lease = keepLease(db, ctx.clock, taken!.id, 300, (t) => troubles.push(t));
    try {
      ctx.clock.advance(250);
      await sleep(250); // at least two 100 ms ticks, each taking the lease to (now + 300 ms)
      ctx.clock.advance(250); // 500 ms after the claim: an unrenewed lease would have run out
      expect(await claimJob(db, dialect, ctx.clock, 300)).toBeNull();
    } finally {
      lease.stop();
    }
    ctx.clock.advance(301);
    expect((await claimJob(db, dialect, ctx.clock, 300))?.id).toBe(taken!.id);
    expect(troubles).toEqual([]);
    await db.deleteFrom('jobs').execute();
  });

  it('tells the worker when its lease is lost, and stops renewing', async () => {
    const { db, dialect } = ctx.services;
    await enqueue(db, ctx.clock, 'process-media', { mediaId: 'lost-lease' });
    const taken = await claimJob(db, dialect, ctx.clock, 150);
    await db.updateTable('jobs').set({ locked_by: 'another-worker' }).where('id', '=', taken!.id).execute();
    const troubles: unknown[] = [];
    const lease = keepLease(db, ctx.clock, taken!.id, 150, (t) => troubles.push(t));
    await sleep(250);
    lease.stop();
    expect(troubles).toEqual(['lost']);
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
