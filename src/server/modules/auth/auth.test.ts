// Staff accounts through the HTTP API on SQLite or PostgreSQL (TEST_DATABASE): lockout, the TOTP second factor and
// recovery codes, session expiry, "log out everywhere", one-time passwords from an admin, roles as a set,
// delegation to a deputy, and the CSRF check on cookie-carrying requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestContext,
  loginAs,
  sampleRecording,
  submitUploaded,
  testDialect,
  uploadRecording,
  type TestContext,
} from '../../testing.js';
import type { DelegationView, Me, PasswordReset, RecoveryCodes, TotpSetup } from '../../../common/api.js';
import { totpCode } from './totp.js';

function problemType(res: LightMyRequestResponse): string {
  return res.json<{ type: string }>().type;
}

function login(ctx: TestContext, body: Record<string, string>, ip = '10.9.0.1') {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress: ip });
}

function sessionOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'dialog_session');
  if (!cookie) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return `dialog_session=${cookie.value}`;
}

function as(ctx: TestContext, cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return ctx.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function auditActions(ctx: TestContext, subjectId: string): Promise<string[]> {
  const rows = await ctx.services.db
    .selectFrom('audit_events')
    .select('action')
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

async function userId(ctx: TestContext, username: string): Promise<string> {
  const row = await ctx.services.db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Enrols the user's second factor through the API; returns the secret and the recovery codes. */
async function enrolTotp(ctx: TestContext, cookie: string) {
  const setup = (await as(ctx, cookie, 'POST', '/api/auth/totp/setup')).json<TotpSetup>();
  const confirm = await as(ctx, cookie, 'POST', '/api/auth/totp/confirm', {
    code: totpCode(setup.secret, ctx.clock.now()),
  });
  expect(confirm.statusCode).toBe(200);
  return { secret: setup.secret, codes: confirm.json<RecoveryCodes>().recoveryCodes };
}

describe(`staff accounts (${testDialect})`, () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({ env: { TOTP_REQUIRED_ROLES: 'supervisor' } });
  });
  afterAll(() => ctx.close());

  it('writes an audit event for a successful and a failed log-in, and for log-out', async () => {
    const id = await userId(ctx, 'operator');
    expect((await login(ctx, { username: 'operator', password: 'nope' })).statusCode).toBe(401);
    const ok = await login(ctx, { username: 'operator', password: 'operator-demo' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Me>()).toMatchObject({
      roles: ['operator'],
      mustChangePassword: false,
      totpEnabled: false,
    });
    await as(ctx, sessionOf(ok), 'POST', '/api/auth/logout');
    expect(await auditActions(ctx, id)).toEqual(['login.failed', 'login', 'logout']);
    const failed = await ctx.services.db
      .selectFrom('audit_events')
      .select(['ip', 'detail'])
      .where('subject_id', '=', id)
      .where('action', '=', 'login.failed')
      .executeTakeFirstOrThrow();
    expect(failed.ip).toBe('10.9.0.1');
    expect(JSON.parse(failed.detail)).toEqual({ reason: 'password' });
  });

  it('locks an account after 5 failures in a row for 15 minutes, even for the right password', async () => {
    const start = ctx.clock.now().getTime();
    for (let i = 1; i <= 4; i++) {
      const res = await login(ctx, { username: 'akim', password: `wrong-${i}` });
      expect(problemType(res)).toBe('/problems/wrong-credentials');
    }
    const fifth = await login(ctx, { username: 'akim', password: 'wrong-5' });
    expect(fifth.statusCode).toBe(429);
    expect(problemType(fifth)).toBe('/problems/account-locked');
    expect(fifth.headers['retry-after']).toBe('900');
    const right = await login(ctx, { username: 'akim', password: 'akim-demo' });
    expect(problemType(right)).toBe('/problems/account-locked');
    ctx.clock.set(new Date(start + 15 * 60_000 + 1000));
    expect((await login(ctx, { username: 'akim', password: 'akim-demo' })).statusCode).toBe(200);
    const actions = await auditActions(ctx, await userId(ctx, 'akim'));
    expect(actions.filter((a) => a === 'login.failed')).toHaveLength(5);
    expect(actions).toContain('login.locked');
    expect(actions).toContain('login.refused_locked');
    expect(actions.at(-1)).toBe('login');
  });

  it('resets the failure count on a successful log-in', async () => {
    for (let i = 0; i < 4; i++) await login(ctx, { username: 'operator', password: 'wrong' });
    expect((await login(ctx, { username: 'operator', password: 'operator-demo' })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login(ctx, { username: 'operator', password: 'wrong' });
    expect((await login(ctx, { username: 'operator', password: 'operator-demo' })).statusCode).toBe(200);
  });

  it('asks for the TOTP code once enrolled, refuses a wrong or reused one, and takes each recovery code once', async () => {
    const cookie = await loginAs(ctx.app, 'official');
    const setup = (await as(ctx, cookie, 'POST', '/api/auth/totp/setup')).json<TotpSetup>();
    expect(setup.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/Dialog%3Aofficial\?secret=[A-Z2-7]{32}&issuer=Dialog/,
    );
    const wrong = await as(ctx, cookie, 'POST', '/api/auth/totp/confirm', { code: '000000' });
    expect(problemType(wrong)).toBe('/problems/totp-wrong');
    const confirm = await as(ctx, cookie, 'POST', '/api/auth/totp/confirm', {
      code: totpCode(setup.secret, ctx.clock.now()),
    });
    const { recoveryCodes } = confirm.json<RecoveryCodes>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // Only hashes are kept.
    const stored = await ctx.services.db
      .selectFrom('staff_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', await userId(ctx, 'official'))
      .execute();
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.code_hash)).not.toContain(recoveryCodes[0]);

    const password = { username: 'official', password: 'official-demo' };
    const noCode = await login(ctx, password);
    expect(noCode.statusCode).toBe(401);
    expect(problemType(noCode)).toBe('/problems/totp-required');
    expect(noCode.cookies).toHaveLength(0);
    expect(problemType(await login(ctx, { ...password, totp: '123456' }))).toBe('/problems/totp-wrong');
    // The code that confirmed enrolment is spent; the next step's code works.
    ctx.clock.advance(30_000);
    const code = totpCode(setup.secret, ctx.clock.now());
    const ok = await login(ctx, { ...password, totp: code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Me>().totpEnabled).toBe(true);
    expect(problemType(await login(ctx, { ...password, totp: code }))).toBe('/problems/totp-wrong');
    const recovery = recoveryCodes[3] ?? '';
    expect((await login(ctx, { ...password, recoveryCode: recovery.toUpperCase() })).statusCode).toBe(200);
    expect(problemType(await login(ctx, { ...password, recoveryCode: recovery }))).toBe(
      '/problems/totp-wrong',
    );
    expect(await auditActions(ctx, await userId(ctx, 'official'))).toEqual(
      expect.arrayContaining(['totp.enrolled', 'login.recovery_code_used']),
    );
    // A wrong password with the right code is still a wrong password.
    ctx.clock.advance(30_000);
    const badPassword = await login(ctx, {
      username: 'official',
      password: 'x',
      totp: totpCode(setup.secret, ctx.clock.now()),
    });
    expect(problemType(badPassword)).toBe('/problems/wrong-credentials');
  });

  it('holds a supervisor (TOTP_REQUIRED_ROLES) at enrolment until the second factor is set up', async () => {
    const res = await login(ctx, { username: 'supervisor', password: 'supervisor-demo' });
    expect(res.json<Me>().totpEnrolmentRequired).toBe(true);
    const cookie = sessionOf(res);
    const inbox = await as(ctx, cookie, 'GET', '/api/office/appeals');
    expect(inbox.statusCode).toBe(403);
    expect(problemType(inbox)).toBe('/problems/totp-enrolment-required');
    await enrolTotp(ctx, cookie);
    expect((await as(ctx, cookie, 'GET', '/api/office/appeals')).statusCode).toBe(200);
    const me = (await as(ctx, cookie, 'GET', '/api/auth/me')).json<Me>();
    expect(me).toMatchObject({ totpEnabled: true, totpEnrolmentRequired: false });
    // Required by the role: it cannot be switched off.
    const off = await as(ctx, cookie, 'POST', '/api/auth/totp/disable', { password: 'supervisor-demo' });
    expect(off.statusCode).toBe(403);
  });

  it('ends a session left idle for SESSION_IDLE_MINUTES, and any session after SESSION_TTL_HOURS', async () => {
    const cookie = await loginAs(ctx.app, 'operator');
    ctx.clock.advance(59 * 60_000);
    expect((await as(ctx, cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    ctx.clock.advance(61 * 60_000);
    expect((await as(ctx, cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);

    const busy = await loginAs(ctx.app, 'operator');
    for (let minutes = 0; minutes < 12 * 60 - 30; minutes += 30) {
      ctx.clock.advance(30 * 60_000);
      expect((await as(ctx, busy, 'GET', '/api/auth/me')).statusCode).toBe(200);
    }
    ctx.clock.advance(31 * 60_000);
    expect((await as(ctx, busy, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('logs out everywhere: every session of the user ends, other users keep theirs', async () => {
    const first = await loginAs(ctx.app, 'operator');
    const second = await loginAs(ctx.app, 'operator');
    const other = await loginAs(ctx.app, 'akim');
    const res = await as(ctx, first, 'POST', '/api/auth/logout-everywhere');
    expect(res.statusCode).toBe(204);
    expect((await as(ctx, first, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await as(ctx, second, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await as(ctx, other, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(await auditActions(ctx, await userId(ctx, 'operator'))).toContain('logout.everywhere');
  });

  it('lets an admin set a one-time password that must be changed before anything else', async () => {
    const id = await userId(ctx, 'akim');
    const before = await loginAs(ctx.app, 'akim');
    const admin = await loginAs(ctx.app, 'admin');
    const notAdmin = await as(ctx, before, 'POST', `/api/admin/users/${id}/reset-password`, {});
    expect(notAdmin.statusCode).toBe(403);
    const reset = await as(ctx, admin, 'POST', `/api/admin/users/${id}/reset-password`, {});
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json<PasswordReset>();
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await as(ctx, before, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(problemType(await login(ctx, { username: 'akim', password: 'akim-demo' }))).toBe(
      '/problems/wrong-credentials',
    );
    const temp = await login(ctx, { username: 'akim', password: temporaryPassword });
    expect(temp.json<Me>().mustChangePassword).toBe(true);
    const cookie = sessionOf(temp);
    expect(problemType(await as(ctx, cookie, 'GET', '/api/office/appeals'))).toBe(
      '/problems/password-change-required',
    );
    const weak = await as(ctx, cookie, 'POST', '/api/auth/password', {
      currentPassword: temporaryPassword,
      newPassword: 'short',
    });
    expect(problemType(weak)).toBe('/problems/password-too-weak');
    const wrongCurrent = await as(ctx, cookie, 'POST', '/api/auth/password', {
      currentPassword: 'akim-demo',
      newPassword: 'a long new passphrase',
    });
    expect(problemType(wrongCurrent)).toBe('/problems/wrong-credentials');
    const changed = await as(ctx, cookie, 'POST', '/api/auth/password', {
      currentPassword: temporaryPassword,
      newPassword: 'a long new passphrase',
    });
    expect(changed.json<Me>().mustChangePassword).toBe(false);
    expect((await as(ctx, cookie, 'GET', '/api/office/appeals')).statusCode).toBe(200);
    expect((await login(ctx, { username: 'akim', password: 'a long new passphrase' })).statusCode).toBe(200);
    expect(await auditActions(ctx, id)).toEqual(
      expect.arrayContaining(['password.reset', 'password.changed']),
    );
  });

  it('keeps roles as a set: an admin reads no appeal until also given a reading role', async () => {
    const admin = await loginAs(ctx.app, 'admin');
    const adminId = await userId(ctx, 'admin');
    expect((await as(ctx, admin, 'GET', '/api/office/appeals')).statusCode).toBe(403);
    const set = await as(ctx, admin, 'PUT', `/api/admin/users/${adminId}/roles`, {
      roles: ['admin', 'operator'],
    });
    expect(set.statusCode).toBe(200);
    expect(set.json<{ roles: string[] }>().roles).toEqual(['operator', 'admin']);
    const stored = await ctx.services.db
      .selectFrom('staff_users')
      .select('roles')
      .where('id', '=', adminId)
      .executeTakeFirstOrThrow();
    expect(stored.roles).toBe('operator,admin');
    expect((await as(ctx, admin, 'GET', '/api/office/appeals')).statusCode).toBe(200);
    const drop = await as(ctx, admin, 'PUT', `/api/admin/users/${adminId}/roles`, { roles: ['operator'] });
    expect(drop.statusCode).toBe(403);
    const noOfficial = await as(ctx, admin, 'PUT', `/api/admin/users/${adminId}/roles`, {
      roles: ['official', 'admin'],
    });
    expect(problemType(noOfficial)).toBe('/problems/official-required');
    await as(ctx, admin, 'PUT', `/api/admin/users/${adminId}/roles`, { roles: ['admin'] });
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select('detail')
      .where('subject_id', '=', adminId)
      .where('action', '=', 'roles.changed')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { before: ['admin'], after: ['operator', 'admin'] },
      { before: ['operator', 'admin'], after: ['admin'] },
    ]);
  });
});

describe(`delegation to a deputy (${testDialect})`, () => {
  let ctx: TestContext;
  let appealId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const official = await ctx.services.db
      .selectFrom('staff_users')
      .select('official_id')
      .where('username', '=', 'official')
      .executeTakeFirstOrThrow();
    const upload = await uploadRecording(ctx.app, sampleRecording());
    const res = await submitUploaded(ctx.app, upload, official.official_id ?? '');
    expect(res.statusCode).toBe(201);
    const row = await ctx.services.db.selectFrom('appeals').select('id').executeTakeFirstOrThrow();
    appealId = row.id;
  });
  afterAll(() => ctx.close());

  it('lets the deputy read and answer the official’s appeals for the period, and not after it ends', async () => {
    const official = await loginAs(ctx.app, 'official');
    let deputy = await loginAs(ctx.app, 'akim');
    const deputyId = await userId(ctx, 'akim');
    expect((await as(ctx, deputy, 'GET', `/api/office/appeals/${appealId}`)).statusCode).toBe(404);
    expect(
      (await as(ctx, deputy, 'GET', '/api/office/appeals')).json<{ items: unknown[] }>().items,
    ).toHaveLength(0);

    const now = ctx.clock.now().getTime();
    const created = await as(ctx, official, 'POST', '/api/office/delegations', {
      deputyUserId: deputyId,
      startsAt: new Date(now + 3600_000).toISOString(),
      endsAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
    const delegation = created.json<DelegationView>();
    expect(delegation).toMatchObject({ deputyUserId: deputyId, active: false });
    // Not yet in force.
    expect((await as(ctx, deputy, 'GET', `/api/office/appeals/${appealId}`)).statusCode).toBe(404);
    ctx.clock.advance(2 * 3600_000);
    deputy = await loginAs(ctx.app, 'akim');
    const officialAgain = await loginAs(ctx.app, 'official');
    expect((await as(ctx, deputy, 'GET', `/api/office/appeals/${appealId}`)).statusCode).toBe(200);
    const inbox = (await as(ctx, deputy, 'GET', '/api/office/appeals')).json<{ items: { id: string }[] }>();
    expect(inbox.items.map((i) => i.id)).toEqual([appealId]);
    const mine = (await as(ctx, deputy, 'GET', '/api/office/delegations')).json<DelegationView[]>();
    expect(mine).toEqual([expect.objectContaining({ id: delegation.id, active: true })]);

    const answered = await as(ctx, deputy, 'POST', `/api/office/appeals/${appealId}/answer`, {
      body: 'Answered by the deputy.',
      outcome: 'explained',
    });
    expect(answered.statusCode).toBe(200);

    // Someone else cannot end it; the official can.
    const operator = await loginAs(ctx.app, 'operator');
    expect((await as(ctx, operator, 'POST', `/api/office/delegations/${delegation.id}/end`)).statusCode).toBe(
      403,
    );
    const stranger = await as(ctx, deputy, 'POST', `/api/office/delegations/${delegation.id}/end`);
    expect(problemType(stranger)).toBe('/problems/delegation-not-found');
    const ended = await as(ctx, officialAgain, 'POST', `/api/office/delegations/${delegation.id}/end`);
    expect(ended.json<DelegationView>()).toMatchObject({ active: false });
    expect((await as(ctx, deputy, 'GET', `/api/office/appeals/${appealId}`)).statusCode).toBe(404);
    const actions = await auditActions(ctx, delegation.id);
    expect(actions).toEqual(['delegation.created', 'delegation.ended']);
  });

  it('refuses a deputy who is not an official, a period that ends before it starts, and non-officials', async () => {
    const official = await loginAs(ctx.app, 'official');
    const now = ctx.clock.now().getTime();
    const period = {
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
    };
    const toOperator = await as(ctx, official, 'POST', '/api/office/delegations', {
      deputyUserId: await userId(ctx, 'operator'),
      ...period,
    });
    expect(problemType(toOperator)).toBe('/problems/delegation-invalid');
    const backwards = await as(ctx, official, 'POST', '/api/office/delegations', {
      deputyUserId: await userId(ctx, 'akim'),
      startsAt: period.endsAt,
      endsAt: period.startsAt,
    });
    expect(problemType(backwards)).toBe('/problems/delegation-invalid');
    const supervisor = await loginAs(ctx.app, 'supervisor');
    const notOfficial = await as(ctx, supervisor, 'POST', '/api/office/delegations', {
      deputyUserId: await userId(ctx, 'akim'),
      ...period,
    });
    expect(notOfficial.statusCode).toBe(403);
  });
});

describe(`CSRF (${testDialect})`, () => {
  let ctx: TestContext;
  let cookie: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    cookie = await loginAs(ctx.app, 'operator');
  });
  afterAll(() => ctx.close());

  const post = (headers: Record<string, string>) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: { cookie, ...headers } });

  it('refuses a cookie-carrying POST from another site’s page', async () => {
    const foreign = await post({ origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(problemType(foreign)).toBe('/problems/csrf-rejected');
    const crossSite = await post({ 'sec-fetch-site': 'cross-site' });
    expect(problemType(crossSite)).toBe('/problems/csrf-rejected');
    const sameSite = await post({ 'sec-fetch-site': 'same-site' });
    expect(problemType(sameSite)).toBe('/problems/csrf-rejected');
    const opaque = await post({ origin: 'null' });
    expect(problemType(opaque)).toBe('/problems/csrf-rejected');
    // The session survived all of that.
    expect((await as(ctx, cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('lets the site’s own pages through (Origin of this host, or Sec-Fetch-Site: same-origin)', async () => {
    const other = await loginAs(ctx.app, 'akim');
    const own = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: other, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    expect(own.statusCode).toBe(204);
    const again = await loginAs(ctx.app, 'akim');
    const fetchSite = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: again, 'sec-fetch-site': 'same-origin' },
    });
    expect(fetchSite.statusCode).toBe(204);
  });

  it('does not touch safe methods, requests without cookies, or a kiosk’s bearer credential', async () => {
    const read = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(read.statusCode).toBe(200);
    const noCookie = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'operator', password: 'wrong' },
    });
    expect(problemType(noCookie)).toBe('/problems/wrong-credentials');
    const bearer = await ctx.app.inject({
      method: 'POST',
      url: '/api/kiosk/heartbeat',
      headers: { cookie, authorization: 'Bearer nope', origin: 'https://evil.example' },
      payload: {},
    });
    expect(bearer.statusCode).not.toBe(403);
  });

  it('trusts the origins in CSRF_TRUSTED_ORIGINS', async () => {
    const trusting = await createTestContext({ env: { CSRF_TRUSTED_ORIGINS: 'https://office.example.kz' } });
    try {
      const session = await loginAs(trusting.app, 'operator');
      const res = await trusting.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: session, origin: 'https://office.example.kz', 'sec-fetch-site': 'same-site' },
      });
      expect(res.statusCode).toBe(204);
    } finally {
      await trusting.close();
    }
  });
});
