// Settings an admin edits, through the HTTP API on SQLite or PostgreSQL (TEST_DATABASE): each setting's effect on
// what the apps read and on what the server enforces (recording length, SMS code, deadlines of new appeals only,
// the extension's ceiling), every rejection, the logo's re-encoding, and the audit rows.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestContext,
  firstOfficialId,
  loginAs,
  sampleRecording,
  submitUploaded,
  uploadRecording,
  type TestContext,
} from '../../testing.js';
import type { PublicSettings, Receipt } from '../../../common/api.js';
import { LOGO_MAX_BYTES, type AdminSettings, type SettingsPatch } from '../../../common/settings.js';
import { resolveBinary } from '../../media/tools.js';
import { getSettings } from './service.js';

let ctx: TestContext;
let admin: string;
let officialId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loginAs(ctx.app, 'admin');
  officialId = await firstOfficialId(ctx.app);
});
afterAll(() => ctx.close());

function expectProblem(res: LightMyRequestResponse, status: number, slug: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.json<{ type: string }>().type).toBe(`/problems/${slug}`);
}

const patch = (payload: unknown, cookie = admin) =>
  ctx.app.inject({
    method: 'PATCH',
    url: '/api/admin/settings',
    headers: { cookie },
    payload: payload as object,
  });

async function patched(payload: SettingsPatch): Promise<AdminSettings> {
  const res = await patch(payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AdminSettings>();
}

const publicSettings = async () =>
  (await ctx.app.inject({ method: 'GET', url: '/api/settings' })).json<PublicSettings>();

async function lastAudit() {
  const row = await ctx.services.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', 'settings.updated')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  return { ...row, detail: JSON.parse(row.detail) as Record<string, unknown> };
}

const putLogo = (body: Buffer, cookie = admin) =>
  ctx.app.inject({
    method: 'PUT',
    url: '/api/admin/settings/logo',
    headers: { cookie, 'content-type': 'application/octet-stream' },
    payload: body,
  });

/** A picture made by ffmpeg (testsrc) in the given size and format. */
function picture(name: string, size: string, extra: string[] = []): Buffer {
  const file = path.join(ctx.dataDir, name);
  execFileSync(resolveBinary('', 'ffmpeg'), [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}`,
    '-frames:v',
    '1',
    ...extra,
    file,
  ]);
  return fs.readFileSync(file);
}

describe('reading', () => {
  it('gives the configuration’s defaults until an admin sets something', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/settings',
      headers: { cookie: admin },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<AdminSettings>();
    expect(body.overridden).toEqual([]);
    expect(body.settings).toMatchObject({
      recordingBaseSeconds: 120,
      recordingExtensionSeconds: 60,
      recordingMaxSeconds: 300,
      smsCodeRequired: false,
      deadlineWorkingDays: 15,
      extensionMaxMonths: 2,
      videoRetentionYears: 5,
      personalDataRetentionYears: 5,
      organisationLogo: null,
    });
    expect(body.defaults.recordingBaseSeconds).toBe(120);
  });

  it.each(['operator', 'official', 'supervisor', 'akim'])(
    'refuses %s (403) every settings route',
    async (who) => {
      const cookie = await loginAs(ctx.app, who);
      expectProblem(
        await ctx.app.inject({ method: 'GET', url: '/api/admin/settings', headers: { cookie } }),
        403,
        'forbidden',
      );
      expectProblem(await patch({ smsCodeRequired: true }, cookie), 403, 'forbidden');
      expectProblem(await putLogo(picture('p.png', '64x64'), cookie), 403, 'forbidden');
      expectProblem(
        await ctx.app.inject({ method: 'DELETE', url: '/api/admin/settings/logo', headers: { cookie } }),
        403,
        'forbidden',
      );
    },
  );

  it('refuses without a session (401)', async () => {
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/api/admin/settings' }),
      401,
      'not-authenticated',
    );
  });
});

describe('recording limits', () => {
  it.each<[string, unknown, number, string]>([
    ['a base time under the bound', { recordingBaseSeconds: 5 }, 400, 'validation-failed'],
    ['a maximum over the bound', { recordingMaxSeconds: 1801 }, 400, 'validation-failed'],
    ['a fraction', { recordingExtensionSeconds: 1.5 }, 400, 'validation-failed'],
    ['a string', { deadlineWorkingDays: 'ten' }, 400, 'validation-failed'],
    ['an unknown setting', { colour: 'red' }, 400, 'validation-failed'],
    ['nothing at all', {}, 400, 'validation-failed'],
    ['a base time over the maximum', { recordingBaseSeconds: 400 }, 422, 'settings-invalid'],
    ['base + extension over the maximum', { recordingExtensionSeconds: 200 }, 422, 'settings-invalid'],
    ['a maximum under base + extension', { recordingMaxSeconds: 150 }, 422, 'settings-invalid'],
    [
      'a setting both set and reset',
      { recordingMaxSeconds: 600, reset: ['recordingMaxSeconds'] },
      422,
      'settings-invalid',
    ],
    ['a reset of an unknown setting', { reset: ['colour'] }, 400, 'validation-failed'],
  ])('refuses %s', async (_name, payload, status, slug) => {
    const res = await patch(payload);
    expectProblem(res, status, slug);
  });

  it('answers the rule’s title in the request’s language', async () => {
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/admin/settings',
      headers: { cookie: admin, 'accept-language': 'ru' },
      payload: { recordingBaseSeconds: 400 },
    });
    expect(res.json<{ title: string }>().title).toBe('Недопустимое значение настройки: проверьте поля.');
  });

  it('sets the limits the apps read, audits before and after, and resets to the default', async () => {
    const body = await patched({
      recordingBaseSeconds: 60,
      recordingExtensionSeconds: 30,
      recordingMaxSeconds: 120,
    });
    expect(body.overridden.sort()).toEqual([
      'recordingBaseSeconds',
      'recordingExtensionSeconds',
      'recordingMaxSeconds',
    ]);
    expect(await publicSettings()).toMatchObject({
      recordingBaseSeconds: 60,
      recordingExtensionSeconds: 30,
      recordingMaxSeconds: 120,
    });
    const audit = await lastAudit();
    expect(audit.actor_user_id).not.toBeNull();
    expect(audit.detail).toEqual({
      changed: {
        recordingBaseSeconds: { before: 120, after: 60 },
        recordingExtensionSeconds: { before: 60, after: 30 },
        recordingMaxSeconds: { before: 300, after: 120 },
      },
    });

    const reset = await patched({
      reset: ['recordingBaseSeconds', 'recordingExtensionSeconds', 'recordingMaxSeconds'],
    });
    expect(reset.overridden).toEqual([]);
    expect((await publicSettings()).recordingMaxSeconds).toBe(300);
    expect((await lastAudit()).detail).toMatchObject({
      reset: ['recordingBaseSeconds', 'recordingExtensionSeconds', 'recordingMaxSeconds'],
    });
  });

  it('refuses a recording longer than the new maximum and takes it back under the default', async () => {
    await patched({ recordingBaseSeconds: 10, recordingExtensionSeconds: 0, recordingMaxSeconds: 10 });
    const tooLong = await submitUploaded(
      ctx.app,
      await uploadRecording(ctx.app, sampleRecording('webm', 12)),
      officialId,
    );
    expectProblem(tooLong, 422, 'media-rejected');
    expect(tooLong.json<{ detail: string }>().detail).toMatch(/at most 10 s/);
    await patched({ reset: ['recordingBaseSeconds', 'recordingExtensionSeconds', 'recordingMaxSeconds'] });
    const fine = await submitUploaded(
      ctx.app,
      await uploadRecording(ctx.app, sampleRecording('webm', 12)),
      officialId,
    );
    expect(fine.statusCode, fine.body).toBe(201);
  });
});

describe('deadlines and the SMS code', () => {
  it('gives appeals registered after a change the new deadline; an older one keeps its stored deadline', async () => {
    const before = await submitUploaded(
      ctx.app,
      await uploadRecording(ctx.app, sampleRecording()),
      officialId,
    );
    expect(before.statusCode, before.body).toBe(201);
    const old = before.json<Receipt>();
    expect(old.deadlineOn).toBe('2026-12-09');

    await patched({ deadlineWorkingDays: 5 });
    expect((await publicSettings()).deadlineWorkingDays).toBe(5);
    const after = await submitUploaded(
      ctx.app,
      await uploadRecording(ctx.app, sampleRecording()),
      officialId,
    );
    expect(after.json<Receipt>()).toMatchObject({ deadlineOn: '2026-11-25', deadlineWorkingDays: 5 });
    const stored = await ctx.services.db
      .selectFrom('appeals')
      .select('deadline_on')
      .where('registration_number', '=', old.registrationNumber)
      .executeTakeFirstOrThrow();
    expect(stored.deadline_on).toBe('2026-12-09');
    await patched({ reset: ['deadlineWorkingDays'] });
  });

  it('lets an extension reach the new ceiling of months', async () => {
    const res = await submitUploaded(ctx.app, await uploadRecording(ctx.app, sampleRecording()), officialId);
    const number = res.json<Receipt>().registrationNumber;
    const { id } = await ctx.services.db
      .selectFrom('appeals')
      .select('id')
      .where('registration_number', '=', number)
      .executeTakeFirstOrThrow();
    const supervisor = await loginAs(ctx.app, 'supervisor');
    const ceiling = async () =>
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/office/appeals/${id}/deadline-history`,
          headers: { cookie: supervisor },
        })
      ).json<{ maxDeadlineOn: string }>().maxDeadlineOn;
    expect(await ceiling()).toBe('2027-01-18');
    await patched({ extensionMaxMonths: 3 });
    expect(await ceiling()).toBe('2027-02-18');
    await patched({ reset: ['extensionMaxMonths'] });
  });

  it('requires a confirmed phone at the booth once the SMS code is switched on', async () => {
    await patched({ smsCodeRequired: true });
    expect((await publicSettings()).smsCodeRequired).toBe(true);
    const res = await submitUploaded(ctx.app, await uploadRecording(ctx.app, sampleRecording()), officialId);
    expectProblem(res, 403, 'phone-not-verified');
    await patched({ smsCodeRequired: false });
    const ok = await submitUploaded(ctx.app, await uploadRecording(ctx.app, sampleRecording()), officialId);
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await lastAudit()).detail).toEqual({
      changed: { smsCodeRequired: { before: true, after: false } },
    });
  });

  it('keeps retention periods for the deletion job', async () => {
    await patched({ videoRetentionYears: 3, personalDataRetentionYears: 7 });
    expect(await getSettings(ctx.services)).toMatchObject({
      videoRetentionYears: 3,
      personalDataRetentionYears: 7,
    });
    expect((await publicSettings()).videoRetentionYears).toBe(3);
    expectProblem(await patch({ personalDataRetentionYears: 0 }), 400, 'validation-failed');
  });
});

