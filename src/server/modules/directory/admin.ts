// The rules of keeping the directory: departments, officials (retire, never delete one who has appeals; a retiring
// official's open appeals move in the same transaction), photos, topics, and the import of a whole directory file.
// Every change is audited; `actor.userId` is null for the command line.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  AdminCategory,
  AdminDepartment,
  AdminOfficial,
  CategoryBody,
  DepartmentBody,
  DirectoryFormat,
  ImportReport,
  OfficialBody,
  RetireBody,
  RetireResult,
} from '../../../common/directory.js';
import type { Trilingual } from '../../../common/api.js';
import type { DB, Official } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { uuidv7 } from '../../ids.js';
import { recordAudit } from '../audit/repository.js';
import { insertHistory } from '../appeals/repository.js';
import { encodePortrait } from './photo.js';
import { checkDirectoryRows, readDirectoryFile, writeDirectoryFile, type ExportRow } from './import.js';
import {
  deleteOfficialRow,
  findCategory,
  findCategoryByCode,
  findDepartment,
  findDepartmentByCode,
  findOfficial,
  findOfficialByCode,
  insertCategory,
  insertDepartment,
  insertOfficial,
  listCategories,
  listDepartments,
  listOfficials,
  maxSortOrder,
  officialReferences,
  openAppealsOf,
  reassignAppeal,
  setSortOrder,
  updateCategory,
  updateDepartment,
  updateOfficial,
  type OfficialAdminRow,
} from './repository.js';
import { photoUrl, tri } from './service.js';

export interface Actor {
  userId: string | null;
  ip: string | null;
}

type Trx = Transaction<DB>;

const flat = <P extends string>(prefix: P, t: Trilingual) =>
  ({ [`${prefix}_kk`]: t.kk.trim(), [`${prefix}_ru`]: t.ru.trim(), [`${prefix}_en`]: t.en.trim() }) as Record<
    `${P}_${'kk' | 'ru' | 'en'}`,
    string
  >;

function audit(
  services: Services,
  db: Services['db'] | Trx,
  actor: Actor,
  action: string,
  subjectType: string,
  subjectId: string,
  detail: Record<string, unknown> = {},
) {
  return recordAudit(db, services.clock, {
    actorUserId: actor.userId,
    actorKind: actor.userId ? 'staff' : 'system',
    action,
    subjectType,
    subjectId,
    ip: actor.ip,
    detail,
  });
}

// Departments

export async function adminDepartments(services: Services): Promise<AdminDepartment[]> {
  const rows = await listDepartments(services.db);
  return rows.map((d) => ({
    id: d.id,
    code: d.code,
    name: tri(d, 'name'),
    sortOrder: d.sort_order,
    active: d.active === 1,
    retiredAt: d.retired_at,
    activeOfficials: Number(d.active_officials ?? 0),
  }));
}

async function departmentView(services: Services, id: string): Promise<AdminDepartment> {
  const found = (await adminDepartments(services)).find((d) => d.id === id);
  if (!found) throw new Problem('department-not-found');
  return found;
}

async function codeFree(
  services: Services,
  table: 'departments' | 'officials' | 'categories',
  code: string,
  id?: string,
) {
  const row =
    table === 'departments'
      ? await findDepartmentByCode(services.db, code)
      : table === 'officials'
        ? await findOfficialByCode(services.db, code)
        : await findCategoryByCode(services.db, code);
  if (row && row.id !== id) throw new Problem('directory-code-taken', `The code ${code} is taken.`);
}

export async function createDepartment(services: Services, actor: Actor, body: DepartmentBody) {
  await codeFree(services, 'departments', body.code);
  const id = crypto.randomUUID();
  const now = services.clock.now().toISOString();
  const sortOrder = (await maxSortOrder(services.db, 'departments')) + 1;
  await services.db.transaction().execute(async (trx) => {
    await insertDepartment(trx, {
      id,
      code: body.code,
      sort_order: sortOrder,
      created_at: now,
      updated_at: now,
      ...flat('name', body.name),
    });
    await audit(services, trx, actor, 'department.created', 'department', id, { code: body.code });
  });
  return departmentView(services, id);
}

