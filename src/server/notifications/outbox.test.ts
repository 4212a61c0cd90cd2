// The outbox on SQLite or PostgreSQL: one notification per event, retries that end in a failed row with the
// reason, and the 0004 migration going down and up again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import {
  createTestContext,
  firstOfficialId,
  sampleRecording,
  submitUploaded,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../testing.js';
import * as m0004 from '../db/migrations/0004_notifications.js';
import { queueEmail, queueSms } from './outbox.js';
import { freshPhone, notificationRow, queueTestSms, sendJob } from './test-support.js';
import type { SmsDriver } from './sms.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

/** An appeal's id as it appears in event keys (the outbox does not need the appeal row for the key). */
const appealId = '0193a8e4-0000-7000-8000-000000000001';

/** The outbox rows of one event key. */
const rowsOf = (eventKey: string) =>
  ctx.services.db.selectFrom('notifications').selectAll().where('event_key', '=', eventKey).execute();

describe(`outbox (${testDialect})`, () => {
  it('queues one notification per event, however often the event is told', async () => {
    const { db } = ctx.services;
    const to = freshPhone();
    const message = {
      to,
      template: 'answered',
      language: 'ru' as const,
      values: { number: '1' },
      appealId: null,
    };
    const first = await db
      .transaction()
      .execute((trx) => queueSms(trx, ctx.clock, { ...message, eventKey: `appeal:${appealId}:answered` }));
    const second = await db
      .transaction()
      .execute((trx) => queueSms(trx, ctx.clock, { ...message, eventKey: `appeal:${appealId}:answered` }));
    expect(second).toBe(first);
    expect(await rowsOf(`appeal:${appealId}:answered`)).toHaveLength(1);
    const jobs = await db.selectFrom('jobs').select('id').where('payload', 'like', `%${first}%`).execute();
    expect(jobs).toHaveLength(1);
    // The same event by email is a message of its own; another event is too.
    await db.transaction().execute(async (trx) => {
      await queueEmail(trx, ctx.clock, {
        ...message,
        to: 'a@example.kz',
        eventKey: `appeal:${appealId}:answered`,
      });
      await queueSms(trx, ctx.clock, { ...message, eventKey: `appeal:${appealId}:extended` });
    });
    expect((await rowsOf(`appeal:${appealId}:answered`)).map((r) => r.channel).sort()).toEqual([
      'email',
      'sms',
    ]);
    expect(await rowsOf(`appeal:${appealId}:extended`)).toHaveLength(1);
  });

  it('never merges messages that name no event', async () => {
    const a = await queueTestSms(ctx, { template: 'code', values: { code: '1' }, eventKey: null });
    const b = await queueTestSms(ctx, { template: 'code', values: { code: '1' }, eventKey: null });
    expect(a).not.toBe(b);
    expect((await notificationRow(ctx, a)).event_key).toBeNull();
  });

  it('vanishes with the transaction of its event', async () => {
    const { db } = ctx.services;
    await expect(
      db.transaction().execute(async (trx) => {
        await queueSms(trx, ctx.clock, {
          to: freshPhone(),
          template: 'code',
          language: 'kk',
          values: { code: '1' },
          appealId: null,
          eventKey: 'rolled-back-event',
        });
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await rowsOf('rolled-back-event')).toHaveLength(0);
  });

  it('fails the row with the reason when the last try fails, and sends nothing twice', async () => {
    const { services } = ctx;
    const sent: string[] = [];
    const flaky: SmsDriver = {
      name: 'flaky',
      send: (message) => {
        sent.push(message.id);
        return Promise.reject(new Error('gateway timeout'));
      },
    };
    const original = services.sms;
    services.sms = flaky;
    try {
      const id = await ctx.services.db.transaction().execute((trx) =>
        queueSms(trx, ctx.clock, {
          to: freshPhone(),
          template: 'code',
          language: 'kk',
          values: { code: '1' },
          appealId: null,
          eventKey: null,
          maxAttempts: 2,
        }),
      );
      await ctx.drain();
      expect(await notificationRow(ctx, id)).toMatchObject({ state: 'pending', attempts: 1 });
      ctx.clock.advance(60_000);
      await ctx.drain();
      expect(await notificationRow(ctx, id)).toMatchObject({
        state: 'failed',
        attempts: 2,
        last_error: 'gateway timeout',
        driver: 'flaky',
      });
      expect((await sendJob(ctx, id)).state).toBe('failed');
      // A stray second run of the job (a retried lease) finds the row settled and sends nothing.
      const { sendNotification } = await import('./send.js');
      await sendNotification(services, id);
      expect(sent.filter((s) => s === id)).toHaveLength(2);
    } finally {
      services.sms = original;
    }
  });

  it('does not send a sent message again when its job runs twice', async () => {
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '1' } });
    await ctx.drain();
    const { sendNotification } = await import('./send.js');
    const before = await notificationRow(ctx, id);
    await sendNotification(ctx.services, id);
    expect(await notificationRow(ctx, id)).toEqual(before);
  });

  it('takes its 0004 migration down and up again without losing the outbox', async () => {
    const db = ctx.services.db as unknown as Kysely<unknown>;
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '1' } });
    await m0004.down(db);
    const row = await ctx.services.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row?.id).toBe(id);
    await m0004.up(db);
    expect((await notificationRow(ctx, id)).event_key).toBeNull();
  });
});

describe(`an appeal's messages (${testDialect})`, () => {
  let seeded: TestContext;
  beforeAll(async () => {
    seeded = await createTestContext();
  });
  afterAll(() => seeded.close());

  it('are keyed by the appeal and the template, so the receipt SMS is queued once', async () => {
    const uploadId = await uploadRecording(seeded.app, sampleRecording());
    const res = await submitUploaded(seeded.app, uploadId, await firstOfficialId(seeded.app));
    expect(res.statusCode, res.body).toBe(201);
    const receipt = await seeded.services.db
      .selectFrom('notifications')
      .selectAll()
      .where('template', '=', 'receipt')
      .executeTakeFirstOrThrow();
    expect(receipt.event_key).toBe(`appeal:${receipt.appeal_id}:receipt`);
    const again = await seeded.services.db.transaction().execute((trx) =>
      queueSms(trx, seeded.clock, {
        to: receipt.recipient,
        template: 'receipt',
        language: receipt.language,
        values: { number: 'x', deadline: 'y' },
        appealId: receipt.appeal_id,
      }),
    );
    expect(again).toBe(receipt.id);
    const rows = await seeded.services.db
      .selectFrom('notifications')
      .select('id')
      .where('appeal_id', '=', receipt.appeal_id)
      .execute();
    expect(rows).toHaveLength(1);
    // An answer can come again after a dispute: its message has no key unless the caller names the occurrence.
    const answered = () =>
      seeded.services.db.transaction().execute((trx) =>
        queueSms(trx, seeded.clock, {
          to: receipt.recipient,
          template: 'answered',
          language: receipt.language,
          values: { number: 'x' },
          appealId: receipt.appeal_id,
        }),
      );
    const [first, second] = [await answered(), await answered()];
    expect(first).not.toBe(second);
    expect((await notificationRow(seeded, first)).event_key).toBeNull();
  });
});
