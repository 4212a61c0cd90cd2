// The appeals behind one figure of the dashboard, with the dashboard's filters (from the URL), newest first, more on
// request; each number opens the appeal; the list downloads as CSV or XLSX.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, StatusBadge } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatShortDay, pick } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import { dashboardPath, oversightApi, type OversightAppeal, type OversightMetric } from './client.js';
import { OVERSIGHT_METRICS } from '../../../common/oversight.js';
import { ExportLinks, initialFilters } from './OversightScreen.js';
import './oversight.css';

function metricFrom(search: string): OversightMetric {
  const value = new URLSearchParams(search).get('metric');
  return (OVERSIGHT_METRICS as readonly string[]).includes(value ?? '')
    ? (value as OversightMetric)
    : 'received';
}

export function DrillDownScreen() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [filters] = useState(initialFilters);
  const [metric] = useState(() => metricFrom(window.location.search));
  const [items, setItems] = useState<OversightAppeal[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = (after: string | null) =>
    oversightApi.appeals(filters, metric, after).then(
      (page) => {
        setItems((before) => (after ? [...before, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoaded(true);
      },
      (e: unknown) => setError(e),
    );
  useEffect(() => {
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the filters are fixed for this page
  }, []);

  const title = t('office.oversight.drill.title', { metric: t(`office.oversight.metric.${metric}`) });
  const c = (k: string) => t(`office.oversight.column.${k}`);
  return (
    <main className="page oversight-page" id="main">
      <p>
        <a href={dashboardPath(filters)} onClick={followLink}>
          ← {t('office.oversight.drill.back')}
        </a>
      </p>
      <div className="section-head">
        <h1>{title}</h1>
        <ExportLinks filters={filters} table="appeals" metric={metric} />
      </div>
      <p className="muted">
        {t('office.oversight.period.shown', {
          from: formatShortDay(filters.from, lng),
          to: formatShortDay(filters.to, lng),
        })}
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      {loaded && items.length === 0 ? <p>{t('office.oversight.drill.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
          <table className="inbox" data-testid="drill-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{c('registrationNumber')}</th>
                <th scope="col">{c('registeredOn')}</th>
                <th scope="col">{c('status')}</th>
                <th scope="col">{c('addressee')}</th>
                <th scope="col">{c('category')}</th>
                <th scope="col">{c('deadlineOn')}</th>
                <th scope="col">{c('firstAnsweredOn')}</th>
                <th scope="col">{c('answerWorkingDays')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <a href={`/office/appeals/${a.id}`} onClick={followLink}>
                      {a.registrationNumber}
                    </a>
                  </th>
                  <td>{formatShortDay(a.registeredOn, lng)}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>{a.addressee ? pick(a.addressee.fullName, lng) : '—'}</td>
                  <td>{a.category ? pick(a.category, lng) : '—'}</td>
                  <td>{formatShortDay(a.deadlineOn, lng)}</td>
                  <td>{a.firstAnsweredOn ? formatShortDay(a.firstAnsweredOn, lng) : '—'}</td>
                  <td>{a.answerWorkingDays ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {cursor ? (
        <button type="button" onClick={() => void load(cursor)}>
          {t('office.oversight.drill.more')}
        </button>
      ) : null}
    </main>
  );
}