export async function editDepartment(services: Services, actor: Actor, id: string, body: DepartmentBody) {
  const before = await findDepartment(services.db, id);
  if (!before) throw new Problem('department-not-found');
  await codeFree(services, 'departments', body.code, id);
  await services.db.transaction().execute(async (trx) => {
    await updateDepartment(trx, id, {
      code: body.code,
      updated_at: services.clock.now().toISOString(),
      ...flat('name', body.name),
    });
    await audit(services, trx, actor, 'department.updated', 'department', id, {
      before: { code: before.code, name: tri(before, 'name') },
      after: { code: body.code, name: body.name },
    });
  });
  return departmentView(services, id);
}

export async function retireDepartment(services: Services, actor: Actor, id: string) {
  const view = await departmentView(services, id);
  if (!view.active) throw new Problem('already-retired');
  if (view.activeOfficials > 0)
    throw new Problem(
      'department-has-officials',
      `${view.activeOfficials} official(s) still work in it: retire or move them first.`,
    );
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    await updateDepartment(trx, id, { active: 0, retired_at: now, updated_at: now });
    // Topics that routed here go to the operator instead.
    await trx
      .updateTable('categories')
      .set({ default_department_id: null, updated_at: now })
      .where('default_department_id', '=', id)
      .execute();
    await audit(services, trx, actor, 'department.retired', 'department', id, { code: view.code });
  });
  return departmentView(services, id);
}

export async function restoreDepartment(services: Services, actor: Actor, id: string) {
  const view = await departmentView(services, id);
  if (view.active) throw new Problem('not-retired');
  await services.db.transaction().execute(async (trx) => {
    await updateDepartment(trx, id, {
      active: 1,
      retired_at: null,
      updated_at: services.clock.now().toISOString(),
    });
    await audit(services, trx, actor, 'department.restored', 'department', id, { code: view.code });
  });
  return departmentView(services, id);
}

/** Swaps a row with its neighbour in the listed order and numbers the whole list 1…n again. */
async function move(
  services: Services,
  actor: Actor,
  table: 'departments' | 'officials' | 'categories',
  ordered: readonly { id: string; sort_order: number }[],
  id: string,
  direction: 'up' | 'down',
  subject: 'department' | 'official' | 'category',
) {
  const index = ordered.findIndex((r) => r.id === id);
  const other = index + (direction === 'up' ? -1 : 1);
  if (other < 0 || other >= ordered.length) return;
  const list = [...ordered];
  [list[index], list[other]] = [list[other]!, list[index]!];
  await services.db.transaction().execute(async (trx) => {
    for (const [i, row] of list.entries())
      if (row.sort_order !== i + 1) await setSortOrder(trx, table, row.id, i + 1);
    await audit(services, trx, actor, `${subject}.moved`, subject, id, { direction, position: other + 1 });
  });
}

export async function moveDepartment(services: Services, actor: Actor, id: string, direction: 'up' | 'down') {
  const rows = await listDepartments(services.db);
  if (!rows.some((r) => r.id === id)) throw new Problem('department-not-found');
  await move(services, actor, 'departments', rows, id, direction, 'department');
  return adminDepartments(services);
}

// Officials

function officialView(row: OfficialAdminRow): AdminOfficial {
  return {
    id: row.id,
    code: row.code ?? '',
    departmentId: row.department_id,
    fullName: tri(row, 'full_name'),
    position: tri(row, 'position'),
    area: tri(row, 'area'),
    receptionHours: tri(row, 'reception_hours'),
    photoUrl: photoUrl(row.id, row.photo_key),
    shownInKiosk: row.shown_in_kiosk === 1,
    sortOrder: row.sort_order,
    active: row.active === 1,
    retiredAt: row.retired_at,
    deputyOfficialId: row.deputy_official_id,
    openAppeals: Number(row.open_appeals ?? 0),
    totalAppeals: Number(row.total_appeals ?? 0),
  };
}

export async function adminOfficials(services: Services): Promise<AdminOfficial[]> {
  return (await listOfficials(services.db)).map(officialView);
}

