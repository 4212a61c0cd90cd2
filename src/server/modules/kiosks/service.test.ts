// Kiosk identity through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): a booth asks for a pairing code,
// an admin (or the CLI) pairs it, the booth fetches its credential once, reports by heartbeat and submits with it.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestContext,
  firstOfficialId,
  loginAs,
  sampleRecording,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';
import type {
  CategoryItem,
  KioskHeartbeat,
  KioskInfo,
  KioskPairing,
  KioskPairingState,
  Receipt,
} from '../../../common/api.js';

let nextAddress = 0;
const freshIp = () => {
  nextAddress++;
  return `10.2.${nextAddress >> 8}.${nextAddress & 255}`;
};

function problemOf(res: LightMyRequestResponse) {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json<{ type: string; title: string; status: number }>();
}

const heartbeatBody: KioskHeartbeat = {
  version: '0.2.0+booth',
  camera: 'ok',
  microphone: 'ok',
  printer: 'missing',
  storageUsedBytes: 1_500_000_000,
  storageQuotaBytes: 8_000_000_000,
  pendingUploads: 2,
};

function booth(ctx: TestContext) {
  const ip = freshIp();
  return {
    ip,
    startPairing: () => ctx.app.inject({ method: 'POST', url: '/api/kiosk/pairings', remoteAddress: ip }),
    poll: (id: string, secret?: string) =>
      ctx.app.inject({
        method: 'GET',
        url: `/api/kiosk/pairings/${id}`,
        remoteAddress: ip,
        headers: secret === undefined ? {} : { 'x-pairing-secret': secret },
      }),
    me: (authorization?: string) =>
      ctx.app.inject({
        method: 'GET',
        url: '/api/kiosk/me',
        remoteAddress: ip,
        headers: authorization === undefined ? {} : { authorization },
      }),
    heartbeat: (authorization: string | undefined, payload: unknown = heartbeatBody) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/kiosk/heartbeat',
        remoteAddress: ip,
        headers: authorization === undefined ? {} : { authorization },
        payload: payload as Record<string, unknown>,
      }),
  };
}

async function pairAsAdmin(ctx: TestContext, payload: Record<string, unknown>, cookie?: string) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/admin/kiosks',
    headers: { cookie: cookie ?? (await loginAs(ctx.app, 'admin')) },
    payload,
  });
}

/** A booth paired by the admin: its credential and its name. */
async function pairedBooth(ctx: TestContext, name = 'ЦОН №2, окно 4', location = 'Öskemen, Abai Ave. 12') {
  const b = booth(ctx);
  const pairing = (await b.startPairing()).json<KioskPairing>();
  const paired = await pairAsAdmin(ctx, { code: pairing.code, name, location });
  expect(paired.statusCode, paired.body).toBe(201);
  const state = (await b.poll(pairing.id, pairing.secret)).json<KioskPairingState>();
  if (!state.token || !state.kiosk) throw new Error('no credential');
  return { ...b, kiosk: state.kiosk, bearer: `Bearer ${state.token}`, token: state.token };
}

