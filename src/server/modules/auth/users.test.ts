// Staff users for admins through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): inviting with a one-time
// password, profile and official record, roles, a second factor required of one user, deactivation, and the rule that
// the last active admin is never lost — including two admins demoting or deactivating each other at the same time.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, loginAs, testDialect, type TestContext } from '../../testing.js';
import type { AdminUserView, UserInvited } from '../../../common/admin.js';
import type { Me } from '../../../common/api.js';

let ctx: TestContext;
let admin: string;
let officialId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loginAs(ctx.app, 'admin');
  const row = await ctx.services.db
    .selectFrom('officials')
    .select(['id', 'department_id'])
    .orderBy('sort_order')
    .executeTakeFirstOrThrow();
  officialId = row.id;
});
afterAll(() => ctx.close());

function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, cookie = admin) {
  return ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
}

function expectProblem(res: LightMyRequestResponse, status: number, slug: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.json<{ type: string; title: string }>().type).toBe(`/problems/${slug}`);
}

let counter = 0;
async function invite(extra: Record<string, unknown> = {}, cookie = admin): Promise<UserInvited> {
  counter++;
  const res = await call(
    'POST',
    '/api/admin/users',
    { username: `user${counter}`, displayName: `User ${counter}`, roles: ['operator'], ...extra },
    cookie,
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<UserInvited>();
}

async function signIn(username: string, password: string) {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

/** Signs in with the one-time password and chooses a real one: a working session of the invited user. */
async function activate(invited: UserInvited): Promise<string> {
  const first = await signIn(invited.user.username, invited.temporaryPassword);
  expect(first.statusCode, first.body).toBe(200);
  const cookie = `dialog_session=${first.cookies.find((c) => c.name === 'dialog_session')!.value}`;
  const changed = await call(
    'POST',
    '/api/auth/password',
    { currentPassword: invited.temporaryPassword, newPassword: 'a long new passphrase' },
    cookie,
  );
  expect(changed.statusCode, changed.body).toBe(200);
  return cookie;
}

const audited = async (id: string) =>
  (
    await ctx.services.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('subject_type', '=', 'staff_user')
      .where('subject_id', '=', id)
      .orderBy('seq')
      .execute()
  ).map((r) => r.action);

describe(`inviting and editing users (${testDialect})`, () => {
  it('invites a user with a one-time password shown once, which must be changed at the first log-in', async () => {
    const res = await call('POST', '/api/admin/users', {
      username: 'New.Clerk',
      displayName: '  Айгерім Серікқызы ',
      roles: ['operator'],
      email: 'clerk@example.kz',
      language: 'kk',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { user, temporaryPassword } = res.json<UserInvited>();
    expect(user).toMatchObject({
      username: 'new.clerk',
      displayName: 'Айгерім Серікқызы',
      roles: ['operator'],
      email: 'clerk@example.kz',
      language: 'kk',
      active: true,
      mustChangePassword: true,
      totpRequired: false,
      officialId: null,
      departmentId: null,
    });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const stored = await ctx.services.db
      .selectFrom('staff_users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(temporaryPassword);
    const login = await signIn('new.clerk', temporaryPassword);
    expect(login.json<Me>().mustChangePassword).toBe(true);
    const cookie = `dialog_session=${login.cookies.find((c) => c.name === 'dialog_session')!.value}`;
    expectProblem(
      await call('GET', '/api/office/appeals', undefined, cookie),
      403,
      'password-change-required',
    );
    const list = (await call('GET', '/api/admin/users')).json<AdminUserView[]>();
    expect(list.find((u) => u.id === user.id)).toEqual(user);
    expect(await audited(user.id)).toEqual(['user.invited', 'login']);
  });

  it('invites an official linked to their record, shown with the department', async () => {
    const department = await ctx.services.db
      .selectFrom('officials')
      .select('department_id')
      .where('id', '=', officialId)
      .executeTakeFirstOrThrow();
    const { user } = await invite({ roles: ['official'], officialId });
    expect(user).toMatchObject({ roles: ['official'], officialId, departmentId: department.department_id });
  });

  it('refuses a taken username, an official without a record, an unknown record, a bad email and bad fields', async () => {
    expectProblem(
      await call('POST', '/api/admin/users', { username: 'admin', displayName: 'X', roles: ['operator'] }),
      409,
      'username-taken',
    );
    expectProblem(
      await call('POST', '/api/admin/users', {
        username: 'noofficial',
        displayName: 'X',
        roles: ['official'],
      }),
      422,
      'official-required',
    );
    expectProblem(
      await call('POST', '/api/admin/users', {
        username: 'ghost',
        displayName: 'X',
        roles: ['official'],
        officialId: crypto.randomUUID(),
      }),
      422,
      'unknown-official',
    );
    expectProblem(
      await call('POST', '/api/admin/users', {
        username: 'bademail',
        displayName: 'X',
        roles: ['operator'],
        email: 'not an email',
      }),
      422,
      'invalid-email',
    );
    for (const payload of [
      { username: 'x', displayName: 'X', roles: ['operator'] },
      { username: 'has space', displayName: 'X', roles: ['operator'] },
      { username: 'noroles', displayName: 'X', roles: [] },
      { username: 'badrole', displayName: 'X', roles: ['root'] },
      { username: 'noname', displayName: '', roles: ['operator'] },
      { username: 'extra', displayName: 'X', roles: ['operator'], password: 'chosen' },
    ])
      expectProblem(await call('POST', '/api/admin/users', payload), 400, 'validation-failed');
  });

  it('edits the name, email, language and official record, and refuses to unlink an official', async () => {
    const { user } = await invite();
    const res = await call('PATCH', `/api/admin/users/${user.id}`, {
      displayName: 'Renamed',
      email: 'renamed@example.kz',
      language: 'en',
      officialId,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AdminUserView>()).toMatchObject({
      displayName: 'Renamed',
      email: 'renamed@example.kz',
      language: 'en',
      officialId,
    });
    expect((await call('PUT', `/api/admin/users/${user.id}/roles`, { roles: ['official'] })).statusCode).toBe(
      200,
    );
    expectProblem(
      await call('PATCH', `/api/admin/users/${user.id}`, { officialId: null }),
      422,
      'official-required',
    );
    expect(
      (await call('PATCH', `/api/admin/users/${user.id}`, { email: '' })).json<AdminUserView>().email,
    ).toBeNull();
    expectProblem(await call('PATCH', `/api/admin/users/${user.id}`, {}), 400, 'validation-failed');
    expectProblem(
      await call('PATCH', `/api/admin/users/${crypto.randomUUID()}`, { displayName: 'x' }),
      404,
      'user-not-found',
    );
    expect(await audited(user.id)).toEqual(['user.invited', 'user.edited', 'roles.changed', 'user.edited']);
  });

  it('requires a second factor of one user: until enrolled they reach only their account', async () => {
    const invited = await invite();
    const cookie = await activate(invited);
    expect((await call('GET', '/api/office/appeals', undefined, cookie)).statusCode).toBe(200);
    const res = await call('PATCH', `/api/admin/users/${invited.user.id}`, { totpRequired: true });
    expect(res.json<AdminUserView>().totpRequired).toBe(true);
    expectProblem(
      await call('GET', '/api/office/appeals', undefined, cookie),
      403,
      'totp-enrolment-required',
    );
    expect((await call('GET', '/api/auth/me', undefined, cookie)).json<Me>().totpEnrolmentRequired).toBe(
      true,
    );
    await call('PATCH', `/api/admin/users/${invited.user.id}`, { totpRequired: false });
    expect((await call('GET', '/api/office/appeals', undefined, cookie)).statusCode).toBe(200);
  });

  it('deactivates a user (no log-in, sessions ended) and reactivates them', async () => {
    const invited = await invite();
    const cookie = await activate(invited);
    const off = await call('POST', `/api/admin/users/${invited.user.id}/deactivate`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<AdminUserView>().active).toBe(false);
    expectProblem(await call('GET', '/api/auth/me', undefined, cookie), 401, 'not-authenticated');
    expectProblem(await signIn(invited.user.username, 'a long new passphrase'), 401, 'wrong-credentials');
    const on = await call('POST', `/api/admin/users/${invited.user.id}/reactivate`);
    expect(on.json<AdminUserView>().active).toBe(true);
    expect((await signIn(invited.user.username, 'a long new passphrase')).statusCode).toBe(200);
    expect(await audited(invited.user.id)).toEqual(
      expect.arrayContaining(['user.deactivated', 'user.reactivated']),
    );
    expectProblem(
      await call('POST', `/api/admin/users/${crypto.randomUUID()}/deactivate`),
      404,
      'user-not-found',
    );
  });

  it('lets no one but an admin invite, edit or deactivate', async () => {
    const { user } = await invite();
    expectProblem(
      await call('POST', '/api/admin/users', { username: 'anon', displayName: 'X', roles: ['operator'] }, ''),
      401,
      'not-authenticated',
    );
    for (const role of ['operator', 'official', 'supervisor']) {
      const cookie = await loginAs(ctx.app, role);
      expectProblem(
        await call(
          'POST',
          '/api/admin/users',
          { username: `by${role}`, displayName: 'X', roles: ['admin'] },
          cookie,
        ),
        403,
        'forbidden',
      );
      expectProblem(
        await call('PATCH', `/api/admin/users/${user.id}`, { totpRequired: true }, cookie),
        403,
        'forbidden',
      );
      expectProblem(
        await call('POST', `/api/admin/users/${user.id}/deactivate`, undefined, cookie),
        403,
        'forbidden',
      );
    }
  });
});

describe(`the last admin (${testDialect})`, () => {
  let c: TestContext;
  const as = (cookie: string, method: 'POST' | 'PUT', url: string, payload?: object) =>
    c.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const activeAdmins = async () =>
    (
      await c.services.db
        .selectFrom('staff_users')
        .select(['username', 'roles'])
        .where('active', '=', 1)
        .execute()
    ).filter((u) => u.roles.split(',').includes('admin'));

  /** The demo admin and a second admin with a working session. */
  async function twoAdmins() {
    const first = await loginAs(c.app, 'admin');
    const firstId = (
      await c.services.db
        .selectFrom('staff_users')
        .select('id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).id;
    const username = `admin${crypto.randomBytes(3).toString('hex')}`;
    const res = await as(first, 'POST', '/api/admin/users', {
      username,
      displayName: 'Second',
      roles: ['admin'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const invited = res.json<UserInvited>();
    const login = await c.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: invited.temporaryPassword },
    });
    const temp = `dialog_session=${login.cookies.find((x) => x.name === 'dialog_session')!.value}`;
    await as(temp, 'POST', '/api/auth/password', {
      currentPassword: invited.temporaryPassword,
      newPassword: 'another long passphrase',
    });
    const second = await loginAs(c.app, username, 'another long passphrase');
    return { first, firstId, second, secondId: invited.user.id };
  }

  beforeAll(async () => {
    c = await createTestContext();
  });
  afterAll(() => c.close());

  it('refuses to demote or deactivate the last active admin with 409 last-admin, and lets a second admin go', async () => {
    const { first, firstId, second, secondId } = await twoAdmins();
    // With two, one may demote the other…
    const demoted = await as(first, 'PUT', `/api/admin/users/${secondId}/roles`, { roles: ['operator'] });
    expect(demoted.statusCode, demoted.body).toBe(200);
    // …who can then do nothing as an admin.
    expectProblem(
      await as(second, 'PUT', `/api/admin/users/${firstId}/roles`, { roles: ['operator'] }),
      403,
      'forbidden',
    );
    // Made admin again and deactivated instead; reactivated.
    await as(first, 'PUT', `/api/admin/users/${secondId}/roles`, { roles: ['admin'] });
    expect((await as(first, 'POST', `/api/admin/users/${secondId}/deactivate`)).statusCode).toBe(200);
    expect((await activeAdmins()).map((a) => a.username)).toEqual(['admin']);
    // The one left cannot remove their own admin role or deactivate themselves.
    expectProblem(
      await as(first, 'PUT', `/api/admin/users/${firstId}/roles`, { roles: ['operator'] }),
      403,
      'forbidden',
    );
    expectProblem(await as(first, 'POST', `/api/admin/users/${firstId}/deactivate`), 403, 'forbidden');
    await as(first, 'POST', `/api/admin/users/${secondId}/reactivate`);
  });

  it('answers 409 last-admin when the target is the only active admin left (an actor who raced to lose it)', async () => {
    const { firstId, secondId } = await twoAdmins();
    const { changeRoles, setActive } = await import('./users.js');
    // Only `second` stays an active admin; `first` acts from a request that began while it still was one.
    await c.services.db
      .updateTable('staff_users')
      .set({ active: 0 })
      .where('id', '!=', secondId)
      .where('roles', 'like', '%admin%')
      .execute();
    const stale = await c.services.db
      .selectFrom('staff_users')
      .selectAll()
      .where('id', '=', firstId)
      .executeTakeFirstOrThrow();
    await expect(changeRoles(c.services, stale, secondId, ['operator'], '127.0.0.1')).rejects.toMatchObject({
      slug: 'last-admin',
    });
    await expect(setActive(c.services, stale, secondId, false, '127.0.0.1')).rejects.toMatchObject({
      slug: 'last-admin',
    });
    // Not last: the change is refused only because the actor is no longer an admin.
    await c.services.db
      .updateTable('staff_users')
      .set({ active: 1 })
      .where('roles', 'like', '%admin%')
      .execute();
    await c.services.db
      .updateTable('staff_users')
      .set({ roles: 'operator' })
      .where('id', '=', firstId)
      .execute();
    const demoted = await c.services.db
      .selectFrom('staff_users')
      .selectAll()
      .where('id', '=', firstId)
      .executeTakeFirstOrThrow();
    await expect(changeRoles(c.services, demoted, secondId, ['operator'], '127.0.0.1')).rejects.toMatchObject(
      {
        slug: 'forbidden',
      },
    );
    await c.services.db
      .updateTable('staff_users')
      .set({ roles: 'admin' })
      .where('id', '=', firstId)
      .execute();
    expect((await activeAdmins()).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const { first, firstId, second, secondId } = await twoAdmins();
      for (const a of await c.services.db
        .selectFrom('staff_users')
        .select(['id', 'roles'])
        .where('active', '=', 1)
        .execute())
        if (a.roles.includes('admin') && a.id !== firstId && a.id !== secondId)
          await as(first, 'POST', `/api/admin/users/${a.id}/deactivate`);
      expect((await activeAdmins()).length).toBe(2);
      const [a, b] = await Promise.all([
        as(first, 'PUT', `/api/admin/users/${secondId}/roles`, { roles: ['operator'] }),
        as(second, 'PUT', `/api/admin/users/${firstId}/roles`, { roles: ['operator'] }),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes[0], `${a.body} ${b.body}`).toBe(200);
      expect([403, 409]).toContain(codes[1]);
      expect((await activeAdmins()).length).toBe(1);
      // Restore: the survivor makes the other an admin again.
      const survivor = a.statusCode === 200 ? first : second;
      const other = a.statusCode === 200 ? secondId : firstId;
      expect(
        (await as(survivor, 'PUT', `/api/admin/users/${other}/roles`, { roles: ['admin'] })).statusCode,
      ).toBe(200);
    }
  });

  it('keeps one admin when two admins deactivate each other at the same moment', async () => {
    const { first, firstId, second, secondId } = await twoAdmins();
    for (const a of await c.services.db
      .selectFrom('staff_users')
      .select(['id', 'roles'])
      .where('active', '=', 1)
      .execute())
      if (a.roles.includes('admin') && a.id !== firstId && a.id !== secondId)
        await as(first, 'POST', `/api/admin/users/${a.id}/deactivate`);
    const [a, b] = await Promise.all([
      as(first, 'POST', `/api/admin/users/${secondId}/deactivate`),
      as(second, 'POST', `/api/admin/users/${firstId}/deactivate`),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0], `${a.body} ${b.body}`).toBe(200);
    expect([401, 403, 409]).toContain(statuses[1]);
    expect((await activeAdmins()).length).toBe(1);
  });
});
