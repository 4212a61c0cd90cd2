// Supervisors and operators (and an official, for their own): open appeals past their deadline, in red with the
// working days they are late and whether they were escalated, and those due within a few working days; in deadline
// order or grouped by department. Each number opens the appeal.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type DeadlineItem, type DeadlinesView } from '../../ui/api.js';
import { ErrorMessage, StatusBadge } from '../../ui/components.js';
import { currentLanguage, type Language } from '../../ui/i18n.js';
import { formatDay, formatShortDateTime, formatShortDay, pick } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import './deadlines.css';

type Order = 'deadline' | 'department';

function departmentName(item: DeadlineItem, lng: Language, none: string): string {
  return item.department ? pick(item.department.name, lng) : none;
}

/** The rows in the chosen order; by department, each department's rows stay in deadline order. */
function ordered(items: DeadlineItem[], order: Order, lng: Language, none: string): DeadlineItem[] {
  if (order === 'deadline') return items;
  return [...items].sort((a, b) => {
    const byName = departmentName(a, lng, none).localeCompare(departmentName(b, lng, none), lng);
    return byName !== 0 ? byName : a.deadlineOn.localeCompare(b.deadlineOn);
  });
}

function DeadlineTable({
  items,
  total,
  kind,
  order,
}: {
  items: DeadlineItem[];
  total: number;
  kind: 'overdue' | 'dueSoon';
  order: Order;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const none = t('office.deadlines.noDepartment');
  const rows = ordered(items, order, lng, none);
  const caption = t(
    kind === 'overdue' ? 'office.deadlines.overdueCaption' : 'office.deadlines.dueSoonCaption',
  );
  return (
    <>
      {total > items.length ? (
        <p className="muted">{t('office.deadlines.shownOf', { shown: items.length, total })}</p>
      ) : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className={`inbox deadlines ${kind}`}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('office.deadlines.number')}</th>
              <th scope="col">{t('office.deadlines.deadline')}</th>
              <th scope="col">{t(kind === 'overdue' ? 'office.deadlines.late' : 'office.deadlines.left')}</th>
              <th scope="col">{t('office.deadlines.addressee')}</th>
              <th scope="col">{t('office.deadlines.department')}</th>
              <th scope="col">{t('office.deadlines.status')}</th>
              {kind === 'overdue' ? <th scope="col">{t('office.deadlines.escalated')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((item, i) => {
              const department = departmentName(item, lng, none);
              const previous = rows[i - 1];
              const groupStart =
                order === 'department' &&
                previous !== undefined &&
                departmentName(previous, lng, none) !== department;
              return (
                <tr
                  key={item.id}
                  className={`${kind === 'overdue' ? 'overdue-row' : ''}${groupStart ? ' group-start' : ''}`}
                  data-appeal={item.registrationNumber}
                >
                  <td className="nowrap">
                    <a href={`/office/appeals/${encodeURIComponent(item.id)}`} onClick={followLink}>
                      {item.registrationNumber}
                    </a>
                    {kind === 'overdue' ? (
                      <span className="overdue-badge">{t('office.deadlines.overdueBadge')}</span>
                    ) : null}
                  </td>
                  <td className="nowrap">
                    <time dateTime={item.deadlineOn} title={formatDay(item.deadlineOn, lng)}>
                      {formatShortDay(item.deadlineOn, lng)}
                    </time>
                  </td>
                  <td className={kind === 'overdue' ? 'days-late' : 'days-left'}>
                    {kind === 'overdue'
                      ? Math.max(0, -item.workingDaysLeft)
                      : item.workingDaysLeft === 0
                        ? t('office.deadlines.dueToday')
                        : item.workingDaysLeft}
                  </td>
                  <td>
                    {item.addressee ? (
                      <>
                        {pick(item.addressee.fullName, lng)}
                        <span className="muted small">{pick(item.addressee.position, lng)}</span>
                      </>
                    ) : (
                      <span className="muted">{t('office.deadlines.noAddressee')}</span>
                    )}
                  </td>
                  <td>{department}</td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  {kind === 'overdue' ? (
                    <td className="nowrap">
                      {item.escalatedAt
                        ? t('office.deadlines.escalatedOn', {
                            date: formatShortDateTime(item.escalatedAt, lng),
                          })
                        : t('office.deadlines.notEscalated')}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function DeadlinesScreen() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [view, setView] = useState<DeadlinesView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [order, setOrder] = useState<Order>('deadline');

  useEffect(() => {
    let current = true;
    api.deadlines().then(
      (loaded) => {
        if (current) setView(loaded);
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const today = useMemo(() => (view ? formatDay(view.today, lng) : ''), [view, lng]);

  return (
    <main className="page wide deadlines-page">
      <h1>{t('office.deadlines.title')}</h1>
      {view ? (
        <p className="muted">
          {t('office.deadlines.intro', { days: view.dueSoonWorkingDays, today })}{' '}
          {view.todayIsWorkingDay ? null : t('office.deadlines.notWorkingDay')}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {!view && !error ? <p>{t('common.loading')}</p> : null}
      {view ? (
        <>
          <div className="filters">
            <label>
              {t('office.deadlines.sort')}
              <select value={order} onChange={(e) => setOrder(e.target.value as Order)}>
                <option value="deadline">{t('office.deadlines.sortDeadline')}</option>
                <option value="department">{t('office.deadlines.sortDepartment')}</option>
              </select>
            </label>
          </div>
          <section aria-labelledby="overdue-heading">
            <h2 id="overdue-heading" className="overdue-heading">
              {t('office.deadlines.overdueHeading', { count: view.overdueTotal })}
            </h2>
            {view.overdue.length === 0 ? (
              <p>{t('office.deadlines.noneOverdue')}</p>
            ) : (
              <DeadlineTable items={view.overdue} total={view.overdueTotal} kind="overdue" order={order} />
            )}
          </section>
          <section aria-labelledby="due-soon-heading">
            <h2 id="due-soon-heading">
              {t('office.deadlines.dueSoonHeading', { count: view.dueSoonTotal })}
            </h2>
            {view.dueSoon.length === 0 ? (
              <p>{t('office.deadlines.noneDueSoon')}</p>
            ) : (
              <DeadlineTable items={view.dueSoon} total={view.dueSoonTotal} kind="dueSoon" order={order} />
            )}
          </section>
        </>
      ) : null}
    </main>
  );
}