describe(`pairing a booth (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('gives an unpaired booth a code for the screen and a secret to poll with, both stored hashed', async () => {
    const res = await booth(ctx).startPairing();
    expect(res.statusCode, res.body).toBe(201);
    const pairing = res.json<KioskPairing>();
    expect(pairing.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(pairing.secret).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(pairing.expiresAt) - ctx.clock.now().getTime()).toBe(24 * 3600 * 1000);
    const row = await ctx.services.db
      .selectFrom('kiosk_pairings')
      .selectAll()
      .where('id', '=', pairing.id)
      .executeTakeFirstOrThrow();
    expect(row.code).toBe(pairing.code.replace('-', ''));
    expect(row.secret_hash).not.toContain(pairing.secret);
    expect(row.kiosk_id).toBeNull();
    expect(row.token).toBeNull();
  });

  it('answers "pending" to the right secret and 404 to a wrong or missing one', async () => {
    const b = booth(ctx);
    const pairing = (await b.startPairing()).json<KioskPairing>();
    const pending = await b.poll(pairing.id, pairing.secret);
    expect(pending.statusCode).toBe(200);
    expect(pending.json<KioskPairingState>()).toEqual({ state: 'pending', token: null, kiosk: null });
    const wrong = await b.poll(pairing.id, `${pairing.secret}x`);
    expect(wrong.statusCode).toBe(404);
    expect(problemOf(wrong).type).toBe('/problems/not-found');
    const unknown = await b.poll(crypto.randomUUID(), pairing.secret);
    expect(unknown.statusCode).toBe(404);
    expect((await b.poll(pairing.id)).statusCode).toBe(400);
    expect((await b.poll('not-a-uuid', pairing.secret)).statusCode).toBe(400);
  });

  it('pairs by the code in any case, with or without the dash, and hands the credential over exactly once', async () => {
    const b = booth(ctx);
    const pairing = (await b.startPairing()).json<KioskPairing>();
    const res = await pairAsAdmin(ctx, {
      code: ` ${pairing.code.replace('-', '').toLowerCase()} `,
      name: ' ЦОН №1, окно 2 ',
      location: 'Öskemen, Belinsky St. 3',
    });
    expect(res.statusCode, res.body).toBe(201);
    const kiosk = res.json<KioskInfo>();
    expect(kiosk).toEqual({
      id: expect.any(String) as unknown,
      name: 'ЦОН №1, окно 2',
      location: 'Öskemen, Belinsky St. 3',
    });
    const first = (await b.poll(pairing.id, pairing.secret)).json<KioskPairingState>();
    expect(first.state).toBe('paired');
    expect(first.kiosk).toEqual(kiosk);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const second = (await b.poll(pairing.id, pairing.secret)).json<KioskPairingState>();
    expect(second).toEqual({ state: 'paired', token: null, kiosk });
    const row = await ctx.services.db
      .selectFrom('kiosks')
      .selectAll()
      .where('id', '=', kiosk.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBeTruthy();
    expect(row.token_hash).not.toContain(first.token ?? '');
    const pairingRow = await ctx.services.db
      .selectFrom('kiosk_pairings')
      .select(['token', 'kiosk_id'])
      .where('id', '=', pairing.id)
      .executeTakeFirstOrThrow();
    expect(pairingRow).toEqual({ token: null, kiosk_id: kiosk.id });
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select(['action', 'actor_kind'])
      .where('subject_id', '=', kiosk.id)
      .execute();
    expect(audit).toEqual([{ action: 'kiosk.paired', actor_kind: 'staff' }]);
  });

  it('refuses an unknown, a used and an expired code', async () => {
    const cookie = await loginAs(ctx.app, 'admin');
    const unknown = await pairAsAdmin(ctx, { code: '0000-0000', name: 'x', location: '' }, cookie);
    expect(unknown.statusCode).toBe(404);
    expect(problemOf(unknown).type).toBe('/problems/pairing-code-unknown');
    const notCrockford = await pairAsAdmin(ctx, { code: 'UUUU-UUUU', name: 'x', location: '' }, cookie);
    expect(problemOf(notCrockford).type).toBe('/problems/pairing-code-unknown');

    const used = (await booth(ctx).startPairing()).json<KioskPairing>();
    expect((await pairAsAdmin(ctx, { code: used.code, name: 'a', location: '' }, cookie)).statusCode).toBe(
      201,
    );
    const again = await pairAsAdmin(ctx, { code: used.code, name: 'b', location: '' }, cookie);
    expect(problemOf(again).type).toBe('/problems/pairing-code-unknown');

    const b = booth(ctx);
    const old = (await b.startPairing()).json<KioskPairing>();
    ctx.clock.advance(24 * 3600 * 1000);
    const expired = await pairAsAdmin(ctx, { code: old.code, name: 'c', location: '' });
    expect(problemOf(expired).type).toBe('/problems/pairing-code-unknown');
    expect((await b.poll(old.id, old.secret)).json<KioskPairingState>().state).toBe('expired');
    const failures = await ctx.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'kiosk.pairing_failed')
      .execute();
    expect(failures.length).toBe(4);
  });

  it('lets only an admin pair, and checks the fields', async () => {
    const pairing = (await booth(ctx).startPairing()).json<KioskPairing>();
    const body = { code: pairing.code, name: 'Booth', location: 'Hall' };
    const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/admin/kiosks', payload: body });
    expect(anonymous.statusCode).toBe(401);
    for (const user of ['operator', 'official', 'supervisor']) {
      const res = await pairAsAdmin(ctx, body, await loginAs(ctx.app, user));
      expect(res.statusCode, user).toBe(403);
      expect(problemOf(res).type).toBe('/problems/forbidden');
    }
    const cookie = await loginAs(ctx.app, 'admin');
    for (const payload of [
      { code: pairing.code, location: 'Hall' },
      { code: pairing.code, name: 'Booth' },
      { code: pairing.code, name: '', location: 'Hall' },
      { code: pairing.code, name: 'x'.repeat(101), location: 'Hall' },
      { code: 'ABC', name: 'Booth', location: 'Hall' },
      { ...body, extra: true },
    ]) {
      expect((await pairAsAdmin(ctx, payload, cookie)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    const blank = await pairAsAdmin(ctx, { ...body, name: '   ' }, cookie);
    expect(problemOf(blank).type).toBe('/problems/validation-failed');
    // Nothing above used the code up.
    expect((await pairAsAdmin(ctx, body, cookie)).statusCode).toBe(201);
  });

  it('limits pairing requests per address', async () => {
    const b = booth(ctx);
    for (let i = 0; i < 10; i++) expect((await b.startPairing()).statusCode).toBe(201);
    const limited = await b.startPairing();
    expect(limited.statusCode).toBe(429);
    expect(problemOf(limited).type).toBe('/problems/too-many-requests');
  });

  it('pairs from the command line: npm run pair-kiosk', async () => {
    // The command runs on the system clock.
    ctx.clock.set(new Date());
    const b = booth(ctx);
    const pairing = (await b.startPairing()).json<KioskPairing>();
    const database = ctx.services.config.database;
    const env = {
      ...process.env,
      DATA_DIR: ctx.dataDir,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      ...(database.dialect === 'postgres'
        ? { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema }
        : { DATABASE_URL: `sqlite:${database.file}` }),
    };
    const cli = path.resolve('src/server/cli.ts');
    const tsx = path.resolve('node_modules/.bin/tsx');
    const run = promisify(execFile);
    const { stdout } = await run(
      tsx,
      [cli, 'pair-kiosk', pairing.code.toLowerCase(), '--name', 'Booth 7', '--location', 'Library'],
      { env },
    );
    expect(stdout).toContain('kiosk "Booth 7" paired');
    const state = (await b.poll(pairing.id, pairing.secret)).json<KioskPairingState>();
    expect(state.state).toBe('paired');
    expect(state.kiosk).toMatchObject({ name: 'Booth 7', location: 'Library' });
    expect(state.token).toBeTruthy();
    const failed = await run(tsx, [cli, 'pair-kiosk', pairing.code, '--name', 'Again'], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('no booth is waiting');
    const usage = await run(tsx, [cli, 'pair-kiosk', pairing.code], { env }).catch(
      (error: { code: number }) => error,
    );
    expect(usage).toMatchObject({ code: 2 });
  });
});

describe(`a paired booth (${testDialect})`, () => {
  let ctx: TestContext;
  let officialId: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    officialId = await firstOfficialId(ctx.app);
  });
  afterAll(() => ctx.close());

  const submission = async (extra: Record<string, unknown> = {}) => ({
    uploadId: await uploadRecording(ctx.app, sampleRecording('webm', 2)),
    phone: '+7 701 234 5678',
    officialId,
    type: 'proposal',
    language: 'kk',
    source: 'kiosk',
    ...extra,
  });

  it('knows itself by its credential', async () => {
    const b = await pairedBooth(ctx);
    const res = await b.me(b.bearer);
    expect(res.statusCode).toBe(200);
    expect(res.json<KioskInfo>()).toEqual(b.kiosk);
    expect((await b.me(`bearer   ${b.token}`)).statusCode).toBe(200);
  });

  it('refuses a missing, malformed or unknown credential', async () => {
    const b = booth(ctx);
    for (const authorization of [
      undefined,
      'Bearer',
      'Basic dXNlcjpwYXNz',
      `Bearer ${'A'.repeat(43)}`,
      'Bearer a b',
    ]) {
      const res = await b.me(authorization);
      expect(res.statusCode, authorization).toBe(401);
      expect(problemOf(res).type).toBe('/problems/kiosk-not-paired');
    }
  });

  it('stores the heartbeat: time, version, devices and storage, address', async () => {
    const b = await pairedBooth(ctx);
    ctx.clock.advance(1000);
    const res = await b.heartbeat(b.bearer);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    const row = await ctx.services.db
      .selectFrom('kiosks')
      .selectAll()
      .where('id', '=', b.kiosk.id)
      .executeTakeFirstOrThrow();
    expect(row.last_heartbeat_at).toBe(ctx.clock.now().toISOString());
    expect(row.software_version).toBe('0.2.0+booth');
    expect(row.last_ip).toBe(b.ip);
    const { version: _version, ...status } = heartbeatBody;
    expect(JSON.parse(row.status)).toEqual(status);
  });

  it('rejects a heartbeat with missing or wrong fields, and one without a credential', async () => {
    const b = await pairedBooth(ctx);
    const { printer: _printer, ...withoutPrinter } = heartbeatBody;
    for (const payload of [
      {},
      withoutPrinter,
      { ...heartbeatBody, printer: 'on fire' },
      { ...heartbeatBody, camera: 'OK' },
      { ...heartbeatBody, storageUsedBytes: -1 },
      { ...heartbeatBody, pendingUploads: 1.5 },
      { ...heartbeatBody, version: 'v'.repeat(65) },
      { ...heartbeatBody, extra: 1 },
    ]) {
      const res = await b.heartbeat(b.bearer, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(problemOf(res).type).toBe('/problems/validation-failed');
    }
    const anonymous = await b.heartbeat(undefined);
    expect(anonymous.statusCode).toBe(401);
    expect(problemOf(anonymous).type).toBe('/problems/kiosk-not-paired');
  });

  it('marks its appeals and receipts with the booth', async () => {
    const b = await pairedBooth(ctx, 'Booth at the akimat', 'Öskemen, Kazakhstan St. 1');
    const categories = (await ctx.app.inject({ method: 'GET', url: '/api/directory/categories' })).json<
      CategoryItem[]
    >();
    const category = categories[0];
    if (!category) throw new Error('no categories');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { authorization: b.bearer },
      payload: await submission({ categoryId: category.id }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json<Receipt>();
    expect(receipt).toMatchObject({
      type: 'proposal',
      category: category.name,
      kiosk: { name: 'Booth at the akimat', location: 'Öskemen, Kazakhstan St. 1' },
      deadlineWorkingDays: 15,
      language: 'kk',
    });
    const row = await ctx.services.db
      .selectFrom('appeals')
      .select(['kiosk_id', 'category_id'])
      .where('registration_number', '=', receipt.registrationNumber)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ kiosk_id: b.kiosk.id, category_id: category.id });
  });

  it('gives a receipt without a booth to an appeal from the web', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      payload: await submission({ source: 'web', type: 'complaint' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Receipt>()).toMatchObject({
      type: 'complaint',
      category: null,
      kiosk: null,
      deadlineWorkingDays: 15,
    });
  });

  it('refuses a submission with an unknown credential', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { authorization: `Bearer ${'B'.repeat(43)}` },
      payload: await submission(),
    });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).type).toBe('/problems/kiosk-not-paired');
  });

  it('is shut out once revoked, and only an admin may revoke it', async () => {
    const b = await pairedBooth(ctx);
    const revoke = (cookie?: string, id = b.kiosk.id) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/admin/kiosks/${id}/revoke`,
        headers: cookie ? { cookie } : {},
      });
    expect((await revoke()).statusCode).toBe(401);
    expect((await revoke(await loginAs(ctx.app, 'operator'))).statusCode).toBe(403);
    const admin = await loginAs(ctx.app, 'admin');
    expect((await revoke(admin, crypto.randomUUID())).statusCode).toBe(404);
    expect((await revoke(admin, 'nope')).statusCode).toBe(400);
    expect((await b.me(b.bearer)).statusCode).toBe(200);
    const res = await revoke(admin);
    expect(res.statusCode).toBe(204);
    expect((await revoke(admin)).statusCode).toBe(204);
    const me = await b.me(b.bearer);
    expect(me.statusCode).toBe(401);
    expect(problemOf(me).type).toBe('/problems/kiosk-not-paired');
    expect((await b.heartbeat(b.bearer)).statusCode).toBe(401);
    const submit = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { authorization: b.bearer },
      payload: await submission(),
    });
    expect(submit.statusCode).toBe(401);
    const row = await ctx.services.db
      .selectFrom('kiosks')
      .select('revoked_at')
      .where('id', '=', b.kiosk.id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBe(ctx.clock.now().toISOString());
  });
});

describe(`booths where pairing is required (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { KIOSK_PAIRING_REQUIRED: 'true' } });
  });
  afterAll(() => ctx.close());

  it('refuses a booth appeal without a credential, and takes a paired booth’s and a web one', async () => {
    const officialId = await firstOfficialId(ctx.app);
    const payload = async (source: string) => ({
      uploadId: await uploadRecording(ctx.app, sampleRecording('webm', 2)),
      phone: '+7 701 234 5678',
      officialId,
      type: 'request',
      language: 'ru',
      source,
    });
    const unpaired = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      payload: await payload('kiosk'),
    });
    expect(unpaired.statusCode).toBe(401);
    expect(problemOf(unpaired).type).toBe('/problems/kiosk-not-paired');
    const b = await pairedBooth(ctx);
    const paired = await ctx.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { authorization: b.bearer },
      payload: await payload('kiosk'),
    });
    expect(paired.statusCode, paired.body).toBe(201);
    expect(paired.json<Receipt>().kiosk?.name).toBe('ЦОН №2, окно 4');
    const web = await ctx.app.inject({ method: 'POST', url: '/api/appeals', payload: await payload('web') });
    expect(web.statusCode, web.body).toBe(201);
  });
});
