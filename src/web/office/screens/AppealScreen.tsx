// One appeal: the video (polled until it is ready), its facts and history, the answers, comments and attachments
// (their panels live in office/appeal/). A sound-only appeal (the booth's camera failed and the person went on
// without it) says so and gets a player for sound.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppealDetail, type AuditEntry, type Me } from '../../ui/api.js';
import { ErrorMessage, History, StatusBadge } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime, formatDay, pick } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import { useAction } from '../../ui/useAction.js';
import { AppealMedia } from '../appeal/Player.js';
import { PhoneReveal } from '../appeal/PhoneReveal.js';
import { AnswerPanel } from '../appeal/AnswerPanel.js';
import { Comments } from '../appeal/Comments.js';
import { Attachments } from '../appeal/Attachments.js';
import { RoutePanel } from '../appeal/RoutePanel.js';
import { ExtendPanel } from '../appeal/ExtendPanel.js';
import { DeadlineHistory } from '../appeal/DeadlineHistory.js';
import { ModeratePanel } from '../appeal/ModeratePanel.js';

const POLL_MS = 2000;
/** A recording still on its way may take hours (a booth whose network is down): look less often. */
const ARRIVING_POLL_MS = 15000;

function settled(detail: AppealDetail): boolean {
  return !detail.media || detail.media.state === 'ready' || detail.media.state === 'failed';
}

export function AppealScreen({ id, me }: { id: string; me: Me }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [detail, setDetail] = useState<AppealDetail | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let stop = false;
    let timer: number | undefined;
    const load = () => {
      api.appeal(id).then(
        (d) => {
          if (stop) return;
          setDetail(d);
          if (!settled(d))
            timer = window.setTimeout(load, d.media?.state === 'uploading' ? ARRIVING_POLL_MS : POLL_MS);
        },
        (e: unknown) => {
          if (!stop) setError(e);
        },
      );
    };
    load();
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [id]);

  return (
    <main className="page appeal">
      <p>
        <a href="/office" onClick={followLink}>
          ← {t('office.appeal.backToInbox')}
        </a>
      </p>
      <ErrorMessage error={error} />
      {!detail && !error ? <p>{t('common.loading')}</p> : null}
      {detail ? (
        <>
          <h1>
            {t('office.appeal.title', { number: detail.registrationNumber })}{' '}
            <StatusBadge status={detail.status} />
          </h1>
          <div className="appeal-grid">
            <section className="video-box" aria-labelledby="video-heading">
              <h2 id="video-heading">
                {detail.media?.audioOnly ? (
                  <>
                    {t('office.appeal.sound')}{' '}
                    <span className="badge badge-sound" data-testid="sound-only-badge">
                      {t('office.appeal.soundOnly')}
                    </span>
                  </>
                ) : (
                  t('office.appeal.video')
                )}
              </h2>
              <AppealMedia detail={detail} />
            </section>
            <section className="card" aria-labelledby="facts-heading">
              <h2 id="facts-heading">{t('office.appeal.details')}</h2>
              <dl className="facts">
                <dt>{t('common.type')}</dt>
                <dd>{t(`common.types.${detail.type}`)}</dd>
                <dt>{t('common.registeredAt')}</dt>
                <dd>{formatDateTime(detail.registeredAt, lng)}</dd>
                <dt>{t('common.deadline')}</dt>
                <dd>{formatDay(detail.deadlineOn, lng)}</dd>
                <dt>{t('common.addressee')}</dt>
                <dd>
                  {detail.addressee
                    ? `${pick(detail.addressee.fullName, lng)}, ${pick(detail.addressee.position, lng)}`
                    : t('common.addresseeByOffice')}
                </dd>
                <dt>{t('office.appeal.category')}</dt>
                <dd>{detail.category ? pick(detail.category, lng) : t('office.appeal.none')}</dd>
                <dt>{t('office.appeal.phone')}</dt>
                <dd>
                  <PhoneReveal appealId={detail.id} masked={detail.phoneMasked} me={me} />
                </dd>
                <dt>{t('office.appeal.language')}</dt>
                <dd>{t(`common.languageNames.${detail.language}`)}</dd>
                <dt>{t('office.appeal.source')}</dt>
                <dd>{t(`office.appeal.sources.${detail.source}`)}</dd>
                {detail.note ? (
                  <>
                    <dt>{t('office.appeal.note')}</dt>
                    <dd className="pre">{detail.note}</dd>
                  </>
                ) : null}
              </dl>
            </section>
          </div>
          <History items={detail.history} />
          <RoutePanel detail={detail} me={me} onChanged={setDetail} />
          <ExtendPanel detail={detail} me={me} onChanged={setDetail} />
          <DeadlineHistory detail={detail} me={me} />
          <ModeratePanel detail={detail} me={me} onChanged={setDetail} />
          <AnswerPanel detail={detail} me={me} onChanged={setDetail} />
          <Comments appealId={detail.id} />
          <Attachments appealId={detail.id} />
          {me.roles.includes('supervisor') ? <AuditSection id={detail.id} /> : null}
        </>
      ) : null}
    </main>
  );
}

/** The appeal's audit trail, for supervisors: loaded when opened (reading it is itself audited). */
function AuditSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const { error, run } = useAction();

  const load = () =>
    run(async () => {
      setEntries(await api.appealAudit(id));
    });

  return (
    <details
      className="card audit"
      data-testid="appeal-audit"
      onToggle={(e) => {
        if (e.currentTarget.open && entries === null) void load();
      }}
    >
      <summary>
        <h2>{t('office.audit.title')}</h2>
      </summary>
      <ErrorMessage error={error} />
      {entries === null && !error ? <p>{t('common.loading')}</p> : null}
      {entries?.length === 0 ? <p>{t('office.audit.empty')}</p> : null}
      {entries && entries.length > 0 ? (
        <div className="table-wrap">
          <table className="inbox audit-table">
            <thead>
              <tr>
                <th scope="col">{t('office.audit.at')}</th>
                <th scope="col">{t('office.audit.who')}</th>
                <th scope="col">{t('office.audit.action')}</th>
                <th scope="col">{t('office.audit.from')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td>{formatDateTime(e.at, lng)}</td>
                  <td>
                    {e.actor ??
                      (e.actorKind === 'citizen' ? t('office.audit.citizen') : t('office.audit.system'))}
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.ip ?? t('office.appeal.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