export async function adminOfficial(services: Services, id: string): Promise<AdminOfficial> {
  const [row] = await listOfficials(services.db, id);
  if (!row) throw new Problem('official-not-found');
  return officialView(row);
}

async function checkOfficialBody(services: Services, body: OfficialBody, id?: string) {
  await codeFree(services, 'officials', body.code, id);
  const department = await findDepartment(services.db, body.departmentId);
  if (!department) throw new Problem('department-not-found', 'No such department.');
  if (department.active !== 1) throw new Problem('department-retired');
  if (body.deputyOfficialId) {
    const deputy = await findOfficial(services.db, body.deputyOfficialId);
    if (!deputy || deputy.id === id || deputy.active !== 1)
      throw new Problem('deputy-invalid', 'A deputy is another official who is not retired.');
  }
}

function officialColumns(body: OfficialBody) {
  return {
    code: body.code,
    department_id: body.departmentId,
    shown_in_kiosk: body.shownInKiosk ? 1 : 0,
    deputy_official_id: body.deputyOfficialId,
    ...flat('full_name', body.fullName),
    ...flat('position', body.position),
    ...flat('area', body.area),
    ...flat('reception_hours', body.receptionHours),
  };
}

export async function createOfficial(services: Services, actor: Actor, body: OfficialBody) {
  await checkOfficialBody(services, body);
  const id = crypto.randomUUID();
  const now = services.clock.now().toISOString();
  const sortOrder = (await maxSortOrder(services.db, 'officials')) + 1;
  await services.db.transaction().execute(async (trx) => {
    await insertOfficial(trx, {
      id,
      ...officialColumns(body),
      photo_key: null,
      sort_order: sortOrder,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    await audit(services, trx, actor, 'official.created', 'official', id, { code: body.code });
  });
  return adminOfficial(services, id);
}

/** The fields an edit changed, before and after, for the audit trail. */
function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(after))
    if (before[key] !== value) out[key] = { before: before[key] ?? null, after: value };
  return out;
}

export async function editOfficial(services: Services, actor: Actor, id: string, body: OfficialBody) {
  const before = await findOfficial(services.db, id);
  if (!before) throw new Problem('official-not-found');
  await checkOfficialBody(services, body, id);
  const columns = officialColumns(body);
  await services.db.transaction().execute(async (trx) => {
    await updateOfficial(trx, id, { ...columns, updated_at: services.clock.now().toISOString() });
    await audit(services, trx, actor, 'official.updated', 'official', id, {
      changes: changes(before, columns),
    });
  });
  return adminOfficial(services, id);
}

export async function moveOfficial(services: Services, actor: Actor, id: string, direction: 'up' | 'down') {
  const rows = await listOfficials(services.db);
  if (!rows.some((r) => r.id === id)) throw new Problem('official-not-found');
  await move(services, actor, 'officials', rows, id, direction, 'official');
  return adminOfficials(services);
}

function officialName(o: Official): string {
  return o.full_name_ru || o.full_name_en;
}

/**
 * Retires an official: no longer in the booth or the virtual reception, never deleted. Their open appeals go to the
 * official or department the admin names, each with a history row and an audit event, in one transaction with the
 * retirement; deputies who pointed at them are unlinked, and topics that routed to them follow their appeals.
 */
