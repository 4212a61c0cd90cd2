// The directory file on SQLite or PostgreSQL (TEST_DATABASE): the export read back by the import, a dry run listing
// every bad cell by row and column and writing nothing, a real import creating and updating by code in one
// transaction, XLSX as CSV, and hundreds of rows at once. The checks themselves are pure and tried first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIRECTORY_COLUMNS, type ImportReport } from '../../../common/directory.js';
import type { OfficialCard } from '../../../common/api.js';
import { createTestContext, loginAs, testDialect, type TestContext } from '../../testing.js';
import { checkDirectoryRows, readDirectoryFile, type FileRow } from './import.js';

const header = [...DIRECTORY_COLUMNS];
const noneExisting = {
  departmentCodes: new Set<string>(),
  officialCodes: new Set<string>(),
  retiredDepartmentCodes: new Set<string>(),
  retiredOfficialCodes: new Set<string>(),
};

function goodRow(n: number, department = 'roads'): Record<string, string> {
  return {
    department_code: department,
    department_name_kk: 'Жолдар бөлімі',
    department_name_ru: 'Отдел дорог',
    department_name_en: 'Roads department',
    official_code: `roads-${n}`,
    full_name_kk: `Асқар Нұрланұлы ${n}`,
    full_name_ru: `Аскар Нурланович ${n}`,
    full_name_en: `Askar Nurlanovich ${n}`,
    position_kk: 'Бас маман',
    position_ru: 'Главный специалист',
    position_en: 'Chief specialist',
    area_kk: 'Жол жөндеу',
    area_ru: 'Ремонт дорог',
    area_en: 'Road repairs',
    reception_hours_kk: 'Сс 15:00–17:00',
    reception_hours_ru: 'Вт 15:00–17:00',
    reception_hours_en: 'Tue 15:00–17:00',
    shown_in_kiosk: 'yes',
    sort_order: '',
    deputy_code: '',
  };
}

const asRows = (records: Record<string, string>[]): FileRow[] =>
  records.map((cells, i) => ({ row: i + 2, cells }));

