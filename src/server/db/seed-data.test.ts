import { describe, expect, it } from 'vitest';
import { ROLES } from '../../common/statuses.js';
import {
  DEMO_ACCOUNTS,
  DEMO_CATEGORIES,
  DEMO_DEPARTMENTS,
  DEMO_FAQ,
  DEMO_OFFICIALS,
  KURBAN_AIT,
  type Tri,
} from './seed-data.js';

function expectTri(t: Tri, what: string) {
  for (const lang of ['kk', 'ru', 'en'] as const) {
    expect(t[lang].trim(), `${what} ${lang}`).not.toBe('');
  }
}

function unique(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;

describe('seed data', () => {
  it('has every text in kk, ru and en', () => {
    for (const d of DEMO_DEPARTMENTS) expectTri(d.name, d.code);
    for (const o of DEMO_OFFICIALS) {
      expectTri(o.fullName, o.code);
      expectTri(o.position, o.code);
      expectTri(o.area, o.code);
    }
    for (const c of DEMO_CATEGORIES) expectTri(c.name, c.code);
    for (const f of DEMO_FAQ) {
      expectTri(f.title, f.slug);
      expectTri(f.body, f.slug);
    }
  });

  it('has unique codes, slugs, orders and usernames', () => {
    expect(unique(DEMO_DEPARTMENTS.map((d) => d.code))).toBe(true);
    expect(unique(DEMO_OFFICIALS.map((o) => o.code))).toBe(true);
    expect(unique(DEMO_OFFICIALS.map((o) => o.kioskOrder))).toBe(true);
    expect(unique(DEMO_CATEGORIES.map((c) => c.code))).toBe(true);
    expect(unique(DEMO_FAQ.map((f) => f.slug))).toBe(true);
    expect(unique(DEMO_ACCOUNTS.map((a) => a.username))).toBe(true);
  });

  it('has the sizes asked for', () => {
    expect(DEMO_OFFICIALS.length).toBeGreaterThanOrEqual(22);
    expect(DEMO_OFFICIALS.length).toBeLessThanOrEqual(26);
    expect(DEMO_CATEGORIES.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_CATEGORIES.length).toBeLessThanOrEqual(16);
    expect(DEMO_FAQ.length).toBeGreaterThanOrEqual(5);
  });

  it('refers only to things that exist', () => {
    const departments = new Set(DEMO_DEPARTMENTS.map((d) => d.code));
    const officials = new Set(DEMO_OFFICIALS.map((o) => o.code));
    const categories = new Set(DEMO_CATEGORIES.map((c) => c.code));
    for (const o of DEMO_OFFICIALS) expect(departments.has(o.departmentCode), o.code).toBe(true);
    for (const c of DEMO_CATEGORIES) expect(officials.has(c.defaultOfficialCode), c.code).toBe(true);
    for (const f of DEMO_FAQ)
      if (f.categoryCode !== null) expect(categories.has(f.categoryCode), f.slug).toBe(true);
    for (const a of DEMO_ACCOUNTS) {
      expect(ROLES).toContain(a.role);
      if (a.role === 'official') expect(officials.has(a.officialCode ?? ''), a.username).toBe(true);
      else expect(a.officialCode).toBeNull();
    }
  });

  it('writes Kazakh in Kazakh, not copied Russian', () => {
    expect(DEMO_OFFICIALS.some((o) => KAZAKH_LETTERS.test(o.position.kk))).toBe(true);
    expect(DEMO_DEPARTMENTS.filter((d) => d.name.kk === d.name.ru)).toEqual([]);
    expect(DEMO_OFFICIALS.filter((o) => o.position.kk === o.position.ru || o.area.kk === o.area.ru)).toEqual(
      [],
    );
  });

  it('puts the demo official first on the kiosk, the akim second', () => {
    const sorted = [...DEMO_OFFICIALS].sort((a, b) => a.kioskOrder - b.kioskOrder);
    const first = sorted[0];
    expect(DEMO_OFFICIALS.filter((o) => o.kioskOrder === first?.kioskOrder)).toHaveLength(1);
    expect(DEMO_OFFICIALS[0]).toBe(first);
    expect(DEMO_ACCOUNTS.find((a) => a.username === 'official')?.officialCode).toBe(first?.code);
    expect(sorted[1]?.code).toBe('akim');
  });

  it('has the demo accounts', () => {
    const byName = new Map(DEMO_ACCOUNTS.map((a) => [a.username, a]));
    for (const name of ['official', 'operator', 'supervisor', 'admin', 'akim']) {
      expect(byName.get(name)?.password).toBe(`${name}-demo`);
    }
    expect(byName.get('akim')?.officialCode).toBe('akim');
  });

  it('has Kurban Ait for 2024–2028', () => {
    for (let year = 2024; year <= 2028; year++) {
      expect(KURBAN_AIT[year]).toMatch(new RegExp(`^${year}-\\d{2}-\\d{2}$`));
    }
    expect(KURBAN_AIT[2025]).toBe('2025-06-06');
  });
});
