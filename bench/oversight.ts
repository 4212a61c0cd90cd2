// Oversight: the supervisor dashboard's queries at a million appeals on PostgreSQL, through the project's own code
// (stats/service.ts performanceBy, stats/repository.ts, oversight/service.ts dashboard), each beside the equivalent
// hand-written SQL on a plain pg client, in the same run, alternating. The appeals are P4's (p4.ts openBenchDatabase:
// 1 M over three years), plus what the figures read that P4 does not load: first-answer days and working days,
// extensions, redirects, disputes and ratings. Goal: the whole dashboard (every query it makes) p95 ≤ 300 ms for a
// month and for a quarter; a year is printed beside them. BENCH_OVERSIGHT_ROWS, BENCH_OVERSIGHT_ROUNDS.
import os from 'node:os';
import pg from 'pg';
import { dashboard } from '../src/server/modules/oversight/service.js';
import { performanceBy, type StatsFilter } from '../src/server/modules/stats/service.js';
import { boothTraffic } from '../src/server/modules/oversight/service.js';
import { countCore } from '../src/server/modules/stats/repository.js';
import { statsWhere } from '../src/server/modules/stats/service.js';
import { runIfMain } from './entry.js';
import { openBenchDatabase } from './p4.js';

const ROWS = Number(process.env.BENCH_OVERSIGHT_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_OVERSIGHT_ROUNDS ?? 10);
const GOAL_MS = 300;
/** P4's "now" is 2026-11-18 in Almaty. */
const PERIODS: Record<string, { from: string; to: string }> = {
  month: { from: '2026-11-01', to: '2026-11-18' },
  quarter: { from: '2026-10-01', to: '2026-11-18' },
  year: { from: '2026-01-01', to: '2026-11-18' },
};
const TODAY = '2026-11-18';

/** What P4 leaves out and the figures read: about 2 % extended, 2.5 % redirected, the disputed disputed, a third rated. */
const FIGURES_SQL = [
  `update appeals set first_answered_on = to_char(registered_on::date + abs(hashtext(id)) % 28, 'YYYY-MM-DD'),
     answer_working_days = (abs(hashtext(id)) % 28) * 5 / 7
   where status in ('answered', 'disputed')`,
  `insert into deadline_changes (id, appeal_id, old_deadline_on, new_deadline_on, reason, history_id, actor_user_id, at)
   select md5(id || 'ext')::uuid::text, id, deadline_on, deadline_on, 'bench', null,
     (select id from staff_users order by id limit 1), created_at
   from appeals where status = 'extended' or abs(hashtext(id)) % 60 = 1`,
  `insert into appeal_routings (id, appeal_id, kind, from_official_id, from_department_id, to_official_id,
     to_department_id, outside_body, reason, due_on, late, history_id, actor_user_id, at)
   select md5(id || 'red')::uuid::text, id, 'redirect', null, null, addressee_official_id, department_id, null, 'bench',
     registered_on, 0, null, (select id from staff_users order by id limit 1), created_at
   from appeals where abs(hashtext(id)) % 40 = 3`,
  `insert into appeal_disputes (id, appeal_id, answer_id, reason, created_at)
   select md5(a.id || 'dis')::uuid::text, a.id, w.id, 'bench', a.created_at
   from appeals a join answers w on w.appeal_id = a.id where a.status = 'disputed'`,
  `insert into appeal_ratings (appeal_id, answer_id, satisfied, score, comment, created_at)
   select a.id, w.id, case when abs(hashtext(a.id)) % 5 >= 2 then 1 else 0 end, 1 + abs(hashtext(a.id)) % 5, null, a.created_at
   from appeals a join answers w on w.appeal_id = a.id where abs(hashtext(a.id)) % 3 = 0`,
  'analyze',
];

/** A person's SQL for the per-department (or per-official) table: one statement, the figures as its columns. */
function handPerformance(column: 'department_id' | 'addressee_official_id') {
  return `select coalesce(a.${column}, '') as id, count(*) as received, count(a.first_answered_on) as answered,
      count(*) filter (where a.first_answered_on <= a.deadline_on) as on_time,
      count(*) filter (where a.first_answered_on > a.deadline_on or (a.first_answered_on is null
        and a.status not in ('answered', 'left_without_consideration', 'withdrawn')
        and a.outside_redirected_at is null and a.deadline_on < $3)) as overdue,
      count(*) filter (where exists (select 1 from deadline_changes d where d.appeal_id = a.id)) as extended,
      count(*) filter (where exists (select 1 from appeal_routings r where r.appeal_id = a.id
        and r.kind in ('redirect', 'redirect_outside'))) as redirected,
      count(*) filter (where exists (select 1 from appeal_disputes x where x.appeal_id = a.id)) as disputed,
      percentile_disc(0.5) within group (order by a.answer_working_days) as median,
      avg(g.score) as rating, count(g.appeal_id) as ratings
    from appeals a left join appeal_ratings g on g.appeal_id = a.id
    where a.registered_on >= $1 and a.registered_on <= $2
    group by a.${column}`;
}

