// One appeal as its author sees it after the look-up: status in plain words, addressee, deadline and working days
// left, redirect and extension notices, the answer (text, documents, video), and what may be done now.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpenStatus } from '../../../common/statuses.js';
import { ApiError } from '../../ui/api.js';
import { AnswerFacts, ErrorMessage, StatusBadge } from '../../ui/components.js';
import { TextAreaField, FormHint } from '../../ui/fields.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime, formatDay, pick } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import { useAction } from '../../ui/useAction.js';
import { publicApi, type PublicAnswer, type PublicAppealView, type PublicPerson } from '../api.js';
import { rememberedAppeal } from '../lookupStore.js';

export function AppealPage({ number }: { number: string }) {
  const { t } = useTranslation();
  const [appeal, setAppeal] = useState<PublicAppealView | null>(() => rememberedAppeal(number));
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (appeal) return;
    publicApi.appeal(number).then(setAppeal, setError);
    // Loaded once per number; later changes come back from the actions themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [number]);

  useEffect(() => heading.current?.focus(), []);

  if (!appeal) {
    const expired = error instanceof ApiError && error.status === 401;
    return (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('public.result.title', { number })}
        </h1>
        {expired ? (
          <p className="notice" role="alert">
            {t('public.result.expired')}
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
        {!error ? <p aria-live="polite">{t('common.loading')}</p> : null}
        <p>
          <a href={`/?n=${encodeURIComponent(number)}`} className="button-link">
            {t('public.lookup.submit')}
          </a>
        </p>
      </>
    );
  }
  return <AppealView appeal={appeal} onChange={setAppeal} heading={heading} />;
}

function personText(person: PublicPerson, lng: ReturnType<typeof currentLanguage>): string {
  const parts = [pick(person.fullName, lng), pick(person.position, lng)];
  if (person.department) parts.push(pick(person.department, lng));
  return parts.join(', ');
}

function AppealView({
  appeal,
  onChange,
  heading,
}: {
  appeal: PublicAppealView;
  onChange: (next: PublicAppealView) => void;
  heading: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const running = isOpenStatus(appeal.status);
  return (
    <>
      <h1 ref={heading} tabIndex={-1} id="result-heading">
        {t('public.result.title', { number: appeal.registrationNumber })}{' '}
        <StatusBadge status={appeal.status} />
      </h1>
      <p className="status-words">{t(`common.statusExplained.${appeal.status}`)}</p>
      <dl className="facts card">
        <dt>{t('common.type')}</dt>
        <dd>{t(`common.types.${appeal.type}`)}</dd>
        <dt>{t('common.registeredAt')}</dt>
        <dd>{formatDateTime(appeal.registeredAt, lng)}</dd>
        <dt>{t('common.addressee')}</dt>
        <dd>{appeal.addressee ? personText(appeal.addressee, lng) : t('common.addresseeByOffice')}</dd>
        <dt>{t('common.deadline')}</dt>
        <dd>
          {formatDay(appeal.deadlineOn, lng)}
          {running ? (
            <span className="days-left" data-testid="days-left">
              {appeal.workingDaysLeft >= 0
                ? t('common.workingDaysLeft', { count: appeal.workingDaysLeft })
                : t('common.overdue')}
            </span>
          ) : null}
        </dd>
      </dl>

      {appeal.notices.length > 0 ? (
        <section aria-labelledby="notices-heading">
          <h2 id="notices-heading">{t('public.result.notices')}</h2>
          <ul className="notices">
            {appeal.notices.map((notice) => (
              <li key={`${notice.kind}-${notice.at}`} className="notice">
                {t(`public.result.${notice.kind}`, { date: formatDateTime(notice.at, lng) })}
                {notice.to ? (
                  <span className="reason">
                    {t('public.result.redirectedTo', { to: pick(notice.to, lng) })}
                  </span>
                ) : null}
                {notice.reason ? (
                  <span className="reason">{t('common.reason', { reason: notice.reason })}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {appeal.answer ? <AnswerSection answer={appeal.answer} /> : <p>{t('public.result.noAnswerYet')}</p>}

      {appeal.rating ? (
        <p className="notice" data-testid="rating-summary">
          {t(appeal.rating.satisfied ? 'public.rate.satisfied' : 'public.rate.unsatisfied', {
            score: appeal.rating.score,
          })}
        </p>
      ) : null}
      {appeal.can.rate ? <RateForm appeal={appeal} onChange={onChange} /> : null}
      {appeal.dispute && appeal.status === 'disputed' ? (
        <p className="notice">{t('public.dispute.done', { date: formatDateTime(appeal.dispute.at, lng) })}</p>
      ) : null}
      {appeal.can.dispute && appeal.disputeUntil ? <DisputeForm appeal={appeal} onChange={onChange} /> : null}
      {appeal.can.withdraw ? <WithdrawForm appeal={appeal} onChange={onChange} /> : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('common.history')}</h2>
        <ol className="history">
          {appeal.history.map((item, i) => (
            <li key={`${item.at}-${i}`}>
              <time dateTime={item.at}>{formatDateTime(item.at, lng)}</time>{' '}
              <StatusBadge status={item.status} />
              {item.reason ? <p className="reason">{t('common.reason', { reason: item.reason })}</p> : null}
            </li>
          ))}
        </ol>
      </section>
      <p>
        <a href="/" onClick={followLink}>
          {t('public.result.another')}
        </a>
      </p>
    </>
  );
}

function fileSize(bytes: number, lng: string): string {
  const kb = Math.max(1, Math.round(bytes / 1024));
  return kb >= 1024
    ? new Intl.NumberFormat(lng, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
        kb / 1024,
      )
    : new Intl.NumberFormat(lng, { style: 'unit', unit: 'kilobyte' }).format(kb);
}

function AnswerSection({ answer }: { answer: PublicAnswer }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <section className="answer" aria-labelledby="answer-heading">
      <h2 id="answer-heading">{t('common.answer')}</h2>
      {answer.html ? (
        // Sanitised on the server by its allow-list (answers/richtext.ts): safe to insert as it is.
        <div
          className="answer-body rich"
          data-testid="answer-body"
          dangerouslySetInnerHTML={{ __html: answer.html }}
        />
      ) : null}
      <AnswerFacts answer={answer} author={answer.author ? personText(answer.author, lng) : null} />
      {answer.video ? (
        <figure className="answer-video">
          <figcaption id="answer-video-caption">{t('public.answer.video')}</figcaption>
          <video
            controls
            preload="metadata"
            playsInline
            src={answer.video.url}
            poster={answer.video.posterUrl ?? undefined}
            aria-labelledby="answer-video-caption"
            data-testid="answer-video"
          >
            <a href={answer.video.url}>{t('public.answer.noVideo')}</a>
          </video>
        </figure>
      ) : null}
      {answer.documents.length > 0 ? (
        <>
          <h3>{t('public.answer.documents')}</h3>
          <ul className="documents">
            {answer.documents.map((doc) => (
              <li key={doc.id}>
                <a href={doc.url} download={doc.name}>
                  {doc.name}
                </a>{' '}
                <span className="muted">({fileSize(doc.sizeBytes, lng)})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

interface FormProps {
  appeal: PublicAppealView;
  onChange: (next: PublicAppealView) => void;
}

function RateForm({ appeal, onChange }: FormProps) {
  const { t } = useTranslation();
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (satisfied === null || score === null) return setHint(t('public.rate.pickBoth'));
    setHint(null);
    void run(async () =>
      onChange(
        await publicApi.rate(appeal.registrationNumber, {
          satisfied,
          score,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      ),
    );
  };
  return (
    <section className="card action" aria-labelledby="rate-heading">
      <h2 id="rate-heading">{t('public.rate.title')}</h2>
      <form onSubmit={submit} noValidate className="stack-form">
        <fieldset>
          <legend>{t('public.rate.question')}</legend>
          <div className="choices">
            <label>
              <input
                type="radio"
                name="satisfied"
                checked={satisfied === true}
                onChange={() => setSatisfied(true)}
              />{' '}
              {t('public.rate.yes')}
            </label>
            <label>
              <input
                type="radio"
                name="satisfied"
                checked={satisfied === false}
                onChange={() => setSatisfied(false)}
              />{' '}
              {t('public.rate.no')}
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('public.rate.score')}</legend>
          <div className="choices scores">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="score">
                <input type="radio" name="score" checked={score === n} onChange={() => setScore(n)} /> {n}
              </label>
            ))}
          </div>
        </fieldset>
        <TextAreaField
          id="rate-comment"
          label={t('public.rate.comment')}
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={setComment}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('public.rate.submit')}
        </button>
        <FormHint hint={hint} />
        <ErrorMessage error={error} />
      </form>
    </section>
  );
}

function DisputeForm({ appeal, onChange }: FormProps) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [reason, setReason] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setHint(t('public.dispute.badReason'));
    setHint(null);
    void run(async () =>
      onChange(await publicApi.dispute(appeal.registrationNumber, { reason: reason.trim() })),
    );
  };
  return (
    <section className="card action" aria-labelledby="dispute-heading">
      <h2 id="dispute-heading">{t('public.dispute.title')}</h2>
      <p>{t('public.dispute.intro', { date: formatDay(appeal.disputeUntil ?? '', lng) })}</p>
      <form onSubmit={submit} noValidate className="stack-form">
        <TextAreaField
          id="dispute-reason"
          label={t('public.dispute.reason')}
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={setReason}
        />
        <button type="submit" disabled={busy}>
          {t('public.dispute.submit')}
        </button>
        <FormHint hint={hint} />
        <ErrorMessage error={error} />
      </form>
    </section>
  );
}

function WithdrawForm({ appeal, onChange }: FormProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const withdraw = () =>
    void run(async () =>
      onChange(
        await publicApi.withdraw(appeal.registrationNumber, reason.trim() ? { reason: reason.trim() } : {}),
      ),
    );
  return (
    <section className="card action" aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">{t('public.withdraw.title')}</h2>
      <p>{t('public.withdraw.intro')}</p>
      <TextAreaField
        id="withdraw-reason"
        label={t('public.withdraw.reason')}
        rows={2}
        maxLength={1000}
        value={reason}
        onChange={setReason}
      />
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="withdraw-confirm">
          <p id="withdraw-confirm" className="warning">
            {t('public.withdraw.confirmQuestion', { number: appeal.registrationNumber })}
          </p>
          <div className="buttons">
            <button type="button" className="danger" ref={confirmButton} onClick={withdraw} disabled={busy}>
              {t('public.withdraw.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('public.withdraw.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('public.withdraw.start')}
        </button>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
