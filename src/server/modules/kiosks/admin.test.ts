// Booths for admins through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): the list with each booth's state
// at a glance, heartbeat details and today's appeals; renaming; and the alert emails to admins when a booth goes
// silent or reports a fault, once per incident however often the check runs.
import crypto from 'node:crypto';
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
import type { KioskHeartbeat, KioskPairing, KioskPairingState } from '../../../common/api.js';
import type { KioskAdminView } from '../../../common/admin.js';
import { checkKiosks } from './alerts.js';
import { tickSchedules } from '../../jobs/schedule.js';

let ctx: TestContext;
let admin: string;
let address = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loginAs(ctx.app, 'admin');
  // The demo admin gets the alerts in English; a second admin without an address gets none.
  await ctx.services.db
    .updateTable('staff_users')
    .set({ email: 'admin@example.kz', language: 'en' })
    .where('username', '=', 'admin')
    .execute();
});
afterAll(() => ctx.close());

const healthy: KioskHeartbeat = {
  version: '1.4.0',
  camera: 'ok',
  microphone: 'ok',
  printer: 'unknown',
  storageUsedBytes: 2_000_000,
  storageQuotaBytes: 1_000_000_000,
  pendingUploads: 0,
};

function expectProblem(res: LightMyRequestResponse, status: number, slug: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.json<{ type: string }>().type).toBe(`/problems/${slug}`);
}

async function pairedBooth(name: string) {
  address++;
  const ip = `10.7.0.${address}`;
  const pairing = (
    await ctx.app.inject({ method: 'POST', url: '/api/kiosk/pairings', remoteAddress: ip })
  ).json<KioskPairing>();
  const paired = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/kiosks',
    headers: { cookie: admin },
    payload: { code: pairing.code, name, location: 'Öskemen, Abai Ave. 1' },
  });
  expect(paired.statusCode, paired.body).toBe(201);
  const state = (
    await ctx.app.inject({
      method: 'GET',
      url: `/api/kiosk/pairings/${pairing.id}`,
      remoteAddress: ip,
      headers: { 'x-pairing-secret': pairing.secret },
    })
  ).json<KioskPairingState>();
  const bearer = `Bearer ${state.token}`;
  return {
    id: state.kiosk!.id,
    bearer,
    beat: (body: Partial<KioskHeartbeat> = {}) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/kiosk/heartbeat',
        remoteAddress: ip,
        headers: { authorization: bearer },
        payload: { ...healthy, ...body },
      }),
  };
}

async function list(): Promise<KioskAdminView[]> {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/admin/kiosks', headers: { cookie: admin } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<KioskAdminView[]>();
}
const viewOf = async (id: string) => (await list()).find((k) => k.id === id)!;

const alertsFor = async (kioskId: string) =>
  ctx.services.db
    .selectFrom('notifications')
    .select(['recipient', 'template', 'subject', 'body', 'event_key'])
    .where('event_key', 'like', `kiosk:${kioskId}:%`)
    .orderBy('created_at')
    .execute();

describe(`the booths for admins (${testDialect})`, () => {
  it('lists a booth waiting for its first heartbeat, then ok with its devices, version and storage', async () => {
    const booth = await pairedBooth('ЦОН №1, окно 2');
    expect(await viewOf(booth.id)).toMatchObject({
      name: 'ЦОН №1, окно 2',
      state: 'waiting',
      lastHeartbeatAt: null,
      devices: null,
      appealsToday: 0,
    });
    ctx.clock.advance(1000);
    expect((await booth.beat({ pendingUploads: 3 })).statusCode).toBe(204);
    expect(await viewOf(booth.id)).toMatchObject({
      state: 'ok',
      faults: [],
      lastHeartbeatAt: ctx.clock.now().toISOString(),
      softwareVersion: '1.4.0',
      devices: { camera: 'ok', microphone: 'ok', printer: 'unknown' },
      storageUsedBytes: 2_000_000,
      storageQuotaBytes: 1_000_000_000,
      pendingUploads: 3,
      faultSince: null,
    });
  });

  it('counts the appeals the booth registered today', async () => {
    const booth = await pairedBooth('Counting booth');
    await booth.beat();
    const officialId = await firstOfficialId(ctx.app);
    for (let i = 0; i < 2; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/appeals',
        headers: { authorization: booth.bearer },
        payload: {
          uploadId: await uploadRecording(ctx.app, sampleRecording('webm', 2)),
          phone: '+77012345678',
          officialId,
          type: 'request',
          language: 'ru',
          source: 'kiosk',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await viewOf(booth.id)).appealsToday).toBe(2);
  });

  it('renames a booth and moves it, audited; refuses an empty name and an unknown booth', async () => {
    const booth = await pairedBooth('Old name');
    const patch = (id: string, payload: object) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/admin/kiosks/${id}`,
        headers: { cookie: admin },
        payload,
      });
    const res = await patch(booth.id, { name: ' New name ', location: 'Akimat, hall' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<KioskAdminView>()).toMatchObject({ name: 'New name', location: 'Akimat, hall' });
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/kiosk/me',
      headers: { authorization: booth.bearer },
    });
    expect(me.json<{ name: string }>().name).toBe('New name');
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'kiosk.edited')
      .where('subject_id', '=', booth.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({
      before: { name: 'Old name' },
      after: { name: 'New name' },
    });
    expectProblem(await patch(booth.id, { name: '   ' }), 400, 'validation-failed');
    expectProblem(await patch(booth.id, { name: '' }), 400, 'validation-failed');
    expectProblem(await patch(booth.id, {}), 400, 'validation-failed');
    expectProblem(await patch(booth.id, { name: 'x', colour: 'red' }), 400, 'validation-failed');
    expectProblem(await patch(crypto.randomUUID(), { name: 'x' }), 404, 'kiosk-not-found');
    expectProblem(await patch('nope', { name: 'x' }), 400, 'validation-failed');
  });

  it('shows a revoked booth as revoked, last in the list', async () => {
    const booth = await pairedBooth('Revoked booth');
    await booth.beat();
    await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/kiosks/${booth.id}/revoke`,
      headers: { cookie: admin },
    });
    const all = await list();
    expect(all.find((k) => k.id === booth.id)?.state).toBe('revoked');
    expect(all.at(-1)?.state).toBe('revoked');
  });

  it('lets only an admin list or edit booths', async () => {
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/api/admin/kiosks' }),
      401,
      'not-authenticated',
    );
    const cookie = await loginAs(ctx.app, 'supervisor');
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/api/admin/kiosks', headers: { cookie } }),
      403,
      'forbidden',
    );
  });
});

