// The per-address rate limits count the client's address. X-Forwarded-For names it only when the configured balancer
// (TRUST_PROXY, loopback by default) sent it; from anyone else it is ignored, so it cannot buy a fresh allowance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false, env: { LOOKUP_RATE_PER_MINUTE: '2' } });
});
afterAll(() => ctx.close());

const lookup = (remoteAddress: string, forwardedFor: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/public/lookup',
    remoteAddress,
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { registrationNumber: '261118-0001', accessCode: 'ABCD-EFGH-JK' },
  });

describe('trusted proxies', () => {
  it('ignores a forwarded-for sent by a client that is not the balancer', async () => {
    const statuses = [];
    for (const forged of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
      statuses.push((await lookup('203.0.113.7', forged)).statusCode);
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('believes the balancer on loopback: each client it names has its own allowance', async () => {
    const statuses = [];
    for (const client of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
      statuses.push((await lookup('127.0.0.1', client)).statusCode);
    expect(statuses).toEqual([404, 404, 404]);
  });
});
