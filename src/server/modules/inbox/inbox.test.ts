// The office inbox through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): every view, the filters, the
// search (number, phone, note, answer), the sorts and keyset pages (ties included), the counts, the row rules for
// each role, saved views, and the rejections.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, loginAs, testDialect, type TestContext } from '../../testing.js';
import type { AppealStatus } from '../../../common/statuses.js';
import { INBOX_COUNT_CAP, type InboxCounts, type InboxPage, type SavedView } from '../../../common/inbox.js';
import { understandSearch, startOfDay } from './service.js';

// DEFAULT_NOW: Wednesday 18 November 2026, 10:00 in Almaty. Three working days on: Monday 23 November.
const TODAY = '2026-11-18';

interface Recipe {
  key: string;
  status?: AppealStatus;
  to?: 'official' | 'akim' | null;
  department?: 'housing' | 'akimat';
  deadline?: string;
  registeredAt?: string;
  note?: string | null;
  answer?: string;
  phone?: string;
  kiosk?: boolean;
  category?: boolean;
  type?: 'request' | 'proposal' | 'complaint' | 'violation_report';
  source?: 'kiosk' | 'web';
}

let ctx: TestContext;
const ids = new Map<string, string>();
const numbers = new Map<string, string>();
const keyOf = new Map<string, string>();
const cookies = new Map<string, string>();
let officials: Record<'official' | 'akim', { userId: string; officialId: string; departmentId: string }>;
let departments: Record<'housing' | 'akimat', string>;
let kioskId: string;
let categoryId: string;
let sequence = 0;

async function makeAppeal(r: Recipe): Promise<void> {
  const db = ctx.services.db;
  const id = crypto.randomUUID();
  sequence += 1;
  const number = `261118-${String(sequence).padStart(4, '0')}`;
  const registeredAt = r.registeredAt ?? '2026-11-18T03:00:00.000Z';
  const to = r.to === undefined ? 'official' : r.to;
  const official = to ? officials[to] : null;
  const departmentId = official?.departmentId ?? departments[r.department ?? 'housing'];
  await db
    .insertInto('appeals')
    .values({
      id,
      registration_number: number,
      access_code_hash: 'x',
      phone_e164: r.phone ?? `+7701${String(1000000 + sequence)}`,
      iin: null,
      language: 'ru',
      type: r.type ?? 'complaint',
      category_id: r.category ? categoryId : null,
      addressee_official_id: official?.officialId ?? null,
      department_id: departmentId,
      status: r.status ?? 'registered',
      source: r.source ?? 'kiosk',
      kiosk_id: r.kiosk ? kioskId : null,
      note: r.note === undefined ? null : r.note,
      media_id: null,
      registered_on: registeredAt.slice(0, 10),
      registered_at: registeredAt,
      deadline_on: r.deadline ?? '2026-12-09',
      answered_at: null,
      created_at: registeredAt,
      updated_at: registeredAt,
    })
    .execute();
  if (r.answer)
    await db
      .insertInto('answers')
      .values({
        id: crypto.randomUUID(),
        appeal_id: id,
        author_user_id: officials.official.userId,
        body: r.answer,
        outcome: 'explained',
        created_at: registeredAt,
        media_id: null,
      })
      .execute();
  ids.set(r.key, id);
  numbers.set(r.key, number);
  keyOf.set(id, r.key);
}

async function inbox(user: string, query: string): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'GET',
    url: `/api/office/appeals?${query}`,
    headers: cookies.has(user) ? { cookie: cookies.get(user) ?? '' } : {},
  });
}

/** The keys of the appeals a query lists, every page walked with the given limit. */
async function keys(user: string, query: string, limit = 200): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await inbox(user, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<InboxPage>();
    found.push(...page.items.map((i) => keyOf.get(i.id) ?? i.id));
    cursor = page.nextCursor;
    if (!cursor) return found;
  }
  throw new Error('too many pages');
}

const sorted = (list: string[]) => [...list].sort();

