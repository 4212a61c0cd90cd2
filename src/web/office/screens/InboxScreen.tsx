// The inbox: the appeals this person may see, newest first, a page at a time.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type InboxPage } from '../../ui/api.js';
import { ErrorMessage, StatusBadge } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatShortDateTime, formatShortDay, pick } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import { useAction } from '../../ui/useAction.js';

type Item = InboxPage['items'][number];

export function InboxScreen() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [items, setItems] = useState<Item[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    api.inbox().then((page) => {
      setItems(page.items);
      setCursor(page.nextCursor);
    }, setError);
  }, [setError]);

  const more = () =>
    run(async () => {
      const page = await api.inbox(cursor);
      setItems((list) => [...(list ?? []), ...page.items]);
      setCursor(page.nextCursor);
    });

  return (
    <main className="page">
      <h1>{t('office.inbox.title')}</h1>
      <ErrorMessage error={error} />
      {!items && !error ? <p>{t('common.loading')}</p> : null}
      {items && items.length === 0 ? <p>{t('office.inbox.empty')}</p> : null}
      {items && items.length > 0 ? (
        <div className="table-wrap">
          <table className="inbox">
            <thead>
              <tr>
                <th scope="col">{t('office.inbox.number')}</th>
                <th scope="col">{t('office.inbox.registeredAt')}</th>
                <th scope="col">{t('office.inbox.addressee')}</th>
                <th scope="col">{t('office.inbox.type')}</th>
                <th scope="col">{t('office.inbox.status')}</th>
                <th scope="col">{t('office.inbox.deadline')}</th>
                <th scope="col">{t('office.inbox.media')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
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
                  </td>
                  <td>{formatShortDay(item.deadlineOn, lng)}</td>
                  <td>{t(`office.mediaStates.${item.mediaState ?? 'none'}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {cursor ? (
        <button type="button" onClick={() => void more()} disabled={busy}>
          {t('office.inbox.more')}
        </button>
      ) : null}
    </main>
  );
}
