// The appeal's deadline history: the statutory deadline it was registered with, each extension (old and new date,
// the reason, who decided and when), and the latest date the law allows.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppealDetail, type Me } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime, formatDay } from '../../ui/format.js';
import type { DeadlineHistory as History } from '../../../common/handling.js';
import { revisionOf } from './handling.js';

export function DeadlineHistory({ detail }: { detail: AppealDetail; me: Me }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<unknown>(null);
  const revision = revisionOf(detail);

  useEffect(() => {
    let stop = false;
    api.deadlineHistory(detail.id).then(
      (h) => {
        if (!stop) setHistory(h);
      },
      (e: unknown) => {
        if (!stop) setError(e);
      },
    );
    return () => {
      stop = true;
    };
  }, [detail.id, revision]);

  if (!history) return error ? <ErrorMessage error={error} /> : null;
  return (
    <section
      className="card handling"
      aria-labelledby="deadline-history-heading"
      data-testid="deadline-history"
    >
      <h2 id="deadline-history-heading">{t('office.handling.deadlines.title')}</h2>
      <dl className="facts">
        <dt>{t('office.handling.deadlines.registered')}</dt>
        <dd>{formatDay(history.registeredOn, lng)}</dd>
        <dt>{t('office.handling.deadlines.original')}</dt>
        <dd>{formatDay(history.originalDeadlineOn, lng)}</dd>
        <dt>{t('office.handling.deadlines.current')}</dt>
        <dd data-testid="current-deadline">{formatDay(history.deadlineOn, lng)}</dd>
        <dt>{t('office.handling.deadlines.ceiling')}</dt>
        <dd>{formatDay(history.maxDeadlineOn, lng)}</dd>
      </dl>
      {history.changes.length === 0 ? (
        <p className="muted">{t('office.handling.deadlines.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="inbox">
            <caption className="visually-hidden">{t('office.handling.deadlines.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('office.handling.deadlines.when')}</th>
                <th scope="col">{t('office.handling.deadlines.from')}</th>
                <th scope="col">{t('office.handling.deadlines.to')}</th>
                <th scope="col">{t('office.handling.deadlines.reason')}</th>
                <th scope="col">{t('office.handling.deadlines.who')}</th>
              </tr>
            </thead>
            <tbody>
              {history.changes.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.at, lng)}</td>
                  <td>{formatDay(c.oldDeadlineOn, lng)}</td>
                  <td>{formatDay(c.newDeadlineOn, lng)}</td>
                  <td className="pre">{c.reason}</td>
                  <td>{c.actor ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