export async function retireOfficial(
  services: Services,
  actor: Actor,
  id: string,
  body: RetireBody,
): Promise<RetireResult> {
  const official = await findOfficial(services.db, id);
  if (!official) throw new Problem('official-not-found');
  if (official.active !== 1) throw new Problem('already-retired');
  if (body.toOfficialId && body.toDepartmentId)
    throw new Problem('retire-target-invalid', 'Name an official or a department, not both.');
  let to: { officialId: string | null; departmentId: string; label: string } | null = null;
  if (body.toOfficialId) {
    const target = await findOfficial(services.db, body.toOfficialId);
    if (!target || target.id === id || target.active !== 1)
      throw new Problem('retire-target-invalid', 'The appeals go to another official who is not retired.');
    to = { officialId: target.id, departmentId: target.department_id, label: officialName(target) };
  } else if (body.toDepartmentId) {
    const target = await findDepartment(services.db, body.toDepartmentId);
    if (!target || target.active !== 1)
      throw new Problem('retire-target-invalid', 'The appeals go to a department that is not retired.');
    to = { officialId: null, departmentId: target.id, label: target.name_ru || target.name_en };
  }
  const now = services.clock.now().toISOString();
  const moved = await services.db.transaction().execute(async (trx) => {
    // Read inside the transaction: an appeal registered meanwhile moves too.
    const open = await openAppealsOf(trx, id);
    if (open.length > 0 && !to)
      throw new Problem(
        'retire-target-required',
        `${open.length} open appeal(s) are addressed to this official: say where they go.`,
      );
    await updateOfficial(trx, id, { active: 0, retired_at: now, updated_at: now });
    const reason = to ? `The official ${officialName(official)} retired; passed to ${to.label}.` : null;
    for (const appeal of open) {
      if (!to) break;
      await reassignAppeal(trx, appeal.id, to, now);
      const historyId = uuidv7();
      await insertHistory(trx, {
        id: historyId,
        appeal_id: appeal.id,
        from_status: appeal.status,
        to_status: appeal.status,
        actor_user_id: actor.userId,
        reason,
        at: now,
      });
      await audit(services, trx, actor, 'appeal.reassigned', 'appeal', appeal.id, {
        reason: 'official_retired',
        fromOfficialId: id,
        fromDepartmentId: appeal.department_id,
        toOfficialId: to.officialId,
        toDepartmentId: to.departmentId,
        historyId,
      });
    }
    const unlinked = await trx
      .updateTable('officials')
      .set({ deputy_official_id: null, updated_at: now })
      .where('deputy_official_id', '=', id)
      .executeTakeFirst();
    const topics = await trx
      .updateTable('categories')
      .set({
        default_official_id: to?.officialId ?? null,
        default_department_id: to?.departmentId ?? official.department_id,
        updated_at: now,
      })
      .where('default_official_id', '=', id)
      .executeTakeFirst();
    await audit(services, trx, actor, 'official.retired', 'official', id, {
      code: official.code,
      movedAppeals: open.length,
      toOfficialId: to?.officialId ?? null,
      toDepartmentId: to?.departmentId ?? null,
      deputiesUnlinked: Number(unlinked.numUpdatedRows),
      topicsRerouted: Number(topics.numUpdatedRows),
    });
    return open.length;
  });
  return { official: await adminOfficial(services, id), movedAppeals: moved };
}

export async function restoreOfficial(services: Services, actor: Actor, id: string) {
  const official = await findOfficial(services.db, id);
  if (!official) throw new Problem('official-not-found');
  if (official.active === 1) throw new Problem('not-retired');
  const department = await findDepartment(services.db, official.department_id);
  if (department?.active !== 1) throw new Problem('department-retired');
  await services.db.transaction().execute(async (trx) => {
    await updateOfficial(trx, id, {
      active: 1,
      retired_at: null,
      updated_at: services.clock.now().toISOString(),
    });
    await audit(services, trx, actor, 'official.restored', 'official', id, { code: official.code });
  });
  return adminOfficial(services, id);
}

/** Only a record entered by mistake: an official anything refers to (above all an appeal) is retired instead. */
export async function deleteOfficial(services: Services, actor: Actor, id: string): Promise<void> {
  const official = await findOfficial(services.db, id);
  if (!official) throw new Problem('official-not-found');
  const refs = await officialReferences(services.db, id);
  if (refs.includes('appeals'))
    throw new Problem(
      'official-has-appeals',
      'Appeals were addressed to this official: retire them instead.',
    );
  if (refs.length) throw new Problem('official-in-use', `Still referred to by: ${refs.join(', ')}.`);
  await services.db.transaction().execute(async (trx) => {
    await deleteOfficialRow(trx, id);
    await audit(services, trx, actor, 'official.deleted', 'official', id, {
      code: official.code,
      fullName: tri(official, 'full_name'),
    });
  });
  if (official.photo_key) await services.storage.delete(official.photo_key).catch(() => undefined);
}