describe(`alerts when a booth goes silent or reports a fault (${testDialect})`, () => {
  it('emails the admins once when a booth goes silent, and again only after it came back and went silent again', async () => {
    const booth = await pairedBooth('Silent booth');
    await booth.beat();
    await checkKiosks(ctx.services);
    expect(await alertsFor(booth.id)).toEqual([]);
    ctx.clock.advance(9 * 60_000);
    await checkKiosks(ctx.services);
    expect(await alertsFor(booth.id)).toEqual([]);
    ctx.clock.advance(60_000);
    expect((await viewOf(booth.id)).state).toBe('silent');
    await checkKiosks(ctx.services);
    ctx.clock.advance(5 * 60_000);
    await checkKiosks(ctx.services);
    const first = await alertsFor(booth.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ recipient: 'admin@example.kz', template: 'kioskSilent' });
    expect(first[0]!.subject).toBe('Booth “Silent booth” has gone silent');
    expect(first[0]!.body).toContain('over 10 minutes');
    expect(first[0]!.body).toContain('/office/admin/kiosks');
    // Back, then silent again: a new incident, a new email.
    await booth.beat();
    expect((await viewOf(booth.id)).state).toBe('ok');
    await checkKiosks(ctx.services);
    ctx.clock.advance(11 * 60_000);
    await checkKiosks(ctx.services);
    await checkKiosks(ctx.services);
    expect(await alertsFor(booth.id)).toHaveLength(2);
  });

  it('emails once per fault incident, with the faulty parts, and again when a new fault appears', async () => {
    const booth = await pairedBooth('Faulty booth');
    await booth.beat({ camera: 'missing' });
    const view = await viewOf(booth.id);
    expect(view).toMatchObject({
      state: 'fault',
      faults: ['camera'],
      faultSince: ctx.clock.now().toISOString(),
    });
    await checkKiosks(ctx.services);
    ctx.clock.advance(60_000);
    await booth.beat({ camera: 'missing' });
    await checkKiosks(ctx.services);
    let alerts = await alertsFor(booth.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ template: 'kioskFault' });
    expect(alerts[0]!.subject).toBe('Booth “Faulty booth” reports a fault: camera');
    // The printer breaks too: a new incident.
    ctx.clock.advance(60_000);
    await booth.beat({ camera: 'missing', printer: 'error' });
    await checkKiosks(ctx.services);
    alerts = await alertsFor(booth.id);
    expect(alerts).toHaveLength(2);
    expect(alerts[1]!.subject).toContain('camera, printer');
    // The camera comes back, the printer stays broken: the same incident, no email.
    ctx.clock.advance(60_000);
    await booth.beat({ printer: 'error' });
    await checkKiosks(ctx.services);
    expect(await alertsFor(booth.id)).toHaveLength(2);
    // Fixed: no fault, no email.
    await booth.beat();
    expect((await viewOf(booth.id)).faultSince).toBeNull();
    await checkKiosks(ctx.services);
    expect(await alertsFor(booth.id)).toHaveLength(2);
  });

  it('sends nothing for a revoked booth, and nothing to an admin without an email address', async () => {
    const booth = await pairedBooth('Gone booth');
    await booth.beat({ camera: 'error' });
    await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/kiosks/${booth.id}/revoke`,
      headers: { cookie: admin },
    });
    ctx.clock.advance(30 * 60_000);
    await checkKiosks(ctx.services);
    expect(await alertsFor(booth.id)).toEqual([]);
    const recipients = await ctx.services.db
      .selectFrom('notifications')
      .select('recipient')
      .where('template', 'in', ['kioskSilent', 'kioskFault'])
      .execute();
    expect(new Set(recipients.map((r) => r.recipient))).toEqual(new Set(['admin@example.kz']));
  });

  it('runs on the recurring schedule: the worker’s tick enqueues the check, and the check queues the alert', async () => {
    const booth = await pairedBooth('Scheduled booth');
    await booth.beat({ microphone: 'denied' });
    const enqueued = await tickSchedules(ctx.services);
    expect(enqueued.some((e) => e.startsWith('check-kiosks@'))).toBe(true);
    // The same period is not enqueued twice.
    expect((await tickSchedules(ctx.services)).some((e) => e.startsWith('check-kiosks@'))).toBe(false);
    await ctx.drain();
    const alerts = await alertsFor(booth.id);
    expect(alerts.map((a) => a.template)).toEqual(['kioskFault']);
    expect(alerts[0]!.body).toContain('microphone');
  });
});
