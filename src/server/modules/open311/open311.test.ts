// Open311 GeoReport v2 through the HTTP API, on SQLite or PostgreSQL (TEST_DATABASE): every endpoint's JSON validated
// against the spec's schemas with Ajv and its XML read back to the same content; every error in the spec's shape and
// status; nothing personal without a key; filing with a key (rate limit, idempotency); and the admins' keys.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, loginAs, type TestContext } from '../../testing.js';
import type { ApiKeyIssued, ApiKeyView } from '../../../common/open311.js';
import { makeAppeal, type MadeAppeal } from '../public/fixtures.js';
import { requestIds } from './ids.js';
import {
  discoverySchema,
  errorsSchema,
  georeportSchemas,
  postAnswerSchema,
  tokensSchema,
} from './spec-schemas.js';

const BASE = '/open311/v2';
const PHONE = '+77015550199';
const NOTE = 'SECRET-NOTE-4242 my neighbour Aigerim Nurlanovna at flat 12';
const ANSWER = 'ANSWER-SECRET-777';
const LIMIT = 6;

let ctx: TestContext;
let admin: string;
let operator: string | undefined;
let secret: string;
let keyId: string;
let kioskAppeal: MadeAppeal;
let answered: MadeAppeal;
let filedId: string;
let filedAppealId: string;
let kioskPub: string;
let answeredPub: string;
let filedToken: string;
let housing: string;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const [name, schema] of Object.entries(georeportSchemas())) ajv.addSchema(schema, name);

function conforms(schemaOrName: string | object, body: unknown) {
  const validate =
    typeof schemaOrName === 'string' ? ajv.getSchema(schemaOrName)! : ajv.compile(schemaOrName);
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

const get = (url: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url: `${BASE}${url}`, headers });

