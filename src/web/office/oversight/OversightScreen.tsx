// The supervisor's dashboard: a period and filters (kept in the URL), the period's figures beside the previous
// period's, a time series and stacked bars, the per-department and per-official tables (sortable), topics trending up
// and booths' traffic. Every number links to the list of appeals behind it; every table downloads as CSV or XLSX.
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxFilterOptions, OfficialCard } from '../../ui/api.js';
import { api } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatShortDay, pick } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import {
  dashboardPath,
  drillPath,
  exportUrl,
  filtersFrom,
  oversightApi,
  type Figures,
  type OversightDashboard,
  type OversightFilters,
  type OversightMetric,
  type OversightTable,
  type PerformanceItem,
} from './client.js';
import { OVERSIGHT_METRICS } from '../../../common/oversight.js';
import { BarChart, LineChart, StackedBars } from './charts.js';
import { PERIODS, periodOf, periodRange, today, type Period } from './period.js';
import './oversight.css';

const FIGURE_OF: Record<OversightMetric, keyof Figures> = {
  received: 'received',
  answered: 'answered',
  answeredOnTime: 'answeredOnTime',
  overdue: 'overdue',
  extended: 'extended',
  redirected: 'redirected',
  disputed: 'disputed',
  rated: 'ratings',
};

export function ExportLinks({
  filters,
  table,
  metric,
}: {
  filters: OversightFilters;
  table: OversightTable;
  metric?: OversightMetric;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const name = t(`office.oversight.table.${table}`);
  return (
    <span className="export-links">
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          href={exportUrl(filters, table, format, lng, metric)}
          download
          aria-label={t('office.oversight.export.file', { table: name, format: format.toUpperCase() })}
          data-testid={`export-${table}-${format}`}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </span>
  );
}

function Filters({
  filters,
  onChange,
}: {
  filters: OversightFilters;
  onChange: (next: OversightFilters) => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const day = today();
  const [period, setPeriod] = useState<Period>(periodOf(filters.from, filters.to, day));
  const [draft, setDraft] = useState(filters);
  const [options, setOptions] = useState<InboxFilterOptions | null>(null);
  const [officials, setOfficials] = useState<OfficialCard[]>([]);
  useEffect(() => {
    void api.inboxFilters().then(setOptions, () => undefined);
    void api.officials().then(setOfficials, () => undefined);
  }, []);

  const choose = (p: Period) => {
    setPeriod(p);
    if (p !== 'custom') onChange({ ...draft, ...periodRange(p, day) });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const select = (
    key: 'department' | 'official' | 'category' | 'kiosk' | 'type' | 'status',
    items: { id: string; name: string }[],
  ) => (
    <label className="field">
      <span>{t(`office.oversight.filter.${key}`)}</span>
      <select
        value={draft[key] ?? ''}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value === '' ? undefined : e.target.value })}
      >
        <option value="">{t('office.oversight.filters.any')}</option>
        {items.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="oversight-filters" onSubmit={submit} aria-label={t('office.oversight.filters.title')}>
      <fieldset className="period-choice">
        <legend>{t('office.oversight.period.label')}</legend>
        {PERIODS.map((p) => (
          <label key={p} className={period === p ? 'chosen' : undefined}>
            <input type="radio" name="period" value={p} checked={period === p} onChange={() => choose(p)} />
            {t(`office.oversight.period.${p}`)}
          </label>
        ))}
      </fieldset>
      {period === 'custom' ? (
        <div className="custom-range">
          <label className="field">
            <span>{t('office.oversight.period.from')}</span>
            <input
              type="date"
              value={draft.from}
              required
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('office.oversight.period.to')}</span>
            <input
              type="date"
              value={draft.to}
              required
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </label>
        </div>
      ) : null}
      <div className="filter-grid">
        {select(
          'department',
          (options?.departments ?? []).map((d) => ({ id: d.id, name: pick(d.name, lng) })),
        )}
        {select(
          'official',
          officials.map((o) => ({ id: o.id, name: pick(o.fullName, lng) })),
        )}
        {select(
          'category',
          (options?.categories ?? []).map((c) => ({ id: c.id, name: pick(c.name, lng) })),
        )}
        {select(
          'kiosk',
          (options?.kiosks ?? []).map((k) => ({ id: k.id, name: k.name })),
        )}
        {select(
          'type',
          (['request', 'proposal', 'complaint', 'violation_report'] as const).map((v) => ({
            id: v,
            name: t(`common.types.${v}`),
          })),
        )}
        {select(
          'status',
          (
            [
              'registered',
              'under_review',
              'redirected',
              'extended',
              'answered',
              'left_without_consideration',
              'withdrawn',
              'disputed',
            ] as const
          ).map((v) => ({ id: v, name: t(`common.statuses.${v}`) })),
        )}
      </div>
      <button type="submit">{t('office.oversight.filters.apply')}</button>
    </form>
  );
}

