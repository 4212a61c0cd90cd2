// P4: the office inbox's query (view + filters + search + sort + keyset page) at a million appeals on PostgreSQL,
// through the project's own code path (inbox/service.ts planInbox → inbox/repository.ts listInbox, the function the
// route uses) beside the equivalent hand-written SQL on a plain pg client, both in the same run, interleaved.
// Goal: p95 ≤ 30 ms and ≤ 1.5× the hand SQL. The bench creates its own database, migrates and seeds the demo
// directory, loads the appeals with INSERT … SELECT generate_series (the project's indexes set aside during the load
// and built again from their own definitions afterwards), and drops the database at the end. SQLite's figure at
// 100 k appeals is measured the same way. DATABASE_URL (or postgres://postgres@127.0.0.1:5432/test) names the server.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/server/config.js';
import { openRuntime } from '../src/server/runtime.js';
import { fixedClock } from '../src/server/clock.js';
import { seedDemo } from '../src/server/db/seed.js';
import type { Services } from '../src/server/services.js';
import { loadStaff, type Staff } from '../src/server/modules/auth/access.js';
import { inboxCounts, inboxPage, planInbox } from '../src/server/modules/inbox/service.js';
import { listInbox } from '../src/server/modules/inbox/repository.js';
import type { InboxQuery } from '../src/common/inbox.js';
import { runIfMain } from './entry.js';

const PG_ROWS = Number(process.env.BENCH_P4_ROWS ?? 1_000_000);
const SQLITE_ROWS = Number(process.env.BENCH_P4_SQLITE_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_P4_ROUNDS ?? 30);
const P95_GOAL_MS = 30;
const RATIO_GOAL = 1.5;
/** Wednesday 18 November 2026, 10:00 in Almaty: the data's "now". */
const NOW = '2026-11-18T05:00:00.000Z';
const DAYS = 1100;
/** Words the notes and answers are made of; "водопровод" is in about one note or answer in 200. */
const VOCABULARY = [
  'свет',
  'дорога',
  'яма',
  'мусор',
  'отопление',
  'вода',
  'двор',
  'школа',
  'автобус',
  'көше',
  'жарық',
  'жол',
  'су',
  'мектеп',
  'lamp',
  'road',
  'heating',
  'park',
];
const RARE_WORD = 'водопровод';

export interface CaseResult {
  name: string;
  rows: number;
  projectP95: number;
  handP95: number;
  projectP50: number;
  handP50: number;
}

export interface DialectResult {
  dialect: 'postgres' | 'sqlite';
  appeals: number;
  seedSeconds: number;
  cases: CaseResult[];
  /** Every sample of every case together: the mix of views, filters, sorts and pages. */
  mix: { projectP95: number; handP95: number; projectP50: number; handP50: number };
  counts: { p95: number; p50: number };
}

export interface P4Result {
  postgres: DialectResult | null;
  sqlite: DialectResult;
  load: string;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
};

interface Case {
  name: string;
  user: 'operator' | 'official';
  query: InboxQuery;
  /** How many pages to walk first (a deep page). */
  skipPages?: number;
}