export async function setOfficialPhoto(services: Services, actor: Actor, id: string, bytes: Buffer) {
  const official = await findOfficial(services.db, id);
  if (!official) throw new Problem('official-not-found');
  if (bytes.length > services.config.PHOTO_MAX_BYTES)
    throw new Problem('photo-too-large', `At most ${services.config.PHOTO_MAX_BYTES} bytes.`);
  const portrait = await encodePortrait(services.media, bytes);
  const key = `photos/${id}-${crypto.randomBytes(6).toString('hex')}.jpg`;
  const stored = await services.storage.put(key, portrait);
  try {
    await services.db.transaction().execute(async (trx) => {
      await updateOfficial(trx, id, { photo_key: key, updated_at: services.clock.now().toISOString() });
      await audit(services, trx, actor, 'official.photo_set', 'official', id, {
        uploadedBytes: bytes.length,
        storedBytes: stored.size,
        sha256: stored.sha256,
      });
    });
  } catch (error) {
    await services.storage.delete(key).catch(() => undefined);
    throw error;
  }
  if (official.photo_key) await services.storage.delete(official.photo_key).catch(() => undefined);
  return adminOfficial(services, id);
}

export async function removeOfficialPhoto(services: Services, actor: Actor, id: string) {
  const official = await findOfficial(services.db, id);
  if (!official) throw new Problem('official-not-found');
  if (official.photo_key) {
    await services.db.transaction().execute(async (trx) => {
      await updateOfficial(trx, id, { photo_key: null, updated_at: services.clock.now().toISOString() });
      await audit(services, trx, actor, 'official.photo_removed', 'official', id);
    });
    await services.storage.delete(official.photo_key).catch(() => undefined);
  }
  return adminOfficial(services, id);
}

// Topics

function categoryView(row: Awaited<ReturnType<typeof listCategories>>[number]): AdminCategory {
  return {
    id: row.id,
    code: row.code,
    name: tri(row, 'name'),
    sortOrder: row.sort_order,
    active: row.active === 1,
    defaultOfficialId: row.default_official_id,
    defaultDepartmentId: row.default_department_id,
  };
}

export async function adminCategories(services: Services): Promise<AdminCategory[]> {
  return (await listCategories(services.db)).map(categoryView);
}

async function categoryById(services: Services, id: string) {
  const row = await findCategory(services.db, id);
  if (!row) throw new Problem('category-not-found');
  return categoryView(row);
}

async function checkCategoryBody(services: Services, body: CategoryBody, id?: string) {
  await codeFree(services, 'categories', body.code, id);
  if (body.defaultOfficialId) {
    const official = await findOfficial(services.db, body.defaultOfficialId);
    if (official?.active !== 1) throw new Problem('unknown-official');
  }
  if (body.defaultDepartmentId) {
    const department = await findDepartment(services.db, body.defaultDepartmentId);
    if (!department) throw new Problem('department-not-found', 'No such department.');
    if (department.active !== 1) throw new Problem('department-retired');
  }
}

function categoryColumns(body: CategoryBody) {
  return {
    code: body.code,
    active: body.active ? 1 : 0,
    default_official_id: body.defaultOfficialId,
    default_department_id: body.defaultDepartmentId,
    ...flat('name', body.name),
  };
}

export async function createCategory(services: Services, actor: Actor, body: CategoryBody) {
  await checkCategoryBody(services, body);
  const id = crypto.randomUUID();
  const sortOrder = (await maxSortOrder(services.db, 'categories')) + 1;
  await services.db.transaction().execute(async (trx) => {
    await insertCategory(trx, {
      id,
      ...categoryColumns(body),
      sort_order: sortOrder,
      updated_at: services.clock.now().toISOString(),
    });
    await audit(services, trx, actor, 'category.created', 'category', id, { code: body.code });
  });
  return categoryById(services, id);
}

export async function editCategory(services: Services, actor: Actor, id: string, body: CategoryBody) {
  const before = await findCategory(services.db, id);
  if (!before) throw new Problem('category-not-found');
  await checkCategoryBody(services, body, id);
  const columns = categoryColumns(body);
  await services.db.transaction().execute(async (trx) => {
    await updateCategory(trx, id, { ...columns, updated_at: services.clock.now().toISOString() });
    await audit(services, trx, actor, 'category.updated', 'category', id, {
      changes: changes(before, columns),
    });
  });
  return categoryById(services, id);
}

