// Small components the three apps share: language switcher, error line, status history, the answer.
import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '../../common/api.js';
import type { AnswerOutcome, AppealStatus } from '../../common/statuses.js';
import { ApiError } from './api.js';
import { LANGUAGE_NAMES, LANGUAGES, changeLanguage, currentLanguage } from './i18n.js';
import { formatDateTime } from './format.js';

/** What to tell the user about a failed request: the server's translated title, or "no connection". */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => (error instanceof ApiError ? error.title : t('common.networkError'));
}

export function ErrorMessage({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {text(error)}
    </p>
  );
}

/** `remember` = keep the choice for the next visit (not on a booth, where each person starts afresh). */
export function LanguageSwitcher({ remember = true }: { remember?: boolean }) {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <nav className="lang-switch" aria-label={t('common.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={active === lng}
          onClick={() => changeLanguage(lng, remember)}
        >
          {LANGUAGE_NAMES[lng]}
        </button>
      ))}
    </nav>
  );
}

export function StatusBadge({ status }: { status: AppealStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`common.statuses.${status}`)}</span>;
}

export function History({ items, timeZone }: { items: HistoryItem[]; timeZone?: string }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('common.history')}</h2>
      <ol className="history">
        {items.map((item, i) => (
          <li key={`${item.at}-${i}`}>
            <time dateTime={item.at}>{formatDateTime(item.at, lng, timeZone)}</time>{' '}
            <StatusBadge status={item.status} />
            {item.reason ? <p className="reason">{t('common.reason', { reason: item.reason })}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** An answer's outcome, when it was given and by whom, as staff and the citizen read them. */
export function AnswerFacts({
  answer,
  author,
}: {
  answer: { outcome: AnswerOutcome; at: string };
  /** The author as the page names them, or null when unknown. */
  author: string | null;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <dl className="facts">
      <dt>{t('common.outcome')}</dt>
      <dd>{t(`common.outcomes.${answer.outcome}`)}</dd>
      <dt>{t('common.answeredAt')}</dt>
      <dd>
        <time dateTime={answer.at}>{formatDateTime(answer.at, lng)}</time>
      </dd>
      {author ? (
        <>
          <dt>{t('common.answeredBy')}</dt>
          <dd>{author}</dd>
        </>
      ) : null}
    </dl>
  );
}
