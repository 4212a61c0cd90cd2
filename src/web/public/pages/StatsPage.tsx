// Public statistics (/stats, ?period=): how each body answers — received, on time, median answer time, satisfaction —
// for the region and as a sortable table, small counts suppressed, with the open data to download. No login.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_STATS_PERIOD,
  STATS_LICENSE,
  offeredPeriods,
  type StatsDocument,
  type StatsMeasure,
  type StatsRow,
} from '../../../common/openstats.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage, type Language } from '../../ui/i18n.js';
import { formatDay } from '../../ui/format.js';
import { publicApi, statsDownload } from '../api.js';

type Column = 'body' | 'received' | 'onTime' | 'median' | 'satisfaction';
const COLUMNS: readonly Column[] = ['body', 'received', 'onTime', 'median', 'satisfaction'];
const FIGURES = COLUMNS.filter((c) => c !== 'body');
const MEASURE: Record<Exclude<Column, 'body'>, StatsMeasure> = {
  received: 'received',
  onTime: 'on_time',
  median: 'answer_time',
  satisfaction: 'satisfaction',
};

const name = (row: StatsRow, lng: Language) => row[`name_${lng}`] ?? row.name_ru ?? '';

/** What a column sorts by; null (suppressed) always last. A shorter answer time is better, so it sorts up. */
function sortValue(row: StatsRow, column: Column, lng: Language): string | number | null {
  switch (column) {
    case 'body':
      return name(row, lng);
    case 'received':
      return row.received;
    case 'onTime':
      return row.on_time_share;
    case 'median':
      return row.median_answer_working_days;
    case 'satisfaction':
      return row.average_rating;
  }
}

function initialPeriod(): string {
  return new URLSearchParams(window.location.search).get('period') ?? DEFAULT_STATS_PERIOD;
}