export async function moveCategory(services: Services, actor: Actor, id: string, direction: 'up' | 'down') {
  const rows = await listCategories(services.db);
  if (!rows.some((r) => r.id === id)) throw new Problem('category-not-found');
  await move(services, actor, 'categories', rows, id, direction, 'category');
  return adminCategories(services);
}

// Import and export

/** The directory as the import file: active departments in order, each with its officials who are not retired. */
export async function exportDirectory(
  services: Services,
  actor: Actor,
  format: DirectoryFormat,
): Promise<Buffer> {
  const departments = (await listDepartments(services.db)).filter((d) => d.active === 1);
  const officials = (await listOfficials(services.db)).filter((o) => o.active === 1);
  const codeOf = new Map(officials.map((o) => [o.id, o.code ?? '']));
  const rows: ExportRow[] = [];
  for (const d of departments) {
    const department = {
      department_code: d.code,
      department_name_kk: d.name_kk,
      department_name_ru: d.name_ru,
      department_name_en: d.name_en,
    };
    const own = officials.filter((o) => o.department_id === d.id);
    const blank = { shown_in_kiosk: '', sort_order: '', deputy_code: '' };
    if (own.length === 0)
      rows.push({
        ...department,
        official_code: '',
        ...flat('full_name', { kk: '', ru: '', en: '' }),
        ...flat('position', { kk: '', ru: '', en: '' }),
        ...flat('area', { kk: '', ru: '', en: '' }),
        ...flat('reception_hours', { kk: '', ru: '', en: '' }),
        ...blank,
      });
    for (const o of own)
      rows.push({
        ...department,
        official_code: o.code ?? '',
        ...flat('full_name', tri(o, 'full_name')),
        ...flat('position', tri(o, 'position')),
        ...flat('area', tri(o, 'area')),
        ...flat('reception_hours', tri(o, 'reception_hours')),
        shown_in_kiosk: o.shown_in_kiosk === 1 ? 'yes' : 'no',
        sort_order: o.sort_order,
        deputy_code: o.deputy_official_id ? (codeOf.get(o.deputy_official_id) ?? '') : '',
      });
  }
  const file = await writeDirectoryFile(rows, format);
  await audit(services, services.db, actor, 'directory.exported', 'directory', 'directory', {
    format,
    rows: rows.length,
  });
  return file;
}

/** Rolls back the transaction of a dry run, which did everything a real import does. */
class DryRun extends Error {}

export interface ImportOptions {
  dryRun: boolean;
  /** Called as rows are written: for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** A real import with errors answers with the report (the command line) instead of 422 import-invalid. */
  reportErrors?: boolean;
}

/**
 * Reads and checks the whole file; with any error nothing is written (a real import then answers 422 import-invalid
 * with the same list). Otherwise creates or updates departments and officials by their codes in one transaction; a
 * dry run does the same and rolls it back, so its counts are the real import's. Never retires anyone.
 */
