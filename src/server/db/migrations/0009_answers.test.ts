// Migration 0009 on SQLite or PostgreSQL (TEST_DATABASE): an answer written before it ("executed", plain text) comes
// out "satisfied" with its text as HTML paragraphs; down and up again keep the answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestContext, testDialect, type TestContext } from '../../testing.js';
import { makeAppeal } from '../../modules/public/fixtures.js';
import * as m0009 from './0009_answers.js';

describe(`migration 0009_answers (${testDialect})`, () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('maps the old outcomes to the law’s list and gives old answers their HTML', async () => {
    const { db, storage } = ctx.services;
    const made = await makeAppeal(db, storage, ctx.clock.now(), {
      answer: {
        body: 'Сделано <как> просили & даже больше.\nВторая строка\n\nНовый абзац',
        outcome: 'explained',
      },
    });
    const raw = db as unknown as Kysely<unknown>;
    await m0009.down(raw);
    await sql`update answers set outcome = 'executed' where id = ${made.answerId}`.execute(raw);
    const columns = await sql<{ id: string }>`select id from answers`.execute(raw);
    expect(columns.rows.length).toBeGreaterThan(0);
    await m0009.up(raw);
    const answer = await db
      .selectFrom('answers')
      .select(['outcome', 'body', 'body_html'])
      .where('id', '=', made.answerId ?? '')
      .executeTakeFirstOrThrow();
    expect(answer).toEqual({
      outcome: 'satisfied',
      body: 'Сделано <как> просили & даже больше.\nВторая строка\n\nНовый абзац',
      body_html: '<p>Сделано &lt;как&gt; просили &amp; даже больше.<br />Вторая строка</p><p>Новый абзац</p>',
    });
    // The tables it adds are there again and empty.
    for (const table of ['answer_drafts', 'appeal_files', 'appeal_comments'] as const)
      expect(await db.selectFrom(table).selectAll().execute()).toEqual([]);
  });

  it('maps the law’s outcomes the old list lacks on the way down', async () => {
    const { db, storage } = ctx.services;
    const left = await makeAppeal(db, storage, ctx.clock.now(), {
      status: 'left_without_consideration',
      answer: { body: 'Без рассмотрения', outcome: 'left_without_consideration' },
    });
    const partly = await makeAppeal(db, storage, ctx.clock.now(), {
      answer: { body: 'Частично', outcome: 'partly_satisfied' },
    });
    const raw = db as unknown as Kysely<unknown>;
    await m0009.down(raw);
    const rows = await sql<{ id: string; outcome: string }>`select id, outcome from answers`.execute(raw);
    const outcome = (id: string | null) => rows.rows.find((r) => r.id === id)?.outcome;
    expect(outcome(left.answerId)).toBe('refused');
    expect(outcome(partly.answerId)).toBe('executed');
    await m0009.up(raw);
  });
});
