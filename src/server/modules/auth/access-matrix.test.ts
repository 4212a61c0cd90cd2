// Every office and admin route, tried as nobody and as every role, on the actor's own and on someone else's record,
// on SQLite or PostgreSQL (TEST_DATABASE). The table below is the contract: a new route under /api/office or
// /api/admin fails this test until it has a row.
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

/**
 * allow: past every check (the handler ran; its answer may still be a 2xx or a domain error such as 409);
 * login: 401; forbidden: 403; hidden: 404 as if the record did not exist (someone else's row).
 */
type Outcome = 'allow' | 'login' | 'forbidden' | 'hidden';
type Actor = 'anonymous' | 'operator' | 'official' | 'supervisor' | 'admin';
const ACTORS: readonly Actor[] = ['anonymous', 'operator', 'official', 'supervisor', 'admin'];

/** What `:id` stands for: an appeal, a delegation, a staff user, a saved inbox view, or a record the row rules do not cover. */
type Subject = 'appeal' | 'delegation' | 'user' | 'view' | 'other';

interface Row {
  subject: Subject;
  /** [own record, someone else's]; one value when the answer does not depend on whose record it is. */
  expect: Record<Actor, Outcome | readonly [Outcome, Outcome]>;
  body?: (ids: Ids) => object;
}

interface Ids {
  deputyUserId: string;
}

const everyoneSignedIn = {
  anonymous: 'login',
  operator: 'allow',
  official: 'allow',
  supervisor: 'allow',
  admin: 'allow',
} as const;
const readers = {
  anonymous: 'login',
  operator: ['allow', 'allow'],
  official: ['allow', 'hidden'],
  supervisor: ['allow', 'allow'],
  admin: 'forbidden',
} as const;
const answerers = {
  anonymous: 'login',
  operator: 'forbidden',
  official: ['allow', 'hidden'],
  supervisor: 'forbidden',
  admin: 'forbidden',
} as const;
const adminOnly = {
  anonymous: 'login',
  operator: 'forbidden',
  official: 'forbidden',
  supervisor: 'forbidden',
  admin: 'allow',
} as const;

/** Route and redirect: operators on any appeal, an official on their own; supervisors read only. */
const handlers = {
  anonymous: 'login',
  operator: 'allow',
  official: ['allow', 'hidden'],
  supervisor: 'forbidden',
  admin: 'forbidden',
} as const;
/** Moderation: operators only. */
const operatorsOnly = {
  anonymous: 'login',
  operator: 'allow',
  official: 'forbidden',
  supervisor: 'forbidden',
  admin: 'forbidden',
} as const;

const privacyBody = { phone: '+77019999999', reference: 'Matrix 1' };