function cases(departmentId: string, kioskId: string, phone: string, number: string): Case[] {
  return [
    { name: 'all, newest first, page 1', user: 'operator', query: { view: 'all' } },
    { name: 'all, newest first, page 21', user: 'operator', query: { view: 'all' }, skipPages: 20 },
    { name: 'new, newest first', user: 'operator', query: { view: 'new' } },
    { name: 'due soon, nearest deadline', user: 'operator', query: { view: 'due-soon', sort: 'deadline' } },
    { name: 'overdue, nearest deadline', user: 'operator', query: { view: 'overdue', sort: 'deadline' } },
    { name: 'overdue, newest first', user: 'operator', query: { view: 'overdue' } },
    { name: 'answered, newest first, page 6', user: 'operator', query: { view: 'answered' }, skipPages: 5 },
    { name: 'official: all theirs, newest first', user: 'official', query: { view: 'all' } },
    { name: 'official: mine, deadline', user: 'official', query: { view: 'mine', sort: 'deadline' } },
    { name: 'department filter', user: 'operator', query: { view: 'all', department: departmentId } },
    {
      name: 'booth + type filter',
      user: 'operator',
      query: { view: 'all', kiosk: kioskId, type: 'complaint' },
    },
    {
      name: 'date range in 2025, oldest first',
      user: 'operator',
      query: { view: 'all', from: '2025-03-01', to: '2025-03-31', dir: 'asc' },
    },
    { name: 'status sort, page 3', user: 'operator', query: { view: 'all', sort: 'status' }, skipPages: 2 },
    { name: 'search: whole phone', user: 'operator', query: { view: 'all', q: phone } },
    { name: 'search: registration number', user: 'operator', query: { view: 'all', q: number } },
    { name: `search: a word ("${RARE_WORD}")`, user: 'operator', query: { view: 'all', q: RARE_WORD } },
  ].map((c) => ({ ...c, query: { limit: 50, ...c.query } }) as Case);
}

/** The same question in hand-written SQL: what a person would type for this page, values inlined as parameters. */
function handSql(
  dialect: 'postgres' | 'sqlite',
  plan: NonNullable<Awaited<ReturnType<typeof planInbox>>>,
): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (v: unknown) => {
    values.push(v);
    return dialect === 'postgres' ? `$${values.length}` : '?';
  };
  const w = plan.where;
  const conds: string[] = [];
  const scopeSql = (s: { officialIds: readonly string[]; departmentIds: readonly string[] }) => {
    const parts: string[] = [];
    if (s.officialIds.length) parts.push(`a.addressee_official_id in (${s.officialIds.map(p).join(', ')})`);
    if (s.departmentIds.length)
      parts.push(
        `(a.addressee_official_id is null and a.department_id in (${s.departmentIds.map(p).join(', ')}))`,
      );
    return parts.length ? `(${parts.join(' or ')})` : '1 = 0';
  };
  if (w.scope) conds.push(scopeSql(w.scope));
  if (w.mine) conds.push(scopeSql(w.mine));
  if (w.statuses) conds.push(`a.status in (${w.statuses.map(p).join(', ')})`);
  if (w.open) conds.push(`a.status not in ('answered', 'left_without_consideration', 'withdrawn')`);
  if (w.deadlineFrom) conds.push(`a.deadline_on >= ${p(w.deadlineFrom)}`);
  if (w.deadlineTo) conds.push(`a.deadline_on <= ${p(w.deadlineTo)}`);
  if (w.deadlineBefore) conds.push(`a.deadline_on < ${p(w.deadlineBefore)}`);
  if (w.departmentId) conds.push(`a.department_id = ${p(w.departmentId)}`);
  if (w.categoryId) conds.push(`a.category_id = ${p(w.categoryId)}`);
  if (w.kioskId) conds.push(`a.kiosk_id = ${p(w.kioskId)}`);
  if (w.type) conds.push(`a.type = ${p(w.type)}`);
  if (w.source) conds.push(`a.source = ${p(w.source)}`);
  if (w.registeredFrom) conds.push(`a.registered_at >= ${p(w.registeredFrom)}`);
  if (w.registeredBefore) conds.push(`a.registered_at < ${p(w.registeredBefore)}`);
  if (w.search) {
    const s = w.search;
    const branches: string[] = [];
    if (s.number) branches.push(`select id from appeals where registration_number = ${p(s.number)}`);
    if (s.phone) branches.push(`select id from appeals where phone_e164 = ${p(s.phone)}`);
    if (s.words.length) {
      if (dialect === 'postgres') {
        const q = p(s.words.map((x) => `'${x}':*`).join(' & '));
        branches.push(
          `select id from appeals where to_tsvector('simple', coalesce(note, '')) @@ to_tsquery('simple', ${q})`,
        );
        const q2 = p(s.words.map((x) => `'${x}':*`).join(' & '));
        branches.push(
          `select appeal_id from answers where to_tsvector('simple', coalesce(body, '')) @@ to_tsquery('simple', ${q2})`,
        );
      } else {
        branches.push(
          `select d.appeal_id from inbox_search s join inbox_search_docs d on d.id = s.rowid where inbox_search match ${p(s.words.map((x) => `"${x}"*`).join(' '))}`,
        );
      }
    }
    const union = branches.join(' union ');
    conds.push(
      branches.length === 0
        ? '1 = 0'
        : dialect === 'postgres'
          ? `a.id = any(array(${union}))`
          : `a.id in (${union})`,
    );
  }
  const keys = [...plan.order.columns.map((c) => `a.${c}`), 'a.id'];
  const dir = plan.order.direction;
  if (plan.order.after)
    conds.push(`(${keys.join(', ')}) ${dir === 'asc' ? '>' : '<'} (${plan.order.after.map(p).join(', ')})`);
  const text = `select a.id, a.registration_number, a.phone_e164, a.language, a.type, a.status, a.source,
      a.registered_at, a.deadline_on, a.escalated_at, o.full_name_kk, o.full_name_ru, o.full_name_en, o.position_kk, o.position_ru,
      o.position_en, c.name_kk as category_kk, c.name_ru as category_ru, c.name_en as category_en, m.state as media_state
    from appeals a
    left join officials o on o.id = a.addressee_official_id
    left join categories c on c.id = a.category_id
    left join media_files m on m.id = a.media_id
    ${conds.length ? `where ${conds.join(' and ')}` : ''}
    order by ${keys.map((k) => `${k} ${dir}`).join(', ')}
    limit ${p(plan.limit + 1)}`;
  return { text, values };
}