function FigureCards({ data, filters }: { data: OversightDashboard; filters: OversightFilters }) {
  const { t } = useTranslation();
  return (
    <ul className="figure-cards">
      {OVERSIGHT_METRICS.map((m) => {
        const key = FIGURE_OF[m];
        return (
          <li key={m} className={`figure figure-${m}`}>
            <a href={drillPath(filters, m)} onClick={followLink} data-testid={`figure-${m}`}>
              <span className="figure-label">{t(`office.oversight.metric.${m}`)}</span>
              <span className="figure-value">{data.totals[key]}</span>
            </a>
            <span className="figure-previous">
              {t('office.oversight.previous', { value: data.previousTotals[key] })}
            </span>
            {m === 'overdue' || m === 'answeredOnTime' ? (
              <span className="figure-hint">{t(`office.oversight.metricHint.${m}`)}</span>
            ) : null}
          </li>
        );
      })}
      <li className="figure">
        <span className="figure-label">{t('office.oversight.column.median')}</span>
        <span className="figure-value">{data.totals.medianAnswerWorkingDays ?? '—'}</span>
        <span className="figure-previous">
          {t('office.oversight.previous', { value: data.previousTotals.medianAnswerWorkingDays ?? '—' })}
        </span>
      </li>
      <li className="figure">
        <span className="figure-label">{t('office.oversight.column.averageRating')}</span>
        <span className="figure-value">{data.totals.averageRating ?? '—'}</span>
        <span className="figure-previous">
          {t('office.oversight.previous', { value: data.previousTotals.averageRating ?? '—' })}
        </span>
      </li>
    </ul>
  );
}

type SortKey = 'name' | 'received' | 'onTimeRate' | 'overdue' | 'median' | 'averageRating' | 'disputeRate';

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

function sortValue(row: PerformanceItem, key: SortKey, name: string): number | string {
  switch (key) {
    case 'name':
      return name;
    case 'received':
      return row.received;
    case 'onTimeRate':
      return rate(row.answeredOnTime, row.answered) ?? -1;
    case 'overdue':
      return row.overdue;
    case 'median':
      return row.medianAnswerWorkingDays ?? -1;
    case 'averageRating':
      return row.averageRating ?? -1;
    case 'disputeRate':
      return rate(row.disputed, row.answered) ?? -1;
  }
}