function post(format: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return ctx.app.inject({
    method: 'POST',
    url: `${BASE}/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
}

/** The spec's error: its status, a list of {code, description} in JSON (or <errors> in XML). */
function expectError(res: LightMyRequestResponse, status: number, format: 'json' | 'xml' = 'json') {
  expect(res.statusCode, res.body).toBe(status);
  if (format === 'xml') {
    expect(String(res.headers['content-type'])).toMatch(/^text\/xml/);
    const parsed = parseXml(res.body, 'errors', 'error');
    expect(parsed).toEqual([{ code: String(status), description: expect.any(String) as unknown }]);
    return;
  }
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = res.json<{ code: number }[]>();
  conforms(errorsSchema, body);
  expect(body[0]!.code).toBe(status);
}

const LIST_ITEMS = new Set(['request', 'service', 'endpoint', 'format', 'attribute', 'value', 'error']);
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => LIST_ITEMS.has(name) });

function parseXml(body: string, root: string, item: string | null): unknown {
  expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const doc = xml.parse(body) as Record<string, Record<string, unknown>>;
  const top = doc[root]!;
  return item === null ? top : (top[item] ?? []);
}

/** JSON as XML would carry it: every value a string, null empty, lists under their item element. */
function asXmlContent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asXmlContent);
  if (value === null) return '';
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => {
        const item = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' }[
          k
        ];
        return [k, item && Array.isArray(v) ? { [item]: asXmlContent(v) } : asXmlContent(v)];
      }),
    );
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Fetches `.json` and `.xml`, validates the JSON, and checks that the XML says the same. */
async function both(path: string, schema: string | object, root: string, item: string | null, query = '') {
  const json = await get(`${path}.json${query}`);
  expect(json.statusCode, json.body).toBe(200);
  expect(String(json.headers['content-type'])).toMatch(/^application\/json/);
  const body = json.json<unknown>();
  conforms(schema, body);
  const asXml = await get(`${path}.xml${query}`);
  expect(asXml.statusCode, asXml.body).toBe(200);
  expect(String(asXml.headers['content-type'])).toMatch(/^text\/xml/);
  expect(parseXml(asXml.body, root, item)).toEqual(asXmlContent(body));
  return { body, text: json.body + asXml.body };
}

beforeAll(async () => {
  ctx = await createTestContext({
    env: {
      OPEN311_POSTS_PER_KEY_HOUR: String(LIMIT),
      OPEN311_JURISDICTION_ID: 'oskemen.kz',
      PUBLIC_URL: 'https://dialog.example.kz',
    },
  });
  admin = await loginAs(ctx.app, 'admin');
  const issued = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/api-keys',
    headers: { cookie: admin },
    payload: { name: 'Qala app' },
  });
  expect(issued.statusCode, issued.body).toBe(201);
  ({ secret } = issued.json<ApiKeyIssued>());
  keyId = issued.json<ApiKeyIssued>().key.id;

  const { db, storage } = ctx.services;
  const now = ctx.services.clock.now();
  housing = (
    await db.selectFrom('categories').select(['id', 'code']).orderBy('sort_order').executeTakeFirstOrThrow()
  ).code;
  // A booth appeal with a distinctive phone, text and video, and an answered one with a distinctive answer.
  kioskAppeal = await makeAppeal(db, storage, now, { phone: PHONE });
  const mediaId = crypto.randomUUID();
  await db
    .insertInto('media_files')
    .values({
      id: mediaId,
      kind: 'appeal_video',
      state: 'ready',
      mime_type: 'video/webm',
      size_bytes: 1000,
      sha256: null,
      duration_ms: 3000,
      width: 320,
      height: 240,
      original_key: `appeals/${mediaId}/original.webm`,
      playback_key: `appeals/${mediaId}/playback.mp4`,
      poster_key: null,
      failure_reason: null,
      appeal_id: kioskAppeal.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      owner: null,
      reservation_id: null,
    })
    .execute();
  await db
    .updateTable('appeals')
    .set({ note: NOTE, media_id: mediaId, iin: '900101300126' })
    .where('id', '=', kioskAppeal.id)
    .execute();
  answered = await makeAppeal(db, storage, now, { phone: '+77015550288', answer: { body: ANSWER } });
  // Long before the default window.
  await makeAppeal(db, storage, now, { registeredAt: '2026-03-01T05:00:00.000Z' });

  const filed = await post('json', {
    api_key: secret,
    service_code: housing,
    description: 'The lift in our block has not worked for two weeks.',
    phone: '8 701 555 03 77',
    first_name: 'Aruzhan',
    address_string: 'Kazakhstan St 1, Öskemen',
    'attribute[appeal_type]': 'complaint',
  });
  expect(filed.statusCode, filed.body).toBe(200);
  conforms(postAnswerSchema, filed.json());
  const [first] = filed.json<{ service_request_id: string; token: string }[]>();
  ({ service_request_id: filedId, token: filedToken } = first!);
  const ids = await requestIds(ctx.services);
  filedAppealId = ids.toAppeal(filedId)!;
  kioskPub = ids.toPublic(kioskAppeal.id);
  answeredPub = ids.toPublic(answered.id);
});
afterAll(() => ctx.close());

describe('Open311 conformance', () => {
  it('serves discovery in JSON and XML', async () => {
    const { body } = await both('/discovery', discoverySchema, 'discovery', null);
    expect(body).toMatchObject({
      endpoints: [{ url: 'https://dialog.example.kz/open311/v2', type: 'production' }],
    });
  });

  it('lists the topics as services in the language asked for', async () => {
    const { body } = await both('/services', 'services.json', 'services', 'service', '?locale=kk_KZ');
    const list = body as { service_code: string; service_name: string }[];
    expect(list.map((s) => s.service_code)).toContain(housing);
    expect(list.at(-1)?.service_code).toBe('_general');
    const ru = (await get('/services.json?locale=ru')).json<
      { service_code: string; service_name: string }[]
    >();
    const en = (await get('/services.json?locale=en')).json<
      { service_code: string; service_name: string }[]
    >();
    expect(ru[0]!.service_name).not.toBe(en[0]!.service_name);
  });

  it("gives a service's definition: the kind of appeal as a list", async () => {
    const { body } = await both(
      `/services/${housing}`,
      'service-definition.json',
      'service_definition',
      null,
    );
    expect(body).toMatchObject({
      service_code: housing,
      attributes: [{ code: 'appeal_type', datatype: 'singlevaluelist' }],
    });
    await both('/services/_general', 'service-definition.json', 'service_definition', null);
  });

  it('lists requests of the last 90 days, newest first, and one request as an array of one', async () => {
    const { body } = await both('/requests', 'requests.json', 'service_requests', 'request');
    const list = body as { service_request_id: string; requested_datetime: string; status: string }[];
    expect(list.map((r) => r.service_request_id)).toEqual(
      expect.arrayContaining([kioskPub, answeredPub, filedId]),
    );
    expect(list).toHaveLength(3);
    expect([...list].sort((a, b) => b.requested_datetime.localeCompare(a.requested_datetime))).toEqual(list);
    expect(list.find((r) => r.service_request_id === answeredPub)?.status).toBe('closed');
    const one = await both(`/requests/${filedId}`, 'requests.json', 'service_requests', 'request');
    expect(one.body).toMatchObject([
      {
        service_request_id: filedId,
        service_code: housing,
        status: 'open',
        expected_datetime: expect.stringMatching(/T18:59:59Z$/) as unknown,
      },
    ]);
  });

  it('filters by ids, service, dates and status', async () => {
    const ids = (q: string) =>
      get(`/requests.json${q}`).then((r) => {
        expect(r.statusCode, r.body).toBe(200);
        conforms('requests.json', r.json());
        return r
          .json<{ service_request_id: string }[]>()
          .map((x) => x.service_request_id)
          .sort();
      });
    expect(await ids(`?service_request_id=${answeredPub},${filedId}&status=open`)).toEqual(
      [answeredPub, filedId].sort(),
    );
    expect(await ids(`?service_code=${housing}`)).toEqual([filedId]);
    expect(await ids('?service_code=_general&status=open')).toEqual([kioskPub]);
    expect(await ids('?status=closed')).toEqual([answeredPub]);
    expect(await ids('?start_date=2026-02-20T00:00:00%2B05:00&end_date=2026-03-10T00:00:00Z')).toHaveLength(
      1,
    );
    expect(await ids('?start_date=2026-11-19T00:00:00Z')).toEqual([]);
  });

  it('answers a token with the request it stands for', async () => {
    const { body } = await both(`/tokens/${filedToken}`, tokensSchema, 'service_requests', 'request');
    expect(body).toEqual([{ service_request_id: filedId, token: filedToken }]);
  });
});

describe('Open311 errors, in the spec’s shape', () => {
  it.each([
    ['/services/no-such-topic.json', 404],
    ['/services/no-such-topic.xml', 404],
    ['/requests.json?service_code=no-such-topic', 400],
    ['/requests.json?start_date=yesterday', 400],
    ['/requests.xml?end_date=2026-13-45T00:00:00Z', 400],
    ['/requests.json?start_date=2026-11-10T00:00:00Z&end_date=2026-11-01T00:00:00Z', 400],
    ['/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z', 400],
    ['/requests.json?status=pending', 400],
    ['/requests.json?service_request_id=<1001 ids>', 400],
    [`/requests/${crypto.randomUUID()}.json`, 404],
    ['/requests/AAAAAAAAAAAAAAAAAAAAAA.json', 404],
    ['/requests/1.xml', 404],
    ['/tokens/no-such-token.json', 404],
    ['/services.csv', 400],
    ['/services', 404],
    ['/nothing.json', 404],
    ['/services.json?jurisdiction_id=almaty.kz', 404],
    ['/requests.json?api_key=dlg311_wrong', 403],
  ])('GET %s → %i', async (url, status) => {
    const ids = Array.from({ length: 1001 }, () => crypto.randomUUID()).join(',');
    expectError(await get(url.replace('<1001 ids>', ids)), status, url.includes('.xml') ? 'xml' : 'json');
  });

  it('takes the configured jurisdiction_id', async () => {
    expect((await get('/services.json?jurisdiction_id=oskemen.kz')).statusCode).toBe(200);
  });

  const valid = () => ({
    api_key: secret,
    service_code: housing,
    description: 'Street lights are off on our street every night.',
    phone: '+77015550311',
  });

  it.each([
    ['no api_key', { api_key: '' }, 403],
    ['an unknown api_key', { api_key: 'dlg311_not-a-key' }, 403],
    ['no service_code', { service_code: '' }, 400],
    ['an unknown service_code', { service_code: 'no-such-topic' }, 400],
    ['no description', { description: '' }, 400],
    ['a description too short', { description: 'Too short' }, 400],
    ['no phone', { phone: '' }, 400],
    ['a phone that is not a Kazakh mobile', { phone: '+4930123456' }, 400],
    ['an unknown appeal type', { 'attribute[appeal_type]': 'petition' }, 400],
    ['a latitude out of range', { lat: '123' }, 400],
  ])('POST with %s is refused', async (_name, change, status) => {
    const before = await ctx.services.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expectError(await post('json', { ...valid(), ...change }), status);
    expectError(await post('xml', { ...valid(), ...change }), status, 'xml');
    const after = await ctx.services.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('What leaves without a key', () => {
  it('never carries a phone, IIN, text, answer, name, registration number or video', async () => {
    const texts: string[] = [];
    for (const path of [
      '/requests',
      `/requests/${kioskPub}`,
      `/requests/${filedId}`,
      `/tokens/${filedToken}`,
      '/services',
      `/services/${housing}`,
      '/discovery',
    ])
      for (const format of ['json', 'xml']) texts.push((await get(`${path}.${format}`)).body);
    const all = texts.join('\n');
    for (const secretBit of [
      PHONE,
      PHONE.slice(2),
      '5550199',
      '5550377',
      '900101300126',
      'SECRET-NOTE',
      'Aigerim',
      ANSWER,
      'Aruzhan',
      'lift in our block',
      'Kazakhstan St',
      kioskAppeal.registrationNumber,
      kioskAppeal.id,
      answered.id,
      filedAppealId,
      answered.registrationNumber,
      '/video',
      '/office/',
      'playback',
    ])
      expect(all).not.toContain(secretBit);
    const [one] = (await get(`/requests/${kioskPub}.json`)).json<Record<string, unknown>[]>();
    expect(one).toMatchObject({ description: null, media_url: null, address: null, lat: null });
    // Nothing outside the spec's fields.
    const fields = Object.keys((georeportSchemas()['request.json'] as { properties: object }).properties);
    expect(Object.keys(one!).filter((k) => !fields.includes(k))).toEqual([]);
  });

  it('gives a key holder the office page of a video appeal and the text of its own filings only', async () => {
    const list = (await get('/requests.json', { 'x-api-key': secret })).json<Record<string, unknown>[]>();
    conforms('requests.json', list);
    const kiosk = list.find((r) => r.service_request_id === kioskPub)!;
    expect(kiosk.media_url).toBe(`https://dialog.example.kz/office/appeals/${kioskAppeal.id}`);
    expect(kiosk.description).toBeNull();
    const own = (await get(`/requests/${filedId}.xml?api_key=${encodeURIComponent(secret)}`)).body;
    expect(own).toContain('lift in our block');
    const reads = await ctx.services.db
      .selectFrom('audit_events')
      .select(['detail'])
      .where('action', '=', 'open311.descriptions_read')
      .where('subject_id', '=', keyId)
      .execute();
    expect(reads.map((r) => JSON.parse(r.detail) as { appeals: string[] })).toContainEqual(
      expect.objectContaining({ appeals: [filedAppealId] }) as unknown,
    );
    expect(JSON.stringify(list)).not.toContain(PHONE);
  });
});

