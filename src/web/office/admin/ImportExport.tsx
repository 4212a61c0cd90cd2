// Administration › Import and export: the directory as one CSV or XLSX file to download, and a file to load — checked
// first (a dry run that lists every error by row and column, writing nothing), then imported in one go.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DIRECTORY_COLUMNS, type DirectoryFormat, type ImportReport } from '../../../common/directory.js';
import { api } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { useAction } from '../../ui/useAction.js';

const formatOf = (file: File): DirectoryFormat =>
  file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';

export function ImportExport() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const { busy, error, setError, run } = useAction();

  const send = (dryRun: boolean) =>
    void run(async () => {
      if (!file) return;
      setReport(await api.directory.importFile(file, formatOf(file), dryRun));
    });

  // The real import is offered once this very file has passed a dry run.
  const checkedClean = report?.dryRun === true && report.errors.length === 0;

  return (
    <main className="page wide dir-admin">
      <h1>{t('office.directory.io.title')}</h1>
      <p className="muted">{t('office.directory.io.intro')}</p>

      <section aria-labelledby="io-export">
        <h2 id="io-export">{t('office.directory.io.exportTitle')}</h2>
        <p>{t('office.directory.io.exportExplain')}</p>
        <div className="actions">
          <a className="button-link" href={api.directory.exportUrl('csv')} download>
            {t('office.directory.io.downloadCsv')}
          </a>
          <a className="button-link" href={api.directory.exportUrl('xlsx')} download>
            {t('office.directory.io.downloadXlsx')}
          </a>
        </div>
        <details>
          <summary>{t('office.directory.io.columns')}</summary>
          <p className="muted small">{t('office.directory.io.columnsExplain')}</p>
          <p>
            <code className="dir-columns">{DIRECTORY_COLUMNS.join(', ')}</code>
          </p>
        </details>
      </section>

      <section aria-labelledby="io-import">
        <h2 id="io-import">{t('office.directory.io.importTitle')}</h2>
        <p>{t('office.directory.io.importExplain')}</p>
        <div className="field">
          <label htmlFor="import-file">{t('office.directory.io.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
        </div>
        <div className="actions">
          <button type="button" className="primary" disabled={!file || busy} onClick={() => send(true)}>
            {t('office.directory.io.check')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!checkedClean || busy}
            onClick={() => send(false)}
          >
            {t('office.directory.io.import')}
          </button>
        </div>
        {busy ? <p role="status">{t('office.directory.io.working')}</p> : null}
        <ErrorMessage error={error} />
        {report ? <Report report={report} /> : null}
      </section>
    </main>
  );
}

function Report({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const counts = (kind: 'departments' | 'officials') =>
    t('office.directory.io.counts', {
      created: report.created[kind],
      updated: report.updated[kind],
      unchanged: report.unchanged[kind],
    });
  const headline =
    report.errors.length > 0
      ? t('office.directory.io.hasErrors', { count: report.errors.length })
      : report.dryRun
        ? t('office.directory.io.checkedClean')
        : t('office.directory.io.imported');
  return (
    <div className="dir-report" data-dry-run={report.dryRun}>
      <p role="status" className={report.errors.length ? 'error' : 'notice'}>
        {headline}
      </p>
      <ul>
        <li>{t('office.directory.io.rows', { count: report.rows })}</li>
        {/* While the file has errors nothing would change: no counts to show. */}
        {report.errors.length > 0 ? null : (
          <>
            <li>
              {t('office.directory.io.departments')}: {counts('departments')}
            </li>
            <li>
              {t('office.directory.io.officials')}: {counts('officials')}
            </li>
          </>
        )}
      </ul>
      {report.errors.length > 0 ? (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label={t('office.directory.io.errorsCaption')}
        >
          <table className="inbox dir-table dir-errors">
            <caption>{t('office.directory.io.errorsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('office.directory.io.row')}</th>
                <th scope="col">{t('office.directory.io.column')}</th>
                <th scope="col">{t('office.directory.io.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td>
                    <code>{e.column}</code>
                  </td>
                  <td>{t(`office.directory.io.errors.${e.code}`, { defaultValue: e.message })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