function problemOf(res: LightMyRequestResponse): { status: number; type: string } {
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  return { status: res.statusCode, type: res.json<{ type: string }>().type };
}

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.services.db;
  const officialOf = async (username: string) => {
    const row = await db
      .selectFrom('staff_users as u')
      .innerJoin('officials as o', 'o.id', 'u.official_id')
      .select(['u.id as userId', 'o.id as officialId', 'o.department_id as departmentId'])
      .where('u.username', '=', username)
      .executeTakeFirstOrThrow();
    return row;
  };
  officials = { official: await officialOf('official'), akim: await officialOf('akim') };
  departments = { housing: officials.official.departmentId, akimat: officials.akim.departmentId };
  kioskId = crypto.randomUUID();
  await db
    .insertInto('kiosks')
    .values({ id: kioskId, name: 'ЦОН №1', location: 'Öskemen', token_hash: null, created_at: TODAY })
    .execute();
  categoryId = (
    await db.selectFrom('categories').select('id').orderBy('sort_order').executeTakeFirstOrThrow()
  ).id;

  await makeAppeal({
    key: 'new-lamp',
    note: 'Уличный СВЕТ не горит возле дома 12 на проспекте Абая',
    registeredAt: '2026-11-18T04:00:00.000Z',
  });
  await makeAppeal({
    key: 'review-soon',
    status: 'under_review',
    deadline: '2026-11-20',
    registeredAt: '2026-10-30T05:00:00.000Z',
  });
  await makeAppeal({
    key: 'akim-overdue',
    status: 'extended',
    to: 'akim',
    deadline: '2026-11-17',
    registeredAt: '2026-10-20T05:00:00.000Z',
  });
  await makeAppeal({
    key: 'answered-past',
    status: 'answered',
    deadline: '2026-11-10',
    registeredAt: '2026-10-21T05:00:00.000Z',
    answer: 'Фонарь заменён бригадой горсвета',
  });
  await makeAppeal({
    key: 'akim-disputed',
    status: 'disputed',
    to: 'akim',
    deadline: '2026-11-23',
    registeredAt: '2026-10-25T05:00:00.000Z',
    kiosk: true,
    category: true,
    note: 'Көше шамы жанбайды',
  });
  // Same instant as new-lamp: a tie the keyset must page through exactly.
  await makeAppeal({
    key: 'dept-housing',
    to: null,
    department: 'housing',
    registeredAt: '2026-11-18T04:00:00.000Z',
    deadline: '2026-11-18',
  });
  await makeAppeal({
    key: 'dept-akimat',
    to: null,
    department: 'akimat',
    registeredAt: '2026-11-17T04:00:00.000Z',
  });
  await makeAppeal({
    key: 'akim-web',
    status: 'answered',
    to: 'akim',
    phone: '+77015550000',
    source: 'web',
    type: 'proposal',
    registeredAt: '2026-11-01T05:00:00.000Z',
    deadline: '2026-11-10',
  });
  // Twelve more at one instant, addressed to the official: ties across several pages.
  for (let i = 0; i < 12; i++)
    await makeAppeal({ key: `tie-${i}`, registeredAt: '2026-11-16T06:00:00.000Z', deadline: '2026-12-07' });

  for (const user of ['operator', 'official', 'supervisor', 'admin', 'akim'])
    cookies.set(user, await loginAs(ctx.app, user));
});
afterAll(() => ctx.close());

const TIES = Array.from({ length: 12 }, (_, i) => `tie-${i}`);
const ALL = [
  'new-lamp',
  'review-soon',
  'akim-overdue',
  'answered-past',
  'akim-disputed',
  'dept-housing',
  'dept-akimat',
  'akim-web',
  ...TIES,
];
const OFFICIALS_OWN = ['new-lamp', 'review-soon', 'answered-past', 'dept-housing', ...TIES];

