// The interfaces operators and integrators rely on: health, readiness, the OpenAPI document, problem pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDialect, type TestContext } from '../../testing.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

describe(`system routes (${testDialect})`, () => {
  it('says the process is up and the database and blob store are reachable', async () => {
    expect((await ctx.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', storage: 'ok' } });
  });

  it('publishes an OpenAPI document generated from the route schemas, and Swagger UI', async () => {
    const doc = (await ctx.app.inject('/api/openapi.json')).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/appeals',
        '/api/public/lookup',
        '/api/office/appeals/{id}/answer',
        '/api/directory/officials',
      ]),
    );
    const ui = await ctx.app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('describes every problem type in three languages, and 404s an unknown one as a problem', async () => {
    const page = (await ctx.app.inject('/problems/invalid-phone')).json<{ titles: Record<string, string> }>();
    expect(page.titles.en).toBe('This is not a Kazakh mobile number');
    expect(page.titles.kk).toBeTruthy();
    const unknown = await ctx.app.inject({ url: '/problems/nope', headers: { 'accept-language': 'en' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ type: '/problems/not-found', title: 'Not found', status: 404 });
  });

  it('answers a body that is not JSON with a problem, not a stack', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/lookup',
      headers: { 'content-type': 'application/json' },
      payload: '{"registrationNumber":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: '/problems/validation-failed' });
    expect(res.body).not.toContain('at ');
  });

  it('turns away a client that guesses access codes too fast', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/public/lookup',
        remoteAddress: '203.0.113.7',
        // A different number each time: one number's own lock (LOOKUP_LOCK_FAILURES) is tested in public.test.ts.
        payload: { registrationNumber: `261118-000${i % 10}`, accessCode: `AAAAA-AAAA${i % 10}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