describe('Filing from a partner app', () => {
  it('registers a typed appeal from the partner, queues the receipt SMS and records who vouched', async () => {
    const { db } = ctx.services;
    const appeal = await db
      .selectFrom('appeals')
      .selectAll()
      .where('id', '=', filedAppealId)
      .executeTakeFirstOrThrow();
    expect(appeal).toMatchObject({
      source: 'partner',
      status: 'registered',
      phone_e164: '+77015550377',
      type: 'complaint',
      media_id: null,
    });
    expect(appeal.note).toContain('Kazakhstan St 1');
    expect(appeal.department_id).not.toBeNull();
    const sms = await db
      .selectFrom('notifications')
      .select(['template', 'recipient'])
      .where('appeal_id', '=', filedAppealId)
      .execute();
    expect(sms).toContainEqual({ template: 'receipt', recipient: '+77015550377' });
    const audit = await db
      .selectFrom('audit_events')
      .select(['detail'])
      .where('subject_id', '=', filedAppealId)
      .where('action', '=', 'appeal.submitted')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ source: 'partner', apiKeyId: keyId });
  });

  it('answers a retry with the same Idempotency-Key with the first filing', async () => {
    const form = {
      api_key: secret,
      service_code: '_general',
      description: 'Please repair the bus stop shelter near school 5.',
      phone: '+77015550312',
    };
    const first = await post('json', form, { 'idempotency-key': 'retry-1' });
    const again = await post('xml', form, { 'idempotency-key': 'retry-1' });
    expect(first.statusCode, first.body).toBe(200);
    const [filing] = first.json<{ service_request_id: string; token: string }[]>();
    const { service_request_id: id, token } = filing!;
    expect(parseXml(again.body, 'service_requests', 'request')).toEqual([
      expect.objectContaining({ service_request_id: id, token }) as unknown,
    ]);
    const n = await ctx.services.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('phone_e164', '=', '+77015550312')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it(`refuses more than ${LIMIT} filings per key an hour (429)`, async () => {
    const { db } = ctx.services;
    const filed = await db
      .selectFrom('open311_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('api_key_id', '=', keyId)
      .executeTakeFirstOrThrow();
    for (let i = Number(filed.n); i < LIMIT; i++) {
      const res = await post('json', {
        api_key: secret,
        service_code: housing,
        description: `Filing number ${i} to reach the hourly limit.`,
        phone: '+77015550313',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expectError(
      await post('json', {
        api_key: secret,
        service_code: housing,
        description: 'One filing too many for this hour.',
        phone: '+77015550313',
      }),
      429,
    );
  });
});

describe('API keys for admins', () => {
  it('lists keys with their use, never the secret, and keeps only its hash', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/api-keys',
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    const [key] = res.json<ApiKeyView[]>();
    expect(key).toMatchObject({
      id: keyId,
      name: 'Qala app',
      revokedAt: null,
      requests: LIMIT,
      lastUsedAt: expect.any(String) as unknown,
    });
    expect(secret.startsWith(key!.prefix)).toBe(true);
    expect(res.body).not.toContain(secret);
    const row = await ctx.services.db
      .selectFrom('open311_api_keys')
      .selectAll()
      .where('id', '=', keyId)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(crypto.createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it.each([
    ['the list to an operator', 'GET', '', 'operator', undefined, 403, 'forbidden'],
    ['an issue to an operator', 'POST', '', 'operator', { name: 'x' }, 403, 'forbidden'],
    ['the list to nobody signed in', 'GET', '', null, undefined, 401, 'not-authenticated'],
    ['an issue with a blank name', 'POST', '', 'admin', { name: '  ' }, 400, 'validation-failed'],
    [
      'a revoke of an unknown key',
      'POST',
      `/${crypto.randomUUID()}/revoke`,
      'admin',
      undefined,
      404,
      'api-key-not-found',
    ],
  ] as const)('refuses %s', async (_what, method, path, who, payload, status, slug) => {
    operator ??= await loginAs(ctx.app, 'operator');
    const cookie = who === null ? undefined : who === 'admin' ? admin : operator;
    const res = await ctx.app.inject({
      method,
      url: `/api/admin/api-keys${path}`,
      headers: cookie ? { cookie } : {},
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json<{ type: string }>().type).toBe(`/problems/${slug}`);
  });

  it('revokes a key at once: reads and filings with it are refused (403), and both acts are audited', async () => {
    const issued = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/api-keys',
      headers: { cookie: admin },
      payload: { name: 'Short-lived' },
    });
    const { key, secret: other } = issued.json<ApiKeyIssued>();
    expect((await get('/requests.json', { 'x-api-key': other })).statusCode).toBe(200);
    const revoked = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/api-keys/${key.id}/revoke`,
      headers: { cookie: admin },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<ApiKeyView>().revokedAt).not.toBeNull();
    expectError(await get('/requests.json', { 'x-api-key': other }), 403);
    expectError(
      await post('xml', {
        api_key: other,
        service_code: housing,
        description: 'Filed with a revoked key, refused.',
        phone: '+77015550314',
      }),
      403,
      'xml',
    );
    const actions = await ctx.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', key.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['open311_key.issued', 'open311_key.revoked']);
  });
});