describe('the organisation', () => {
  const name = { kk: 'Алматы қаласының әкімдігі', ru: 'Акимат города Алматы', en: 'Akimat of Almaty' };
  const contact = {
    phone: '+7 (727) 271-66-66',
    email: 'info@almaty.gov.kz',
    address: { kk: 'Республика алаңы, 4', ru: 'площадь Республики, 4', en: '4 Republic Square' },
    hours: { kk: 'Дс–Жм 9:00–18:00', ru: 'Пн–Пт 9:00–18:00', en: 'Mon–Fri 9:00–18:00' },
  };

  it('shows the name and contacts to the apps', async () => {
    await patched({ organisationName: name, contact });
    expect(await publicSettings()).toMatchObject({ organisationName: name, contact });
  });

  it.each<[string, unknown]>([
    ['a name over a line', { organisationName: { ...name, en: 'Akimat\nof Almaty' } }],
    ['a name too long', { organisationName: { ...name, kk: 'ә'.repeat(201) } }],
    ['a name missing a language', { organisationName: { kk: 'a', ru: 'b' } }],
    ['an email that is not one', { contact: { ...contact, email: 'info at almaty' } }],
    ['a phone with letters', { contact: { ...contact, phone: 'call us' } }],
    [
      'a control character in the hours',
      { contact: { ...contact, hours: { ...contact.hours, ru: 'a\u0007' } } },
    ],
  ])('refuses %s', async (_name, payload) => {
    expectProblem(await patch(payload), 400, 'validation-failed');
  });

  it('re-encodes a logo to fit 600×200 without metadata, serves it, and audits it', async () => {
    const png = await putLogo(picture('wide.png', '1200x400'));
    expect(png.statusCode, png.body).toBe(200);
    const url = png.json<AdminSettings>().settings.organisationLogo;
    expect(url).toMatch(/^\/api\/settings\/logo\?v=[0-9a-f]{12}$/);
    expect((await publicSettings()).organisationLogo).toBe(url);
    const served = await ctx.app.inject({ method: 'GET', url: url! });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.readUInt32BE(16)).toBe(600);
    expect(served.rawPayload.readUInt32BE(20)).toBe(200);
    const audit = await lastAudit();
    expect(audit.detail).toMatchObject({ changed: { organisationLogo: { before: null, after: url } } });

    // A JPEG carrying a comment (as EXIF or GPS data would be): the stored picture has none of it.
    const jpeg = picture('photo.jpg', '320x240');
    const secret = Buffer.from('SECRET-GPS-55.75N');
    const marked = Buffer.concat([
      jpeg.subarray(0, 2),
      Buffer.from([0xff, 0xfe, 0, secret.length + 2]),
      secret,
      jpeg.subarray(2),
    ]);
    const res = await putLogo(marked);
    expect(res.statusCode, res.body).toBe(200);
    const next = res.json<AdminSettings>().settings.organisationLogo!;
    expect(next).not.toBe(url);
    const got = await ctx.app.inject({ method: 'GET', url: next });
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.rawPayload.includes(secret)).toBe(false);
  });

  it.each<[string, () => Buffer, number, string]>([
    ['text', () => Buffer.from('not a picture at all'), 422, 'logo-not-an-image'],
    ['a WebP', () => picture('p.webp', '64x64'), 422, 'logo-not-an-image'],
    ['a PNG cut short', () => picture('cut.png', '320x240').subarray(0, 200), 422, 'logo-not-an-image'],
    [
      'a file over the limit',
      () => Buffer.concat([picture('big.png', '64x64'), Buffer.alloc(LOGO_MAX_BYTES)]),
      413,
      'logo-too-large',
    ],
  ])('refuses %s as a logo', async (_name, make, status, slug) => {
    expectProblem(await putLogo(make()), status, slug);
  });

  it('removes the logo', async () => {
    const res = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/admin/settings/logo',
      headers: { cookie: admin },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AdminSettings>().settings.organisationLogo).toBeNull();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/settings/logo' })).statusCode).toBe(404);
    expect((await lastAudit()).detail).toMatchObject({ changed: { organisationLogo: { after: null } } });
  });
});
