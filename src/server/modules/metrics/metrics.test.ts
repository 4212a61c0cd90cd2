// GET /metrics: who may scrape, and that the installation's figures are read from the database as they are now.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTestContext, type TestContext } from '../../testing.js';

const TOKEN = 'scrape-token-0123456789';
let ctx: TestContext;

/** The value of one series in Prometheus's text format (`name{labels} value`), or undefined. */
function series(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  ctx.app.inject({ method: 'GET', url: '/metrics', headers });

beforeAll(async () => {
  ctx = await createTestContext({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(() => ctx.close());

describe('metrics', () => {
  it('refuses a scrape without the token, or with another one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const res = await scrape(headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ type: string }>().type).toBe('/problems/not-authenticated');
    }
  });

  it('reports the queue, the outbox, uploads, overdue appeals and booths from the database', async () => {
    const { db } = ctx.services;
    const now = ctx.clock.now();
    const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
    await db
      .insertInto('jobs')
      .values([
        {
          id: 'j1',
          name: 'metrics-probe',
          payload: '{}',
          state: 'queued',
          attempts: 0,
          max_attempts: 3,
          run_at: hourAgo,
          locked_by: null,
          locked_until: null,
          last_error: null,
          created_at: hourAgo,
          updated_at: hourAgo,
        },
        {
          id: 'j2',
          name: 'metrics-probe',
          payload: '{}',
          state: 'failed',
          attempts: 3,
          max_attempts: 3,
          run_at: hourAgo,
          locked_by: null,
          locked_until: null,
          last_error: 'x',
          created_at: hourAgo,
          updated_at: hourAgo,
        },
      ])
      .execute();
    const before = (await scrape()).body;
    const text = (await scrape()).body;
    expect(series(text, 'dialog_jobs_by_name', 'name="metrics-probe",state="queued"')).toBe(1);
    expect(series(text, 'dialog_jobs_by_name', 'name="metrics-probe",state="failed"')).toBe(1);
    expect(series(text, 'dialog_jobs', 'state="failed"')).toBeGreaterThanOrEqual(1);
    expect(series(text, 'dialog_job_oldest_due_seconds')).toBeGreaterThanOrEqual(3600);
    for (const state of ['uploading', 'uploaded', 'processing', 'failed'])
      expect(series(text, 'dialog_media_files', `state="${state}"`)).toBe(0);
    expect(series(text, 'dialog_notifications', 'channel="sms",state="failed"')).toBe(0);
    expect(series(text, 'dialog_appeals_overdue')).toBe(0);
    expect(series(text, 'dialog_kiosks', 'state="silent"')).toBe(0);
    expect(before).toContain('dialog_jobs');

    await db.updateTable('jobs').set({ state: 'done' }).where('name', '=', 'metrics-probe').execute();
    const after = (await scrape()).body;
    expect(series(after, 'dialog_jobs_by_name', 'name="metrics-probe",state="queued"')).toBeUndefined();
    expect(series(after, 'dialog_job_oldest_due_seconds')).toBe(0);
  });

  it('counts requests by route pattern, never by the raw URL', async () => {
    await ctx.app.inject({ method: 'GET', url: '/api/public/appeals/2611180001?x=secret' });
    const text = (await scrape()).body;
    expect(text).toMatch(
      /dialog_http_request_duration_seconds_count\{method="GET",route="\/metrics",status="200"\} \d+/,
    );
    expect(text).not.toContain('2611180001');
    expect(text).not.toContain('secret');
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('the documented alert rules', () => {
  it('are well formed and name only series this server exports', async () => {
    const rules = parse(fs.readFileSync('deploy/prometheus/dialog-alerts.yml', 'utf8')) as {
      groups: {
        rules: {
          alert: string;
          expr: string;
          labels: { severity: string };
          annotations: { summary: string };
        }[];
      }[];
    };
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.length).toBeGreaterThanOrEqual(10);
    const exported = new Set(
      (await scrape()).body
        .split('\n')
        .filter((line) => line.startsWith('# TYPE '))
        .flatMap((line) => {
          const [, , name, type] = line.split(' ');
          return type === 'histogram' ? [`${name}_count`, `${name}_sum`, `${name}_bucket`] : [name];
        }),
    );
    for (const rule of all) {
      expect(rule.alert).toMatch(/^Dialog[A-Za-z]+$/);
      expect(['critical', 'warning', 'info']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      for (const name of rule.expr.match(/dialog_[a-z_]+/g) ?? [])
        expect(exported, rule.alert).toContain(name);
    }
  });
});

describe('metrics without a token', () => {
  it('answers only a direct scrape from this machine, not one through a proxy', async () => {
    const plain = await createTestContext({ seed: false });
    try {
      const direct = await plain.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
      expect(direct.statusCode).toBe(200);
      expect(direct.headers['content-type']).toContain('text/plain');
      const proxied = await plain.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(proxied.statusCode).toBe(403);
      const remote = await plain.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
      expect(remote.statusCode).toBe(403);
      expect(remote.json<{ type: string }>().type).toBe('/problems/forbidden');
    } finally {
      await plain.close();
    }
  });
});
