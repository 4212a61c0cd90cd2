// A citizen's data on a lawful request, on SQLite or PostgreSQL (TEST_DATABASE): find by phone, export as a ZIP,
// erase; every refusal; the audit trail keeps the request's reference and counts, never the number.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginAs, type TestContext } from '../../testing.js';
import { seedDemoAppeals } from '../../db/demo-appeals.js';
import type { CitizenAppeals, PrivacyErased } from '../../../common/privacy.js';

// The demo's appeals come from +7701555<1000 + i>: the 14th (i = 13) was recorded at a booth and answered; the first
// is new.
const ANSWERED = '+77015551013';
const OPEN = '+77015551000';
const bodyFor = (url: string, phone: string) =>
  url === 'erase' ? { phone, reference: 'R', reason: 'r' } : { phone, reference: 'R' };

describe('a citizen’s data on a lawful request', () => {
  let ctx: TestContext;
  let admin: string;
  const post = (url: string, payload: object, cookie = admin) =>
    ctx.app.inject({ method: 'POST', url: `/api/admin/privacy/${url}`, headers: { cookie }, payload });
  const trail = async () =>
    JSON.stringify(await ctx.services.db.selectFrom('audit_events').selectAll().execute());

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoAppeals(ctx.services);
    await ctx.drain();
    admin = await loginAs(ctx.app, 'admin');
  }, 180_000);
  afterAll(() => ctx.close());

  it('is for admins only', async () => {
    for (const role of ['operator', 'official', 'supervisor']) {
      const cookie = await loginAs(ctx.app, role);
      for (const url of ['search', 'export', 'erase'])
        expect((await post(url, bodyFor(url, ANSWERED), cookie)).statusCode).toBe(403);
    }
    expect((await post('search', { phone: ANSWERED, reference: 'R' }, '')).statusCode).toBe(401);
  });

  it('finds a person’s appeals by their number in any written form, audited without it', async () => {
    const res = await post('search', { phone: '8 701 555 10 13', reference: 'Letter 7/1' });
    expect(res.statusCode).toBe(200);
    const found = res.json<CitizenAppeals>();
    expect(found.phoneMasked).toBe('+7 701 ••• ••13');
    expect(found.appeals).toHaveLength(1);
    expect(found.appeals[0]).toMatchObject({
      status: 'answered',
      open: false,
      hold: null,
      videosDeletedAt: null,
    });
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select(['subject_type', 'subject_id', 'detail'])
      .where('action', '=', 'privacy.searched')
      .execute();
    expect(audit).toEqual([
      {
        subject_type: 'privacy_request',
        subject_id: 'Letter 7/1',
        detail: '{"reference":"Letter 7/1","appeals":1}',
      },
    ]);
  });

  it('refuses a number that is not a Kazakh mobile, and answers 404 for one no appeal holds', async () => {
    expect((await post('search', { phone: '12345', reference: 'R' })).json()).toMatchObject({
      type: '/problems/invalid-phone',
      status: 422,
    });
    for (const url of ['search', 'export', 'erase'])
      expect((await post(url, bodyFor(url, '+77019999999'))).json()).toMatchObject({
        type: '/problems/privacy-phone-unknown',
        status: 404,
      });
    expect((await post('search', { phone: ANSWERED, reference: '' })).statusCode).toBe(400);
    // Control characters are dropped (PostgreSQL cannot store a NUL): nothing left is no reference.
    expect((await post('search', { phone: ANSWERED, reference: '\u0000 ' })).json()).toMatchObject({
      type: '/problems/validation-failed',
      status: 400,
    });
  });

  it('exports the appeals with the note, the answer and the person’s own recording', async () => {
    const res = await post('export', { phone: ANSWERED, reference: 'Letter 7/2' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="appeals-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const zip = await JSZip.loadAsync(res.rawPayload);
    const data = JSON.parse(await zip.file('appeals.json')!.async('string')) as {
      phone: string;
      reference: string;
      appeals: {
        note: string;
        video: string;
        answers: { text: string; outcome: string }[];
        history: unknown[];
      }[];
    };
    expect(data).toMatchObject({ phone: ANSWERED, reference: 'Letter 7/2' });
    const [appeal] = data.appeals;
    expect(appeal!.note.length).toBeGreaterThan(10);
    expect(appeal!.answers[0]!.text.length).toBeGreaterThan(10);
    expect(appeal!.history.length).toBeGreaterThanOrEqual(2);
    const video = await zip.file(appeal!.video)!.async('nodebuffer');
    expect(video.length).toBeGreaterThan(1000);
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'privacy.exported')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({ reference: 'Letter 7/2', appeals: 1, files: 1 });
  });

  it('refuses to erase without a reason, while an appeal is open, or under a hold', async () => {
    expect((await post('erase', { phone: ANSWERED, reference: 'R', reason: '  ' })).json()).toMatchObject({
      type: '/problems/reason-required',
    });
    expect((await post('erase', { phone: ANSWERED, reference: 'R' })).statusCode).toBe(400);
    expect((await post('erase', { phone: OPEN, reference: 'R', reason: 'Asked' })).json()).toMatchObject({
      type: '/problems/privacy-appeals-open',
      status: 409,
    });
    const [appeal] = (await post('search', { phone: ANSWERED, reference: 'R' })).json<CitizenAppeals>()
      .appeals;
    expect((await post(`appeals/${appeal!.id}/hold`, { reason: 'Court case 2-15' })).statusCode).toBe(204);
    expect((await post('erase', { phone: ANSWERED, reference: 'R', reason: 'Asked' })).json()).toMatchObject({
      type: '/problems/appeal-on-hold',
      status: 409,
    });
    expect((await post(`appeals/${appeal!.id}/release`, { reason: 'Case closed' })).statusCode).toBe(204);
  });

  it('erases a person’s data, withdrawing an open appeal when the admin confirms it', async () => {
    const { db, storage } = ctx.services;
    const own = await db
      .selectFrom('appeals as a')
      .innerJoin('media_files as m', 'm.appeal_id', 'a.id')
      .select(['m.original_key', 'm.playback_key', 'm.poster_key'])
      .where('a.phone_e164', '=', ANSWERED)
      .execute();
    const keys = own.flatMap((m) => [m.original_key, m.playback_key, m.poster_key]).filter((k) => k !== null);
    expect(keys.length).toBeGreaterThan(0);

    const erased = await post('erase', {
      phone: ANSWERED,
      reference: 'Letter 7/3',
      reason: 'The person asked',
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json<PrivacyErased>()).toEqual({ erased: 1, withdrawn: 0 });
    for (const key of keys) expect(await storage.stat(key)).toBeNull();
    expect(await db.selectFrom('appeals').select('id').where('phone_e164', '=', ANSWERED).execute()).toEqual(
      [],
    );
    expect((await post('search', { phone: ANSWERED, reference: 'R' })).statusCode).toBe(404);
    // The public page's SMS code for the erased appeal: answered as for an unknown number, nothing sent.
    const number = (
      await db
        .selectFrom('appeals')
        .select('registration_number')
        .where('purged_at', 'is not', null)
        .executeTakeFirstOrThrow()
    ).registration_number;
    const sms = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/sms-codes',
      payload: { registrationNumber: number, language: 'ru' },
    });
    expect(sms.statusCode).toBe(202);
    expect(
      await db.selectFrom('phone_verifications').select('id').where('phone_e164', '=', '').execute(),
    ).toEqual([]);

    const open = await post('erase', {
      phone: OPEN,
      reference: 'Letter 7/4',
      reason: 'The person asked',
      withdrawOpen: true,
    });
    expect(open.json<PrivacyErased>()).toEqual({ erased: 1, withdrawn: 1 });
    const withdrawn = await db
      .selectFrom('appeals')
      .select(['status', 'purged_at', 'note'])
      .where(
        'registration_number',
        '=',
        (
          await db
            .selectFrom('appeal_moderations as m')
            .innerJoin('appeals as a', 'a.id', 'm.appeal_id')
            .select('a.registration_number')
            .where('m.reason', '=', 'The person asked')
            .executeTakeFirstOrThrow()
        ).registration_number,
      )
      .executeTakeFirstOrThrow();
    expect(withdrawn).toMatchObject({ status: 'withdrawn', note: null });
    expect(withdrawn.purged_at).not.toBeNull();

    const actions = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_kind', 'detail'])
      .where('action', 'in', ['privacy.erased', 'appeal.personal_data_deleted', 'appeal.withdrawn'])
      .execute();
    expect(
      actions.filter((a) => a.action === 'privacy.erased').map((a) => JSON.parse(a.detail) as object),
    ).toEqual([
      {
        reference: 'Letter 7/3',
        reason: 'The person asked',
        appeals: 1,
        erased: 1,
        withdrawn: 0,
        phoneChecks: 0,
      },
      {
        reference: 'Letter 7/4',
        reason: 'The person asked',
        appeals: 1,
        erased: 1,
        withdrawn: 1,
        phoneChecks: 0,
      },
    ]);
    expect(actions.filter((a) => a.action === 'appeal.personal_data_deleted')).toHaveLength(2);
    const text = await trail();
    for (const phone of [ANSWERED, OPEN]) {
      expect(text).not.toContain(phone);
      expect(text).not.toContain(phone.slice(1));
    }
  });
});
