// One appeal: the video (polled until it is ready), its facts and history, and the answer form. A sound-only
// appeal (the booth's camera failed and the person went on without it) says so and gets a player for sound.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppealDetail, type AuditEntry, type Me } from '../../ui/api.js';
import { Answer, ErrorMessage, History, StatusBadge } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime, formatDay, pick } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import { ANSWER_OUTCOMES, isOpenStatus, type AnswerOutcome } from '../../../common/statuses.js';
import { ANSWER_MAX_LENGTH } from '../../../common/limits.js';
import { useAction } from '../../ui/useAction.js';

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
              <Media detail={detail} />
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
                <dd>{detail.phoneMasked}</dd>
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
          {detail.answer ? <Answer answer={detail.answer} /> : null}
          {!detail.answer && isOpenStatus(detail.status) && me.roles.includes('official') ? (
            <AnswerForm id={detail.id} onAnswered={setDetail} />
          ) : null}
          {me.roles.includes('supervisor') ? <AuditSection id={detail.id} /> : null}
        </>
      ) : null}
    </main>
  );
}

function Media({ detail }: { detail: AppealDetail }) {
  const { t } = useTranslation();
  const media = detail.media;
  if (!media) return <p>{t('office.mediaStates.none')}</p>;
  if (media.state === 'ready' && media.videoUrl && media.audioOnly) {
    return (
      <div className="sound-only-box">
        <p>{t('office.appeal.soundOnlyWhy')}</p>
        <audio
          className="appeal-audio"
          controls
          preload="metadata"
          src={media.videoUrl}
          aria-label={t('office.appeal.sound')}
        />
      </div>
    );
  }
  if (media.state === 'ready' && media.videoUrl) {
    return (
      <video
        className="appeal-video"
        controls
        preload="metadata"
        src={media.videoUrl}
        poster={media.posterUrl ?? undefined}
        aria-label={t('office.appeal.video')}
      />
    );
  }
  if (media.state === 'failed') {
    return (
      <p className="error" role="alert">
        {t(media.audioOnly ? 'office.appeal.soundFailed' : 'office.appeal.videoFailed', {
          reason: media.failureReason ?? '—',
        })}
      </p>
    );
  }
  return (
    <div className="video-pending" aria-live="polite">
      {media.posterUrl ? <img src={media.posterUrl} alt="" /> : null}
      <p>
        {t(media.audioOnly ? 'office.appeal.soundState' : 'office.appeal.videoState', {
          state: t(`office.mediaStates.${media.state}`),
        })}
      </p>
      {media.state === 'uploading' ? <p>{t('office.appeal.videoArriving')}</p> : null}
    </div>
  );
}

function AnswerForm({ id, onAnswered }: { id: string; onAnswered: (detail: AppealDetail) => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState<AnswerOutcome>('explained');
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => onAnswered(await api.answer(id, { body: body.trim(), outcome })));
  };

  return (
    <form className="card answer-form" onSubmit={(e) => void submit(e)}>
      <h2>{t('office.answerForm.title')}</h2>
      <label htmlFor="answer-body">{t('office.answerForm.body')}</label>
      <textarea
        id="answer-body"
        rows={8}
        maxLength={ANSWER_MAX_LENGTH}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        required
      />
      <label htmlFor="answer-outcome">{t('office.answerForm.outcome')}</label>
      <select
        id="answer-outcome"
        value={outcome}
        onChange={(e) => setOutcome(e.target.value as AnswerOutcome)}
      >
        {ANSWER_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`common.outcomes.${o}`)}
          </option>
        ))}
      </select>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy || body.trim() === ''}>
        {busy ? t('office.answerForm.sending') : t('office.answerForm.send')}
      </button>
    </form>
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