const MATRIX: Record<string, Row> = {
  'GET /api/office/appeals': {
    subject: 'other',
    expect: { ...readers, operator: 'allow', official: 'allow', supervisor: 'allow' },
  },
  'GET /api/office/appeals/:id': { subject: 'appeal', expect: readers },
  'GET /api/office/appeals/:id/poster': { subject: 'appeal', expect: readers },
  'GET /api/office/appeals/:id/video': { subject: 'appeal', expect: readers },
  'POST /api/office/appeals/:id/answer': {
    subject: 'appeal',
    // Only the official it is addressed to answers; a supervisor reads but does not answer.
    expect: {
      anonymous: 'login',
      operator: 'forbidden',
      official: ['allow', 'hidden'],
      supervisor: 'forbidden',
      admin: 'forbidden',
    },
    body: () => ({ body: 'An answer.', outcome: 'explained' }),
  },
  // The answer's draft is the addressed official's (or a deputy's) alone.
  'GET /api/office/appeals/:id/answer-draft': { subject: 'appeal', expect: answerers },
  'PUT /api/office/appeals/:id/answer-draft': {
    subject: 'appeal',
    expect: answerers,
    body: () => ({ body: '<p>A draft.</p>' }),
  },
  'POST /api/office/appeals/:id/answer-draft/documents': { subject: 'appeal', expect: answerers },
  'DELETE /api/office/appeals/:id/answer-draft/documents/:fileId': { subject: 'appeal', expect: answerers },
  // Every answer, its documents and video, comments and attachments: whoever reads the appeal.
  'GET /api/office/appeals/:id/answers': { subject: 'appeal', expect: readers },
  'GET /api/office/appeals/:id/documents/:fileId': { subject: 'appeal', expect: readers },
  'GET /api/office/appeals/:id/answer-media/:fileId/video': { subject: 'appeal', expect: readers },
  'GET /api/office/appeals/:id/answer-media/:fileId/poster': { subject: 'appeal', expect: readers },
  'GET /api/office/appeals/:id/comments': { subject: 'appeal', expect: readers },
  // Operators and supervisors comment and attach on any appeal, officials on theirs.
  'POST /api/office/appeals/:id/comments': {
    subject: 'appeal',
    expect: readers,
    body: () => ({ body: 'A note for colleagues.' }),
  },
  'GET /api/office/appeals/:id/attachments': { subject: 'appeal', expect: readers },
  'POST /api/office/appeals/:id/attachments': { subject: 'appeal', expect: readers },
  // The full phone: operators and the handling official; supervisors oversee and never call (docs/office-answers.md).
  'POST /api/office/appeals/:id/phone': {
    subject: 'appeal',
    expect: {
      anonymous: 'login',
      operator: ['allow', 'allow'],
      official: ['allow', 'hidden'],
      supervisor: 'forbidden',
      admin: 'forbidden',
    },
  },
  'GET /api/office/appeals/:id/audit': {
    subject: 'appeal',
    expect: {
      anonymous: 'login',
      operator: 'forbidden',
      official: 'forbidden',
      supervisor: 'allow',
      admin: 'forbidden',
    },
  },
  // Work on an appeal (docs/office-handling.md). The bodies fail the rules only after the access checks (an unknown
  // official, a blank reason, a deadline in the past), so nothing changes while the table is tried.
  'GET /api/office/appeals/:id/handling': { subject: 'appeal', expect: readers },
  'GET /api/office/appeals/:id/deadline-history': { subject: 'appeal', expect: readers },
  'GET /api/office/routing-targets': { subject: 'other', expect: { ...readers, official: 'allow' } },
  'POST /api/office/appeals/:id/route': {
    subject: 'appeal',
    expect: handlers,
    body: () => ({ officialId: '00000000-0000-4000-8000-000000000000', reason: 'r' }),
  },
  'POST /api/office/appeals/:id/redirect': {
    subject: 'appeal',
    expect: handlers,
    body: () => ({ outsideBody: ' ', reason: 'r' }),
  },
  'POST /api/office/appeals/:id/extend': {
    subject: 'appeal',
    // Only the official who handles it decides an extension.
    expect: { ...handlers, operator: 'forbidden' },
    body: () => ({ deadlineOn: '2000-01-03', reason: 'r' }),
  },
  'POST /api/office/appeals/:id/reject': {
    subject: 'appeal',
    expect: operatorsOnly,
    body: () => ({ kind: 'spam', reason: ' ' }),
  },
  'POST /api/office/appeals/:id/duplicate': {
    subject: 'appeal',
    expect: operatorsOnly,
    body: () => ({ originalNumber: '000000-0000' }),
  },
  'POST /api/office/appeals/:id/redact': {
    subject: 'appeal',
    expect: operatorsOnly,
    body: () => ({ field: 'note', ranges: [], reason: ' ' }),
  },
  'POST /api/office/appeals/:id/withdraw': {
    subject: 'appeal',
    expect: operatorsOnly,
    body: () => ({ channel: 'phone', reason: ' ' }),
  },
  'GET /api/office/delegations': { subject: 'other', expect: everyoneSignedIn },
  'POST /api/office/delegations': {
    subject: 'other',
    expect: {
      anonymous: 'login',
      operator: 'forbidden',
      official: 'allow',
      supervisor: 'forbidden',
      admin: 'forbidden',
    },
    body: (ids) => ({
      deputyUserId: ids.deputyUserId,
      startsAt: '2026-11-20T00:00:00.000Z',
      endsAt: '2026-11-27T00:00:00.000Z',
    }),
  },
  'POST /api/office/delegations/:id/end': {
    subject: 'delegation',
    expect: {
      anonymous: 'login',
      operator: 'forbidden',
      official: ['allow', 'hidden'],
      supervisor: 'forbidden',
      admin: 'allow',
    },
  },
  'GET /api/admin/users': { subject: 'other', expect: adminOnly },
  'PUT /api/admin/users/:id/roles': {
    subject: 'user',
    expect: adminOnly,
    body: () => ({ roles: ['official'] }),
  },
  'POST /api/admin/users/:id/reset-password': { subject: 'user', expect: adminOnly, body: () => ({}) },
  'POST /api/admin/kiosks': {
    subject: 'other',
    expect: adminOnly,
    body: () => ({ code: 'ZZZZ-ZZZZ', name: 'Booth', location: '' }),
  },
  'POST /api/admin/kiosks/:id/revoke': { subject: 'other', expect: adminOnly },
  'GET /api/admin/api-keys': { subject: 'other', expect: adminOnly },
  'POST /api/admin/api-keys': {
    subject: 'other',
    expect: adminOnly,
    body: () => ({ name: 'Matrix partner' }),
  },
  'POST /api/admin/api-keys/:id/revoke': { subject: 'other', expect: adminOnly },
  // Privacy (docs/admin.md): a number nobody used answers 404 (allowed); a hold is set on a real appeal.
  'POST /api/admin/privacy/search': { subject: 'other', expect: adminOnly, body: () => privacyBody },
  'POST /api/admin/privacy/export': { subject: 'other', expect: adminOnly, body: () => privacyBody },
  'POST /api/admin/privacy/erase': {
    subject: 'other',
    expect: adminOnly,
    body: () => ({ ...privacyBody, reason: 'Request' }),
  },
  'POST /api/admin/privacy/appeals/:id/hold': {
    subject: 'appeal',
    expect: adminOnly,
    body: () => ({ reason: 'Court' }),
  },
  'POST /api/admin/privacy/appeals/:id/release': {
    subject: 'appeal',
    expect: adminOnly,
    body: () => ({ reason: 'Court' }),
  },
  // Administration (docs/admin.md): booths, users, the reference. Records that do not exist answer 404 (allowed).
  'GET /api/admin/kiosks': { subject: 'other', expect: adminOnly },
  'PATCH /api/admin/kiosks/:id': { subject: 'other', expect: adminOnly, body: () => ({ name: 'Booth' }) },
  'POST /api/admin/users': {
    subject: 'other',
    expect: adminOnly,
    body: () => ({ username: 'matrix-user', displayName: 'Matrix', roles: ['operator'] }),
  },
  'PATCH /api/admin/users/:id': { subject: 'other', expect: adminOnly, body: () => ({ displayName: 'X' }) },
  'POST /api/admin/users/:id/deactivate': { subject: 'other', expect: adminOnly },
  'POST /api/admin/users/:id/reactivate': { subject: 'other', expect: adminOnly },
  'GET /api/admin/faq': { subject: 'other', expect: adminOnly },
  'POST /api/admin/faq': {
    subject: 'other',
    expect: adminOnly,
    body: () => ({
      slug: 'matrix-article',
      categoryId: null,
      text: { title: { kk: 'a', ru: 'a', en: 'a' }, body: { kk: 'a', ru: 'a', en: 'a' } },
    }),
  },
  'POST /api/admin/faq/preview': { subject: 'other', expect: adminOnly, body: () => ({ markdown: '**a**' }) },
  'GET /api/admin/faq/:id': { subject: 'other', expect: adminOnly },
  'PATCH /api/admin/faq/:id': { subject: 'other', expect: adminOnly, body: () => ({ sortOrder: 1 }) },
  'PUT /api/admin/faq/:id/draft': {
    subject: 'other',
    expect: adminOnly,
    body: () => ({ title: { kk: 'a', ru: 'a', en: 'a' }, body: { kk: 'a', ru: 'a', en: 'a' } }),
  },
  'DELETE /api/admin/faq/:id/draft': { subject: 'other', expect: adminOnly },
  'POST /api/admin/faq/:id/publish': { subject: 'other', expect: adminOnly },
  'POST /api/admin/faq/:id/unpublish': { subject: 'other', expect: adminOnly },
  // Settings (docs/admin.md#settings): a reset that changes nothing; a logo without a body is refused (422).
  'GET /api/admin/settings': { subject: 'other', expect: adminOnly },
  'PATCH /api/admin/settings': {
    subject: 'other',
    expect: adminOnly,
    body: () => ({ reset: ['smsCodeRequired'] }),
  },
  'PUT /api/admin/settings/logo': { subject: 'other', expect: adminOnly },
  'DELETE /api/admin/settings/logo': { subject: 'other', expect: adminOnly },
  // The directory (docs/admin-directory.md); a record that does not exist answers 404 (allowed), no body 400.
  'GET /api/admin/directory/departments': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/departments': { subject: 'other', expect: adminOnly },
  'PUT /api/admin/directory/departments/:id': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/departments/:id/retire': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/departments/:id/restore': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/departments/:id/move': { subject: 'other', expect: adminOnly },
  'GET /api/admin/directory/officials': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/officials': { subject: 'other', expect: adminOnly },
  'PUT /api/admin/directory/officials/:id': { subject: 'other', expect: adminOnly },
  'DELETE /api/admin/directory/officials/:id': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/officials/:id/retire': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/officials/:id/restore': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/officials/:id/move': { subject: 'other', expect: adminOnly },
  'PUT /api/admin/directory/officials/:id/photo': { subject: 'other', expect: adminOnly },
  'DELETE /api/admin/directory/officials/:id/photo': { subject: 'other', expect: adminOnly },
  'GET /api/admin/directory/categories': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/categories': { subject: 'other', expect: adminOnly },
  'PUT /api/admin/directory/categories/:id': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/categories/:id/move': { subject: 'other', expect: adminOnly },
  'GET /api/admin/directory/export': { subject: 'other', expect: adminOnly },
  'POST /api/admin/directory/import': { subject: 'other', expect: adminOnly },
  'POST /api/admin/media/:id/reprocess': { subject: 'other', expect: adminOnly },
  'GET /api/admin/notifications': { subject: 'other', expect: adminOnly },
  // The overdue view: every appeal for operators and supervisors, an official's own (rows filtered, never refused).
  'GET /api/office/deadlines': {
    subject: 'other',
    expect: { ...readers, operator: 'allow', official: 'allow', supervisor: 'allow' },
  },
  // The supervisor's dashboard, its drill-down list and exports (modules/oversight): supervisors only.
  ...Object.fromEntries(
    ['', '/appeals', '/export'].map((path) => [
      `GET /api/office/oversight${path}`,
      {
        subject: 'other',
        expect: { ...adminOnly, supervisor: 'allow', admin: 'forbidden' },
      } satisfies Row,
    ]),
  ),
  'GET /api/office/notification-prefs': { subject: 'other', expect: everyoneSignedIn },
  'PUT /api/office/notification-prefs': {
    subject: 'other',
    expect: everyoneSignedIn,
    body: () => ({ email: null, phone: null, sms: false, language: 'ru' }),
  },
  'GET /api/admin/calendar': { subject: 'other', expect: adminOnly },
  'POST /api/admin/calendar/days': {
    subject: 'other',
    expect: adminOnly,
    body: () => ({ day: '2026-11-19', kind: 'day_off', note: 'access matrix' }),
  },
  // ':day' stays literal: past the role check the admin meets the day's validation (400, counted as allowed).
  'DELETE /api/admin/calendar/days/:day': { subject: 'other', expect: adminOnly },
  'GET /api/office/inbox/counts': { subject: 'other', expect: { ...readers, official: 'allow' } },
  'GET /api/office/inbox/filters': { subject: 'other', expect: { ...readers, official: 'allow' } },
  'GET /api/office/inbox/views': { subject: 'other', expect: { ...readers, official: 'allow' } },
  'POST /api/office/inbox/views': {
    subject: 'other',
    expect: { ...readers, official: 'allow' },
    body: () => ({ name: 'Overdue', query: { view: 'overdue' } }),
  },
  // Both views are the official's and the akim's own: everyone else finds neither.
  'DELETE /api/office/inbox/views/:id': {
    subject: 'view',
    expect: {
      anonymous: 'login',
      operator: 'hidden',
      official: ['allow', 'hidden'],
      supervisor: 'hidden',
      admin: 'forbidden',
    },
  },
};

