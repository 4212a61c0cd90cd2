// Security headers on pages, API answers and files: a policy without 'unsafe-inline' for the apps, one that runs
// nothing for the rest, a route's own policy kept, and HSTS only over HTTPS or when the site says it is HTTPS-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing.js';
import { API_CSP, APP_CSP } from './headers.js';

let ctx: TestContext;
let secure: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  secure = await createTestContext({ seed: false, env: { COOKIE_SECURE: 'true' } });
});
afterAll(async () => {
  await ctx.close();
  await secure.close();
});

describe('security headers', () => {
  it('keeps inline script and style out of the apps’ policy, and framing by other sites', () => {
    expect(APP_CSP).not.toContain('unsafe-inline');
    expect(APP_CSP).not.toContain('unsafe-eval');
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain("frame-ancestors 'self'");
    expect(APP_CSP).toContain("object-src 'none'");
  });

  it('gives an API answer and a problem the policy that runs nothing, and the other headers', async () => {
    for (const url of ['/api/settings', '/api/no-such-route']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toBe(API_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['permissions-policy']).toContain('camera=(self)');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('leaves a route’s own policy alone (an official’s photo)', async () => {
    const officials = await ctx.app.inject({ method: 'GET', url: '/api/directory/officials' });
    const { id } = officials.json<{ id: string }[]>()[0]!;
    const photo = await ctx.app.inject({ method: 'GET', url: `/api/directory/officials/${id}/photo` });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-security-policy']).not.toBe(API_CSP);
    expect(photo.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('sends HSTS over HTTPS through the trusted balancer, and always when COOKIE_SECURE is on', async () => {
    const proxied = await ctx.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const forged = await ctx.app.inject({
      method: 'GET',
      url: '/healthz',
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(forged.headers['strict-transport-security']).toBeUndefined();
    const always = await secure.app.inject({ method: 'GET', url: '/healthz' });
    expect(always.headers['strict-transport-security']).toContain('max-age=31536000');
  });
});
