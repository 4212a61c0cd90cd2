// Deletion after the retention period on SQLite or PostgreSQL (TEST_DATABASE): the demo's month of appeals, the clock
// moved past the period, the daily job run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEFAULT_NOW, loginAs, type TestContext } from '../../testing.js';
import { seedDemoAppeals } from '../../db/demo-appeals.js';
import type { AppealDetail } from '../../../common/api.js';
import type { InboxCounts } from '../../../common/inbox.js';
import { isOpenStatus, type AppealStatus } from '../../../common/statuses.js';
import { verifyChain } from '../audit/chain.js';
import { purgeExpired, purgeAppeal } from './purge.js';
import { updateSettings } from '../settings/service.js';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const later = (years: number) => new Date(Date.parse(DEFAULT_NOW) + years * YEAR_MS).toISOString();

describe('deletion after the retention period', () => {
  let ctx: TestContext;
  let held: string;
  const blobKeys = new Map<string, string[]>();

  const appeals = () =>
    ctx.services.db
      .selectFrom('appeals')
      .select(['id', 'status', 'phone_e164', 'iin', 'note', 'media_id', 'purged_at', 'videos_purged_at'])
      .orderBy('id')
      .execute();
  const counts = async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/office/inbox/counts',
      headers: { cookie: await loginAs(ctx.app, 'supervisor') },
    });
    expect(res.statusCode).toBe(200);
    return res.json<InboxCounts>().counts;
  };
  const auditText = async () =>
    JSON.stringify(await ctx.services.db.selectFrom('audit_events').selectAll().execute());

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoAppeals(ctx.services);
    await ctx.drain();
    const { db } = ctx.services;
    // An IIN on one closed appeal, to see it go too.
    const closed = (await appeals()).filter((a) => !isOpenStatus(a.status));
    expect(closed.length).toBeGreaterThanOrEqual(4);
    await db.updateTable('appeals').set({ iin: '900101300126' }).where('id', '=', closed[0]!.id).execute();
    // Held: a closed one without a recording, so the recorded one (the demo has one closed) is deleted.
    held = closed.find((a) => a.media_id === null && a.id !== closed[0]!.id)!.id;
    for (const media of await db
      .selectFrom('media_files')
      .selectAll()
      .where('appeal_id', 'is not', null)
      .execute())
      blobKeys.set(
        media.appeal_id!,
        [
          ...(blobKeys.get(media.appeal_id!) ?? []),
          media.original_key,
          media.playback_key,
          media.poster_key,
        ].filter((k): k is string => k !== null),
      );
    expect([...blobKeys.values()].flat().length).toBeGreaterThanOrEqual(8);
  }, 180_000);
  afterAll(() => ctx.close());

  it('puts an appeal under a legal hold, audited with its reason', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/privacy/appeals/${held}/hold`,
      headers: { cookie: await loginAs(ctx.app, 'admin') },
      payload: { reason: 'Prosecutor’s request No. 12-3/45' },
    });
    expect(res.statusCode).toBe(204);
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select(['action', 'detail', 'actor_kind'])
      .where('subject_id', '=', held)
      .where('action', '=', 'appeal.hold_set')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({ reason: 'Prosecutor’s request No. 12-3/45' });
  });

  it('deletes nothing before the periods end', async () => {
    const { db } = ctx.services;
    const adminRow = await db
      .selectFrom('staff_users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    await updateSettings(
      ctx.services,
      adminRow,
      { videoRetentionYears: 2, personalDataRetentionYears: 5 },
      null,
    );
    ctx.clock.set(later(1.9));
    expect(await purgeExpired(ctx.services)).toMatchObject({ videos: 0, personalData: 0, finished: 0 });
    expect((await appeals()).every((a) => a.videos_purged_at === null && a.phone_e164 !== '')).toBe(true);
    for (const key of [...blobKeys.values()].flat())
      expect(await ctx.services.storage.stat(key)).not.toBeNull();
  });

  it('deletes closed appeals’ recordings after the video period, their personal data not yet', async () => {
    ctx.clock.set(later(4.9));
    const before = await appeals();
    const due = before.filter((a) => !isOpenStatus(a.status) && a.id !== held);
    expect(await purgeExpired(ctx.services)).toMatchObject({ videos: due.length, personalData: 0 });
    for (const a of await appeals()) {
      const gone = due.some((d) => d.id === a.id);
      expect(a.videos_purged_at).toBe(gone ? later(4.9) : null);
      expect(a.purged_at).toBeNull();
      expect(a.phone_e164).not.toBe('');
      for (const key of blobKeys.get(a.id) ?? [])
        expect((await ctx.services.storage.stat(key)) === null).toBe(gone);
    }
    const withVideo = due.find((d) => blobKeys.has(d.id))!;
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/office/appeals/${withVideo.id}`,
      headers: { cookie: await loginAs(ctx.app, 'supervisor') },
    });
    expect(res.json<AppealDetail>()).toMatchObject({
      media: null,
      videosDeletedAt: later(4.9),
      personalDataDeletedAt: null,
    });
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'detail'])
      .where('action', '=', 'appeal.videos_deleted')
      .where('subject_id', '=', withVideo.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_kind).toBe('system');
    const detail = JSON.parse(audit.detail) as { reason: string; videos: number };
    expect(detail.reason).toBe('retention');
    expect(detail.videos).toBeGreaterThan(0);
  });

  it('deletes closed appeals’ videos and personal data after it, keeps the skeleton, never open or held ones', async () => {
    ctx.clock.set(later(5.1));
    const before = await appeals();
    const countsBefore = await counts();
    const phones = before.map((a) => a.phone_e164);
    const statuses = new Map<string, AppealStatus>(before.map((a) => [a.id, a.status]));
    const run = await purgeExpired(ctx.services);
    const after = await appeals();
    const due = before.filter((a) => !isOpenStatus(a.status) && a.id !== held);
    expect(run).toMatchObject({ personalData: due.length, videos: 0 });

    for (const a of after) {
      expect(a.status).toBe(statuses.get(a.id));
      const purged = due.some((d) => d.id === a.id);
      if (purged) {
        expect(a).toMatchObject({ phone_e164: '', iin: null, note: null, media_id: null });
        expect(a.purged_at).toBe(later(5.1));
        for (const key of blobKeys.get(a.id) ?? [])
          expect(await ctx.services.storage.stat(key), key).toBeNull();
      } else {
        expect(a.phone_e164).not.toBe('');
        expect(a.purged_at).toBeNull();
        for (const key of blobKeys.get(a.id) ?? [])
          expect(await ctx.services.storage.stat(key)).not.toBeNull();
      }
    }
    const { db } = ctx.services;
    const left = await db.selectFrom('media_files').select('appeal_id').execute();
    expect(left.filter((m) => due.some((d) => d.id === m.appeal_id))).toEqual([]);
    const answers = await db
      .selectFrom('answers')
      .select(['appeal_id', 'body', 'outcome'])
      .where(
        'appeal_id',
        'in',
        due.map((d) => d.id),
      )
      .execute();
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => a.body === '' && a.outcome !== null)).toBe(true);

    // The statistics still count every appeal as it was.
    expect(await counts()).toEqual(countsBefore);

    // Each purge audited as the system's act, with counts only; no phone number anywhere in the trail.
    const audit = await db
      .selectFrom('audit_events')
      .select(['subject_id', 'actor_kind', 'detail'])
      .where('action', '=', 'appeal.personal_data_deleted')
      .execute();
    expect(audit.map((r) => r.subject_id).sort()).toEqual(due.map((d) => d.id).sort());
    expect(audit.every((r) => r.actor_kind === 'system')).toBe(true);
    const trail = await auditText();
    for (const phone of phones) {
      expect(trail).not.toContain(phone);
      expect(trail).not.toContain(phone.slice(1));
    }
    expect(trail).not.toContain('900101300126');
    expect(await verifyChain(db)).toMatchObject({ ok: true });

    // The office shows the purged appeal as deleted instead of a player.
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/office/appeals/${due[0]!.id}`,
      headers: { cookie: await loginAs(ctx.app, 'supervisor') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<AppealDetail>()).toMatchObject({
      media: null,
      note: null,
      personalDataDeletedAt: later(5.1),
      videosDeletedAt: later(4.9),
    });
  });

  it('is idempotent: a second run deletes and audits nothing more', async () => {
    const { db } = ctx.services;
    const rows = async () => (await db.selectFrom('audit_events').select('id').execute()).length;
    const auditBefore = await rows();
    expect(await purgeExpired(ctx.services)).toEqual({
      videos: 0,
      personalData: 0,
      finished: 0,
      phoneChecks: 0,
    });
    expect(await rows()).toBe(auditBefore);
  });

  it('finishes the files a stopped run left behind', async () => {
    const { db, storage } = ctx.services;
    const purged = (await appeals()).find((a) => a.purged_at !== null)!;
    // As if the run had stopped after marking the appeal, before its files were gone.
    await storage.put('privacy-test/left.webm', Buffer.from('still here'));
    await db
      .insertInto('media_files')
      .values({
        id: crypto.randomUUID(),
        kind: 'appeal_video',
        state: 'ready',
        mime_type: 'video/webm',
        size_bytes: 10,
        sha256: null,
        duration_ms: null,
        width: null,
        height: null,
        original_key: 'privacy-test/left.webm',
        playback_key: null,
        poster_key: null,
        failure_reason: null,
        appeal_id: purged.id,
        created_at: later(5.1),
        updated_at: later(5.1),
        owner: null,
        reservation_id: null,
      })
      .execute();
    expect(await purgeExpired(ctx.services)).toMatchObject({ finished: 1 });
    expect(await storage.stat('privacy-test/left.webm')).toBeNull();
    expect(
      await db.selectFrom('media_files').select('id').where('appeal_id', '=', purged.id).execute(),
    ).toEqual([]);
  });

  it('never purges an open or held appeal, even when asked for one directly', async () => {
    const open = (await appeals()).find((a) => isOpenStatus(a.status))!;
    const system = { userId: null, ip: null, detail: {} };
    expect(await purgeAppeal(ctx.services, open.id, 'personal-data', system)).toBe(false);
    expect(await purgeAppeal(ctx.services, held, 'videos', system)).toBe(false);
    const rows = (await appeals()).filter((a) => a.id === open.id || a.id === held);
    expect(rows.every((a) => a.phone_e164 !== '' && a.videos_purged_at === null)).toBe(true);
  });

  it('purges a held appeal once its hold is released (and refuses a hold on it afterwards)', async () => {
    const admin = await loginAs(ctx.app, 'admin');
    const release = (reason: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/admin/privacy/appeals/${held}/release`,
        headers: { cookie: admin },
        payload: { reason },
      });
    expect((await release('   ')).json()).toMatchObject({ type: '/problems/reason-required', status: 422 });
    expect((await release('The case is closed')).statusCode).toBe(204);
    expect((await release('again')).json()).toMatchObject({ type: '/problems/hold-not-set', status: 409 });
    expect(await purgeExpired(ctx.services)).toMatchObject({ personalData: 1 });
    const hold = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/privacy/appeals/${held}/hold`,
      headers: { cookie: admin },
      payload: { reason: 'Too late' },
    });
    expect(hold.json()).toMatchObject({ type: '/problems/appeal-already-purged', status: 409 });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/privacy/appeals/${crypto.randomUUID()}/hold`,
      headers: { cookie: admin },
      payload: { reason: 'Court order' },
    });
    expect(unknown.json()).toMatchObject({ type: '/problems/appeal-not-found', status: 404 });
  });
});