function PerformanceTable({
  rows,
  filters,
  group,
  chart,
}: {
  rows: PerformanceItem[];
  filters: OversightFilters;
  group: 'department' | 'official';
  chart?: ReactNode;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'received', dir: 'desc' });
  const table: OversightTable = group === 'department' ? 'departments' : 'officials';
  const nameOf = (r: PerformanceItem) => (r.name ? pick(r.name, lng) : t('office.oversight.none'));
  const sorted = useMemo(() => {
    const out = [...rows].sort((a, b) => {
      const x = sortValue(a, sort.key, nameOf(a));
      const y = sortValue(b, sort.key, nameOf(b));
      const c = typeof x === 'string' ? x.localeCompare(String(y), lng) : x - Number(y);
      return sort.dir === 'asc' ? c : -c;
    });
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- names follow the language
  }, [rows, sort, lng]);
  // Drilling down from a row narrows to that department or official.
  const narrowed = (r: PerformanceItem): OversightFilters =>
    r.id === '' ? filters : { ...filters, [group]: r.id };
  const header = (key: SortKey, label: string) => (
    <th
      scope="col"
      aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        className="sort-button"
        aria-label={t('office.oversight.sortBy', { column: label })}
        onClick={() => setSort({ key, dir: sort.key === key && sort.dir === 'desc' ? 'asc' : 'desc' })}
      >
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
  const caption = t(`office.oversight.table.${table}`);
  const linked = (r: PerformanceItem, metric: OversightMetric, value: number) =>
    r.id === '' && group === 'official' ? (
      value
    ) : (
      <a href={drillPath(narrowed(r), metric)} onClick={followLink}>
        {value}
      </a>
    );
  return (
    <section className="oversight-section" aria-labelledby={`h-${table}`}>
      <div className="section-head">
        <h2 id={`h-${table}`}>{caption}</h2>
        <ExportLinks filters={filters} table={table} />
      </div>
      {chart}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="inbox oversight-table" data-testid={`table-${table}`}>
          <thead>
            <tr>
              {header('name', t('office.oversight.column.name'))}
              {header('received', t('office.oversight.metric.received'))}
              {header('onTimeRate', t('office.oversight.column.onTimeRate'))}
              {header('overdue', t('office.oversight.metric.overdue'))}
              {header('median', t('office.oversight.column.median'))}
              {header('averageRating', t('office.oversight.column.averageRating'))}
              {header('disputeRate', t('office.oversight.column.disputeRate'))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id}>
                <th scope="row">{nameOf(r)}</th>
                <td>{linked(r, 'received', r.received)}</td>
                <td>{rate(r.answeredOnTime, r.answered) ?? '—'}</td>
                <td>{linked(r, 'overdue', r.overdue)}</td>
                <td>{r.medianAnswerWorkingDays ?? '—'}</td>
                <td>
                  {r.averageRating ?? '—'}
                  {r.ratings > 0 ? <span className="muted"> ({r.ratings})</span> : null}
                </td>
                <td>{rate(r.disputed, r.answered) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function NumbersTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="inbox">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={j}>{c}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DepartmentBars({ data }: { data: OversightDashboard }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const stackedTitle = t('office.oversight.chart.stackedTitle');
  const parts = [
    { label: t('office.oversight.chart.onTime'), colour: '#1c6b33', pattern: 'solid' as const },
    { label: t('office.oversight.chart.late'), colour: '#b00020', pattern: 'hatch' as const },
    { label: t('office.oversight.chart.open'), colour: '#4d5661', pattern: 'dots' as const },
  ];
  const deptRows = data.departments.map((d) => ({
    label: d.name ? pick(d.name, lng) : t('office.oversight.none'),
    values: [d.answeredOnTime, d.answered - d.answeredOnTime, d.received - d.answered],
  }));
  return (
    <StackedBars
      title={stackedTitle}
      desc={t('office.oversight.chart.stackedDesc')}
      parts={parts}
      rows={deptRows}
      table={
        <NumbersTable
          caption={stackedTitle}
          head={[t('office.oversight.column.name'), ...parts.map((p) => p.label)]}
          rows={deptRows.map((r) => [r.label, ...r.values])}
        />
      }
    />
  );
}

function Charts({ data, filters }: { data: OversightDashboard; filters: OversightFilters }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const m = (k: string) => t(`office.oversight.metric.${k}`);
  const seriesTitle = t('office.oversight.chart.seriesTitle');
  return (
    <section className="oversight-section" aria-labelledby="h-charts">
      <div className="section-head">
        <h2 id="h-charts">{t('office.oversight.table.series')}</h2>
        <ExportLinks filters={filters} table="series" />
      </div>
      <div className="chart-grid">
        <LineChart
          title={seriesTitle}
          desc={t('office.oversight.chart.seriesDesc')}
          labels={data.series.map((p) => p.day)}
          formatLabel={(d) => formatShortDay(d, lng)}
          series={[
            {
              label: m('received'),
              values: data.series.map((p) => p.received),
              style: 'solid',
              colour: '#005a9e',
            },
            {
              label: m('answered'),
              values: data.series.map((p) => p.answered),
              style: 'dashed',
              colour: '#1c6b33',
            },
            {
              label: m('overdue'),
              values: data.series.map((p) => p.overdue),
              style: 'dotted',
              colour: '#b00020',
            },
          ]}
          table={
            <NumbersTable
              caption={seriesTitle}
              head={[
                t('office.oversight.column.day'),
                m('received'),
                m('answered'),
                m('answeredOnTime'),
                m('overdue'),
              ]}
              rows={data.series.map((p) => [
                formatShortDay(p.day, lng),
                p.received,
                p.answered,
                p.answeredOnTime,
                p.overdue,
              ])}
            />
          }
        />
      </div>
    </section>
  );
}

function Topics({ data, filters }: { data: OversightDashboard; filters: OversightFilters }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const caption = t('office.oversight.topics.title');
  return (
    <section className="oversight-section" aria-labelledby="h-topics">
      <div className="section-head">
        <h2 id="h-topics">{caption}</h2>
        <ExportLinks filters={filters} table="topics" />
      </div>
      <NumbersTable
        caption={caption}
        head={[
          t('office.oversight.column.category'),
          t('office.oversight.column.current'),
          t('office.oversight.column.previous'),
          t('office.oversight.column.change'),
        ]}
        rows={data.topics.slice(0, 10).map((r) => {
          const change = r.current - r.previous;
          return [
            r.name ? pick(r.name, lng) : t('office.oversight.none'),
            r.current,
            r.previous,
            change > 0 ? `▲ +${change}` : change < 0 ? `▼ ${change}` : '0',
          ];
        })}
      />
    </section>
  );
}

function Booths({ data, filters }: { data: OversightDashboard; filters: OversightFilters }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const title = t('office.oversight.chart.hoursTitle');
  const hour = (h: number) => t('office.oversight.booths.hourLabel', { hour: String(h).padStart(2, '0') });
  return (
    <section className="oversight-section" aria-labelledby="h-booths">
      <div className="section-head">
        <h2 id="h-booths">{t('office.oversight.booths.title')}</h2>
        <ExportLinks filters={filters} table="booths" />
      </div>
      <div className="chart-grid">
        <BarChart
          title={title}
          desc={t('office.oversight.chart.hoursDesc')}
          labels={data.booths.byHour.map((h) => hour(h.hour))}
          values={data.booths.byHour.map((h) => h.count)}
          table={
            <NumbersTable
              caption={title}
              head={[t('office.oversight.column.hour'), t('office.oversight.column.count')]}
              rows={data.booths.byHour.map((h) => [hour(h.hour), h.count])}
            />
          }
        />
        <div>
          <NumbersTable
            caption={t('office.oversight.table.booths')}
            head={[t('office.oversight.column.booth'), t('office.oversight.column.count')]}
            rows={data.booths.byKiosk.map((k) => [
              k.id === '' ? t('office.oversight.none') : k.name,
              k.count,
            ])}
          />
          <h3>{t('office.oversight.booths.byDay')}</h3>
          <NumbersTable
            caption={t('office.oversight.booths.byDay')}
            head={[t('office.oversight.column.day'), t('office.oversight.column.count')]}
            rows={data.booths.byDay.map((d) => [formatShortDay(d.day, lng), d.count])}
          />
        </div>
      </div>
    </section>
  );
}

/** The filters in the address, or this month. */
export function initialFilters(): OversightFilters {
  const given = filtersFrom(window.location.search);
  const range = given.from && given.to ? { from: given.from, to: given.to } : periodRange('month', today());
  return { ...given, ...range };
}

export function OversightScreen() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [filters, setFilters] = useState<OversightFilters>(initialFilters);
  const [data, setData] = useState<OversightDashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    window.history.replaceState(null, '', dashboardPath(filters));
    oversightApi.dashboard(filters).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [filters]);
  return (
    <main className="page oversight-page" id="main">
      <h1>{t('office.oversight.title')}</h1>
      <p className="muted">{t('office.oversight.intro')}</p>
      <Filters
        key={JSON.stringify(filters)}
        filters={filters}
        onChange={(next) => {
          setError(null);
          setFilters(next);
        }}
      />
      {error ? <ErrorMessage error={error} /> : null}
      {data ? (
        <>
          <p className="period-shown" aria-live="polite">
            {t('office.oversight.period.shown', {
              from: formatShortDay(data.from, lng),
              to: formatShortDay(data.to, lng),
            })}
          </p>
          {data.totals.received === 0 ? <p>{t('office.oversight.chart.empty')}</p> : null}
          <FigureCards data={data} filters={filters} />
          <Charts data={data} filters={filters} />
          <PerformanceTable
            rows={data.departments}
            filters={filters}
            group="department"
            chart={<DepartmentBars data={data} />}
          />
          <PerformanceTable rows={data.officials} filters={filters} group="official" />
          <Topics data={data} filters={filters} />
          <Booths data={data} filters={filters} />
        </>
      ) : error ? null : (
        <p>{t('common.loading')}</p>
      )}
    </main>
  );
}
