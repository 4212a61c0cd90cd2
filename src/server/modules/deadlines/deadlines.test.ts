// Deadlines on SQLite or PostgreSQL (TEST_DATABASE), with the test clock: the new-appeal notice, the morning
// digest (once, on working days only), escalation exactly once across runs and workers, the overdue view's row
// rules, the calendar admins edit (never moving a stored deadline), notification preferences and their rejections.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarYear, DeadlinesView, NotificationPrefs } from '../../../common/deadlines.js';
import type { Receipt } from '../../../common/api.js';
import { emailHtml } from '../../notifications/mail.js';
import { tickSchedules } from '../../jobs/schedule.js';
import { DEFAULT_NOW, createTestContext, loginAs, testDialect, type TestContext } from '../../testing.js';
import { escalateOverdue, sendDigests } from './service.js';

let ctx: TestContext;
const cookies: Record<string, string> = {};
const ids: Record<string, { userId: string; officialId: string; departmentId: string }> = {};
const TEXT = 'The street lights on Abay avenue have not worked for a month; please repair them.';

function problemOf(res: LightMyRequestResponse) {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json<{ type: string; title: string; status: number; detail?: string }>();
}

async function staff(username: string) {
  const row = await ctx.services.db
    .selectFrom('staff_users as u')
    .leftJoin('officials as o', 'o.id', 'u.official_id')
    .select(['u.id', 'u.official_id', 'o.department_id'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return { userId: row.id, officialId: row.official_id ?? '', departmentId: row.department_id ?? '' };
}

function setPrefs(username: string, body: object) {
  return ctx.app.inject({
    method: 'PUT',
    url: '/api/office/notification-prefs',
    headers: { cookie: cookies[username] ?? '' },
    payload: body,
  });
}

/** An open appeal put straight into the table, as the booth would have registered it. */
async function makeAppeal(recipe: {
  addressee?: string | null;
  department?: string | null;
  deadlineOn: string;
  status?: 'registered' | 'answered' | 'withdrawn' | 'under_review';
}): Promise<{ id: string; number: string }> {
  const id = crypto.randomUUID();
  const number = `261110-${String(crypto.randomInt(100000, 1000000))}`;
  const at = '2026-11-10T05:00:00.000Z';
  await ctx.services.db
    .insertInto('appeals')
    .values({
      id,
      registration_number: number,
      access_code_hash: 'x',
      phone_e164: `+7701${String(crypto.randomInt(1000000, 10000000))}`,
      iin: null,
      language: 'kk',
      type: 'complaint',
      category_id: null,
      addressee_official_id:
        recipe.addressee === undefined ? (ids.official?.officialId ?? null) : recipe.addressee,
      department_id:
        recipe.department === undefined ? (ids.official?.departmentId ?? null) : recipe.department,
      status: recipe.status ?? 'registered',
      source: 'kiosk',
      kiosk_id: null,
      note: null,
      media_id: null,
      registered_on: '2026-11-10',
      registered_at: at,
      deadline_on: recipe.deadlineOn,
      answered_at: recipe.status === 'answered' ? at : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, number };
}

function submitTyped(officialId: string | undefined) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/appeals',
    payload: {
      phone: '+77012345678',
      officialId: officialId ?? null,
      type: 'request',
      language: 'ru',
      source: 'web',
      note: TEXT,
    },
  });
}

async function messages(where: { template?: string; recipient?: string; eventKeyLike?: string } = {}) {
  return ctx.services.db
    .selectFrom('notifications')
    .select(['channel', 'recipient', 'template', 'language', 'subject', 'body', 'event_key', 'appeal_id'])
    .$if(where.template !== undefined, (q) => q.where('template', '=', where.template ?? ''))
    .$if(where.recipient !== undefined, (q) => q.where('recipient', '=', where.recipient ?? ''))
    .$if(where.eventKeyLike !== undefined, (q) => q.where('event_key', 'like', where.eventKeyLike ?? ''))
    .orderBy('channel')
    .orderBy('recipient')
    .execute();
}

