// Keeping the directory through the HTTP API on SQLite or PostgreSQL (TEST_DATABASE): departments, officials (edit,
// order, deputies, retire with their open appeals moved, delete only without appeals), photos re-encoded without
// metadata, topics with their routing, and the booth refusing an official who has retired. Every action audited.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { OfficialCard } from '../../../common/api.js';
import type {
  AdminCategory,
  AdminDepartment,
  AdminOfficial,
  OfficialBody,
  RetireResult,
} from '../../../common/directory.js';
import { resolveBinary } from '../../media/tools.js';
import {
  createTestContext,
  loginAs,
  sampleRecording,
  submitUploaded,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';

let ctx: TestContext;
let cookie: string;

beforeAll(async () => {
  ctx = await createTestContext();
  cookie = await loginAs(ctx.app, 'admin');
});
afterAll(() => ctx.close());

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
function call(method: Method, url: string, payload?: object, as = cookie) {
  return ctx.app.inject({ method, url, headers: { cookie: as }, ...(payload ? { payload } : {}) });
}

function problemOf(res: LightMyRequestResponse, status: number, slug: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json<{ type: string }>().type).toBe(`/problems/${slug}`);
}

async function auditsOf(action: string, subjectId?: string) {
  return ctx.services.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .$if(subjectId !== undefined, (q) => q.where('subject_id', '=', subjectId ?? ''))
    .execute();
}

async function departments() {
  return (await call('GET', '/api/admin/directory/departments')).json<AdminDepartment[]>();
}
async function officials() {
  return (await call('GET', '/api/admin/directory/officials')).json<AdminOfficial[]>();
}
async function booth() {
  return (await ctx.app.inject({ method: 'GET', url: '/api/directory/officials' })).json<OfficialCard[]>();
}