describe(`the inbox's views (${testDialect})`, () => {
  it('shows an operator each view as the law and the deadlines say', async () => {
    expect(sorted(await keys('operator', 'view=all'))).toEqual(sorted(ALL));
    expect(sorted(await keys('operator', 'view=new'))).toEqual(
      sorted(['new-lamp', 'dept-housing', 'dept-akimat', ...TIES]),
    );
    // Open, deadline from today to three working days on (Monday 23 November), both ends included.
    expect(sorted(await keys('operator', 'view=due-soon'))).toEqual(
      sorted(['review-soon', 'akim-disputed', 'dept-housing']),
    );
    // Open and past the deadline; an answered appeal past its deadline is not overdue.
    expect(await keys('operator', 'view=overdue')).toEqual(['akim-overdue']);
    expect(sorted(await keys('operator', 'view=answered'))).toEqual(sorted(['answered-past', 'akim-web']));
    expect(await keys('operator', 'view=disputed')).toEqual(['akim-disputed']);
    // An operator is no official: nothing is addressed to them.
    expect(await keys('operator', 'view=mine')).toEqual([]);
  });

  it('flags overdue and due-soon rows, and masks the phone', async () => {
    const page = (await inbox('operator', 'view=all&limit=200')).json<InboxPage>();
    const flag = (key: string) => page.items.find((i) => i.id === ids.get(key))?.deadlineFlag;
    expect(flag('akim-overdue')).toBe('overdue');
    expect(flag('review-soon')).toBe('due-soon');
    expect(flag('dept-housing')).toBe('due-soon');
    expect(flag('answered-past')).toBeNull();
    expect(flag('new-lamp')).toBeNull();
    expect(page.items.every((i) => !i.escalated)).toBe(true);
    await ctx.services.db
      .updateTable('appeals')
      .set({ escalated_at: '2026-11-18T01:00:00.000Z' })
      .where('id', '=', ids.get('akim-overdue') ?? '')
      .execute();
    const again = (await inbox('operator', 'view=overdue')).json<InboxPage>();
    expect(again.items.map((i) => [keyOf.get(i.id), i.escalated])).toEqual([['akim-overdue', true]]);
    const web = page.items.find((i) => i.id === ids.get('akim-web'));
    expect(web?.phoneMasked).toBe('+7 701 ••• ••00');
    expect(JSON.stringify(page)).not.toContain('+77015550000');
  });

  it('shows an official only their own, their department’s without a named official, and their delegators’', async () => {
    expect(sorted(await keys('official', 'view=all'))).toEqual(sorted(OFFICIALS_OWN));
    expect(sorted(await keys('official', 'view=mine'))).toEqual(sorted(OFFICIALS_OWN));
    expect(await keys('official', 'view=overdue')).toEqual([]);
    expect(sorted(await keys('akim', 'view=all'))).toEqual(
      sorted(['akim-overdue', 'akim-disputed', 'dept-akimat', 'akim-web']),
    );
    // The akim hands his appeals to the official for a week: now they are the official's too.
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/office/delegations',
      headers: { cookie: cookies.get('akim') ?? '' },
      payload: {
        deputyUserId: officials.official.userId,
        startsAt: '2026-11-18T00:00:00.000Z',
        endsAt: '2026-11-25T00:00:00.000Z',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    try {
      expect(sorted(await keys('official', 'view=mine'))).toEqual(sorted(ALL));
      expect(await keys('official', 'view=overdue')).toEqual(['akim-overdue']);
    } finally {
      const id = res.json<{ id: string }>().id;
      await ctx.app.inject({
        method: 'POST',
        url: `/api/office/delegations/${id}/end`,
        headers: { cookie: cookies.get('akim') ?? '' },
      });
    }
    expect(sorted(await keys('official', 'view=all'))).toEqual(sorted(OFFICIALS_OWN));
  });

  it('lets a supervisor read every appeal, and refuses an admin without a reading role', async () => {
    expect(sorted(await keys('supervisor', 'view=all'))).toEqual(sorted(ALL));
    expect(problemOf(await inbox('admin', 'view=all'))).toEqual({ status: 403, type: '/problems/forbidden' });
    expect(problemOf(await inbox('anonymous', 'view=all'))).toEqual({
      status: 401,
      type: '/problems/not-authenticated',
    });
  });

  it('shows an official with no official record nothing', async () => {
    const db = ctx.services.db;
    await db
      .updateTable('staff_users')
      .set({ official_id: null })
      .where('username', '=', 'official')
      .execute();
    try {
      expect(await keys('official', 'view=all')).toEqual([]);
      const counts = await ctx.app.inject({
        method: 'GET',
        url: '/api/office/inbox/counts',
        headers: { cookie: cookies.get('official') ?? '' },
      });
      expect(Object.values(counts.json<InboxCounts>().counts).every((c) => c.count === 0)).toBe(true);
    } finally {
      await db
        .updateTable('staff_users')
        .set({ official_id: officials.official.officialId })
        .where('username', '=', 'official')
        .execute();
    }
  });
});

describe(`the inbox's filters and search (${testDialect})`, () => {
  it('filters by department, category, booth, status, type, source and registration days', async () => {
    expect(sorted(await keys('operator', `department=${departments.akimat}`))).toEqual(
      sorted(['akim-overdue', 'akim-disputed', 'dept-akimat', 'akim-web']),
    );
    expect(await keys('operator', `category=${categoryId}`)).toEqual(['akim-disputed']);
    expect(await keys('operator', `kiosk=${kioskId}`)).toEqual(['akim-disputed']);
    expect(sorted(await keys('operator', 'status=extended&status=disputed'))).toEqual(
      sorted(['akim-overdue', 'akim-disputed']),
    );
    expect(await keys('operator', 'type=proposal')).toEqual(['akim-web']);
    expect(await keys('operator', 'source=web')).toEqual(['akim-web']);
    // Days in Almaty: 2026-11-18T04:00Z is the 18th there, 2026-11-17T04:00Z the 17th.
    expect(sorted(await keys('operator', 'from=2026-11-17&to=2026-11-17'))).toEqual(['dept-akimat']);
    expect(sorted(await keys('operator', 'from=2026-11-18'))).toEqual(sorted(['new-lamp', 'dept-housing']));
    expect(sorted(await keys('operator', 'to=2026-10-25'))).toEqual(
      sorted(['akim-overdue', 'answered-past', 'akim-disputed']),
    );
    // A view meets a filter: new appeals with status answered are none.
    expect(await keys('operator', 'view=new&status=answered')).toEqual([]);
    expect(await keys('operator', `view=due-soon&department=${departments.akimat}`)).toEqual([
      'akim-disputed',
    ]);
  });

  it('finds a registration number with or without its dash', async () => {
    const number = numbers.get('review-soon') ?? '';
    expect(await keys('operator', `q=${number}`)).toEqual(['review-soon']);
    expect(await keys('operator', `q=${number.replace('-', '')}`)).toEqual(['review-soon']);
    expect(await keys('operator', `q=${encodeURIComponent(` ${number} `)}`)).toEqual(['review-soon']);
  });

  it('finds a whole phone number however it is typed, and not a part of one', async () => {
    for (const typed of ['+77015550000', '8 701 555 00 00', '+7 (701) 555-00-00'])
      expect(await keys('operator', `q=${encodeURIComponent(typed)}`), typed).toEqual(['akim-web']);
    expect(await keys('operator', 'q=5550000')).toEqual([]);
  });

  it('finds words of the note and of the answer, each a prefix, whatever their case', async () => {
    expect(await keys('operator', `q=${encodeURIComponent('свет')}`)).toEqual(['new-lamp']);
    expect(await keys('operator', `q=${encodeURIComponent('СВЕТ абая')}`)).toEqual(['new-lamp']);
    expect(await keys('operator', `q=${encodeURIComponent('ФОНАР')}`)).toEqual(['answered-past']);
    expect(await keys('operator', `q=${encodeURIComponent('шамы ЖАНБАЙ')}`)).toEqual(['akim-disputed']);
    // All words in one text: the note has "свет", the answer "фонарь", but no text has both.
    expect(await keys('operator', `q=${encodeURIComponent('свет фонарь')}`)).toEqual([]);
    expect(await keys('operator', 'q=lamp')).toEqual([]);
    // One-letter words are too short to search with.
    expect(await keys('operator', `q=${encodeURIComponent('с')}`)).toEqual([]);
  });

  it('searches only within the row rules', async () => {
    expect(await keys('official', `q=${encodeURIComponent('шамы')}`)).toEqual([]);
    expect(await keys('official', `q=${numbers.get('akim-web') ?? ''}`)).toEqual([]);
    expect(await keys('akim', `q=${encodeURIComponent('шамы')}`)).toEqual(['akim-disputed']);
  });

  it('follows a note or an answer as it changes', async () => {
    const db = ctx.services.db;
    const id = ids.get('dept-akimat') ?? '';
    await db.updateTable('appeals').set({ note: 'Светофор сломан' }).where('id', '=', id).execute();
    expect(await keys('operator', `q=${encodeURIComponent('светофор')}`)).toEqual(['dept-akimat']);
    await db.updateTable('appeals').set({ note: 'Яма на дороге' }).where('id', '=', id).execute();
    expect(await keys('operator', `q=${encodeURIComponent('светофор')}`)).toEqual([]);
    expect(await keys('operator', `q=${encodeURIComponent('яма')}`)).toEqual(['dept-akimat']);
    await db.updateTable('appeals').set({ note: null }).where('id', '=', id).execute();
    expect(await keys('operator', `q=${encodeURIComponent('яма')}`)).toEqual([]);
  });

  it('understands what was typed', () => {
    expect(understandSearch('261118-0001')).toEqual({ number: '261118-0001', phone: null, words: [] });
    expect(understandSearch('2611180001')).toEqual({ number: '261118-0001', phone: null, words: [] });
    expect(understandSearch('8 701 555 00 00')).toEqual({
      number: '870155-50000',
      phone: '+77015550000',
      words: [],
    });
    expect(understandSearch('+7 701 555 00 00')).toEqual({ number: null, phone: '+77015550000', words: [] });
    expect(understandSearch("Свет, свет! дом's 12 a")).toEqual({
      number: null,
      phone: null,
      words: ['свет', 'дом', '12'],
    });
    expect(understandSearch('   ')).toBeNull();
    expect(startOfDay('2026-11-18', 'Asia/Almaty')).toBe('2026-11-17T19:00:00.000Z');
  });
});

describe(`the inbox's sorts and pages (${testDialect})`, () => {
  it('pages through every sort and direction without a duplicate or a gap, ties included', async () => {
    for (const sort of ['registered', 'deadline', 'status'])
      for (const dir of ['', 'asc', 'desc']) {
        const query = `view=all&sort=${sort}${dir ? `&dir=${dir}` : ''}`;
        const whole = await keys('operator', query, 200);
        expect(sorted(whole), query).toEqual(sorted(ALL));
        for (const limit of [1, 3, 7])
          expect(await keys('operator', query, limit), `${query} by ${limit}`).toEqual(whole);
      }
  });

  it('orders by registration (newest first), deadline (nearest first) and status', async () => {
    const page = async (query: string) =>
      (await inbox('operator', `${query}&limit=200`)).json<InboxPage>().items;
    const registered = await page('sort=registered');
    expect(registered.map((i) => i.registeredAt)).toEqual(
      [...registered.map((i) => i.registeredAt)].sort().reverse(),
    );
    const oldest = await page('sort=registered&dir=asc');
    expect(oldest.map((i) => i.id)).toEqual(registered.map((i) => i.id).reverse());
    const deadline = await page('sort=deadline');
    expect(deadline.map((i) => i.deadlineOn)).toEqual([...deadline.map((i) => i.deadlineOn)].sort());
    expect(['answered-past', 'akim-web']).toContain(keyOf.get(deadline[0]?.id ?? ''));
    const status = await page('sort=status');
    expect(status.map((i) => i.status)).toEqual([...status.map((i) => i.status)].sort());
  });
});

describe(`counts per view (${testDialect})`, () => {
  const counts = async (user: string, query = '') => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/office/inbox/counts?${query}`,
      headers: cookies.has(user) ? { cookie: cookies.get(user) ?? '' } : {},
    });
    return res;
  };
  const plain = (c: InboxCounts) =>
    Object.fromEntries(Object.entries(c.counts).map(([view, v]) => [view, v.count]));

  it('counts every view for the reader, under the same filters', async () => {
    const operator = (await counts('operator')).json<InboxCounts>();
    expect(operator.cap).toBe(INBOX_COUNT_CAP);
    expect(plain(operator)).toEqual({
      new: 15,
      mine: 0,
      'due-soon': 3,
      overdue: 1,
      answered: 2,
      disputed: 1,
      all: 20,
    });
    expect(Object.values(operator.counts).every((c) => !c.capped)).toBe(true);
    expect(plain((await counts('official')).json<InboxCounts>())).toEqual({
      new: 14,
      mine: 16,
      'due-soon': 2,
      overdue: 0,
      answered: 1,
      disputed: 0,
      all: 16,
    });
    expect(plain((await counts('operator', `department=${departments.akimat}`)).json<InboxCounts>())).toEqual(
      {
        new: 1,
        mine: 0,
        'due-soon': 1,
        overdue: 1,
        answered: 1,
        disputed: 1,
        all: 4,
      },
    );
    expect(plain((await counts('operator', `q=${encodeURIComponent('свет')}`)).json<InboxCounts>()).all).toBe(
      1,
    );
  });

  it('refuses an admin, nobody, and bad filters', async () => {
    expect(problemOf(await counts('admin'))).toEqual({ status: 403, type: '/problems/forbidden' });
    expect(problemOf(await counts('anonymous'))).toEqual({
      status: 401,
      type: '/problems/not-authenticated',
    });
    for (const bad of ['status=bogus', 'department=nope', 'view=all', `q=${'x'.repeat(101)}`])
      expect(problemOf(await counts('operator', bad)), bad).toEqual({
        status: 400,
        type: '/problems/validation-failed',
      });
  });
});

describe(`the inbox's rejections (${testDialect})`, () => {
  it('refuses bad filter values, an unknown view or sort, a search too long and a page too big', async () => {
    for (const bad of [
      'view=everything',
      'sort=number',
      'dir=sideways',
      'status=closed',
      'type=letter',
      'source=fax',
      `department=${'1'.repeat(36)}`,
      'kiosk=abc',
      'from=2026-13-45',
      'from=2026-11-20&to=2026-11-19',
      `q=${'я'.repeat(101)}`,
      'limit=0',
      'limit=201',
      'colour=red',
    ])
      expect(problemOf(await inbox('operator', bad)), bad).toEqual({
        status: 400,
        type: '/problems/validation-failed',
      });
  });

  it('refuses a cursor it did not give, or one from another sort', async () => {
    const first = (await inbox('operator', 'sort=registered&limit=2')).json<InboxPage>();
    expect(first.nextCursor).toBeTruthy();
    for (const [query, why] of [
      ['cursor=not-a-cursor', 'garbage'],
      [`cursor=${Buffer.from('["registered","desc"]').toString('base64url')}`, 'too short'],
      [`cursor=${Buffer.from('[1,2,3,4]').toString('base64url')}`, 'not strings'],
      [`sort=deadline&cursor=${first.nextCursor ?? ''}`, 'another sort'],
      [`dir=asc&cursor=${first.nextCursor ?? ''}`, 'another direction'],
    ])
      expect(problemOf(await inbox('operator', query ?? '')), why).toEqual({
        status: 400,
        type: '/problems/invalid-cursor',
      });
  });
});

describe(`saved views (${testDialect})`, () => {
  const call = (user: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    ctx.app.inject({
      method,
      url,
      headers: cookies.has(user) ? { cookie: cookies.get(user) ?? '' } : {},
      ...(payload ? { payload } : {}),
    });

  it('keeps each user’s named views to themselves, and deletes them', async () => {
    const body = {
      name: 'Просроченные акимата',
      query: { view: 'overdue', department: departments.akimat, sort: 'deadline', dir: 'asc', q: 'свет' },
    };
    const created = await call('operator', 'POST', '/api/office/inbox/views', body);
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json<SavedView>();
    expect(view).toMatchObject(body);
    expect((await call('operator', 'GET', '/api/office/inbox/views')).json<SavedView[]>()).toEqual([view]);
    expect((await call('supervisor', 'GET', '/api/office/inbox/views')).json<SavedView[]>()).toEqual([]);
    // The same name again is refused; another user may use it.
    expect(problemOf(await call('operator', 'POST', '/api/office/inbox/views', body))).toEqual({
      status: 409,
      type: '/problems/saved-view-name-taken',
    });
    expect((await call('supervisor', 'POST', '/api/office/inbox/views', body)).statusCode).toBe(201);
    // Someone else's view answers like a missing one.
    expect(problemOf(await call('supervisor', 'DELETE', `/api/office/inbox/views/${view.id}`))).toEqual({
      status: 404,
      type: '/problems/saved-view-not-found',
    });
    expect((await call('operator', 'DELETE', `/api/office/inbox/views/${view.id}`)).statusCode).toBe(204);
    expect((await call('operator', 'GET', '/api/office/inbox/views')).json<SavedView[]>()).toEqual([]);
    expect(problemOf(await call('operator', 'DELETE', `/api/office/inbox/views/${view.id}`))).toEqual({
      status: 404,
      type: '/problems/saved-view-not-found',
    });
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', view.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['inbox_view.saved', 'inbox_view.deleted']);
  });

  it('refuses bad saved views, too many of them, an admin and nobody', async () => {
    for (const bad of [
      {},
      { name: '', query: {} },
      { name: 'x'.repeat(61), query: {} },
      { name: 'x', query: { view: 'everything' } },
      { name: 'x', query: { cursor: 'abc' } },
      { name: 'x', query: { status: ['bogus'] } },
      { name: '   ', query: {} },
      { name: 'x', query: { from: '2026-11-20', to: '2026-11-19' } },
    ])
      expect(
        problemOf(await call('official', 'POST', '/api/office/inbox/views', bad)),
        JSON.stringify(bad),
      ).toEqual({
        status: 400,
        type: '/problems/validation-failed',
      });
    expect(problemOf(await call('official', 'DELETE', '/api/office/inbox/views/not-an-id'))).toEqual({
      status: 400,
      type: '/problems/validation-failed',
    });
    for (let i = 0; i < 30; i++)
      expect(
        (await call('official', 'POST', '/api/office/inbox/views', { name: `v${i}`, query: {} })).statusCode,
      ).toBe(201);
    expect(
      problemOf(await call('official', 'POST', '/api/office/inbox/views', { name: 'one more', query: {} })),
    ).toEqual({
      status: 409,
      type: '/problems/saved-views-full',
    });
    expect(problemOf(await call('admin', 'GET', '/api/office/inbox/views'))).toEqual({
      status: 403,
      type: '/problems/forbidden',
    });
    expect(
      problemOf(await call('anonymous', 'POST', '/api/office/inbox/views', { name: 'x', query: {} })),
    ).toEqual({
      status: 401,
      type: '/problems/not-authenticated',
    });
  });

  it('offers the departments, categories and booths to filter by', async () => {
    const res = await call('official', 'GET', '/api/office/inbox/filters');
    expect(res.statusCode).toBe(200);
    const options = res.json<{
      departments: { id: string }[];
      categories: { id: string }[];
      kiosks: { id: string }[];
    }>();
    expect(options.departments.map((d) => d.id)).toContain(departments.akimat);
    expect(options.categories.map((c) => c.id)).toContain(categoryId);
    expect(options.kiosks.map((k) => k.id)).toContain(kioskId);
  });
});

describe(`counts stop at the cap (${testDialect})`, () => {
  let big: TestContext;
  beforeAll(async () => {
    big = await createTestContext();
    const official = await big.services.db
      .selectFrom('officials')
      .select(['id', 'department_id'])
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: INBOX_COUNT_CAP + 5 }, (_, i) => ({
      id: crypto.randomUUID(),
      registration_number: `261118-${String(i + 1).padStart(5, '0')}`,
      access_code_hash: 'x',
      phone_e164: '+77010000000',
      iin: null,
      language: 'kk' as const,
      type: 'request' as const,
      category_id: null,
      addressee_official_id: official.id,
      department_id: official.department_id,
      status: 'registered' as const,
      source: 'kiosk' as const,
      kiosk_id: null,
      note: null,
      media_id: null,
      registered_on: '2026-11-18',
      registered_at: '2026-11-18T03:00:00.000Z',
      deadline_on: '2026-12-09',
      answered_at: null,
      created_at: '2026-11-18T03:00:00.000Z',
      updated_at: '2026-11-18T03:00:00.000Z',
    }));
    for (let i = 0; i < rows.length; i += 200)
      await big.services.db
        .insertInto('appeals')
        .values(rows.slice(i, i + 200))
        .execute();
  });
  afterAll(() => big.close());

  it('says "1000+" rather than counting further', async () => {
    const cookie = await loginAs(big.app, 'operator');
    const res = await big.app.inject({ method: 'GET', url: '/api/office/inbox/counts', headers: { cookie } });
    const c = res.json<InboxCounts>().counts;
    expect(c.all).toEqual({ count: INBOX_COUNT_CAP, capped: true });
    expect(c.new).toEqual({ count: INBOX_COUNT_CAP, capped: true });
    expect(c.answered).toEqual({ count: 0, capped: false });
  });
});