function csv(records: Record<string, string>[], separator = ','): Buffer {
  const quote = (v: string) => (/[",;\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [
    header.join(separator),
    ...records.map((r) => header.map((c) => quote(r[c] ?? '')).join(separator)),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

describe('checking the rows (pure)', () => {
  it('accepts good rows and says what they mean', () => {
    const checked = checkDirectoryRows(asRows([goodRow(1), goodRow(2)]), header, noneExisting);
    expect(checked.errors).toEqual([]);
    expect(checked.departments).toHaveLength(1);
    expect(checked.officials.map((o) => o.code)).toEqual(['roads-1', 'roads-2']);
    expect(checked.officials[0]?.receptionHours.en).toBe('Tue 15:00–17:00');
  });

  it('lists every error by row and column: missing, wrong language, unknown department, duplicate, too long, bad values', () => {
    const rows = asRows([
      { ...goodRow(1), full_name_ru: '' },
      { ...goodRow(2), position_ru: 'Chief specialist' },
      { ...goodRow(3), position_en: 'Главный специалист' },
      {
        ...goodRow(4),
        department_code: 'parks',
        department_name_kk: '',
        department_name_ru: '',
        department_name_en: '',
      },
      { ...goodRow(1) },
      { ...goodRow(6), area_en: 'x'.repeat(501) },
      { ...goodRow(7), shown_in_kiosk: 'maybe', sort_order: '-3', official_code: 'Bad Code' },
      { ...goodRow(8), deputy_code: 'nobody-here' },
    ]);
    const { errors } = checkDirectoryRows(rows, header, noneExisting);
    const seen = errors.map((e) => `${e.row} ${e.column} ${e.code}`);
    expect(seen).toEqual([
      '2 full_name_ru required',
      '3 position_ru not-russian',
      '4 position_en not-english',
      '5 department_code unknown-department',
      '6 official_code duplicate',
      '7 area_en too-long',
      '8 official_code bad-code',
      '8 shown_in_kiosk bad-boolean',
      '8 sort_order bad-number',
      '9 deputy_code unknown-official',
    ]);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('reports a header without the key columns at row 1', () => {
    const { errors } = checkDirectoryRows([], ['name'], noneExisting);
    expect(errors.map((e) => `${e.row} ${e.column} ${e.code}`)).toEqual([
      '1 department_code missing-column',
      '1 official_code missing-column',
    ]);
  });

  it('reads CSV with commas or semicolons, with a byte-order mark, and XLSX', async () => {
    for (const file of [
      csv([goodRow(1)]),
      csv([goodRow(1)], ';'),
      Buffer.concat([Buffer.from('\ufeff'), csv([goodRow(1)])]),
    ]) {
      const { rows } = await readDirectoryFile(file, 'csv');
      expect(rows).toEqual([{ row: 2, cells: goodRow(1) }]);
    }
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('directory');
    sheet.addRow(header);
    sheet.addRow(header.map((c) => goodRow(1)[c]));
    const { rows } = await readDirectoryFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(rows).toEqual([{ row: 2, cells: goodRow(1) }]);
    await expect(readDirectoryFile(Buffer.from('not a zip'), 'xlsx')).rejects.toMatchObject({
      slug: 'import-unreadable',
    });
    await expect(readDirectoryFile(Buffer.from('a,"b\n'), 'csv')).rejects.toMatchObject({
      slug: 'import-unreadable',
    });
  });
});

describe(`importing and exporting (${testDialect})`, () => {
  let ctx: TestContext;
  let cookie: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    cookie = await loginAs(ctx.app, 'admin');
  });
  afterAll(() => ctx.close());

  const importFile = (file: Buffer, format: 'csv' | 'xlsx', dryRun: boolean) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/admin/directory/import?format=${format}&dryRun=${dryRun}`,
      headers: { cookie, 'content-type': format === 'csv' ? 'text/csv' : 'application/octet-stream' },
      payload: file,
    });
  const count = async () =>
    Number(
      (
        await ctx.services.db
          .selectFrom('officials')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('exports the directory and imports it back unchanged, as CSV and as XLSX', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await ctx.app.inject({
        method: 'GET',
        url: `/api/admin/directory/export?format=${format}`,
        headers: { cookie },
      });
      expect(exported.statusCode).toBe(200);
      expect(String(exported.headers['content-disposition'])).toContain(`.${format}`);
      if (format === 'csv') expect(exported.body.startsWith('\ufeffdepartment_code,')).toBe(true);
      const res = await importFile(exported.rawPayload, format, true);
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json<ImportReport>();
      expect(report.errors).toEqual([]);
      expect(report.created).toEqual({ departments: 0, officials: 0 });
      expect(report.updated).toEqual({ departments: 0, officials: 0 });
      expect(report.unchanged.officials).toBe(await count());
    }
    const audits = await ctx.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['directory.exported', 'directory.import_checked'])
      .execute();
    expect(audits).toHaveLength(4);
  });

  it('a dry run with errors lists them and writes nothing; the real import of that file is refused with the same list', async () => {
    const before = await count();
    const file = csv([goodRow(1), { ...goodRow(2), position_ru: '' }, { ...goodRow(1) }]);
    const dry = await importFile(file, 'csv', true);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json<ImportReport>();
    expect(report.dryRun).toBe(true);
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'position_ru', 'required'],
      [4, 'official_code', 'duplicate'],
    ]);
    expect(await count()).toBe(before);
    const real = await importFile(file, 'csv', false);
    expect(real.statusCode).toBe(422);
    expect(real.json<{ type: string; errors: unknown[] }>()).toMatchObject({
      type: '/problems/import-invalid',
      errors: [{ path: 'row 3, position_ru' }, { path: 'row 4, official_code' }],
    });
    expect(await count()).toBe(before);
  });

  it('an unknown department code is an error unless the file names it; a retired department cannot take officials', async () => {
    const res = await importFile(
      csv([
        {
          ...goodRow(1),
          department_code: 'nowhere',
          department_name_kk: '',
          department_name_ru: '',
          department_name_en: '',
        },
      ]),
      'csv',
      true,
    );
    expect(res.json<ImportReport>().errors).toMatchObject([
      { row: 2, column: 'department_code', code: 'unknown-department' },
    ]);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/directory/departments',
      headers: { cookie },
      payload: { code: 'closed', name: { kk: 'Жабық', ru: 'Закрытый', en: 'Closed' } },
    });
    const id = created.json<{ id: string }>().id;
    await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/directory/departments/${id}/retire`,
      headers: { cookie },
    });
    const retired = await importFile(csv([{ ...goodRow(9), department_code: 'closed' }]), 'csv', true);
    expect(retired.json<ImportReport>().errors).toMatchObject([
      { row: 2, column: 'department_code', code: 'department-retired' },
    ]);
  });

  it('imports new officials and updates existing ones by code in one go; the booth shows them with their deputies', async () => {
    const dry = await importFile(csv([goodRow(1), { ...goodRow(2), deputy_code: 'roads-1' }]), 'csv', true);
    expect(dry.json<ImportReport>()).toMatchObject({
      errors: [],
      created: { departments: 1, officials: 2 },
    });
    expect(
      await ctx.services.db
        .selectFrom('officials')
        .select('id')
        .where('code', '=', 'roads-1')
        .executeTakeFirst(),
    ).toBeUndefined();

    const res = await importFile(csv([goodRow(1), { ...goodRow(2), deputy_code: 'roads-1' }]), 'csv', false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ImportReport>()).toMatchObject({
      dryRun: false,
      created: { departments: 1, officials: 2 },
    });
    const booth = (await ctx.app.inject({ method: 'GET', url: '/api/directory/officials' })).json<
      OfficialCard[]
    >();
    const card = booth.find((c) => c.fullName.en === 'Askar Nurlanovich 2');
    expect(card?.department.name.ru).toBe('Отдел дорог');
    const rows = await ctx.services.db
      .selectFrom('officials')
      .select(['id', 'code', 'deputy_official_id'])
      .where('code', 'in', ['roads-1', 'roads-2'])
      .orderBy('code')
      .execute();
    expect(rows[1]?.deputy_official_id).toBe(rows[0]?.id);

    // Again with one change: one update, one unchanged.
    const again = await importFile(
      csv([goodRow(1), { ...goodRow(2), deputy_code: 'roads-1', position_en: 'Head' }]),
      'csv',
      false,
    );
    expect(again.json<ImportReport>()).toMatchObject({
      created: { departments: 0, officials: 0 },
      updated: { departments: 0, officials: 1 },
      unchanged: { departments: 1, officials: 1 },
    });
    const audit = await ctx.services.db
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'directory.imported')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('imports 500 officials at once, as XLSX, in one transaction', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('directory');
    sheet.addRow(header);
    for (let i = 0; i < 500; i++) {
      const row = { ...goodRow(1000 + i, `district-${i % 10}`) };
      row.department_name_en = `District ${i % 10}`;
      row.department_name_ru = `Район ${i % 10}`;
      row.department_name_kk = `Аудан ${i % 10}`;
      row.shown_in_kiosk = i % 2 ? 'no' : 'yes';
      sheet.addRow(header.map((c) => row[c]));
    }
    const before = await count();
    const started = Date.now();
    const res = await importFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx', false);
    const ms = Date.now() - started;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ImportReport>()).toMatchObject({
      rows: 500,
      created: { departments: 10, officials: 500 },
    });
    expect(await count()).toBe(before + 500);
    expect(ms).toBeLessThan(30_000);
    console.info(`imported 500 officials from XLSX in ${ms} ms (${testDialect})`);
  });

  it('refuses a file that is not CSV or XLSX (422), one over the limit (413), and a missing format (400)', async () => {
    const bad = await importFile(Buffer.from('%PDF-1.7'), 'xlsx', true);
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ type: string }>().type).toBe('/problems/import-unreadable');
    const big = await importFile(Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), 'csv', true);
    expect(big.statusCode).toBe(413);
    expect(big.json<{ type: string }>().type).toBe('/problems/import-too-large');
    const noFormat = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/directory/import',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(noFormat.statusCode).toBe(400);
  });
});