async function clearTables() {
  await ctx.services.db.deleteFrom('notification_parts').execute();
  await ctx.services.db.deleteFrom('notifications').execute();
  await ctx.services.db.deleteFrom('jobs').execute();
  await ctx.services.db.deleteFrom('job_schedules').execute();
  await ctx.services.db.deleteFrom('appeal_status_history').execute();
  await ctx.services.db.updateTable('media_files').set({ appeal_id: null }).execute();
  await ctx.services.db.deleteFrom('appeals').execute();
}

beforeAll(async () => {
  ctx = await createTestContext({ env: { PUBLIC_URL: 'https://dialog.example.kz' } });
  for (const u of ['official', 'akim', 'operator', 'supervisor', 'admin']) {
    cookies[u] = await loginAs(ctx.app, u);
    ids[u] = await staff(u);
  }
});
afterAll(() => ctx.close());
afterEach(async () => {
  ctx.clock.set(DEFAULT_NOW);
  await clearTables();
});

describe(`notification preferences (${testDialect})`, () => {
  it('starts empty, in Russian, and keeps what the user sets (phone normalised), audited', async () => {
    const first = await ctx.app.inject({
      method: 'GET',
      url: '/api/office/notification-prefs',
      headers: { cookie: cookies.operator ?? '' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json<NotificationPrefs>()).toEqual({ email: null, phone: null, sms: false, language: 'ru' });
    const res = await setPrefs('operator', {
      email: ' clerk@akimat.example.kz ',
      phone: '8 701 555 12 34',
      sms: true,
      language: 'kk',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<NotificationPrefs>()).toEqual({
      email: 'clerk@akimat.example.kz',
      phone: '+77015551234',
      sms: true,
      language: 'kk',
    });
    const again = await ctx.app.inject({
      method: 'GET',
      url: '/api/office/notification-prefs',
      headers: { cookie: cookies.operator ?? '' },
    });
    expect(again.json<NotificationPrefs>().phone).toBe('+77015551234');
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select(['detail'])
      .where('action', '=', 'notification_prefs.changed')
      .where('actor_user_id', '=', ids.operator?.userId ?? '')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({
      email: 'changed',
      phone: 'changed',
      sms: true,
      language: 'kk',
    });
    expect(audit.detail).not.toContain('clerk@');
    expect(
      (await setPrefs('operator', { email: null, phone: null, sms: false, language: 'ru' })).statusCode,
    ).toBe(200);
  });

  it.each([
    [{ email: 'not an address', phone: null, sms: false, language: 'ru' }, 422, 'invalid-email'],
    [{ email: 'a@b', phone: null, sms: false, language: 'ru' }, 422, 'invalid-email'],
    [{ email: null, phone: '+74951234567', sms: false, language: 'ru' }, 422, 'invalid-phone'],
    [{ email: null, phone: '12345', sms: false, language: 'ru' }, 422, 'invalid-phone'],
    [{ email: 'a@b.kz', phone: null, sms: true, language: 'ru' }, 422, 'sms-needs-phone'],
    [{ email: 'a@b.kz', phone: null, sms: false, language: 'de' }, 400, 'validation-failed'],
    [{ email: 'a@b.kz', phone: null, sms: false, language: 'ru', extra: 1 }, 400, 'validation-failed'],
    [{ email: `${'a'.repeat(250)}@b.kz`, phone: null, sms: false, language: 'ru' }, 400, 'validation-failed'],
    [{ email: 'a@b.kz', language: 'ru' }, 400, 'validation-failed'],
  ])('refuses %j with %i %s', async (body, status, slug) => {
    const res = await setPrefs('official', body);
    expect(res.statusCode).toBe(status);
    expect(problemOf(res).type).toBe(`/problems/${slug}`);
  });

  it('answers 401 without a session', async () => {
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/office/notification-prefs',
      payload: { email: null, phone: null, sms: false, language: 'ru' },
    });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).type).toBe('/problems/not-authenticated');
  });
});

