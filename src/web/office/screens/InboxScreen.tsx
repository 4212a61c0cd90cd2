// The inbox: views as tabs with their counts, search, filters, sort and saved views over the appeals this person may
// read, a page at a time; overdue deadlines in red, those due within three working days in amber.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  api,
  type InboxCounts,
  type InboxFilterOptions,
  type InboxFilters,
  type InboxQuery,
  type InboxRow,
  type SavedView,
} from '../../ui/api.js';
import { ErrorMessage, StatusBadge } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatShortDateTime, formatShortDay, pick } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import { MoreButton, usePaged } from '../../ui/paging.js';
import { useAction } from '../../ui/useAction.js';
import { APPEAL_STATUSES, APPEAL_TYPES, SOURCES, type AppealStatus } from '../../../common/statuses.js';
import {
  DEFAULT_DIRECTION,
  INBOX_SEARCH_MAX_LENGTH,
  INBOX_SORTS,
  INBOX_VIEWS,
  SAVED_VIEW_NAME_MAX_LENGTH,
  type InboxSort,
  type InboxView,
  type SavedViewQuery,
  type SortDirection,
} from '../../../common/inbox.js';

type Filters = Omit<InboxFilters, 'q' | 'status'> & { status?: AppealStatus };

interface Choice {
  view: InboxView;
  q: string;
  filters: Filters;
  sort: InboxSort;
  dir: SortDirection;
}

const START: Choice = { view: 'all', q: '', filters: {}, sort: 'registered', dir: 'desc' };

function filtersOf(choice: Choice): InboxFilters {
  const { status, ...rest } = choice.filters;
  return {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== '')),
    ...(status ? { status: [status] } : {}),
    ...(choice.q.trim() ? { q: choice.q.trim() } : {}),
  };
}

function fromSaved(query: SavedViewQuery): Choice {
  const { view, sort, dir, q, status, ...filters } = query;
  const sortBy = sort ?? 'registered';
  return {
    view: view ?? 'all',
    q: q ?? '',
    filters: { ...filters, ...(status?.[0] ? { status: status[0] } : {}) },
    sort: sortBy,
    dir: dir ?? DEFAULT_DIRECTION[sortBy],
  };
}

