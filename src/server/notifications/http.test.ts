// The HTTP template driver against a real HTTP sink on loopback, on SQLite or PostgreSQL: Kannel's sendsms with
// its delivery-report callback, a JSON aggregator with an API key, and the gateway's refusals.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDialect, type TestContext } from '../testing.js';
import { bodyContentType, fillTemplate, providerIdFrom, valueAtPath } from './http.js';
import { notificationRow, queueTestSms, sendJob } from './test-support.js';

interface Received {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Answer {
  status: number;
  body: string;
  type?: string;
}

async function startSink() {
  const requests: Received[] = [];
  let answer: (request: Received) => Answer = () => ({ status: 202, body: '0: Accepted for delivery' });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://sink'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      const { status, body, type } = answer(received);
      res.writeHead(status, { 'content-type': type ?? 'text/plain; charset=utf-8' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answerWith(next: (request: Received) => Answer) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const PUBLIC_URL = 'https://dialog.example.kz';
const TOKEN = 'dlr-token-0123456789abcdef';

describe(`HTTP driver, Kannel sendsms (${testDialect})`, () => {
  let sink: Awaited<ReturnType<typeof startSink>>;
  let ctx: TestContext;

  beforeAll(async () => {
    sink = await startSink();
    ctx = await createTestContext({
      seed: false,
      env: {
        SMS_DRIVER: 'http',
        SMS_HTTP_URL:
          `${sink.url}/cgi-bin/sendsms?username=dialog&password=p%40ss&to={to_e164}&text={text}` +
          '&coding=2&charset=UTF-8&dlr-mask=31&dlr-url={dlr_url}',
        PUBLIC_URL,
        SMS_DLR_TOKEN: TOKEN,
      },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await sink.close();
  });

  it('sends GET sendsms with coding=2, the Kazakh text and a delivery-report URL for this message', async () => {
    const id = await queueTestSms(ctx, { template: 'answered', values: { number: '261118-0042' } });
    const row = await notificationRow(ctx, id);
    await ctx.drain();
    const request = sink.requests[sink.requests.length - 1]!;
    expect(request.method).toBe('GET');
    expect(request.url.pathname).toBe('/cgi-bin/sendsms');
    const query = request.url.searchParams;
    expect(query.get('to')).toBe(row.recipient);
    expect(query.get('text')).toBe(row.body);
    expect(row.body).toMatch(/өтінішіне жауап берілді/);
    expect(query.get('coding')).toBe('2');
    expect(query.get('charset')).toBe('UTF-8');
    expect(query.get('password')).toBe('p@ss');
    expect(query.get('dlr-url')).toBe(`${PUBLIC_URL}/api/notifications/dlr/${TOKEN}?id=${id}&status=%d`);
    expect(await notificationRow(ctx, id)).toMatchObject({
      state: 'sent',
      driver: 'http',
      provider_id: null,
    });
  });

  it('takes Kannel’s delivery reports at the callback: SMSC ack, then delivered, and keeps the final state', async () => {
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '246810' } });
    await ctx.drain();
    const dlrUrl = new URL(sink.requests[sink.requests.length - 1]!.url.searchParams.get('dlr-url')!);
    // Kannel calls the URL with %d replaced by the report type.
    const report = (type: number) =>
      ctx.app.inject({
        method: 'GET',
        url: `${dlrUrl.pathname}${dlrUrl.search.replace('%d', String(type))}`,
      });
    expect((await report(8)).statusCode).toBe(204);
    expect((await notificationRow(ctx, id)).delivery_state).toBe('accepted');
    expect((await report(1)).statusCode).toBe(204);
    const delivered = await notificationRow(ctx, id);
    expect(delivered.delivery_state).toBe('delivered');
    expect(delivered.delivered_at).toBe(ctx.clock.now().toISOString());
    expect((await report(2)).statusCode).toBe(204);
    expect((await notificationRow(ctx, id)).delivery_state).toBe('delivered');
  });

  it('records a failed delivery with its reason', async () => {
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '135790' } });
    await ctx.drain();
    const res = await ctx.app.inject({ url: `/api/notifications/dlr/${TOKEN}?id=${id}&status=16` });
    expect(res.statusCode).toBe(204);
    expect(await notificationRow(ctx, id)).toMatchObject({
      delivery_state: 'undelivered',
      last_error: 'gateway status 16',
    });
  });

  it('fails the row for good on a 4xx answer, without retrying', async () => {
    sink.answerWith(() => ({ status: 400, body: 'Invalid receiver' }));
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '112233' } });
    await ctx.drain();
    expect(await notificationRow(ctx, id)).toMatchObject({
      state: 'failed',
      last_error: 'gateway answered HTTP 400: Invalid receiver',
    });
    expect((await sendJob(ctx, id)).state).toBe('failed');
  });

  it.each([503, 429])('retries later on HTTP %i', async (status) => {
    sink.answerWith(() => ({ status, body: 'busy' }));
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '445566' } });
    await ctx.drain();
    expect(await notificationRow(ctx, id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect((await sendJob(ctx, id)).state).toBe('queued');
    sink.answerWith(() => ({ status: 202, body: '0: Accepted for delivery' }));
    ctx.clock.advance(60_000);
    await ctx.drain();
    expect((await notificationRow(ctx, id)).state).toBe('sent');
  });
});