export function StatsPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(initialPeriod);
  const [chosen, setChosen] = useState(period);
  const [doc, setDoc] = useState<StatsDocument | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    publicApi.stats(period).then(
      (d) => live && setDoc(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [period]);

  const show = (event: FormEvent) => {
    event.preventDefault();
    window.history.replaceState(null, '', `/stats?${new URLSearchParams({ period: chosen }).toString()}`);
    setError(null);
    setPeriod(chosen);
  };

  const periodName = (key: string) => {
    if (key === DEFAULT_STATS_PERIOD) return t('public.stats.last12');
    const [year, quarter] = key.split('-Q');
    return quarter ? t('public.stats.quarter', { year, quarter }) : t('public.stats.year', { year });
  };
  const keys = doc ? offeredPeriods(doc.published_through) : [period];
  if (!keys.includes(chosen)) keys.push(chosen);

  return (
    <>
      <h1>{t('public.stats.title')}</h1>
      <p>{t('public.stats.intro')}</p>
      <form className="search-form" onSubmit={show}>
        <label htmlFor="stats-period">{t('public.stats.period')}</label>
        <div className="search-row">
          <select id="stats-period" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {keys.map((key) => (
              <option key={key} value={key}>
                {periodName(key)}
              </option>
            ))}
          </select>
          <button type="submit" className="primary">
            {t('public.stats.show')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {doc && !error ? (
        <Figures doc={doc} />
      ) : !error ? (
        <p aria-live="polite">{t('common.loading')}</p>
      ) : null}
    </>
  );
}

function Figures({ doc }: { doc: StatsDocument }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const k = doc.min_count;
  return (
    <>
      <p aria-live="polite" data-testid="stats-range">
        {t('public.stats.range', {
          from: formatDay(doc.period.from, lng),
          to: formatDay(doc.period.to, lng),
        })}{' '}
        {t('public.stats.monthly')}
      </p>
      <section aria-labelledby="stats-region">
        <h2 id="stats-region">{t('public.stats.regionHeading')}</h2>
        <dl className="stats-summary" data-testid="stats-region">
          {FIGURES.map((column) => (
            <div key={column}>
              <dt>{t(`public.stats.col.${column}`)}</dt>
              <dd>
                <Cell row={doc.region} column={column} k={k} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <LeagueTable doc={doc} />
      <p className="muted">{t('public.stats.suppression', { count: k })}</p>
      <section aria-labelledby="stats-explain">
        <h2 id="stats-explain">{t('public.stats.explainHeading')}</h2>
        <dl className="stats-explain">
          {FIGURES.map((column) => (
            <div key={column}>
              <dt>{t(`public.stats.col.${column}`)}</dt>
              <dd>{t(`public.stats.explain.${column}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="stats-open-data">
        <h2 id="stats-open-data">{t('public.stats.openData.heading')}</h2>
        <p>{t('public.stats.openData.text')}</p>
        <ul className="article-list">
          <li>
            <a href={statsDownload('csv', doc.period.key)} download data-testid="stats-csv">
              {t('public.stats.openData.csv')}
            </a>
          </li>
          <li>
            <a href={statsDownload('json', doc.period.key)} data-testid="stats-json">
              {t('public.stats.openData.json')}
            </a>
          </li>
          <li>
            <a href={doc.schema}>{t('public.stats.openData.schema')}</a>
          </li>
          <li>
            <a href={STATS_LICENSE.url} rel="license">
              {t('public.stats.openData.licence')}
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}

function LeagueTable({ doc }: { doc: StatsDocument }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>({
    column: 'onTime',
    ascending: false,
  });
  const ranked = doc.departments.filter((r) => r.level === 'department');
  const unranked = doc.departments.filter((r) => r.level !== 'department');
  const sorted = [...ranked].sort((a, b) => {
    const x = sortValue(a, sort.column, lng);
    const y = sortValue(b, sort.column, lng);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y), lng) : x - Number(y);
    return sort.ascending ? order : -order;
  });
  const sortBy = (column: Column) =>
    setSort((s) =>
      s.column === column
        ? { column, ascending: !s.ascending }
        : { column, ascending: column === 'body' || column === 'median' },
    );

  return (
    <section aria-labelledby="stats-table">
      <h2 id="stats-table">{t('public.stats.tableHeading')}</h2>
      <div className="table-scroll" role="region" aria-labelledby="stats-table" tabIndex={0}>
        <table className="stats-table" data-testid="stats-table">
          <caption>{t('public.stats.caption', { column: t(`public.stats.col.${sort.column}`) })}</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column}
                  scope="col"
                  aria-sort={
                    sort.column === column ? (sort.ascending ? 'ascending' : 'descending') : undefined
                  }
                >
                  <button type="button" className="sort-button" onClick={() => sortBy(column)}>
                    {t(`public.stats.col.${column}`)}
                    <span aria-hidden="true">
                      {sort.column === column ? (sort.ascending ? ' ▲' : ' ▼') : ' ↕'}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...sorted, ...unranked].map((row) => (
              <tr key={row.department_id ?? row.level}>
                <th scope="row">
                  {row.level === 'department' ? name(row, lng) : t('public.stats.unassigned')}
                </th>
                {row.received === null ? (
                  // A body whose count is hidden has every rate hidden: one cell says so for all of them.
                  <>
                    <td>
                      <Cell row={row} column="received" k={doc.min_count} />
                    </td>
                    <td colSpan={FIGURES.length - 1}>
                      <Cell row={row} column="onTime" k={doc.min_count} />
                    </td>
                  </>
                ) : (
                  FIGURES.map((column) => (
                    <td key={column}>
                      <Cell row={row} column={column} k={doc.min_count} />
                    </td>
                  ))
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One figure, or why it is not shown: "fewer than k" (small), "too few to show" (a rate), "not shown" (hidden). */
function Cell({ row, column, k }: { row: StatsRow; column: Exclude<Column, 'body'>; k: number }): ReactNode {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const hidden = row.suppressed.find((s) => s.measure === MEASURE[column]);
  if (hidden)
    return (
      <span className="muted">
        {hidden.reason === 'complementary'
          ? t('public.stats.hidden')
          : column === 'received'
            ? t('public.stats.fewer', { count: k })
            : t('public.stats.tooFew')}
      </span>
    );
  // Chromium's trimmed ICU has no Kazakh numbers; Kazakh writes them as Russian does (4,3; 1 250), but 81%.
  const locale = lng === 'kk' ? 'ru' : lng;
  const number = (n: number, digits = 0) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
  switch (column) {
    case 'received':
      return number(row.received ?? 0);
    case 'onTime':
      return row.on_time_share === null
        ? '—'
        : t('public.stats.onTimeOf', {
            share: new Intl.NumberFormat(lng === 'kk' ? 'en' : lng, { style: 'percent' }).format(
              row.on_time_share,
            ),
            onTime: number(row.answered_on_time ?? 0),
            due: number(row.due ?? 0),
          });
    case 'median':
      return row.median_answer_working_days === null
        ? '—'
        : t('public.stats.days', { count: row.median_answer_working_days });
    case 'satisfaction':
      return row.average_rating === null ? (
        '—'
      ) : (
        <>
          {t('public.stats.rating', { average: number(row.average_rating, 1) })}
          <br />
          <small className="muted">{t('public.stats.ratings', { count: row.ratings ?? 0 })}</small>
        </>
      );
  }
}