export function InboxScreen() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [choice, setChoice] = useState<Choice>(START);
  const [typed, setTyped] = useState('');
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const [options, setOptions] = useState<InboxFilterOptions | null>(null);
  const [saved, setSaved] = useState<SavedView[]>([]);
  const [savedId, setSavedId] = useState('');
  const [viewName, setViewName] = useState('');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const saving = useAction();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const filters = useMemo(() => filtersOf(choice), [choice]);
  const query: InboxQuery = { ...filters, view: choice.view, sort: choice.sort, dir: choice.dir };
  const queryKey = JSON.stringify(query);
  const filterKey = JSON.stringify(filters);
  const paged = usePaged<InboxRow>(
    (cursor) => api.inbox({ ...query, ...(cursor ? { cursor } : {}) }),
    queryKey,
  );

  useEffect(() => {
    let live = true;
    api.inboxCounts(JSON.parse(filterKey) as InboxFilters).then(
      (c) => {
        if (live) setCounts(c);
      },
      () => {
        if (live) setCounts(null);
      },
    );
    return () => {
      live = false;
    };
  }, [filterKey]);

  useEffect(() => {
    api.inboxFilters().then(setOptions, () => setOptions(null));
    api.savedViews().then(setSaved, () => setSaved([]));
  }, []);

  const change = (next: Partial<Choice>) => {
    setSavedId('');
    setChoice((c) => ({ ...c, ...next }));
  };
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K] | '') =>
    change({ filters: { ...choice.filters, [key]: value === '' ? undefined : value } });

  // Tabs: arrow keys move between them (and choose), Home and End go to the ends.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = INBOX_VIEWS.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    const view = INBOX_VIEWS[to];
    if (view) change({ view });
    tabs.current[to]?.focus();
  };

  const countText = (view: InboxView) => {
    const c = counts?.counts[view];
    if (!c) return '';
    return c.capped ? t('office.inbox.countCapped', { count: c.count }) : String(c.count);
  };

  const applySaved = (id: string) => {
    setSavedId(id);
    const view = saved.find((s) => s.id === id);
    if (!view) return;
    const next = fromSaved(view.query);
    setTyped(next.q);
    setChoice(next);
  };

  const saveView = () =>
    saving.run(async () => {
      const name = viewName.trim();
      if (!name) return;
      const body = { name, query: { ...filters, view: choice.view, sort: choice.sort, dir: choice.dir } };
      const created = await api.saveView(body);
      setSaved((list) => [...list, created].sort((a, b) => a.name.localeCompare(b.name)));
      setSavedId(created.id);
      setViewName('');
    });

  const deleteSaved = () =>
    saving.run(async () => {
      if (!savedId) return;
      await api.deleteView(savedId);
      setSaved((list) => list.filter((s) => s.id !== savedId));
      setSavedId('');
    });

  const { items, error } = paged;
  const anyFilter = Object.keys(filters).length > 0;
  const activeFilters = Object.keys(filters).filter((k) => k !== 'q').length;

  return (
    <main className="page wide inbox-page">
      <h1>{t('office.inbox.title')}</h1>

      <div role="tablist" aria-label={t('office.inbox.viewsLabel')} className="inbox-tabs">
        {INBOX_VIEWS.map((view, index) => {
          const selected = choice.view === view;
          const count = countText(view);
          return (
            <button
              key={view}
              ref={(el) => {
                tabs.current[index] = el;
              }}
              type="button"
              role="tab"
              id={`inbox-tab-${view}`}
              aria-selected={selected}
              aria-controls="inbox-results"
              tabIndex={selected ? 0 : -1}
              className={`inbox-tab view-${view}`}
              data-testid={`inbox-tab-${view}`}
              onClick={() => change({ view })}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {t(`office.inbox.views.${view}`)}
              {count ? (
                <span className="inbox-count" data-testid={`inbox-count-${view}`}>
                  {count}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>

      <form
        className="inbox-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          change({ q: typed });
        }}
      >
        <label htmlFor="inbox-q">{t('office.inbox.search')}</label>
        <input
          id="inbox-q"
          type="search"
          value={typed}
          maxLength={INBOX_SEARCH_MAX_LENGTH}
          aria-describedby="inbox-q-hint"
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit">{t('office.inbox.searchButton')}</button>
        {choice.q ? (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setTyped('');
              change({ q: '' });
            }}
          >
            {t('office.inbox.clearSearch')}
          </button>
        ) : null}
        <p id="inbox-q-hint" className="muted small">
          {t('office.inbox.searchHint')}
        </p>
      </form>

      <details
        className="inbox-more"
        open={filtersOpen}
        onToggle={(e) => setFiltersOpen(e.currentTarget.open)}
      >
        <summary>
          {t('office.inbox.filters')}
          {activeFilters > 0 ? <span className="inbox-count">{activeFilters}</span> : null}
        </summary>
        <div className="filters inbox-filters">
          <label>
            {t('office.inbox.department')}
            <select
              value={choice.filters.department ?? ''}
              onChange={(e) => setFilter('department', e.target.value)}
            >
              <option value="">{t('office.inbox.any')}</option>
              {options?.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {pick(d.name, lng)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('office.inbox.category')}
            <select
              value={choice.filters.category ?? ''}
              onChange={(e) => setFilter('category', e.target.value)}
            >
              <option value="">{t('office.inbox.any')}</option>
              {options?.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {pick(c.name, lng)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('office.inbox.kiosk')}
            <select value={choice.filters.kiosk ?? ''} onChange={(e) => setFilter('kiosk', e.target.value)}>
              <option value="">{t('office.inbox.any')}</option>
              {options?.kiosks.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('office.inbox.status')}
            <select
              value={choice.filters.status ?? ''}
              onChange={(e) => setFilter('status', e.target.value as AppealStatus | '')}
            >
              <option value="">{t('office.inbox.any')}</option>
              {APPEAL_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`common.statuses.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('office.inbox.type')}
            <select
              value={choice.filters.type ?? ''}
              onChange={(e) => setFilter('type', e.target.value as Filters['type'] | '')}
            >
              <option value="">{t('office.inbox.any')}</option>
              {APPEAL_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`common.types.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('office.inbox.source')}
            <select
              value={choice.filters.source ?? ''}
              onChange={(e) => setFilter('source', e.target.value as Filters['source'] | '')}
            >
              <option value="">{t('office.inbox.any')}</option>
              {SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`office.inbox.sources.${source}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('office.inbox.from')}
            <input
              type="date"
              value={choice.filters.from ?? ''}
              onChange={(e) => setFilter('from', e.target.value)}
            />
          </label>
          <label>
            {t('office.inbox.to')}
            <input
              type="date"
              value={choice.filters.to ?? ''}
              onChange={(e) => setFilter('to', e.target.value)}
            />
          </label>
          <label>
            {t('office.inbox.sort')}
            <select
              value={choice.sort}
              onChange={(e) => {
                const sort = e.target.value as InboxSort;
                change({ sort, dir: DEFAULT_DIRECTION[sort] });
              }}
            >
              {INBOX_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`office.inbox.sorts.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('office.inbox.direction')}
            <select value={choice.dir} onChange={(e) => change({ dir: e.target.value as SortDirection })}>
              <option value="asc">{t('office.inbox.directions.asc')}</option>
              <option value="desc">{t('office.inbox.directions.desc')}</option>
            </select>
          </label>
          {anyFilter ? (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setTyped('');
                change({ filters: {}, q: '' });
              }}
            >
              {t('office.inbox.resetFilters')}
            </button>
          ) : null}
        </div>
      </details>

      <fieldset className="filters inbox-saved">
        <legend>{t('office.inbox.savedViews')}</legend>
        <label>
          {t('office.inbox.savedView')}
          <select value={savedId} onChange={(e) => applySaved(e.target.value)}>
            <option value="">
              {saved.length ? t('office.inbox.chooseSaved') : t('office.inbox.noSaved')}
            </option>
            {saved.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {savedId ? (
          <button
            type="button"
            className="secondary"
            onClick={() => void deleteSaved()}
            disabled={saving.busy}
          >
            {t('office.inbox.deleteView')}
          </button>
        ) : null}
        <form
          className="inbox-save"
          onSubmit={(e) => {
            e.preventDefault();
            void saveView();
          }}
        >
          <label>
            {t('office.inbox.viewName')}
            <input
              value={viewName}
              maxLength={SAVED_VIEW_NAME_MAX_LENGTH}
              onChange={(e) => setViewName(e.target.value)}
            />
          </label>
          <button type="submit" disabled={saving.busy || viewName.trim() === ''}>
            {t('office.inbox.saveView')}
          </button>
        </form>
        <ErrorMessage error={saving.error} />
      </fieldset>

      <section id="inbox-results" role="tabpanel" aria-labelledby={`inbox-tab-${choice.view}`}>
        <ErrorMessage error={error} />
        {!items && !error ? <p>{t('common.loading')}</p> : null}
        {items && items.length === 0 ? (
          <p>
            {anyFilter || choice.view !== 'all' ? t('office.inbox.emptyFiltered') : t('office.inbox.empty')}
          </p>
        ) : null}
        {items && items.length > 0 ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('office.inbox.caption')}>
            <table className="inbox">
              <caption className="visually-hidden">{t('office.inbox.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('office.inbox.number')}</th>
                  <th scope="col">{t('office.inbox.registeredAt')}</th>
                  <th scope="col">{t('office.inbox.addressee')}</th>
                  <th scope="col">{t('office.inbox.type')}</th>
                  <th scope="col">{t('office.inbox.status')}</th>
                  <th scope="col">{t('office.inbox.deadline')}</th>
                  <th scope="col">{t('office.inbox.phone')}</th>
                  <th scope="col">{t('office.inbox.media')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} data-flag={item.deadlineFlag ?? undefined}>
                    <td className="nowrap">
                      <a href={`/office/appeals/${encodeURIComponent(item.id)}`} onClick={followLink}>
                        {item.registrationNumber}
                      </a>
                    </td>
                    <td>{formatShortDateTime(item.registeredAt, lng)}</td>
                    <td>
                      {item.addressee ? pick(item.addressee.fullName, lng) : t('common.addresseeByOffice')}
                    </td>
                    <td>{t(`common.types.${item.type}`)}</td>
                    <td>
                      <StatusBadge status={item.status} />
                      {item.escalated ? (
                        <span className="badge escalated">{t('office.inbox.flags.escalated')}</span>
                      ) : null}
                    </td>
                    <td className={item.deadlineFlag ? `deadline ${item.deadlineFlag}` : 'deadline'}>
                      <span className="nowrap">{formatShortDay(item.deadlineOn, lng)}</span>
                      {item.deadlineFlag ? (
                        <span className="deadline-flag">{t(`office.inbox.flags.${item.deadlineFlag}`)}</span>
                      ) : null}
                    </td>
                    <td className="nowrap">{item.phoneMasked}</td>
                    <td>{t(`office.mediaStates.${item.mediaState ?? 'none'}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <MoreButton paged={paged} label={t('office.inbox.more')} />
      </section>
    </main>
  );
}