/** INSERT … SELECT over generate_series: `count` appeals over DAYS days before NOW, answers for the answered. */
function seedSql(dialect: 'postgres' | 'sqlite', count: number) {
  const vocab = VOCABULARY.map((w) => `'${w}'`).join(', ');
  if (dialect === 'postgres') {
    return [
      `create temporary table bench_ref as
         select (select array_agg(id order by id) from officials) officials,
                (select array_agg(department_id order by id) from officials) official_departments,
                (select array_agg(id order by id) from departments) departments,
                (select array_agg(id order by id) from categories) categories,
                (select array_agg(id order by id) from kiosks) kiosks,
                array[${vocab}] words`,
      `insert into appeals (id, registration_number, access_code_hash, phone_e164, iin, language, type, category_id,
         addressee_official_id, department_id, status, source, kiosk_id, note, media_id, registered_on, registered_at,
         deadline_on, answered_at, created_at, updated_at)
       select md5(g::text || 'appeal')::uuid::text,
         to_char(t.at + interval '5 hours', 'YYMMDD') || '-' || lpad((g % 100000)::text, 5, '0'),
         'x', '+7701' || lpad((g % 10000000)::text, 7, '0'), null,
         (array['kk','ru','en'])[1 + g % 3], (array['request','proposal','complaint','violation_report'])[1 + g % 4],
         case when g % 5 = 0 then null else r.categories[1 + g % array_length(r.categories, 1)] end,
         case when g % 20 = 0 then null else r.officials[1 + (g * 7) % array_length(r.officials, 1)] end,
         case when g % 20 = 0 then r.departments[1 + g % array_length(r.departments, 1)]
              else r.official_departments[1 + (g * 7) % array_length(r.officials, 1)] end,
         case when t.age > 30 then (case when g % 97 = 0 then 'disputed' when g % 53 = 0 then 'extended'
                                         when g % 41 = 0 then 'left_without_consideration' when g % 37 = 0 then 'withdrawn'
                                         when g % 400 = 1 then 'under_review' else 'answered' end)
              else (array['registered','under_review','redirected','extended','answered'])[1 + g % 5] end,
         case when g % 3 = 0 then 'web' else 'kiosk' end,
         case when g % 3 = 0 then null else r.kiosks[1 + g % array_length(r.kiosks, 1)] end,
         case when g % 3 = 0 then r.words[1 + g % 18] || ' ' || r.words[1 + (g / 7) % 18] || ' '
                                  || case when g % 200 = 0 then '${RARE_WORD} ' else '' end || r.words[1 + (g / 49) % 18]
              else null end,
         null,
         to_char(t.at + interval '5 hours', 'YYYY-MM-DD'), to_char(t.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         to_char(t.at + interval '5 hours' + interval '21 days', 'YYYY-MM-DD'),
         null, to_char(t.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(t.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
       from generate_series(1, ${count}) g
       cross join bench_ref r
       cross join lateral (select timestamp '${NOW.slice(0, 19).replace('T', ' ')}'
                                    - (${DAYS}.0 * (${count} - g) / ${count}) * interval '1 day' as at,
                                  ${DAYS}.0 * (${count} - g) / ${count} as age) t`,
      `insert into answers (id, appeal_id, author_user_id, body, outcome, created_at)
       select md5(a.id || 'answer')::uuid::text, a.id, (select id from staff_users order by id limit 1),
         'Ответ: ' || a.note || ' устранено', 'explained', a.updated_at
       from appeals a where a.status in ('answered', 'disputed') and a.note is not null`,
      `drop table bench_ref`,
    ];
  }
  return [
    `create temporary table bench_ref_official as select row_number() over (order by id) - 1 as n, id, department_id from officials`,
    `create temporary table bench_ref_department as select row_number() over (order by id) - 1 as n, id from departments`,
    `create temporary table bench_ref_category as select row_number() over (order by id) - 1 as n, id from categories`,
    `create temporary table bench_ref_kiosk as select row_number() over (order by id) - 1 as n, id from kiosks`,
    `create temporary table bench_words(n integer primary key, w text)`,
    `insert into bench_words values ${VOCABULARY.map((w, i) => `(${i}, '${w}')`).join(', ')}`,
    `insert into appeals (id, registration_number, access_code_hash, phone_e164, iin, language, type, category_id,
       addressee_official_id, department_id, status, source, kiosk_id, note, media_id, registered_on, registered_at,
       deadline_on, answered_at, created_at, updated_at)
     with recursive g(n) as (select 1 union all select n + 1 from g where n < ${count}),
     t as (select n, ${DAYS}.0 * (${count} - n) / ${count} as age from g)
     select lower(hex(randomblob(16))), substr(strftime('%Y%m%d', '${NOW}', '-' || age || ' days', '+5 hours'), 3) || '-' || printf('%05d', n % 100000),
       'x', '+7701' || printf('%07d', n % 10000000), null,
       case n % 3 when 0 then 'kk' when 1 then 'ru' else 'en' end,
       case n % 4 when 0 then 'request' when 1 then 'proposal' when 2 then 'complaint' else 'violation_report' end,
       case when n % 5 = 0 then null else (select id from bench_ref_category where n = t.n % (select count(*) from bench_ref_category)) end,
       case when n % 20 = 0 then null else (select id from bench_ref_official where n = (t.n * 7) % (select count(*) from bench_ref_official)) end,
       case when n % 20 = 0 then (select id from bench_ref_department where n = t.n % (select count(*) from bench_ref_department))
            else (select department_id from bench_ref_official where n = (t.n * 7) % (select count(*) from bench_ref_official)) end,
       case when age > 30 then (case when n % 97 = 0 then 'disputed' when n % 53 = 0 then 'extended'
                                     when n % 41 = 0 then 'left_without_consideration' when n % 37 = 0 then 'withdrawn'
                                     when n % 400 = 1 then 'under_review' else 'answered' end)
            else (case n % 5 when 0 then 'registered' when 1 then 'under_review' when 2 then 'redirected' when 3 then 'extended' else 'answered' end) end,
       case when n % 3 = 0 then 'web' else 'kiosk' end,
       case when n % 3 = 0 then null else (select id from bench_ref_kiosk where n = t.n % (select count(*) from bench_ref_kiosk)) end,
       case when n % 3 = 0 then (select w from bench_words where n = t.n % 18) || ' ' || (select w from bench_words where n = (t.n / 7) % 18) || ' '
                               || case when t.n % 200 = 0 then '${RARE_WORD} ' else '' end || (select w from bench_words where n = (t.n / 49) % 18)
            else null end,
       null,
       strftime('%Y-%m-%d', '${NOW}', '-' || age || ' days', '+5 hours'),
       strftime('%Y-%m-%dT%H:%M:%fZ', '${NOW}', '-' || age || ' days'),
       strftime('%Y-%m-%d', '${NOW}', '-' || age || ' days', '+5 hours', '+21 days'),
       null, strftime('%Y-%m-%dT%H:%M:%fZ', '${NOW}', '-' || age || ' days'), strftime('%Y-%m-%dT%H:%M:%fZ', '${NOW}', '-' || age || ' days')
     from t`,
    `insert into answers (id, appeal_id, author_user_id, body, outcome, created_at)
     select lower(hex(randomblob(16))), a.id, (select id from staff_users order by id limit 1),
       'Ответ: ' || a.note || ' устранено', 'explained', a.updated_at
     from appeals a where a.status in ('answered', 'disputed') and a.note is not null`,
  ];
}

