// The public site: header, and the status look-up by registration number and access code (?n=…&c=… prefills).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type PublicAppeal } from '../ui/api.js';
import { Answer, ErrorMessage, History, LanguageSwitcher, StatusBadge } from '../ui/components.js';
import { currentLanguage } from '../ui/i18n.js';
import { useAction } from '../ui/useAction.js';
import { formatDateTime, formatDay, pick } from '../ui/format.js';
import { normaliseAccessCode, REGISTRATION_NUMBER_PATTERN } from '../../common/registration.js';

const NUMBER_RE = new RegExp(REGISTRATION_NUMBER_PATTERN);

export function App() {
  const { t } = useTranslation();
  const params = new URLSearchParams(window.location.search);
  const [number, setNumber] = useState(params.get('n') ?? '');
  const [code, setCode] = useState(params.get('c') ?? '');
  const [result, setResult] = useState<PublicAppeal | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const resultRef = useRef<HTMLElement>(null);

  const lookup = async (n: string, c: string) => {
    setHint(null);
    setError(null);
    const registrationNumber = n.trim();
    const accessCode = normaliseAccessCode(c);
    if (!NUMBER_RE.test(registrationNumber)) {
      setHint(t('public.lookup.badNumber'));
      return;
    }
    if (!accessCode) {
      setHint(t('public.lookup.badCode'));
      return;
    }
    setResult(null);
    await run(async () => setResult(await api.lookup({ registrationNumber, accessCode })));
  };

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lookup(number, code);
  };

  return (
    <>
      <header className="site-header">
        <div className="site-title">
          <p className="site-name">{t('common.appName')}</p>
          <p className="site-tagline">{t('common.tagline')}</p>
        </div>
        <LanguageSwitcher />
      </header>
      <main className="site-main">
        <h1>{t('public.lookup.title')}</h1>
        <p>{t('public.lookup.intro')}</p>
        <form className="card lookup-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="reg-number">{t('common.registrationNumber')}</label>
            <input
              id="reg-number"
              inputMode="numeric"
              autoComplete="off"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              aria-describedby="reg-number-hint"
            />
            <small id="reg-number-hint">{t('public.lookup.numberHint')}</small>
          </div>
          <div className="field">
            <label htmlFor="access-code">{t('common.accessCode')}</label>
            <input
              id="access-code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-describedby="access-code-hint"
            />
            <small id="access-code-hint">{t('public.lookup.codeHint')}</small>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t('public.lookup.submit')}
          </button>
        </form>
        {hint ? (
          <p className="error" role="alert">
            {hint}
          </p>
        ) : null}
        <ErrorMessage error={error} />
        {result ? (
          <section className="result" ref={resultRef} tabIndex={-1} aria-labelledby="result-heading">
            <Result appeal={result} />
          </section>
        ) : null}
      </main>
    </>
  );
}

function Result({ appeal }: { appeal: PublicAppeal }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const open =
    appeal.status !== 'answered' &&
    appeal.status !== 'withdrawn' &&
    appeal.status !== 'left_without_consideration';
  return (
    <>
      <h2 id="result-heading">
        {t('public.result.title', { number: appeal.registrationNumber })}{' '}
        <StatusBadge status={appeal.status} />
      </h2>
      <p className="status-words">{t(`common.statusExplained.${appeal.status}`)}</p>
      <dl className="facts card">
        <dt>{t('common.type')}</dt>
        <dd>{t(`common.types.${appeal.type}`)}</dd>
        <dt>{t('common.registeredAt')}</dt>
        <dd>{formatDateTime(appeal.registeredAt, lng)}</dd>
        <dt>{t('common.addressee')}</dt>
        <dd>
          {appeal.addressee
            ? `${pick(appeal.addressee.fullName, lng)}, ${pick(appeal.addressee.position, lng)}`
            : t('common.addresseeByOffice')}
        </dd>
        <dt>{t('common.deadline')}</dt>
        <dd>
          {formatDay(appeal.deadlineOn, lng)}
          {open ? (
            <span className="days-left">
              {appeal.workingDaysLeft >= 0
                ? t('common.workingDaysLeft', { count: appeal.workingDaysLeft })
                : t('common.overdue')}
            </span>
          ) : null}
        </dd>
      </dl>
      {appeal.answer ? <Answer answer={appeal.answer} /> : <p>{t('public.result.noAnswerYet')}</p>}
      <History items={appeal.history} />
    </>
  );
}