describe(`the new-appeal notice (${testDialect})`, () => {
  beforeAll(async () => {
    expect(
      (
        await setPrefs('official', {
          email: 'housing@akimat.kz',
          phone: '+77017770011',
          sms: true,
          language: 'kk',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await setPrefs('akim', { email: 'akim@akimat.kz', phone: null, sms: false, language: 'en' }))
        .statusCode,
    ).toBe(200);
  });
  afterAll(async () => {
    await setPrefs('official', { email: null, phone: null, sms: false, language: 'ru' });
    await setPrefs('akim', { email: null, phone: null, sms: false, language: 'ru' });
    await ctx.services.db.deleteFrom('delegations').execute();
  });

  it('emails the addressee in their language and sends the SMS they asked for, in the submission', async () => {
    const res = await submitTyped(ids.official?.officialId);
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json<Receipt>();
    const appeal = await ctx.services.db
      .selectFrom('appeals')
      .select(['id'])
      .where('registration_number', '=', receipt.registrationNumber)
      .executeTakeFirstOrThrow();
    const sent = await messages({ template: 'newAppeal' });
    expect(sent.map((m) => [m.channel, m.recipient, m.language])).toEqual([
      ['email', 'housing@akimat.kz', 'kk'],
      ['sms', '+77017770011', 'kk'],
    ]);
    const email = sent[0]!;
    expect(email.subject).toContain(receipt.registrationNumber);
    expect(email.body).toContain(`https://dialog.example.kz/office/appeals/${appeal.id}`);
    expect(email.body).toContain('09.12.2026');
    expect(email.event_key).toBe(`appeal:${appeal.id}:newAppeal:${ids.official?.userId}`);
    expect(sent[1]!.body).toContain(receipt.registrationNumber);
    // Nobody else hears of it; the akim's address stays silent.
    expect(await messages({ recipient: 'akim@akimat.kz' })).toEqual([]);
  });

  it('tells a deputy of the addressee too, while the delegation is in force', async () => {
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/office/delegations',
      headers: { cookie: cookies.official ?? '' },
      payload: {
        deputyUserId: ids.akim?.userId,
        startsAt: '2026-11-17T00:00:00Z',
        endsAt: '2026-11-25T00:00:00Z',
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect((await submitTyped(ids.official?.officialId)).statusCode).toBe(201);
    const sent = await messages({ template: 'newAppeal', recipient: 'akim@akimat.kz' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.language).toBe('en');
    expect(sent[0]!.subject).toMatch(/^New appeal \d{6}-\d+ for you$/);
  });

  it('tells nobody of an appeal addressed to no one (the operators route it)', async () => {
    const res = await submitTyped(undefined);
    expect(res.statusCode, res.body).toBe(201);
    expect(await messages({ template: 'newAppeal' })).toEqual([]);
  });

  it('queues nothing for an official without an address', async () => {
    await setPrefs('akim', { email: null, phone: null, sms: false, language: 'ru' });
    expect((await submitTyped(ids.akim?.officialId)).statusCode).toBe(201);
    expect(await messages({ template: 'newAppeal' })).toEqual([]);
    await setPrefs('akim', { email: 'akim@akimat.kz', phone: null, sms: false, language: 'en' });
  });
});

describe(`the morning digest (${testDialect})`, () => {
  beforeAll(async () => {
    await setPrefs('official', {
      email: 'housing@akimat.kz',
      phone: '+77017770011',
      sms: true,
      language: 'ru',
    });
  });
  afterAll(async () => {
    await setPrefs('official', { email: null, phone: null, sms: false, language: 'ru' });
  });

  it('is sent once on a working morning: what is due within 3 working days and what is late', async () => {
    // Wednesday 18 November 2026, 10:00 in Almaty.
    const late = await makeAppeal({ deadlineOn: '2026-11-16' });
    const soon = await makeAppeal({ deadlineOn: '2026-11-23' });
    const later = await makeAppeal({ deadlineOn: '2026-11-24' });
    const answered = await makeAppeal({ deadlineOn: '2026-11-19', status: 'answered' });
    const akims = await makeAppeal({
      deadlineOn: '2026-11-19',
      addressee: ids.akim?.officialId ?? null,
      department: ids.akim?.departmentId ?? null,
    });
    expect(await tickSchedules(ctx.services)).toContain('send-digests@2026-11-18');
    await ctx.drain();
    const sent = await messages({ template: 'digest' });
    expect(sent.map((m) => [m.channel, m.recipient])).toEqual([
      ['email', 'housing@akimat.kz'],
      ['sms', '+77017770011'],
    ]);
    const email = sent[0]!;
    expect(email.event_key).toBe(`digest:${ids.official?.userId}:2026-11-18`);
    expect(email.subject).toBe('Обращения с истекающим сроком: 2');
    expect(email.body).toContain(
      `${late.number}: ПРОСРОЧЕНО, срок был 16.11.2026 (рабочих дней просрочки: 2)`,
    );
    expect(email.body).toContain(`${soon.number}: ответ до 23.11.2026 (осталось рабочих дней: 3)`);
    for (const absent of [later, answered, akims]) expect(email.body).not.toContain(absent.number);
    expect(email.body).toContain('https://dialog.example.kz/office/deadlines');
    expect(sent[1]!.body).toContain('2');

    // Later the same day: neither the schedule nor the job sends it again.
    ctx.clock.set('2026-11-18T10:00:00.000Z');
    expect(await tickSchedules(ctx.services)).not.toContain('send-digests@2026-11-18');
    expect(await sendDigests(ctx.services, '2026-11-18')).toEqual({ sent: true, recipients: 1 });
    await ctx.drain();
    expect(await messages({ template: 'digest' })).toHaveLength(2);
  });

  it('waits for DIGEST_HOUR in the local time zone', async () => {
    await makeAppeal({ deadlineOn: '2026-11-19' });
    ctx.clock.set('2026-11-18T02:59:00.000Z'); // 07:59 in Almaty
    expect(await tickSchedules(ctx.services)).not.toContain('send-digests@2026-11-18');
    ctx.clock.set('2026-11-18T03:00:00.000Z'); // 08:00
    expect(await tickSchedules(ctx.services)).toContain('send-digests@2026-11-18');
  });

  it('is not sent on a public holiday, nor on a weekend', async () => {
    await makeAppeal({ deadlineOn: '2026-12-17' });
    ctx.clock.set('2026-12-16T05:00:00.000Z'); // Independence Day, a Wednesday
    expect(await tickSchedules(ctx.services)).toContain('send-digests@2026-12-16');
    await ctx.drain();
    expect(await sendDigests(ctx.services, '2026-12-16')).toEqual({ sent: false, recipients: 0 });
    ctx.clock.set('2026-11-21T05:00:00.000Z'); // a Saturday
    expect(await sendDigests(ctx.services, '2026-11-21')).toEqual({ sent: false, recipients: 0 });
    expect(await messages({ template: 'digest' })).toEqual([]);
    // The next working day it goes.
    ctx.clock.set('2026-12-17T05:00:00.000Z');
    expect(await sendDigests(ctx.services, '2026-12-17')).toEqual({ sent: true, recipients: 1 });
  });

  it('does nothing when its job runs on another day than it was enqueued for', async () => {
    await makeAppeal({ deadlineOn: '2026-11-19' });
    expect(await sendDigests(ctx.services, '2026-11-17')).toEqual({ sent: false, recipients: 0 });
    expect(await messages({ template: 'digest' })).toEqual([]);
  });
});

interface RaceResult {
  ticked: string[];
  escalated: number;
}

/** Runs `workers` worker processes (race-worker.ts) and `here` at the same moment; their results, here's first. */
async function race(workers: number, here: () => Promise<RaceResult>): Promise<RaceResult[]> {
  const script = path.join(import.meta.dirname, 'race-worker.ts');
  const children = Array.from({ length: workers }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: {
        ...process.env,
        DIALOG_RACE_CONFIG: JSON.stringify(ctx.services.config),
        DIALOG_RACE_NOW: ctx.clock.now().toISOString(),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const ready = new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (out.includes('ready\n')) {
          clearInterval(check);
          resolve();
        }
      }, 20);
      child.once('exit', (code) => {
        clearInterval(check);
        reject(new Error(`race worker exited ${code}: ${err}`));
      });
    });
    const done = new Promise<RaceResult>((resolve, reject) =>
      child.once('exit', (code) => {
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (code === 0 && line) resolve(JSON.parse(line) as RaceResult);
        else reject(new Error(`race worker exited ${code}: ${err}`));
      }),
    );
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.end('go\n');
  const mine = await here();
  return [mine, ...(await Promise.all(children.map((c) => c.done)))];
}

describe(`escalation (${testDialect})`, () => {
  beforeAll(async () => {
    await setPrefs('supervisor', {
      email: 'governor@akimat.kz',
      phone: '+77017770022',
      sms: true,
      language: 'en',
    });
  });
  afterAll(async () => {
    await setPrefs('supervisor', { email: null, phone: null, sms: false, language: 'ru' });
  });

  it('marks an open appeal past its deadline once, audits it, emails the supervisor and tells the citizen', async () => {
    const overdue = await makeAppeal({ deadlineOn: '2026-11-17' });
    const today = await makeAppeal({ deadlineOn: '2026-11-18' });
    const answered = await makeAppeal({ deadlineOn: '2026-11-10', status: 'answered' });
    const withdrawn = await makeAppeal({ deadlineOn: '2026-11-10', status: 'withdrawn' });
    expect(await tickSchedules(ctx.services)).toEqual(
      expect.arrayContaining(['escalate-overdue@2026-11-18T05:00:00.000Z']),
    );
    await ctx.drain();
    const rows = await ctx.services.db
      .selectFrom('appeals')
      .select(['id', 'escalated_at'])
      .where('id', 'in', [overdue.id, today.id, answered.id, withdrawn.id])
      .execute();
    const mark = new Map(rows.map((r) => [r.id, r.escalated_at]));
    expect(mark.get(overdue.id)).toBe(DEFAULT_NOW);
    expect(mark.get(today.id)).toBeNull();
    expect(mark.get(answered.id)).toBeNull();
    expect(mark.get(withdrawn.id)).toBeNull();
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'detail'])
      .where('action', '=', 'appeal.escalated')
      .where('subject_id', '=', overdue.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_kind).toBe('system');
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ deadlineOn: '2026-11-17', workingDaysOverdue: 1 });
    const emails = await messages({ template: 'escalated' });
    expect(emails.map((m) => [m.channel, m.recipient, m.language, m.subject])).toEqual([
      ['email', 'governor@akimat.kz', 'en', `Overdue: appeal ${overdue.number} has no answer`],
      ['sms', '+77017770022', 'en', null],
    ]);
    expect(emails[1]!.body).toBe(
      `Dialog: appeal ${overdue.number} is overdue (due 17.11.2026) and has no answer.`,
    );
    expect(emails[0]!.body).toContain(`https://dialog.example.kz/office/appeals/${overdue.id}`);
    const sms = await messages({ template: 'overdue' });
    expect(sms.map((m) => [m.channel, m.appeal_id, m.language])).toEqual([['sms', overdue.id, 'kk']]);
  });

  it('escalates exactly once when the job runs twice, and when three worker processes race', async () => {
    const a = await makeAppeal({ deadlineOn: '2026-11-16' });
    const b = await makeAppeal({ deadlineOn: '2026-11-13' });
    // Two more workers, each its own process and connection to the same database, started at the same moment as
    // this one; each ticks the schedules and escalates.
    const results = await race(2, async () => ({
      ticked: await tickSchedules(ctx.services),
      escalated: await escalateOverdue(ctx.services),
    }));
    expect(results.reduce((sum, r) => sum + r.escalated, 0)).toBe(2);
    expect(results.flatMap((r) => r.ticked).filter((t) => t.startsWith('escalate-overdue@'))).toEqual([
      'escalate-overdue@2026-11-18T05:00:00.000Z',
    ]);
    // The period's job, run now, and the same job run again, find nothing left.
    expect(await ctx.drain()).toBeGreaterThan(0);
    expect(await escalateOverdue(ctx.services)).toBe(0);
    const emails = (await messages({ template: 'escalated' })).filter((m) => m.channel === 'email');
    expect(emails.map((m) => m.event_key).sort()).toEqual(
      [a.id, b.id].map((id) => `appeal:${id}:escalated:${ids.supervisor?.userId}`).sort(),
    );
    expect(await messages({ template: 'overdue' })).toHaveLength(2);
    const audits = await ctx.services.db
      .selectFrom('audit_events')
      .select('subject_id')
      .where('action', '=', 'appeal.escalated')
      .where('subject_id', 'in', [a.id, b.id])
      .execute();
    expect(audits).toHaveLength(2);
    const jobs = await ctx.services.db
      .selectFrom('jobs')
      .select('name')
      .where('name', '=', 'escalate-overdue')
      .execute();
    expect(jobs).toHaveLength(1);
  }, 60_000);

  it('enqueues the next period once, whoever ticks', async () => {
    // Other schedules (the booths' check) tick on their own periods.
    const escalations = async () =>
      (await tickSchedules(ctx.services)).filter((e) => e.startsWith('escalate-overdue@'));
    expect(await escalations()).toContain('escalate-overdue@2026-11-18T05:00:00.000Z');
    expect(await escalations()).toEqual([]);
    ctx.clock.advance(14 * 60_000);
    expect(await escalations()).toEqual([]);
    ctx.clock.advance(60_000);
    expect(await escalations()).toEqual(['escalate-overdue@2026-11-18T05:15:00.000Z']);
  });

  it('does not count an appeal due on Friday as late over the weekend until the day after its deadline', async () => {
    const friday = await makeAppeal({ deadlineOn: '2026-11-20' });
    ctx.clock.set('2026-11-20T12:00:00.000Z'); // Friday evening in Almaty: still due today
    expect(await escalateOverdue(ctx.services)).toBe(0);
    ctx.clock.set('2026-11-21T05:00:00.000Z'); // Saturday: the deadline has passed
    expect(await escalateOverdue(ctx.services)).toBe(1);
    const row = await ctx.services.db
      .selectFrom('appeals')
      .select('escalated_at')
      .where('id', '=', friday.id)
      .executeTakeFirstOrThrow();
    expect(row.escalated_at).toBe('2026-11-21T05:00:00.000Z');
  });
});