const HAND_SERIES = `select registered_on, count(*), count(first_answered_on),
    count(*) filter (where first_answered_on <= deadline_on),
    count(*) filter (where first_answered_on > deadline_on or (first_answered_on is null
      and status not in ('answered', 'left_without_consideration', 'withdrawn')
      and outside_redirected_at is null and deadline_on < $3))
  from appeals where registered_on >= $1 and registered_on <= $2 group by registered_on`;

const HAND_BOOTHS = `select to_char(registered_at::timestamp + interval '300 minutes', 'YYYY-MM-DD"T"HH24') as slot, count(*)
  from appeals where source = 'kiosk' and registered_at >= $1 and registered_at < $2 group by 1`;

export interface OversightCase {
  name: string;
  projectP50: number;
  projectP95: number;
  handP50: number | null;
  handP95: number | null;
}

export interface OversightResult {
  appeals: number;
  seedSeconds: number;
  load: string;
  cases: OversightCase[];
  dashboards: { period: string; p50: number; p95: number }[];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
};

async function timed(fn: () => Promise<unknown>, into: number[]): Promise<void> {
  const t = performance.now();
  await fn();
  into.push(performance.now() - t);
}

export async function runOversight(): Promise<OversightResult> {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const bench = await openBenchDatabase('postgres', ROWS);
  const started = performance.now();
  const { services } = bench;
  const hand = bench.hand as pg.Pool;
  try {
    for (const statement of FIGURES_SQL) await hand.query(statement);
    const seedSeconds = bench.seedSeconds + (performance.now() - started) / 1000;
    const cases: OversightCase[] = [];
    const compare = async (
      name: string,
      project: () => Promise<unknown>,
      anchor: (() => Promise<unknown>) | null,
    ) => {
      const p: number[] = [];
      const h: number[] = [];
      await project();
      if (anchor) await anchor();
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0 || !anchor) {
          await timed(project, p);
          if (anchor) await timed(anchor, h);
        } else {
          await timed(anchor, h);
          await timed(project, p);
        }
      }
      cases.push({
        name,
        projectP50: percentile(p, 0.5),
        projectP95: percentile(p, 0.95),
        handP50: anchor ? percentile(h, 0.5) : null,
        handP95: anchor ? percentile(h, 0.95) : null,
      });
    };
    const dashboards: OversightResult['dashboards'] = [];
    for (const [period, range] of Object.entries(PERIODS)) {
      const filter: StatsFilter = range;
      const args = [range.from, range.to, TODAY];
      await compare(
        `${period}: per department`,
        () => performanceBy(services, 'department', filter),
        () => hand.query(handPerformance('department_id'), args),
      );
      await compare(
        `${period}: per official`,
        () => performanceBy(services, 'official', filter),
        () => hand.query(handPerformance('addressee_official_id'), args),
      );
      await compare(
        `${period}: series by day`,
        () => countCore(services.db, statsWhere(services, filter), 'day'),
        () => hand.query(HAND_SERIES, args),
      );
      await compare(
        `${period}: booths per hour`,
        () => boothTraffic(services, filter),
        () =>
          hand.query(HAND_BOOTHS, [
            new Date(Date.parse(`${range.from}T00:00:00+05:00`)).toISOString(),
            new Date(Date.parse(`${range.to}T00:00:00+05:00`) + 86_400_000).toISOString(),
          ]),
      );
      const times: number[] = [];
      await dashboard(services, range);
      for (let i = 0; i < ROUNDS; i++) await timed(() => dashboard(services, range), times);
      dashboards.push({ period, p50: percentile(times, 0.5), p95: percentile(times, 0.95) });
    }
    return { appeals: ROWS, seedSeconds, load, cases, dashboards };
  } finally {
    await bench.close();
  }
}

export function printOversight(r: OversightResult): boolean {
  const cell = (p50: number | null, p95: number | null) =>
    p50 === null || p95 === null
      ? '      —'
      : `${p50.toFixed(1).padStart(7)} / ${p95.toFixed(1).padStart(7)}`;
  console.log(
    `Oversight (PostgreSQL): ${r.appeals.toLocaleString('en')} appeals (loaded in ${r.seedSeconds.toFixed(0)} s), ` +
      `${ROUNDS} rounds, alternating with hand SQL; load average at start ${r.load}; ms`,
  );
  console.log('  query                             project p50 / p95     hand p50 / p95   p95 ratio');
  for (const c of r.cases)
    console.log(
      `  ${c.name.padEnd(32)} ${cell(c.projectP50, c.projectP95)}   ${cell(c.handP50, c.handP95)}   ` +
        `${c.handP95 ? (c.projectP95 / c.handP95).toFixed(2) : '—'}×`,
    );
  let ok = true;
  for (const d of r.dashboards) {
    const goal = d.period !== 'year';
    const met = d.p95 <= GOAL_MS;
    if (goal && !met) ok = false;
    console.log(
      `  whole dashboard, ${d.period.padEnd(8)} p50 ${d.p50.toFixed(1)} ms, p95 ${d.p95.toFixed(1)} ms` +
        (goal ? `; goal ≤ ${GOAL_MS} ms: ${met ? 'met' : 'MISSED'}` : ' (no goal)'),
    );
  }
  return ok;
}

runIfMain(import.meta.url, runOversight, printOversight);
