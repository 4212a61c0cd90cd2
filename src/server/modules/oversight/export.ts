// Exports of the dashboard's tables and drill-down lists as CSV or XLSX, streamed: the rows are written as they are
// read, a page of appeals at a time (csv-stringify's stream; exceljs's streaming WorkbookWriter committing each row),
// so a year of appeals never sits in memory. The filters go in the file: the CSV's first rows, the XLSX's sheet
// "Filters". Every export is audited with its filters.
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { OversightExportQuery, PerformanceItem } from '../../../common/oversight.js';
import type { Language } from '../../../common/statuses.js';
import type { Services } from '../../services.js';
import { translate } from '../../i18n.js';
import { recordAudit } from '../audit/repository.js';
import type { Staff } from '../auth/access.js';
import { checkFilter, performanceBy } from '../stats/service.js';
import {
  boothTraffic,
  eachAppealBehind,
  namesOf,
  oversightAppeal,
  statsFilterOf,
  topicTrends,
} from './service.js';
import { countCore } from '../stats/repository.js';
import { statsWhere } from '../stats/service.js';

type Cell = string | number | null;

/** A table to write: its column headings, then its rows, produced lazily. */
interface Sheet {
  title: string;
  columns: string[];
  rows: () => AsyncIterable<Cell[][]>;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

function t(lang: Language, key: string) {
  return translate(lang, `office.oversight.${key}`);
}

function performanceSheet(lang: Language, title: string, items: PerformanceItem[]): Sheet {
  const c = (k: string) => t(lang, `column.${k}`);
  const m = (k: string) => t(lang, `metric.${k}`);
  return {
    title,
    columns: [
      c('name'),
      m('received'),
      m('answered'),
      m('answeredOnTime'),
      c('onTimeRate'),
      m('overdue'),
      m('extended'),
      m('redirected'),
      m('disputed'),
      c('disputeRate'),
      c('median'),
      c('averageRating'),
      c('ratings'),
    ],
    async *rows() {
      yield items.map((r) => [
        r.name ? r.name[lang] : t(lang, 'none'),
        r.received,
        r.answered,
        r.answeredOnTime,
        percent(r.answeredOnTime, r.answered),
        r.overdue,
        r.extended,
        r.redirected,
        r.disputed,
        percent(r.disputed, r.answered),
        r.medianAnswerWorkingDays,
        r.averageRating,
        r.ratings,
      ]);
    },
  };
}

/** The table asked for, its rows read when written. */
async function sheetOf(services: Services, query: OversightExportQuery, lang: Language): Promise<Sheet> {
  const filter = statsFilterOf(query);
  const c = (k: string) => t(lang, `column.${k}`);
  const title = t(lang, `table.${query.table}`);
  switch (query.table) {
    case 'departments':
    case 'officials': {
      const group = query.table === 'departments' ? 'department' : 'official';
      const rows = await performanceBy(services, group, filter);
      const names = await namesOf(
        services,
        group,
        rows.map((r) => r.id),
      );
      return performanceSheet(
        lang,
        title,
        rows.map((r) => ({ ...r, name: names.get(r.id) ?? null })),
      );
    }
    case 'topics': {
      const topics = await topicTrends(services, filter);
      return {
        title,
        columns: [c('name'), c('current'), c('previous')],
        async *rows() {
          yield topics.map((r) => [r.name ? r.name[lang] : t(lang, 'none'), r.current, r.previous]);
        },
      };
    }
    case 'series': {
      const series = await countCore(services.db, statsWhere(services, filter), 'day');
      const m = (k: string) => t(lang, `metric.${k}`);
      return {
        title,
        columns: [c('day'), m('received'), m('answered'), m('answeredOnTime'), m('overdue')],
        async *rows() {
          yield series
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .map((r) => [r.id, Number(r.received), Number(r.answered), Number(r.on_time), Number(r.overdue)]);
        },
      };
    }
    case 'booths': {
      const booths = await boothTraffic(services, filter);
      return {
        title,
        columns: [c('booth'), c('count')],
        async *rows() {
          yield booths.byKiosk.map((k) => [k.name, k.count]);
        },
      };
    }
    case 'appeals': {
      const metric = query.metric ?? 'received';
      return {
        title: `${title}: ${t(lang, `metric.${metric}`)}`,
        columns: [
          c('registrationNumber'),
          c('registeredOn'),
          c('status'),
          c('type'),
          c('addressee'),
          c('category'),
          c('deadlineOn'),
          c('firstAnsweredOn'),
          c('answerWorkingDays'),
        ],
        async *rows() {
          for await (const page of eachAppealBehind(services, filter, metric)) {
            yield page.map((row) => {
              const a = oversightAppeal(row);
              return [
                a.registrationNumber,
                a.registeredOn,
                translate(lang, `common.statuses.${a.status}`),
                translate(lang, `common.types.${a.type}`),
                a.addressee ? a.addressee.fullName[lang] : '',
                a.category ? a.category[lang] : '',
                a.deadlineOn,
                a.firstAnsweredOn ?? '',
                a.answerWorkingDays,
              ];
            });
          }
        },
      };
    }
  }
}

/** The filters as label/value rows, names in the file's language. */
async function filterRows(
  services: Services,
  query: OversightExportQuery,
  lang: Language,
): Promise<Cell[][]> {
  const f = (k: string) => t(lang, `filter.${k}`);
  const name = async (group: 'department' | 'official' | 'category' | 'kiosk', id: string | undefined) =>
    id === undefined ? null : ((await namesOf(services, group, [id])).get(id)?.[lang] ?? id);
  const rows: Cell[][] = [
    [f('table'), t(lang, `table.${query.table}`)],
    [f('period'), `${query.from} – ${query.to}`],
  ];
  const add = (label: string, value: string | null) => {
    if (value !== null) rows.push([f(label), value]);
  };
  add('department', await name('department', query.department));
  add('official', await name('official', query.official));
  add('category', await name('category', query.category));
  add('kiosk', await name('kiosk', query.kiosk));
  add('type', query.type ? translate(lang, `common.types.${query.type}`) : null);
  add('status', query.status ? translate(lang, `common.statuses.${query.status}`) : null);
  if (query.table === 'appeals') add('metric', t(lang, `metric.${query.metric ?? 'received'}`));
  add('exportedAt', services.clock.now().toISOString());
  return rows;
}

async function write(stream: Writable, chunk: unknown): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function writeCsv(out: PassThrough, filters: Cell[][], sheet: Sheet): Promise<void> {
  // A byte-order mark, so spreadsheet programs read the Cyrillic as UTF-8.
  out.write('\uFEFF');
  const csv = stringify();
  csv.pipe(out);
  for (const row of filters) await write(csv, row);
  await write(csv, []);
  await write(csv, sheet.columns);
  for await (const rows of sheet.rows()) for (const row of rows) await write(csv, row);
  csv.end();
}

async function writeXlsx(out: PassThrough, filters: Cell[][], sheet: Sheet, lang: Language): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const data = workbook.addWorksheet(sheet.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  const header = data.addRow(sheet.columns);
  header.font = { bold: true };
  header.commit();
  for await (const rows of sheet.rows()) for (const row of rows) data.addRow(row).commit();
  data.commit();
  const sheetFilters = workbook.addWorksheet(t(lang, 'filter.sheet'));
  for (const row of filters) sheetFilters.addRow(row).commit();
  sheetFilters.commit();
  await workbook.commit();
}

/**
 * Checks the filters, audits the export, and returns the file as a stream that fills as the rows are read. An error
 * after the first byte ends the stream early (the download fails visibly rather than stopping silently).
 */
export async function exportTable(
  services: Services,
  user: Staff,
  query: OversightExportQuery,
  lang: Language,
  ip: string,
): Promise<PassThrough> {
  const filter = statsFilterOf(query);
  await checkFilter(services, filter);
  const [filters, sheet] = await Promise.all([
    filterRows(services, query, lang),
    sheetOf(services, query, lang),
  ]);
  await recordAudit(services.db, services.clock, {
    actorUserId: user.id,
    actorKind: 'staff',
    action: 'oversight.exported',
    subjectType: 'oversight',
    subjectId: query.table,
    ip,
    detail: { ...query },
  });
  const out = new PassThrough();
  const run = query.format === 'csv' ? writeCsv(out, filters, sheet) : writeXlsx(out, filters, sheet, lang);
  run.catch((error: unknown) => {
    services.log.error({ err: error }, 'oversight export failed');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return out;
}