/** A database of `rows` appeals, loaded as P4 loads it; the oversight bench (oversight.ts) builds on it too. */
export interface BenchDatabase {
  services: Services;
  /** A plain client beside the project's: pg Pool on PostgreSQL, a read-only better-sqlite3 handle on SQLite. */
  hand: pg.Pool | Database.Database;
  seedSeconds: number;
  /** Closes both handles and drops the database (unless BENCH_P4_KEEP_DATABASE). */
  close(): Promise<void>;
}

export async function openBenchDatabase(
  dialect: 'postgres' | 'sqlite',
  rows: number,
): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-p4-'));
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `dialog_p4_${crypto.randomBytes(4).toString('hex')}`;
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  let admin: pg.Client | null = null;
  if (dialect === 'postgres') {
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
  }
  const clock = fixedClock(NOW);
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(dialect === 'postgres' ? { DATABASE_URL: url.toString() } : {}),
  });
  const runtime = await openRuntime(config, { clock, log: pino({ level: 'silent' }) });
  const hand =
    dialect === 'postgres'
      ? new pg.Pool({ connectionString: url.toString(), max: 2 })
      : new Database(path.join(dataDir, 'dialog.sqlite'), { readonly: true });
  const close = async () => {
    if (hand instanceof pg.Pool) await hand.end();
    else hand.close();
    await runtime.database.close();
    if (admin && process.env.BENCH_P4_KEEP_DATABASE) {
      console.log(`P4: kept database ${dbName} (BENCH_P4_KEEP_DATABASE)`);
      await admin.end();
    } else if (admin) {
      // The closed pools' backends take a moment to go; forcing them would make their clients throw.
      for (let i = 0; i < 100; i++) {
        const left = await admin.query(`select 1 from pg_stat_activity where datname = $1`, [dbName]);
        if (left.rowCount === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await admin.query(`drop database if exists ${dbName}`);
      await admin.end();
    }
    if (dialect === 'sqlite' && process.env.BENCH_P4_KEEP_DATABASE)
      console.log(`P4: kept ${path.join(dataDir, 'dialog.sqlite')} (BENCH_P4_KEEP_DATABASE)`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const db = runtime.database.db;
    await seedDemo(db, runtime.storage, clock);
    for (let i = 0; i < 12; i++)
      await db
        .insertInto('kiosks')
        .values({
          id: crypto.randomUUID(),
          name: `ЦОН №${i + 1}`,
          location: '',
          token_hash: null,
          created_at: NOW,
        })
        .execute();
    const services = {
      config,
      db,
      dialect,
      storage: runtime.storage,
      clock,
      media: runtime.media,
      sms: runtime.sms,
      mail: runtime.mail,
      log: pino({ level: 'silent' }),
      nudgeWorker: () => undefined,
    } as Services;

    const started = performance.now();
    const run = async (text: string) => {
      if (hand instanceof pg.Pool) await hand.query(text);
      else runtimeSqlite(dataDir).exec(text);
    };
    // The project's own indexes, set aside while the rows go in and built again from their definitions.
    let indexes: string[] = [];
    if (hand instanceof pg.Pool) {
      const found = await hand.query<{ indexdef: string; indexname: string }>(
        `select indexname, indexdef from pg_indexes where tablename in ('appeals', 'answers')
           and indexname not in (select conname from pg_constraint)`,
      );
      indexes = found.rows.map((r) => r.indexdef);
      for (const r of found.rows) await hand.query(`drop index "${r.indexname}"`);
    }
    for (const statement of seedSql(dialect, rows)) await run(statement);
    for (const definition of indexes) await run(definition);
    await run('analyze');
    runtimeSqliteClose();
    const seedSeconds = (performance.now() - started) / 1000;
    return { services, hand, seedSeconds, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function measureDialect(dialect: 'postgres' | 'sqlite', rows: number): Promise<DialectResult> {
  const bench = await openBenchDatabase(dialect, rows);
  const { services, hand, seedSeconds } = bench;
  const db = services.db;
  try {
    const staffOf = async (username: string): Promise<Staff> => {
      const user = await db
        .selectFrom('staff_users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return loadStaff(db, user, NOW);
    };
    const users = { operator: await staffOf('operator'), official: await staffOf('official') };
    const sample = await db
      .selectFrom('appeals')
      .select(['registration_number', 'phone_e164'])
      .where('registered_at', '<', '2025-06-01')
      .orderBy('registered_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const department = await db
      .selectFrom('officials')
      .select('department_id')
      .orderBy('id')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    const kiosk = await db.selectFrom('kiosks').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();

    const results: CaseResult[] = [];
    const allProject: number[] = [];
    const allHand: number[] = [];
    for (const c of cases(
      department.department_id,
      kiosk.id,
      sample.phone_e164,
      sample.registration_number,
    )) {
      const user = users[c.user];
      // Walk to the page through the service, so the cursor is the one the office would send.
      let query: InboxQuery = c.query;
      for (let i = 0; i < (c.skipPages ?? 0); i++) {
        const page = await inboxPage(services, user, query);
        if (!page.nextCursor) break;
        query = { ...c.query, cursor: page.nextCursor };
      }
      const plan = await planInbox(services, user, query);
      if (!plan) throw new Error(`${c.name}: no plan`);
      const handQuery = handSql(dialect, plan);
      const prepared = hand instanceof pg.Pool ? null : hand.prepare(handQuery.text);
      const project: number[] = [];
      const anchor: number[] = [];
      let found = 0;
      const runProject = async () => {
        const t = performance.now();
        const got = await listInbox(db, dialect, plan.where, plan.order, plan.limit + 1);
        project.push(performance.now() - t);
        found = got.length;
      };
      const runHand = async () => {
        const t = performance.now();
        let got: number;
        if (hand instanceof pg.Pool) got = (await hand.query(handQuery.text, handQuery.values)).rowCount ?? 0;
        else got = prepared?.all(...(handQuery.values as string[])).length ?? 0;
        anchor.push(performance.now() - t);
        if (got !== found) throw new Error(`${c.name}: hand SQL found ${got}, the project ${found}`);
      };
      // Warm both, then alternate which goes first so a change of load falls on both.
      await runProject();
      await runHand();
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0) {
          await runProject();
          await runHand();
        } else {
          await runHand();
          await runProject();
        }
      }
      allProject.push(...project);
      allHand.push(...anchor);
      results.push({
        name: c.name,
        rows: found,
        projectP95: percentile(project, 0.95),
        handP95: percentile(anchor, 0.95),
        projectP50: percentile(project, 0.5),
        handP50: percentile(anchor, 0.5),
      });
    }
    const countTimes: number[] = [];
    for (let i = 0; i < Math.max(10, ROUNDS / 2); i++) {
      const t = performance.now();
      await inboxCounts(services, users.operator, {});
      countTimes.push(performance.now() - t);
    }
    return {
      dialect,
      appeals: rows,
      seedSeconds,
      cases: results,
      mix: {
        projectP95: percentile(allProject, 0.95),
        handP95: percentile(allHand, 0.95),
        projectP50: percentile(allProject, 0.5),
        handP50: percentile(allHand, 0.5),
      },
      counts: { p95: percentile(countTimes, 0.95), p50: percentile(countTimes, 0.5) },
    };
  } catch (error) {
    console.error(`P4 ${dialect}: failed`, error);
    throw error;
  } finally {
    await bench.close();
  }
}

// The load on SQLite goes through a writable handle of its own (the runtime's is Kysely's).
let sqliteWriter: Database.Database | null = null;
function runtimeSqlite(dataDir: string): Database.Database {
  sqliteWriter ??= new Database(path.join(dataDir, 'dialog.sqlite'));
  return sqliteWriter;
}
function runtimeSqliteClose(): void {
  sqliteWriter?.close();
  sqliteWriter = null;
}

export async function runP4(): Promise<P4Result> {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const postgres =
    process.env.BENCH_P4_POSTGRES === 'false' ? null : await measureDialect('postgres', PG_ROWS);
  const sqlite = await measureDialect('sqlite', SQLITE_ROWS);
  return { postgres, sqlite, load };
}

function printDialect(r: DialectResult, goal: boolean): boolean {
  const ratios = r.cases.map((c) => c.projectP95 / Math.max(c.handP95, 0.001));
  const worst = Math.max(...r.cases.map((c) => c.projectP95));
  const cell = (p50: number, p95: number) => `${p50.toFixed(2).padStart(6)} / ${p95.toFixed(2).padStart(6)}`;
  console.log(
    `P4 ${r.dialect}: ${r.appeals.toLocaleString('en')} appeals (seeded in ${r.seedSeconds.toFixed(0)} s), ` +
      `${ROUNDS} rounds per case, alternating with the hand SQL; ms`,
  );
  console.log(
    '  case                                          rows  project p50 / p95   hand p50 / p95   p95 ratio',
  );
  for (const [i, c] of r.cases.entries())
    console.log(
      `  ${c.name.padEnd(44)} ${String(c.rows).padStart(4)}  ${cell(c.projectP50, c.projectP95)}   ` +
        `${cell(c.handP50, c.handP95)}   ${(ratios[i] ?? 0).toFixed(2)}×`,
    );
  console.log(
    `  counts of all seven views (operator, capped at 1000): p50 ${r.counts.p50.toFixed(1)} ms, p95 ${r.counts.p95.toFixed(1)} ms`,
  );
  const m = r.mix;
  const ratio = m.projectP95 / m.handP95;
  const ok = m.projectP95 <= P95_GOAL_MS && ratio <= RATIO_GOAL;
  console.log(
    `P4 ${r.dialect} mix of ${r.cases.length} cases: p95 ${m.projectP95.toFixed(1)} ms (p50 ${m.projectP50.toFixed(1)}), ` +
      `hand SQL p95 ${m.handP95.toFixed(1)} ms (p50 ${m.handP50.toFixed(1)}), ratio ${ratio.toFixed(2)}×; ` +
      `slowest case p95 ${worst.toFixed(1)} ms` +
      (goal
        ? `; goal p95 ≤ ${P95_GOAL_MS} ms and ≤ ${RATIO_GOAL}× hand SQL: ${ok ? 'met' : 'MISSED'}`
        : ' (no goal)'),
  );
  return ok || !goal;
}

export function printP4(r: P4Result): boolean {
  console.log(`P4: load average at start ${r.load}`);
  const pgOk = r.postgres ? printDialect(r.postgres, true) : true;
  printDialect(r.sqlite, false);
  return pgOk;
}

runIfMain(import.meta.url, runP4, printP4);