describe(`the overdue view (${testDialect})`, () => {
  function view(username: string, query = '') {
    return ctx.app.inject({
      method: 'GET',
      url: `/api/office/deadlines${query}`,
      headers: cookies[username] ? { cookie: cookies[username] } : {},
    });
  }

  it('shows supervisors and operators every overdue and due-soon appeal with working days, officials theirs', async () => {
    const mine = await makeAppeal({ deadlineOn: '2026-11-16' });
    const akims = await makeAppeal({
      deadlineOn: '2026-11-12',
      addressee: ids.akim?.officialId ?? null,
      department: ids.akim?.departmentId ?? null,
    });
    const soon = await makeAppeal({ deadlineOn: '2026-11-18' });
    const unrouted = await makeAppeal({ deadlineOn: '2026-11-20', addressee: null, department: null });
    await makeAppeal({ deadlineOn: '2026-11-24' });
    await makeAppeal({ deadlineOn: '2026-11-10', status: 'answered' });
    await escalateOverdue(ctx.services);

    for (const who of ['supervisor', 'operator']) {
      const res = await view(who);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<DeadlinesView>();
      expect(body.today).toBe('2026-11-18');
      expect(body.todayIsWorkingDay).toBe(true);
      expect(body.overdue.map((i) => [i.id, i.workingDaysLeft])).toEqual([
        [akims.id, -4],
        [mine.id, -2],
      ]);
      expect(body.overdue.every((i) => i.escalatedAt === DEFAULT_NOW)).toBe(true);
      expect(body.overdue[0]!.addressee?.fullName.en).toBeTruthy();
      expect(body.overdue[0]!.department?.id).toBe(ids.akim?.departmentId);
      expect(body.dueSoon.map((i) => [i.id, i.workingDaysLeft])).toEqual([
        [soon.id, 0],
        [unrouted.id, 2],
      ]);
      expect(body.dueSoon[1]!.addressee).toBeNull();
      expect([body.overdueTotal, body.dueSoonTotal]).toEqual([2, 2]);
    }

    const own = (await view('official')).json<DeadlinesView>();
    expect(own.overdue.map((i) => i.id)).toEqual([mine.id]);
    expect(own.dueSoon.map((i) => i.id)).toEqual([soon.id]);

    const byDepartment = (
      await view('supervisor', `?department=${ids.akim?.departmentId}`)
    ).json<DeadlinesView>();
    expect(byDepartment.overdue.map((i) => i.id)).toEqual([akims.id]);
    const limited = (await view('supervisor', '?limit=1')).json<DeadlinesView>();
    expect([limited.overdue.length, limited.overdueTotal]).toEqual([1, 2]);
  });

  it('refuses admins, strangers and bad queries', async () => {
    const admin = await view('admin');
    expect(admin.statusCode).toBe(403);
    expect(problemOf(admin).type).toBe('/problems/forbidden');
    const anonymous = await view('nobody');
    expect(anonymous.statusCode).toBe(401);
    expect(problemOf(anonymous).type).toBe('/problems/not-authenticated');
    for (const query of ['?limit=0', '?limit=5000', '?department=nope', '?colour=red']) {
      const res = await view('supervisor', query);
      expect(res.statusCode, query).toBe(400);
      expect(problemOf(res).type).toBe('/problems/validation-failed');
    }
  });
});