export async function importDirectory(
  services: Services,
  actor: Actor,
  bytes: Buffer,
  format: DirectoryFormat,
  options: ImportOptions,
): Promise<ImportReport> {
  const { rows, header } = await readDirectoryFile(bytes, format);
  const departments = await listDepartments(services.db);
  const officials = await listOfficials(services.db);
  const checked = checkDirectoryRows(rows, header, {
    departmentCodes: new Set(departments.map((d) => d.code)),
    officialCodes: new Set(officials.map((o) => o.code ?? '')),
    retiredDepartmentCodes: new Set(departments.filter((d) => d.active !== 1).map((d) => d.code)),
    retiredOfficialCodes: new Set(officials.filter((o) => o.active !== 1).map((o) => o.code ?? '')),
  });
  const report: ImportReport = {
    dryRun: options.dryRun,
    rows: rows.length,
    created: { departments: 0, officials: 0 },
    updated: { departments: 0, officials: 0 },
    unchanged: { departments: 0, officials: 0 },
    errors: checked.errors,
  };
  const summary = () => ({
    format,
    rows: report.rows,
    created: report.created,
    updated: report.updated,
    errors: report.errors.length,
  });
  if (report.errors.length > 0) {
    await audit(services, services.db, actor, 'directory.import_refused', 'directory', 'directory', {
      ...summary(),
      dryRun: options.dryRun,
    });
    if (options.dryRun || options.reportErrors) return report;
    throw new Problem(
      'import-invalid',
      `${report.errors.length} error(s); nothing was imported.`,
      report.errors.map((e) => ({ path: `row ${e.row}, ${e.column}`, message: `${e.code}: ${e.message}` })),
    );
  }

  const now = services.clock.now().toISOString();
  const total = checked.departments.length + checked.officials.length;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  try {
    await services.db.transaction().execute(async (trx) => {
      const departmentIds = new Map(departments.map((d) => [d.code, d.id]));
      const byCode = new Map(departments.map((d) => [d.code, d]));
      for (const d of checked.departments) {
        const existing = byCode.get(d.code);
        if (!d.name) {
          tick();
          continue;
        }
        const names = flat('name', d.name);
        if (!existing) {
          const id = crypto.randomUUID();
          departmentIds.set(d.code, id);
          const order = (await maxSortOrder(trx, 'departments')) + 1;
          await insertDepartment(trx, {
            id,
            code: d.code,
            sort_order: order,
            created_at: now,
            updated_at: now,
            ...names,
          });
          report.created.departments++;
        } else if (Object.entries(names).some(([k, v]) => existing[k as keyof typeof names] !== v)) {
          await updateDepartment(trx, existing.id, { ...names, updated_at: now });
          report.updated.departments++;
        } else {
          report.unchanged.departments++;
        }
        tick();
      }
      const officialIds = new Map(officials.map((o) => [o.code ?? '', o.id]));
      const officialByCode = new Map(officials.map((o) => [o.code ?? '', o]));
      const updatedCodes = new Set<string>();
      let nextOrder = (await maxSortOrder(trx, 'officials')) + 1;
      for (const o of checked.officials) {
        const columns = {
          department_id: departmentIds.get(o.departmentCode) ?? '',
          shown_in_kiosk: o.shownInKiosk ? 1 : 0,
          ...flat('full_name', o.fullName),
          ...flat('position', o.position),
          ...flat('area', o.area),
          ...flat('reception_hours', o.receptionHours),
          ...(o.sortOrder !== null ? { sort_order: o.sortOrder } : {}),
        };
        const existing = officialByCode.get(o.code);
        if (!existing) {
          const id = crypto.randomUUID();
          officialIds.set(o.code, id);
          await insertOfficial(trx, {
            id,
            code: o.code,
            photo_key: null,
            active: 1,
            created_at: now,
            updated_at: now,
            sort_order: o.sortOrder ?? nextOrder++,
            ...columns,
          });
          report.created.officials++;
        } else if (
          Object.entries(columns).some(([k, v]) => (existing as unknown as Record<string, unknown>)[k] !== v)
        ) {
          await updateOfficial(trx, existing.id, { ...columns, updated_at: now });
          updatedCodes.add(o.code);
          report.updated.officials++;
        } else {
          report.unchanged.officials++;
        }
        tick();
      }
      // Deputies last: a deputy may be a row further down the file.
      for (const o of checked.officials) {
        const id = officialIds.get(o.code) ?? '';
        const deputy = o.deputyCode ? (officialIds.get(o.deputyCode) ?? null) : null;
        const before = officialByCode.get(o.code)?.deputy_official_id ?? null;
        if (deputy === before) continue;
        await updateOfficial(trx, id, { deputy_official_id: deputy, updated_at: now });
        if (officialByCode.has(o.code) && !updatedCodes.has(o.code)) {
          updatedCodes.add(o.code);
          report.updated.officials++;
          report.unchanged.officials--;
        }
      }
      await audit(services, trx, actor, 'directory.imported', 'directory', 'directory', {
        ...summary(),
        dryRun: options.dryRun,
      });
      if (options.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
    await audit(
      services,
      services.db,
      actor,
      'directory.import_checked',
      'directory',
      'directory',
      summary(),
    );
  }
  return report;
}