let counter = 0;
async function newOfficial(overrides: Partial<OfficialBody> = {}): Promise<AdminOfficial> {
  counter++;
  const [department] = await departments();
  const res = await call('POST', '/api/admin/directory/officials', {
    code: `test-${counter}`,
    departmentId: department!.id,
    fullName: { kk: `Сынақ ${counter}`, ru: `Тестов ${counter}`, en: `Testov ${counter}` },
    position: { kk: 'Маман', ru: 'Специалист', en: 'Specialist' },
    area: { kk: 'Жолдар', ru: 'Дороги', en: 'Roads' },
    receptionHours: { kk: 'Дс 10:00–12:00', ru: 'Пн 10:00–12:00', en: 'Mon 10:00–12:00' },
    shownInKiosk: true,
    deputyOfficialId: null,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<AdminOfficial>();
}

async function appealTo(officialId: string): Promise<string> {
  const res = await submitUploaded(ctx.app, await uploadRecording(ctx.app, sampleRecording()), officialId);
  expect(res.statusCode, res.body).toBe(201);
  const row = await ctx.services.db
    .selectFrom('appeals')
    .select('id')
    .where('addressee_official_id', '=', officialId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe(`departments (${testDialect})`, () => {
  it('creates, renames, refuses a taken code, moves, retires an empty one and restores it; each audited', async () => {
    const created = await call('POST', '/api/admin/directory/departments', {
      code: 'museums',
      name: { kk: 'Мәдениет бөлімі', ru: 'Отдел культуры', en: 'Culture department' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json<AdminDepartment>();
    expect(d).toMatchObject({ code: 'museums', active: true, activeOfficials: 0 });
    expect(await auditsOf('department.created', d.id)).toHaveLength(1);

    problemOf(
      await call('POST', '/api/admin/directory/departments', { code: 'museums', name: d.name }),
      409,
      'directory-code-taken',
    );
    problemOf(
      await call('POST', '/api/admin/directory/departments', { code: 'Bad Code!', name: d.name }),
      400,
      'validation-failed',
    );

    const renamed = await call('PUT', `/api/admin/directory/departments/${d.id}`, {
      code: 'museums',
      name: { ...d.name, en: 'Department of culture' },
    });
    expect(renamed.json<AdminDepartment>().name.en).toBe('Department of culture');
    expect(await auditsOf('department.updated', d.id)).toHaveLength(1);

    const before = await departments();
    const moved = await call('POST', `/api/admin/directory/departments/${d.id}/move`, { direction: 'up' });
    const after = moved.json<AdminDepartment[]>();
    expect(after.findIndex((x) => x.id === d.id)).toBe(before.findIndex((x) => x.id === d.id) - 1);

    const retired = await call('POST', `/api/admin/directory/departments/${d.id}/retire`);
    expect(retired.json<AdminDepartment>()).toMatchObject({ active: false });
    problemOf(await call('POST', `/api/admin/directory/departments/${d.id}/retire`), 409, 'already-retired');
    expect(await auditsOf('department.retired', d.id)).toHaveLength(1);
    // A retired department takes no new official.
    const refused = await call('POST', '/api/admin/directory/officials', {
      code: 'museum-head',
      departmentId: d.id,
      fullName: { kk: 'Асан', ru: 'Асан', en: 'Asan' },
      position: { kk: 'Басшы', ru: 'Начальник', en: 'Head' },
      area: { kk: '', ru: '', en: '' },
      receptionHours: { kk: '', ru: '', en: '' },
      shownInKiosk: true,
      deputyOfficialId: null,
    });
    problemOf(refused, 422, 'department-retired');
    const restored = await call('POST', `/api/admin/directory/departments/${d.id}/restore`);
    expect(restored.json<AdminDepartment>()).toMatchObject({ active: true, retiredAt: null });
    problemOf(await call('POST', `/api/admin/directory/departments/${d.id}/restore`), 409, 'not-retired');
  });

  it('refuses to retire a department where officials still work, and an unknown one', async () => {
    const [first] = await departments();
    problemOf(
      await call('POST', `/api/admin/directory/departments/${first!.id}/retire`),
      409,
      'department-has-officials',
    );
    problemOf(
      await call('POST', `/api/admin/directory/departments/${crypto.randomUUID()}/retire`),
      404,
      'department-not-found',
    );
  });
});

describe(`officials (${testDialect})`, () => {
  it('creates an official in three languages with reception hours; the booth shows them; an edit is audited', async () => {
    const o = await newOfficial();
    expect(o).toMatchObject({ active: true, openAppeals: 0, totalAppeals: 0, photoUrl: null });
    const card = (await booth()).find((c) => c.id === o.id);
    expect(card?.fullName).toEqual(o.fullName);
    expect(card?.receptionHours?.ru).toBe('Пн 10:00–12:00');

    const edited = await call('PUT', `/api/admin/directory/officials/${o.id}`, {
      code: o.code,
      departmentId: o.departmentId,
      fullName: { kk: 'Әлия Сейтқали', ru: 'Алия Сейткали', en: 'Aliya Seitkali' },
      position: o.position,
      area: o.area,
      receptionHours: o.receptionHours,
      shownInKiosk: false,
      deputyOfficialId: null,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<AdminOfficial>().fullName.kk).toBe('Әлия Сейтқали');
    // Hidden from the booth, still in the directory.
    expect((await booth()).some((c) => c.id === o.id)).toBe(false);
    const [audit] = await auditsOf('official.updated', o.id);
    expect((JSON.parse(audit!.detail) as { changes: Record<string, unknown> }).changes.full_name_kk).toEqual({
      before: o.fullName.kk,
      after: 'Әлия Сейтқали',
    });
  });

  it('rejects a missing language, a too-long name, an unknown department and a deputy who is themselves', async () => {
    const o = await newOfficial();
    const body = {
      code: o.code,
      departmentId: o.departmentId,
      fullName: o.fullName,
      position: o.position,
      area: o.area,
      receptionHours: o.receptionHours,
      shownInKiosk: true,
      deputyOfficialId: null,
    };
    const url = `/api/admin/directory/officials/${o.id}`;
    problemOf(await call('PUT', url, { ...body, fullName: { kk: 'А', ru: 'Б' } }), 400, 'validation-failed');
    problemOf(
      await call('PUT', url, { ...body, fullName: { ...o.fullName, en: 'x'.repeat(201) } }),
      400,
      'validation-failed',
    );
    problemOf(
      await call('PUT', url, { ...body, departmentId: crypto.randomUUID() }),
      404,
      'department-not-found',
    );
    problemOf(await call('PUT', url, { ...body, deputyOfficialId: o.id }), 422, 'deputy-invalid');
    problemOf(
      await call('PUT', `/api/admin/directory/officials/${crypto.randomUUID()}`, body),
      404,
      'official-not-found',
    );
  });

  it('moves an official up the booth order', async () => {
    const o = await newOfficial();
    const before = (await booth()).map((c) => c.id);
    const res = await call('POST', `/api/admin/directory/officials/${o.id}/move`, { direction: 'up' });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await booth()).map((c) => c.id);
    expect(after.indexOf(o.id)).toBe(before.indexOf(o.id) - 1);
    expect(await auditsOf('official.moved', o.id)).toHaveLength(1);
  });

  it('retires an official: their open appeals go to the named official with a history row and an audit each', async () => {
    const leaving = await newOfficial();
    const heir = await newOfficial();
    const deputyOfLeaving = await newOfficial({ deputyOfficialId: leaving.id });
    const appeals = [await appealTo(leaving.id), await appealTo(leaving.id)];
    expect((await officials()).find((o) => o.id === leaving.id)?.openAppeals).toBe(2);

    problemOf(
      await call('POST', `/api/admin/directory/officials/${leaving.id}/retire`, {}),
      422,
      'retire-target-required',
    );
    problemOf(
      await call('POST', `/api/admin/directory/officials/${leaving.id}/retire`, { toOfficialId: leaving.id }),
      422,
      'retire-target-invalid',
    );
    const res = await call('POST', `/api/admin/directory/officials/${leaving.id}/retire`, {
      toOfficialId: heir.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<RetireResult>();
    expect(result.movedAppeals).toBe(2);
    expect(result.official).toMatchObject({ active: false, openAppeals: 0 });

    for (const id of appeals) {
      const row = await ctx.services.db
        .selectFrom('appeals')
        .select(['addressee_official_id', 'department_id', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ addressee_official_id: heir.id, department_id: heir.departmentId });
      const history = await ctx.services.db
        .selectFrom('appeal_status_history')
        .selectAll()
        .where('appeal_id', '=', id)
        .orderBy('at')
        .execute();
      expect(history.at(-1)?.reason).toContain('retired');
      expect(await auditsOf('appeal.reassigned', id)).toHaveLength(1);
    }
    expect(await auditsOf('official.retired', leaving.id)).toHaveLength(1);
    // Gone from the booth; the deputy link to them is cut.
    expect((await booth()).some((c) => c.id === leaving.id)).toBe(false);
    expect((await officials()).find((o) => o.id === deputyOfLeaving.id)?.deputyOfficialId).toBeNull();
    problemOf(
      await call('POST', `/api/admin/directory/officials/${leaving.id}/retire`, {}),
      409,
      'already-retired',
    );
    // An official with appeals is never deleted.
    problemOf(
      await call('DELETE', `/api/admin/directory/officials/${leaving.id}`),
      409,
      'official-has-appeals',
    );
  });

  it('retires an official into a department, which the operator then routes', async () => {
    const leaving = await newOfficial();
    const appeal = await appealTo(leaving.id);
    const [, second] = await departments();
    const res = await call('POST', `/api/admin/directory/officials/${leaving.id}/retire`, {
      toDepartmentId: second!.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await ctx.services.db
      .selectFrom('appeals')
      .select(['addressee_official_id', 'department_id'])
      .where('id', '=', appeal)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ addressee_official_id: null, department_id: second!.id });
  });

  it('the booth choosing a retired official (a stale screen) gets 422 official-retired; restoring brings them back', async () => {
    const o = await newOfficial();
    expect((await call('POST', `/api/admin/directory/officials/${o.id}/retire`, {})).statusCode).toBe(200);
    const res = await submitUploaded(ctx.app, await uploadRecording(ctx.app, sampleRecording()), o.id);
    problemOf(res, 422, 'official-retired');
    expect(res.json<{ title: string }>().title).toMatch(/no longer|больше не|енді/);

    const restored = await call('POST', `/api/admin/directory/officials/${o.id}/restore`);
    expect(restored.json<AdminOfficial>().active).toBe(true);
    problemOf(await call('POST', `/api/admin/directory/officials/${o.id}/restore`), 409, 'not-retired');
    expect((await booth()).some((c) => c.id === o.id)).toBe(true);
  });

  it('deletes an official nothing refers to, and refuses one a deputy link refers to', async () => {
    const o = await newOfficial();
    await newOfficial({ deputyOfficialId: o.id });
    problemOf(await call('DELETE', `/api/admin/directory/officials/${o.id}`), 409, 'official-in-use');
    const lone = await newOfficial();
    const res = await call('DELETE', `/api/admin/directory/officials/${lone.id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await officials()).some((x) => x.id === lone.id)).toBe(false);
    expect(await auditsOf('official.deleted', lone.id)).toHaveLength(1);
    problemOf(await call('DELETE', `/api/admin/directory/officials/${lone.id}`), 404, 'official-not-found');
  });
});

describe(`photos (${testDialect})`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-photo-test-'));
  const ffmpeg = resolveBinary('', 'ffmpeg');
  /** A JPEG from ffmpeg's test pattern with an EXIF block carrying GPS coordinates spliced in after SOI. */
  function jpegWithGps(): Buffer {
    const file = path.join(dir, 'plain.jpg');
    execFileSync(ffmpeg, [
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=800x600',
      '-frames:v',
      '1',
      file,
    ]);
    const jpeg = fs.readFileSync(file);
    // TIFF header (little-endian), IFD0 with one entry: GPSInfo pointer → GPS IFD with latitude ref 'N'.
    const tiff = Buffer.from([
      0x49,
      0x49,
      0x2a,
      0x00,
      0x08,
      0x00,
      0x00,
      0x00, // II*, IFD0 at 8
      0x01,
      0x00, // one entry
      0x25,
      0x88,
      0x04,
      0x00,
      0x01,
      0x00,
      0x00,
      0x00,
      0x1a,
      0x00,
      0x00,
      0x00, // GPSInfo → 26
      0x00,
      0x00,
      0x00,
      0x00, // no next IFD
      0x01,
      0x00, // GPS IFD: one entry
      0x01,
      0x00,
      0x02,
      0x00,
      0x02,
      0x00,
      0x00,
      0x00,
      0x4e,
      0x00,
      0x00,
      0x00, // GPSLatitudeRef 'N'
      0x00,
      0x00,
      0x00,
      0x00,
    ]);
    const payload = Buffer.concat([
      Buffer.from('Exif\0\0', 'latin1'),
      tiff,
      Buffer.from('GPS-49.95N-82.61E'),
    ]);
    const app1 = Buffer.concat([
      Buffer.from([0xff, 0xe1]),
      Buffer.from([(payload.length + 2) >> 8, (payload.length + 2) & 255]),
      payload,
    ]);
    return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
  }

  it('re-encodes a JPEG with EXIF GPS into a 480×640 portrait without it; the booth shows the new photo, the old file goes', async () => {
    const o = await newOfficial();
    const original = jpegWithGps();
    expect(original.includes(Buffer.from('Exif'))).toBe(true);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/admin/directory/officials/${o.id}/photo`,
      headers: { cookie, 'content-type': 'image/jpeg' },
      payload: original,
    });
    expect(res.statusCode, res.body).toBe(200);
    const withPhoto = res.json<AdminOfficial>();
    expect(withPhoto.photoUrl).toMatch(new RegExp(`^/api/directory/officials/${o.id}/photo\\?v=`));
    const card = (await booth()).find((c) => c.id === o.id);
    expect(card?.photoUrl).toBe(withPhoto.photoUrl);

    const served = await ctx.app.inject({ method: 'GET', url: withPhoto.photoUrl! });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const stored = served.rawPayload;
    expect(stored.includes(Buffer.from('Exif'))).toBe(false);
    expect(stored.includes(Buffer.from('GPS'))).toBe(false);
    const out = path.join(dir, 'served.jpg');
    fs.writeFileSync(out, stored);
    const probe = await ctx.services.media.probe(out);
    expect([probe.width, probe.height]).toEqual([480, 640]);
    const tags = execFileSync(resolveBinary('', 'ffprobe'), [
      '-v',
      'error',
      '-show_entries',
      'format_tags:stream_tags',
      '-of',
      'json',
      out,
    ]).toString();
    expect(tags).not.toMatch(/GPS|Exif/i);
    expect(await auditsOf('official.photo_set', o.id)).toHaveLength(1);

    const firstKey = (
      await ctx.services.db
        .selectFrom('officials')
        .select('photo_key')
        .where('id', '=', o.id)
        .executeTakeFirstOrThrow()
    ).photo_key!;
    const png = path.join(dir, 'p.png');
    execFileSync(ffmpeg, [
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'color=c=blue:size=300x300',
      '-frames:v',
      '1',
      png,
    ]);
    const again = await ctx.app.inject({
      method: 'PUT',
      url: `/api/admin/directory/officials/${o.id}/photo`,
      headers: { cookie, 'content-type': 'application/octet-stream' },
      payload: fs.readFileSync(png),
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<AdminOfficial>().photoUrl).not.toBe(withPhoto.photoUrl);
    expect(await ctx.services.storage.stat(firstKey)).toBeNull();

    const removed = await call('DELETE', `/api/admin/directory/officials/${o.id}/photo`);
    expect(removed.json<AdminOfficial>().photoUrl).toBeNull();
  });

  it('refuses a file that is not an image (422), one that only claims to be (422), and an oversized one (413)', async () => {
    const o = await newOfficial();
    const put = (payload: Buffer, type = 'image/jpeg') =>
      ctx.app.inject({
        method: 'PUT',
        url: `/api/admin/directory/officials/${o.id}/photo`,
        headers: { cookie, 'content-type': type },
        payload,
      });
    problemOf(await put(Buffer.from('%PDF-1.7 not a picture at all')), 422, 'photo-not-an-image');
    problemOf(
      await put(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)])),
      422,
      'photo-not-an-image',
    );
    problemOf(await put(sampleRecording(), 'video/webm'), 422, 'photo-not-an-image');
    const big = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.alloc(ctx.services.config.PHOTO_MAX_BYTES),
    ]);
    problemOf(await put(big), 413, 'photo-too-large');
    expect((await officials()).find((x) => x.id === o.id)?.photoUrl).toBeNull();
  });
});

describe(`topics (${testDialect})`, () => {
  it('creates a topic routed to a department; an appeal on it without an official goes to that department', async () => {
    const [, second] = await departments();
    const res = await call('POST', '/api/admin/directory/categories', {
      code: 'snow',
      name: { kk: 'Қар тазалау', ru: 'Уборка снега', en: 'Snow clearing' },
      active: true,
      defaultOfficialId: null,
      defaultDepartmentId: second!.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const topic = res.json<AdminCategory>();
    expect(await auditsOf('category.created', topic.id)).toHaveLength(1);
    const submitted = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      payload: {
        uploadId: await uploadRecording(ctx.app, sampleRecording()),
        phone: '+77012345678',
        officialId: null,
        categoryId: topic.id,
        type: 'request',
        language: 'ru',
        source: 'kiosk',
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const row = await ctx.services.db
      .selectFrom('appeals')
      .select(['addressee_official_id', 'department_id'])
      .where('category_id', '=', topic.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ addressee_official_id: null, department_id: second!.id });

    const retired = await call('PUT', `/api/admin/directory/categories/${topic.id}`, {
      code: 'snow',
      name: topic.name,
      active: false,
      defaultOfficialId: null,
      defaultDepartmentId: second!.id,
    });
    expect(retired.json<AdminCategory>().active).toBe(false);
    const publicList = await ctx.app.inject({ method: 'GET', url: '/api/directory/categories' });
    expect(publicList.json<{ id: string }[]>().some((c) => c.id === topic.id)).toBe(false);
    const moved = await call('POST', `/api/admin/directory/categories/${topic.id}/move`, { direction: 'up' });
    expect(moved.statusCode).toBe(200);
  });

  it('rejects a taken code, an unknown default official and an unknown topic', async () => {
    const [first] = (await call('GET', '/api/admin/directory/categories')).json<AdminCategory[]>();
    const body = {
      code: first!.code,
      name: first!.name,
      active: true,
      defaultOfficialId: null,
      defaultDepartmentId: null,
    };
    problemOf(await call('POST', '/api/admin/directory/categories', body), 409, 'directory-code-taken');
    problemOf(
      await call('POST', '/api/admin/directory/categories', {
        ...body,
        code: 'fresh',
        defaultOfficialId: crypto.randomUUID(),
      }),
      422,
      'unknown-official',
    );
    problemOf(
      await call('PUT', `/api/admin/directory/categories/${crypto.randomUUID()}`, body),
      404,
      'category-not-found',
    );
  });
});
