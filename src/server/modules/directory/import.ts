// The directory file: reading CSV and XLSX into rows, checking every cell (pure, with the directory as it stands
// passed in), and writing the file back out. One flat table: an official per row beside their department's columns.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import {
  DIRECTORY_CODE_PATTERN,
  DIRECTORY_COLUMNS,
  DIRECTORY_LIMITS,
  type DirectoryColumn,
  type DirectoryFormat,
  type ImportError,
} from '../../../common/directory.js';
import type { Trilingual } from '../../../common/api.js';
import { Problem } from '../../errors.js';

export type Cells = Partial<Record<DirectoryColumn, string>>;
export interface FileRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  cells: Cells;
}

const SHEET = 'directory';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) {
      const result: unknown = value.result;
      return typeof result === 'string' || typeof result === 'number' ? String(result) : '';
    }
    return '';
  }
  return String(value);
}

/** Reads the header to map columns by name (any order; unknown columns ignored, missing ones reported by the check). */
function toRows(table: { row: number; values: string[] }[]): { rows: FileRow[]; unknown: string[] } {
  const [header, ...body] = table;
  if (!header) return { rows: [], unknown: [] };
  const names = header.values.map((v) => v.trim().toLowerCase());
  const known = new Set<string>(DIRECTORY_COLUMNS);
  const rows: FileRow[] = [];
  for (const line of body) {
    if (line.values.every((v) => v.trim() === '')) continue;
    const cells: Cells = {};
    names.forEach((name, i) => {
      if (known.has(name)) cells[name as DirectoryColumn] = (line.values[i] ?? '').trim();
    });
    rows.push({ row: line.row, cells });
  }
  return { rows, unknown: names.filter((n) => n && !known.has(n)) };
}

/** The file as rows; 422 import-unreadable when it is not a CSV or XLSX file at all. */
export async function readDirectoryFile(
  bytes: Buffer,
  format: DirectoryFormat,
): Promise<{ rows: FileRow[]; header: string[] }> {
  let table: { row: number; values: string[] }[];
  if (format === 'xlsx') {
    if (bytes.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004')
      throw new Problem('import-unreadable', 'An XLSX file is a ZIP archive; this is not one.');
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new Problem('import-unreadable', 'The XLSX file cannot be read.');
    }
    const sheet = workbook.getWorksheet(SHEET) ?? workbook.worksheets[0];
    if (!sheet) throw new Problem('import-unreadable', 'The workbook has no sheet.');
    table = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const values: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, DIRECTORY_COLUMNS.length); c++)
        values.push(cellText(row.getCell(c).value));
      table.push({ row: number, values });
    });
  } else {
    let records: string[][];
    try {
      // Excel in a Russian or Kazakh locale saves CSV with ';': either separator is read.
      records = parse(bytes, {
        bom: true,
        delimiter: [',', ';'],
        relax_column_count: true,
        skip_empty_lines: false,
      });
    } catch (error) {
      throw new Problem(
        'import-unreadable',
        `The CSV file cannot be read: ${error instanceof Error ? error.message.slice(0, 200) : 'bad CSV'}`,
      );
    }
    table = records.map((values, i) => ({ row: i + 1, values }));
  }
  const header = table[0]?.values.map((v) => v.trim().toLowerCase()) ?? [];
  return { rows: toRows(table).rows, header };
}

/** What the check needs to know of the directory as it stands. */
export interface Existing {
  departmentCodes: ReadonlySet<string>;
  officialCodes: ReadonlySet<string>;
  /** Retired ones: no official may be put into such a department, nor named a deputy. */
  retiredDepartmentCodes: ReadonlySet<string>;
  retiredOfficialCodes: ReadonlySet<string>;
}

export interface CheckedDepartment {
  code: string;
  /** null: the row names an existing department by code only. */
  name: Trilingual | null;
  row: number;
}

export interface CheckedOfficial {
  code: string;
  departmentCode: string;
  fullName: Trilingual;
  position: Trilingual;
  area: Trilingual;
  receptionHours: Trilingual;
  shownInKiosk: boolean;
  sortOrder: number | null;
  deputyCode: string | null;
  row: number;
}

