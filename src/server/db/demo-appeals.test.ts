import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';
import { seedDemoAppeals } from './demo-appeals.js';

describe('the demo appeals', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoAppeals(ctx.services);
    await ctx.drain();
  }, 120_000);
  afterAll(() => ctx.close());

  it('open the office on a month of work: new, routed, extended, redirected, answered, withdrawn', async () => {
    const rows = await ctx.services.db
      .selectFrom('appeals')
      .select(['status', 'deadline_on', 'registered_on', 'media_id'])
      .execute();
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    expect(rows).toHaveLength(18);
    expect(count('answered')).toBe(4);
    expect(count('withdrawn')).toBe(1);
    expect(count('redirected')).toBe(1);
    expect(count('extended')).toBe(1);
    expect(count('registered') + count('under_review')).toBe(11);
    // Some still open past their deadline (as of the test's today), for the overdue view.
    const today = '2026-11-18';
    const open = ['registered', 'under_review', 'extended', 'redirected'];
    expect(
      rows.filter((r) => open.includes(r.status) && r.deadline_on < today).length,
    ).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.registered_on <= today)).toBe(true);
  });

  it('gives the booth-recorded ones a processed video', async () => {
    const media = await ctx.services.db
      .selectFrom('appeals as a')
      .innerJoin('media_files as m', 'm.id', 'a.media_id')
      .select(['m.state', 'm.playback_key', 'm.poster_key'])
      .execute();
    expect(media).toHaveLength(4);
    for (const m of media) {
      expect(m.state).toBe('ready');
      expect(m.playback_key).not.toBeNull();
      expect(m.poster_key).not.toBeNull();
    }
  });

  it('records every step in the history, the audit trail and the citizen’s messages', async () => {
    const history = await ctx.services.db.selectFrom('appeal_status_history').select(['to_status']).execute();
    expect(history.filter((h) => h.to_status === 'registered')).toHaveLength(18);
    expect(history.filter((h) => h.to_status === 'answered')).toHaveLength(4);
    const sms = await ctx.services.db
      .selectFrom('notifications')
      .select(['template'])
      .where('channel', '=', 'sms')
      .execute();
    expect(sms.filter((m) => m.template === 'receipt')).toHaveLength(18);
    expect(sms.filter((m) => m.template === 'answered')).toHaveLength(4);
    expect(sms.filter((m) => m.template === 'extended')).toHaveLength(1);
    expect(sms.filter((m) => m.template === 'redirected')).toHaveLength(1);
  });
});