describe(`the calendar admins edit (${testDialect})`, () => {
  function calendar(username: string, year: number | string) {
    return ctx.app.inject({
      method: 'GET',
      url: `/api/admin/calendar?year=${year}`,
      headers: cookies[username] ? { cookie: cookies[username] } : {},
    });
  }
  function addDay(username: string, body: object) {
    return ctx.app.inject({
      method: 'POST',
      url: '/api/admin/calendar/days',
      headers: cookies[username] ? { cookie: cookies[username] } : {},
      payload: body,
    });
  }
  function removeDay(username: string, day: string) {
    return ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/calendar/days/${day}`,
      headers: cookies[username] ? { cookie: cookies[username] } : {},
    });
  }

  it('lists a year with the statutory days marked', async () => {
    const res = await calendar('admin', 2026);
    expect(res.statusCode).toBe(200);
    const year = res.json<CalendarYear>();
    expect(year.year).toBe(2026);
    expect(year.days).toContainEqual({
      day: '2026-12-16',
      kind: 'day_off',
      note: 'statutory',
      statutory: true,
    });
    expect(year.days).toContainEqual({
      day: '2026-03-24',
      kind: 'day_off',
      note: 'statutory',
      statutory: true,
    });
    expect(year.days.every((d) => d.day.startsWith('2026-'))).toBe(true);
    // A year nobody looked at yet gets its statutory list on first look (2030's Kurban Ait estimate included).
    const later = (await calendar('admin', 2030)).json<CalendarYear>();
    expect(later.days.map((d) => d.day)).toEqual(expect.arrayContaining(['2030-01-01', '2030-04-13']));
  });

  it('takes a change at once for new deadlines and never moves a deadline stored on an appeal', async () => {
    const before = await submitTyped(ids.official?.officialId);
    expect(before.json<Receipt>().deadlineOn).toBe('2026-12-09');
    const added = await addDay('admin', { day: '2026-11-27', kind: 'day_off', note: 'Decree No. 1' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({
      day: '2026-11-27',
      kind: 'day_off',
      note: 'Decree No. 1',
      statutory: false,
    });

    const stored = await ctx.services.db
      .selectFrom('appeals')
      .select('deadline_on')
      .where('registration_number', '=', before.json<Receipt>().registrationNumber)
      .executeTakeFirstOrThrow();
    expect(stored.deadline_on).toBe('2026-12-09');
    const after = await submitTyped(ids.official?.officialId);
    expect(after.json<Receipt>().deadlineOn).toBe('2026-12-10');

    // A working Saturday pulls the next deadline back; the stored ones stay.
    expect((await addDay('admin', { day: '2026-11-28', kind: 'working', note: '' })).statusCode).toBe(201);
    expect((await submitTyped(ids.official?.officialId)).json<Receipt>().deadlineOn).toBe('2026-12-09');
    const all = await ctx.services.db
      .selectFrom('appeals')
      .select('deadline_on')
      .orderBy('created_at')
      .execute();
    expect(all.map((r) => r.deadline_on)).toEqual(['2026-12-09', '2026-12-10', '2026-12-09']);

    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select(['action', 'subject_id', 'detail', 'actor_user_id'])
      .where('action', 'like', 'calendar.%')
      .orderBy('seq')
      .execute();
    expect(audit.slice(-2).map((a) => [a.action, a.subject_id, a.actor_user_id])).toEqual([
      ['calendar.day_added', '2026-11-27', ids.admin?.userId],
      ['calendar.day_added', '2026-11-28', ids.admin?.userId],
    ]);
    for (const day of ['2026-11-27', '2026-11-28'])
      expect((await removeDay('admin', day)).statusCode).toBe(204);
  });

  it('removes a statutory day (a decree moved it), audited, and seeding does not bring it back', async () => {
    const removed = await removeDay('admin', '2026-05-27');
    expect(removed.statusCode).toBe(204);
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select(['detail'])
      .where('action', '=', 'calendar.day_removed')
      .where('subject_id', '=', '2026-05-27')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({ kind: 'day_off', note: 'statutory', statutory: true });
    const year = (await calendar('admin', 2026)).json<CalendarYear>();
    expect(year.days.map((d) => d.day)).not.toContain('2026-05-27');
    // An appeal received that day is registered on it now.
    ctx.clock.set('2026-05-27T05:00:00.000Z');
    expect((await submitTyped(ids.official?.officialId)).json<Receipt>().registeredAt.slice(0, 10)).toBe(
      '2026-05-27',
    );
    const row = await ctx.services.db.selectFrom('appeals').select('registered_on').executeTakeFirstOrThrow();
    expect(row.registered_on).toBe('2026-05-27');
    expect(
      (await addDay('admin', { day: '2026-05-27', kind: 'day_off', note: 'statutory' })).statusCode,
    ).toBe(201);
  });

  it.each([
    [{ day: '2026-11-21', kind: 'day_off', note: '' }, 422, 'calendar-day-invalid'],
    [{ day: '2026-11-18', kind: 'working', note: '' }, 422, 'calendar-day-invalid'],
    [{ day: '2026-02-30', kind: 'day_off', note: '' }, 400, 'validation-failed'],
    [{ day: '2026-12-16', kind: 'day_off', note: '' }, 409, 'calendar-day-exists'],
    [{ day: '1999-01-04', kind: 'day_off', note: '' }, 422, 'calendar-day-invalid'],
    [{ day: '18.11.2026', kind: 'day_off', note: '' }, 400, 'validation-failed'],
    [{ day: '2026-11-19', kind: 'holiday', note: '' }, 400, 'validation-failed'],
    [{ day: '2026-11-19', kind: 'day_off', note: 'x'.repeat(201) }, 400, 'validation-failed'],
    [{ day: '2026-11-19', kind: 'day_off', note: '', extra: true }, 400, 'validation-failed'],
  ])('refuses to add %j: %i %s', async (body, status, slug) => {
    const res = await addDay('admin', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(problemOf(res).type).toBe(`/problems/${slug}`);
  });

  it('refuses to remove a day that is not there, or is not a day', async () => {
    const missing = await removeDay('admin', '2026-11-19');
    expect(missing.statusCode).toBe(404);
    expect(problemOf(missing).type).toBe('/problems/calendar-day-not-found');
    const bad = await removeDay('admin', 'tomorrow');
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).type).toBe('/problems/validation-failed');
  });

  it('is for admins only', async () => {
    for (const who of ['operator', 'official', 'supervisor']) {
      for (const res of [
        await calendar(who, 2026),
        await addDay(who, { day: '2026-11-19', kind: 'day_off', note: '' }),
        await removeDay(who, '2026-12-16'),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(problemOf(res).type).toBe('/problems/forbidden');
      }
    }
    const anonymous = await addDay('nobody', { day: 'not a day' });
    expect(anonymous.statusCode).toBe(401);
    expect(problemOf(anonymous).type).toBe('/problems/not-authenticated');
    expect((await calendar('admin', 1999)).statusCode).toBe(400);
  });
});

describe('email as simple HTML', () => {
  it('escapes the text, keeps its paragraphs and lines, and links addresses', () => {
    const html = emailHtml(
      'Hello <b>&</b>,\n\nLine one\nOpen https://dialog.example.kz/office/appeals/1?a=1&b=2.\n',
    );
    expect(html).toContain('<p>Hello &lt;b&gt;&amp;&lt;/b&gt;,</p>');
    expect(html).toContain(
      '<p>Line one<br>\nOpen <a href="https://dialog.example.kz/office/appeals/1?a=1&amp;b=2">',
    );
    expect(html).toContain('</a>.</p>');
  });
});
