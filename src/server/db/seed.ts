// Loads the demo city administration (departments, officials with portraits, topics, reference, calendar) and
// one demo account per role into an empty database.
import crypto from 'node:crypto';
import type { Database } from './index.js';
import type { BlobStore } from '../storage/index.js';
import type { Clock } from '../clock.js';
import {
  DEMO_ACCOUNTS,
  DEMO_CATEGORIES,
  DEMO_DEPARTMENTS,
  DEMO_FAQ,
  DEMO_OFFICIALS,
  KURBAN_AIT,
  type Tri,
} from './seed-data.js';
import { portraitSvg } from '../media/portrait.js';
import { hashPassword } from '../modules/auth/service.js';
import { seedStatutoryCalendar } from '../modules/calendar/repository.js';

export async function isEmpty(db: Database): Promise<boolean> {
  const row = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

const flat = <P extends string>(prefix: P, t: Tri) =>
  ({ [`${prefix}_kk`]: t.kk, [`${prefix}_ru`]: t.ru, [`${prefix}_en`]: t.en }) as Record<
    `${P}_${'kk' | 'ru' | 'en'}`,
    string
  >;

export async function seedDemo(db: Database, storage: BlobStore, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  const departmentIds = new Map<string, string>();
  const officialIds = new Map<string, string>();
  const categoryIds = new Map<string, string>();

  // Portraits first: blobs outside the transaction, rows inside it.
  const photoKeys = new Map<string, string>();
  for (const official of DEMO_OFFICIALS) {
    const key = `photos/${official.code}.svg`;
    await storage.put(key, Buffer.from(portraitSvg(official.code, { sex: official.sex })));
    photoKeys.set(official.code, key);
  }
  const passwordHashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));

  await db.transaction().execute(async (trx) => {
    for (const d of DEMO_DEPARTMENTS) {
      const id = crypto.randomUUID();
      departmentIds.set(d.code, id);
      await trx
        .insertInto('departments')
        .values({ id, code: d.code, sort_order: d.sortOrder, created_at: now, ...flat('name', d.name) })
        .execute();
    }
    for (const o of DEMO_OFFICIALS) {
      const id = crypto.randomUUID();
      officialIds.set(o.code, id);
      await trx
        .insertInto('officials')
        .values({
          id,
          department_id: departmentIds.get(o.departmentCode) ?? '',
          photo_key: photoKeys.get(o.code) ?? null,
          shown_in_kiosk: 1,
          code: o.code,
          sort_order: o.kioskOrder,
          active: 1,
          created_at: now,
          ...flat('full_name', o.fullName),
          ...flat('position', o.position),
          ...flat('area', o.area),
        })
        .execute();
    }
    for (const c of DEMO_CATEGORIES) {
      const id = crypto.randomUUID();
      categoryIds.set(c.code, id);
      await trx
        .insertInto('categories')
        .values({
          id,
          code: c.code,
          default_official_id: officialIds.get(c.defaultOfficialCode) ?? null,
          sort_order: c.sortOrder,
          active: 1,
          ...flat('name', c.name),
        })
        .execute();
    }
    for (const f of DEMO_FAQ) {
      await trx
        .insertInto('faq_articles')
        .values({
          id: crypto.randomUUID(),
          slug: f.slug,
          category_id: f.categoryCode ? (categoryIds.get(f.categoryCode) ?? null) : null,
          sort_order: f.sortOrder,
          published: 1,
          updated_at: now,
          ...flat('title', f.title),
          ...flat('body', f.body),
        })
        .execute();
    }
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      await trx
        .insertInto('staff_users')
        .values({
          id: crypto.randomUUID(),
          username: a.username,
          display_name: a.displayName,
          password_hash: passwordHashes[i] ?? '',
          roles: a.role,
          official_id: a.officialCode ? (officialIds.get(a.officialCode) ?? null) : null,
          active: 1,
          created_at: now,
        })
        .execute();
    }
    await trx
      .insertInto('kiosks')
      .values({
        id: crypto.randomUUID(),
        name: 'ЦОН №1',
        location: 'Öskemen, Belinsky St.',
        token_hash: null,
        last_heartbeat_at: null,
        created_at: now,
      })
      .execute();
    const year = clock.now().getUTCFullYear();
    await seedStatutoryCalendar(trx, [year - 1, year, year + 1, year + 2], KURBAN_AIT);
  });
}
