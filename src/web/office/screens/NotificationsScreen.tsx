// Admins: the SMS and email outbox — what was queued, to whom (masked), whether it went, and why not.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type NotificationView } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatShortDateTime } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import { MoreButton, usePaged } from '../../ui/paging.js';

type State = NotificationView['state'];
type Channel = NotificationView['channel'];
const STATES: State[] = ['pending', 'sent', 'failed'];
const CHANNELS: Channel[] = ['sms', 'email'];

export function NotificationsScreen() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [state, setState] = useState<State | ''>('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const filter = { ...(state ? { state } : {}), ...(channel ? { channel } : {}) };
  // A new filter starts the list again from the newest message.
  const paged = usePaged<NotificationView>(
    (cursor) => api.notifications(filter, cursor),
    `${state}|${channel}`,
  );
  const { items, error } = paged;

  return (
    <main className="page wide">
      <h1>{t('office.notifications.title')}</h1>
      <p className="muted">{t('office.notifications.intro')}</p>
      <div className="filters">
        <label>
          {t('office.notifications.filterState')}
          <select value={state} onChange={(e) => setState(e.target.value as State | '')}>
            <option value="">{t('office.notifications.all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`office.notifications.states.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('office.notifications.filterChannel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')}>
            <option value="">{t('office.notifications.all')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`office.notifications.channels.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage error={error} />
      {!items && !error ? <p>{t('common.loading')}</p> : null}
      {items && items.length === 0 ? <p>{t('office.notifications.empty')}</p> : null}
      {items && items.length > 0 ? (
        // Wide on a small screen: the keyboard can scroll it too.
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('office.notifications.caption')}>
          <table className="inbox notifications">
            <caption className="visually-hidden">{t('office.notifications.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('office.notifications.time')}</th>
                <th scope="col">{t('office.notifications.channel')}</th>
                <th scope="col">{t('office.notifications.recipient')}</th>
                <th scope="col">{t('office.notifications.template')}</th>
                <th scope="col">{t('office.notifications.state')}</th>
                <th scope="col">{t('office.notifications.attempts')}</th>
                <th scope="col">{t('office.notifications.reason')}</th>
                <th scope="col">{t('office.notifications.text')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-state={item.state}>
                  <td>
                    <time dateTime={item.createdAt}>{formatShortDateTime(item.createdAt, lng)}</time>
                  </td>
                  <td>
                    {t(`office.notifications.channels.${item.channel}`)}
                    {item.driver ? (
                      <span className="muted small">
                        {' '}
                        {t('office.notifications.via', { driver: item.driver })}
                      </span>
                    ) : null}
                  </td>
                  <td className="nowrap">{item.recipient}</td>
                  <td>
                    {t(`office.notifications.templates.${item.template}`, { defaultValue: item.template })}
                    {item.appealId ? (
                      <>
                        <br />
                        <a href={`/office/appeals/${encodeURIComponent(item.appealId)}`} onClick={followLink}>
                          {t('office.notifications.appealLink')}
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <span className={`notification-state ${item.state}`}>
                      {t(`office.notifications.states.${item.state}`)}
                    </span>
                    {item.deliveryState ? (
                      <>
                        <br />
                        {t(`office.notifications.delivery.${item.deliveryState}`)}
                      </>
                    ) : null}
                  </td>
                  <td>{item.attempts}</td>
                  <td className="notification-reason">{item.reason ?? ''}</td>
                  <td className="notification-text">
                    {item.subject ? <strong>{item.subject}</strong> : null}
                    <span>{item.body}</span>
                    {item.segments ? (
                      <span className="muted small">
                        {t('office.notifications.segments', { count: item.segments })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <MoreButton paged={paged} label={t('office.notifications.more')} />
    </main>
  );
}