describe(`HTTP driver, a JSON aggregator (${testDialect})`, () => {
  let sink: Awaited<ReturnType<typeof startSink>>;
  let ctx: TestContext;
  let counter = 0;

  beforeAll(async () => {
    sink = await startSink();
    sink.answerWith(() => ({
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ code: 0, data: { messageId: `MZ-${++counter}` } }),
    }));
    ctx = await createTestContext({
      seed: false,
      env: {
        SMS_DRIVER: 'http',
        SMS_HTTP_URL: `${sink.url}/service/message/sendsmsmessage`,
        SMS_HTTP_METHOD: 'POST',
        SMS_HTTP_HEADERS: JSON.stringify({
          Authorization: 'Bearer api-key-1',
          'Content-Type': 'application/json',
        }),
        SMS_HTTP_BODY: '{"recipient":"{to}","text":"{text}","ref":"{id}"}',
        SMS_HTTP_ID_PATH: 'data.messageId',
        SMS_HTTP_OK_REGEX: '"code":\\s*0\\b',
        SMS_DLR_TOKEN: TOKEN,
      },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await sink.close();
  });

  it('posts JSON with the key, the text JSON-escaped, and keeps the gateway’s message id', async () => {
    const id = await queueTestSms(ctx, { template: 'x', values: {}, language: 'ru' });
    const text = 'Обращение «261118-0042»: "ответ" готов.\nПроверьте\\статус';
    await ctx.services.db.updateTable('notifications').set({ body: text }).where('id', '=', id).execute();
    const row = await notificationRow(ctx, id);
    await ctx.drain();
    const request = sink.requests[sink.requests.length - 1]!;
    expect(request.method).toBe('POST');
    expect(request.headers.authorization).toBe('Bearer api-key-1');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ recipient: row.recipient.slice(1), text, ref: id });
    expect(await notificationRow(ctx, id)).toMatchObject({ state: 'sent', provider_id: `MZ-${counter}` });
  });

  it('takes a JSON delivery report by the gateway’s message id', async () => {
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '778899' } });
    await ctx.drain();
    const { provider_id } = await notificationRow(ctx, id);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/notifications/dlr/${TOKEN}`,
      payload: { message_id: provider_id, status: 'DELIVERED' },
    });
    expect(res.statusCode).toBe(204);
    expect((await notificationRow(ctx, id)).delivery_state).toBe('delivered');
  });

  it('fails the row when the gateway refuses with a 200 answer (no balance)', async () => {
    sink.answerWith(() => ({ status: 200, body: '{"code":4,"message":"Insufficient balance"}' }));
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '102030' } });
    await ctx.drain();
    expect(await notificationRow(ctx, id)).toMatchObject({
      state: 'failed',
      last_error: 'gateway refused: {"code":4,"message":"Insufficient balance"}',
    });
  });

  it('retries later when the gateway cannot be reached', async () => {
    await sink.close();
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '405060' } });
    await ctx.drain();
    const row = await notificationRow(ctx, id);
    expect(row.state).toBe('pending');
    expect(row.last_error).toMatch(/^gateway unreachable: ./);
  });
});

describe('HTTP templates (pure)', () => {
  const values = { to: '77011234567', to_e164: '+77011234567', text: 'a&b "c"\nә', id: 'n-1', dlr_url: '' };

  it('URL-encodes in a URL or a form, JSON-escapes in JSON, and leaves other braces alone', () => {
    expect(fillTemplate('to={to_e164}&text={text}', values, 'url')).toBe(
      'to=%2B77011234567&text=a%26b%20%22c%22%0A%D3%99',
    );
    expect(fillTemplate('{"to":"{to}","text":"{text}","x":{"y":1}}', values, 'json')).toBe(
      '{"to":"77011234567","text":"a&b \\"c\\"\\nә","x":{"y":1}}',
    );
    expect(JSON.parse(fillTemplate('{"text":"{text}"}', values, 'json'))).toEqual({ text: values.text });
    expect(fillTemplate('{unknown} {id}', values, 'none')).toBe('{unknown} n-1');
  });

  it('guesses the body type from the body when no Content-Type is configured', () => {
    expect(bodyContentType({ headers: {}, body: '{"a":"{text}"}' })).toBe('application/json');
    expect(bodyContentType({ headers: {}, body: 'to={to}&text={text}' })).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(bodyContentType({ headers: { 'content-type': 'text/plain' }, body: '{x}' })).toBe('text/plain');
  });

  it('finds the message id by JSON path or by regex', () => {
    const answer = '{"result":{"messages":[{"id":"abc"}]},"n":7}';
    expect(valueAtPath(JSON.parse(answer), '$.result.messages[0].id')).toBe('abc');
    expect(providerIdFrom(answer, { idPath: 'result.messages.0.id', idRegex: '' })).toBe('abc');
    expect(providerIdFrom(answer, { idPath: 'n', idRegex: '' })).toBe('7');
    expect(providerIdFrom('OK: queued as 99812', { idPath: '', idRegex: 'queued as (\\d+)' })).toBe('99812');
    expect(providerIdFrom('0: Accepted for delivery', { idPath: 'id', idRegex: '' })).toBeNull();
  });
});