/** METHOD path for every route the app has under /api/office and /api/admin (HEAD and OPTIONS aside). */
function officeRoutes(tree: string): string[] {
  const stack: string[] = [];
  const found: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line.replace(/\u00a0/g, ' '));
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('');
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (!method || method === 'HEAD' || method === 'OPTIONS') continue;
      if (/^\/api\/(office|admin)(\/|$)/.test(path)) found.push(`${method} ${path}`);
    }
  }
  return found.sort();
}

function outcomeOf(res: LightMyRequestResponse): Outcome {
  if (res.statusCode === 401) return 'login';
  if (res.statusCode === 403) return 'forbidden';
  if (res.statusCode === 404) {
    const type = res.json<{ type?: string }>().type ?? '';
    if (
      type === '/problems/appeal-not-found' ||
      type === '/problems/delegation-not-found' ||
      type === '/problems/saved-view-not-found'
    )
      return 'hidden';
  }
  return 'allow';
}

describe(`the access matrix (${testDialect})`, () => {
  let ctx: TestContext;
  const cookies = new Map<Actor, string>();
  const subjects = new Map<Subject, [string, string]>();
  let ids: Ids;

  beforeAll(async () => {
    ctx = await createTestContext();
    const db = ctx.services.db;
    const officialOf = async (username: string) => {
      const row = await db
        .selectFrom('staff_users')
        .select(['id', 'official_id'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return { userId: row.id, officialId: row.official_id ?? '' };
    };
    const official = await officialOf('official');
    const other = await officialOf('akim');
    const appeals: string[] = [];
    for (const addressee of [official.officialId, other.officialId]) {
      const res = await submitUploaded(ctx.app, await uploadRecording(ctx.app, sampleRecording()), addressee);
      expect(res.statusCode).toBe(201);
      const row = await db
        .selectFrom('appeals')
        .select('id')
        .where('addressee_official_id', '=', addressee)
        .executeTakeFirstOrThrow();
      appeals.push(row.id);
    }
    subjects.set('appeal', [appeals[0] ?? '', appeals[1] ?? '']);
    // A delegation the official gave (theirs) and one the other official gave (someone else's).
    const delegations: string[] = [];
    for (const [giver, deputy] of [
      ['official', other.userId],
      ['akim', official.userId],
    ] as const) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/office/delegations',
        headers: { cookie: await loginAs(ctx.app, giver) },
        payload: { deputyUserId: deputy, startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-08T00:00:00Z' },
      });
      expect(res.statusCode).toBe(201);
      delegations.push(res.json<{ id: string }>().id);
    }
    subjects.set('delegation', [delegations[0] ?? '', delegations[1] ?? '']);
    subjects.set('user', [other.userId, other.userId]);
    subjects.set('other', [crypto.randomUUID(), crypto.randomUUID()]);
    // A saved inbox view of the official's (theirs) and one of the akim's (someone else's).
    const views: string[] = [];
    for (const owner of ['official', 'akim']) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/office/inbox/views',
        headers: { cookie: await loginAs(ctx.app, owner) },
        payload: { name: 'Mine', query: { view: 'mine' } },
      });
      expect(res.statusCode).toBe(201);
      views.push(res.json<{ id: string }>().id);
    }
    subjects.set('view', [views[0] ?? '', views[1] ?? '']);
    ids = { deputyUserId: other.userId };
    for (const actor of ACTORS) if (actor !== 'anonymous') cookies.set(actor, await loginAs(ctx.app, actor));
  });
  afterAll(() => ctx.close());

  it('lists every office and admin route the app serves, and no route it does not', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(officeRoutes(ctx.app.printRoutes({ commonPrefix: false })));
  });

  it('answers every route as the table says, for every role, on their own and on someone else’s record', async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const [route, row] of Object.entries(MATRIX)) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const actor of ACTORS) {
        const expected = row.expect[actor];
        const [own, others] = typeof expected === 'string' ? [expected, expected] : expected;
        const pair = subjects.get(row.subject) ?? ['', ''];
        for (const [which, id, outcome] of [
          ['own', pair[0], own],
          ['other', pair[1], others],
        ] as const) {
          const cookie = cookies.get(actor);
          const res = await ctx.app.inject({
            method: method as 'GET' | 'POST' | 'PUT' | 'DELETE',
            // A document or video of the appeal (`:fileId`): one that does not exist.
            url: pattern.replace(':id', id).replace(':fileId', '0190a8e2-0000-7000-8000-000000000000'),
            headers: cookie ? { cookie } : {},
            ...(row.body ? { payload: row.body(ids) } : {}),
          });
          wanted.push(`${route} as ${actor} on ${which}: ${outcome}`);
          seen.push(`${route} as ${actor} on ${which}: ${outcomeOf(res)}`);
        }
      }
    }
    expect(seen).toEqual(wanted);
  });
});