export interface CheckedFile {
  departments: CheckedDepartment[];
  officials: CheckedOfficial[];
  errors: ImportError[];
}

const CYRILLIC = /[\u0400-\u04ff]/;
const LETTER = /\p{L}/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CODE = new RegExp(DIRECTORY_CODE_PATTERN);
const YES = new Set(['1', 'yes', 'true', 'y', 'да', 'иә', 'ия', '+']);
const NO = new Set(['0', 'no', 'false', 'n', 'нет', 'жоқ', '-']);

const REQUIRED_HEADER: readonly DirectoryColumn[] = ['department_code', 'official_code'];

/**
 * Pure: every error of every row by its column, and what the rows mean when there are none. A department's names
 * may be given on one of its rows only; an official's names and position are required; a code may appear once.
 */
export function checkDirectoryRows(
  rows: readonly FileRow[],
  header: readonly string[],
  existing: Existing,
): CheckedFile {
  const errors: ImportError[] = [];
  const fail = (row: number, column: string, code: string, message: string) =>
    errors.push({ row, column, code, message });
  for (const column of REQUIRED_HEADER)
    if (!header.includes(column)) fail(1, column, 'missing-column', `The header has no "${column}" column.`);
  if (errors.length) return { departments: [], officials: [], errors };

  const text = (
    row: FileRow,
    column: DirectoryColumn,
    max: number,
    lang: 'kk' | 'ru' | 'en' | null,
    required: boolean,
  ): string => {
    const value = row.cells[column] ?? '';
    if (!value) {
      if (required) fail(row.row, column, 'required', 'Required.');
      return '';
    }
    if ([...value].length > max) fail(row.row, column, 'too-long', `At most ${max} characters.`);
    if (CONTROL.test(value)) fail(row.row, column, 'control-characters', 'Contains control characters.');
    if (lang === 'ru' && LETTER.test(value) && !CYRILLIC.test(value))
      fail(row.row, column, 'not-russian', 'The Russian text has no Cyrillic letters.');
    if (lang === 'en' && CYRILLIC.test(value))
      fail(row.row, column, 'not-english', 'The English text contains Cyrillic letters.');
    return value;
  };
  const tri = (row: FileRow, prefix: string, max: number, required: boolean): Trilingual => ({
    kk: text(row, `${prefix}_kk` as DirectoryColumn, max, 'kk', required),
    ru: text(row, `${prefix}_ru` as DirectoryColumn, max, 'ru', required),
    en: text(row, `${prefix}_en` as DirectoryColumn, max, 'en', required),
  });
  const code = (row: FileRow, column: DirectoryColumn, required: boolean): string => {
    const value = (row.cells[column] ?? '').toLowerCase();
    if (!value) {
      if (required) fail(row.row, column, 'required', 'Required.');
      return '';
    }
    if (value.length > DIRECTORY_LIMITS.code || !CODE.test(value))
      fail(
        row.row,
        column,
        'bad-code',
        `A code is up to ${DIRECTORY_LIMITS.code} lower-case Latin letters, digits, '-', '_' or '.'.`,
      );
    return value;
  };

  const departments = new Map<string, CheckedDepartment>();
  const officials = new Map<string, CheckedOfficial>();
  for (const row of rows) {
    const departmentCode = code(row, 'department_code', true);
    const hasName = ['department_name_kk', 'department_name_ru', 'department_name_en'].some(
      (c) => row.cells[c as DirectoryColumn],
    );
    const name = hasName ? tri(row, 'department_name', DIRECTORY_LIMITS.name, true) : null;
    if (departmentCode) {
      const seen = departments.get(departmentCode);
      if (!seen) {
        departments.set(departmentCode, { code: departmentCode, name, row: row.row });
      } else if (name && seen.name && JSON.stringify(name) !== JSON.stringify(seen.name)) {
        fail(
          row.row,
          'department_name_ru',
          'department-conflict',
          `The department ${departmentCode} has other names on row ${seen.row}.`,
        );
      } else if (name && !seen.name) {
        seen.name = name;
      }
    }

    const officialCode = code(row, 'official_code', false);
    const officialCells = DIRECTORY_COLUMNS.slice(5).some((c) => row.cells[c]);
    if (!officialCode) {
      if (officialCells)
        fail(row.row, 'official_code', 'required', 'Required when the row names an official.');
      continue;
    }
    const previous = officials.get(officialCode);
    if (previous) {
      fail(
        row.row,
        'official_code',
        'duplicate',
        `The official ${officialCode} is already on row ${previous.row}.`,
      );
      continue;
    }
    const shown = (row.cells.shown_in_kiosk ?? '').toLowerCase();
    let shownInKiosk = true;
    if (shown && !YES.has(shown) && !NO.has(shown))
      fail(row.row, 'shown_in_kiosk', 'bad-boolean', 'Write yes or no (1 or 0).');
    else if (NO.has(shown)) shownInKiosk = false;
    const orderText = row.cells.sort_order ?? '';
    let sortOrder: number | null = null;
    if (orderText) {
      if (!/^\d{1,6}$/.test(orderText)) fail(row.row, 'sort_order', 'bad-number', 'A whole number from 0.');
      else sortOrder = Number(orderText);
    }
    const deputyCode = code(row, 'deputy_code', false) || null;
    if (deputyCode === officialCode)
      fail(row.row, 'deputy_code', 'deputy-self', 'An official cannot be their own deputy.');
    officials.set(officialCode, {
      code: officialCode,
      departmentCode,
      fullName: tri(row, 'full_name', DIRECTORY_LIMITS.name, true),
      position: tri(row, 'position', DIRECTORY_LIMITS.position, true),
      area: tri(row, 'area', DIRECTORY_LIMITS.area, false),
      receptionHours: tri(row, 'reception_hours', DIRECTORY_LIMITS.receptionHours, false),
      shownInKiosk,
      sortOrder,
      deputyCode,
      row: row.row,
    });
  }
  // A department new to the directory needs its names somewhere in the file.
  for (const d of departments.values())
    if (!d.name && !existing.departmentCodes.has(d.code))
      fail(
        d.row,
        'department_code',
        'unknown-department',
        `No department ${d.code} in the directory, and the file gives no names for it.`,
      );
  for (const o of officials.values())
    if (existing.retiredDepartmentCodes.has(o.departmentCode))
      fail(o.row, 'department_code', 'department-retired', `The department ${o.departmentCode} is retired.`);
  for (const o of officials.values())
    if (o.deputyCode && existing.retiredOfficialCodes.has(o.deputyCode))
      fail(o.row, 'deputy_code', 'deputy-retired', `The official ${o.deputyCode} is retired.`);
  for (const o of officials.values())
    if (
      o.deputyCode &&
      o.deputyCode !== o.code &&
      !officials.has(o.deputyCode) &&
      !existing.officialCodes.has(o.deputyCode)
    )
      fail(
        o.row,
        'deputy_code',
        'unknown-official',
        `No official ${o.deputyCode} in the directory or the file.`,
      );
  errors.sort(
    (a, b) =>
      a.row - b.row ||
      DIRECTORY_COLUMNS.indexOf(a.column as DirectoryColumn) -
        DIRECTORY_COLUMNS.indexOf(b.column as DirectoryColumn),
  );
  return { departments: [...departments.values()], officials: [...officials.values()], errors };
}

export type ExportRow = Record<DirectoryColumn, string | number>;

export async function writeDirectoryFile(
  rows: readonly ExportRow[],
  format: DirectoryFormat,
): Promise<Buffer> {
  if (format === 'csv') {
    const body = stringify(
      rows.map((r) => DIRECTORY_COLUMNS.map((c) => r[c])),
      { header: true, columns: [...DIRECTORY_COLUMNS] },
    );
    // The byte-order mark makes Excel read the file as UTF-8 (Kazakh and Russian letters intact).
    return Buffer.from(`\ufeff${body}`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET);
  sheet.columns = DIRECTORY_COLUMNS.map((c) => ({ header: c, key: c, width: c.endsWith('code') ? 16 : 28 }));
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
