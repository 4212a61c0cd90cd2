// Fuzzing from the OpenAPI document: every route, every parameter — values made from the route's own schema, then
// broken (wrong types, missing and extra fields, huge and hostile strings, path traversal, SQL metacharacters,
// unicode edge cases) — sent as each kind of caller. Whatever arrives, no answer may be a 5xx and the server must
// still be up. `npm test` runs FUZZ_RUNS=3 per route; `npm run fuzz` runs many more (FUZZ_SEED repeats a run).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginAs, type TestContext } from '../testing.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

/** What an attacker or a broken client sends in place of a value. */
const HOSTILE: unknown[] = [
  '',
  ' ',
  '0',
  '-1',
  '99999999999999999999999',
  '1e309',
  'NaN',
  'null',
  'true',
  "' OR '1'='1' --",
  '"; DROP TABLE appeals; --',
  '1; SELECT pg_sleep(5)',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '\u0000',
  'a\u0000b',
  '\uFEFF\u200B\u202E',
  '\uD800',
  '𝕏👨‍👩‍👧Ǆ',
  'ﬀ'.repeat(50),
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '%s%s%n',
  'a\r\nX-Injected: 1',
  'x'.repeat(70_000),
  -1,
  0,
  2 ** 53,
  1.5,
  -0,
  true,
  null,
  [],
  [[[]]],
  {},
  { $gt: '' },
  { __proto__: { polluted: 1 } },
];

function arbitraryFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constantFrom(...HOSTILE);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((s) => arbitraryFor(s, depth + 1)));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'date')
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.pattern) {
        try {
          return fc
            .stringMatching(new RegExp(schema.pattern))
            .filter((s) => s.length <= (schema.maxLength ?? 1e6));
        } catch {
          // A pattern fast-check cannot generate from: plain strings instead.
        }
      }
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? 40, 200),
      });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryFor(schema.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(
        Object.entries(properties).map(([key, s]) => [key, arbitraryFor(s, depth + 1)]),
      );
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.constantFrom(...HOSTILE);
  }
}

/** A value for the schema, then (most of the time) broken in one of the ways clients break things. */
function fuzzValue(schema: Schema | undefined, random: () => number, seed: number): unknown {
  const [valid] = fc.sample(arbitraryFor(schema), { numRuns: 1, seed });
  const hostile = HOSTILE[Math.floor(random() * HOSTILE.length)];
  const mode = Math.floor(random() * 6);
  if (mode === 0 || valid === null || typeof valid !== 'object' || Array.isArray(valid))
    return mode === 1 ? hostile : valid;
  const object = { ...(valid as Record<string, unknown>) };
  const keys = Object.keys(object);
  const key = keys[Math.floor(random() * keys.length)];
  if (mode === 2 && key) delete object[key];
  else if (mode === 3) object[`extra_${Math.floor(random() * 100)}`] = hostile;
  else if (mode === 4 && key) object[key] = hostile;
  else if (mode === 5) return hostile;
  return object;
}

const IDENTITIES = ['anonymous', 'operator', 'official', 'supervisor', 'admin'] as const;

let ctx: TestContext;
const cookies = new Map<string, string>();
/** Real ids now and then, so a broken body reaches the rules about a record that exists. */
const realIds: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  for (const who of IDENTITIES) if (who !== 'anonymous') cookies.set(who, await loginAs(ctx.app, who));
  const officials = await ctx.app.inject({ method: 'GET', url: '/api/directory/officials' });
  realIds.push(
    ...officials
      .json<{ id: string }[]>()
      .map((o) => o.id)
      .slice(0, 3),
  );
  const appeals = await ctx.app.inject({
    method: 'GET',
    url: '/api/office/inbox?view=all',
    headers: { cookie: cookies.get('operator')! },
  });
  if (appeals.statusCode === 200)
    realIds.push(...(appeals.json<{ items?: { id: string }[] }>().items ?? []).map((a) => a.id).slice(0, 3));
});
afterAll(() => ctx.close());

describe(`fuzzing every route from /api/openapi.json (${RUNS} per route, seed ${SEED})`, () => {
  it('answers anything with a 4xx at worst, never a 5xx, and stays up', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const random = mulberry32(SEED);
    const failures: string[] = [];
    let sent = 0;
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        // Signing out (everywhere) would end the sessions the rest of the run needs.
        if (template.startsWith('/api/auth/logout')) continue;
        for (let run = 0; run < RUNS; run++) {
          const who = IDENTITIES[Math.floor(random() * IDENTITIES.length)]!;
          const params = operation.parameters ?? [];
          const url = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
            const schema = params.find((p) => p.in === 'path' && p.name === name)?.schema;
            const value =
              random() < 0.25 && realIds.length > 0
                ? realIds[Math.floor(random() * realIds.length)]
                : fuzzValue(schema, random, SEED + sent);
            return encodePath(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
          });
          const query = new URLSearchParams();
          for (const p of params.filter((p) => p.in === 'query')) {
            if (!p.required && random() < 0.3) continue;
            const value = fuzzValue(p.schema, random, SEED + sent + 1);
            query.set(p.name, typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
          }
          if (random() < 0.2)
            query.set(`extra${run}`, String(HOSTILE[Math.floor(random() * HOSTILE.length)]));
          const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
          const body =
            contentType === undefined
              ? undefined
              : contentType.includes('json')
                ? JSON.stringify(fuzzValue(media?.schema, random, SEED + sent + 2))
                : Buffer.from(
                    fc.sample(fc.uint8Array({ maxLength: 2048 }), { numRuns: 1, seed: SEED + sent })[0]!,
                  );
          const path = `${url}${query.size > 0 ? `?${query}` : ''}`;
          const res = await ctx.app.inject({
            method: method.toUpperCase() as 'GET',
            url: path,
            remoteAddress: `10.${sent % 250}.${run % 250}.${Math.floor(random() * 250)}`,
            headers: {
              ...(who === 'anonymous' ? {} : { cookie: cookies.get(who)! }),
              ...(body === undefined ? {} : { 'content-type': contentType! }),
            },
            ...(body === undefined ? {} : { payload: body }),
          });
          sent++;
          if (res.statusCode >= 500)
            failures.push(
              `${method.toUpperCase()} ${path.slice(0, 300)} as ${who} → ${res.statusCode} ${res.body.slice(0, 200)}` +
                (body ? `\n    body ${String(body).slice(0, 300)}` : ''),
            );
        }
      }
    }
    expect(sent).toBeGreaterThan(100 * RUNS);
    expect(failures, `seed ${SEED}; FUZZ_SEED=${SEED} repeats this run`).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

/** As a browser would send it; a lone surrogate (which encodeURIComponent refuses) goes as its raw UTF-8 bytes. */
function encodePath(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** A small seeded generator, so FUZZ_SEED repeats a run exactly. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
