// The look-up: number + access code, or number + a one-time code sent by SMS to the appeal's phone. The receipt's
// QR code opens /?n=<number> (the number filled in); /?n=…&c=… opens the appeal at once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseAccessCode, REGISTRATION_NUMBER_PATTERN } from '../../../common/registration.js';
import { ErrorMessage } from '../../ui/components.js';
import { FormHint } from '../../ui/fields.js';
import { currentLanguage } from '../../ui/i18n.js';
import { followLink, navigate } from '../../ui/router.js';
import { useAction } from '../../ui/useAction.js';
import { publicApi, type PublicLookup, type SmsCodeSent } from '../api.js';
import { rememberLookup } from '../lookupStore.js';

const NUMBER_RE = new RegExp(REGISTRATION_NUMBER_PATTERN);

export function LookupPage() {
  const { t } = useTranslation();
  const params = new URLSearchParams(window.location.search);
  const fromQr = params.has('n') && !params.has('c');
  const [mode, setMode] = useState<'code' | 'sms'>(params.get('via') === 'sms' ? 'sms' : 'code');
  const [number, setNumber] = useState(params.get('n') ?? '');
  const [code, setCode] = useState(params.get('c') ?? '');
  const [smsCode, setSmsCode] = useState('');
  const [sent, setSent] = useState<SmsCodeSent | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const codeInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const opened = (result: PublicLookup) => {
    rememberLookup(result);
    navigate(`/appeal/${encodeURIComponent(result.registrationNumber)}`);
  };

  const checkNumber = (): string | null => {
    const registrationNumber = number.trim();
    if (!NUMBER_RE.test(registrationNumber)) {
      setHint(t('public.lookup.badNumber'));
      return null;
    }
    return registrationNumber;
  };

  const lookupByCode = async (n: string, c: string) => {
    setHint(null);
    setError(null);
    const registrationNumber = n.trim();
    if (!NUMBER_RE.test(registrationNumber)) return setHint(t('public.lookup.badNumber'));
    const accessCode = normaliseAccessCode(c);
    if (!accessCode) return setHint(t('public.lookup.badCode'));
    await run(async () => opened(await publicApi.lookup({ registrationNumber, accessCode })));
  };

  // The QR code fills the number in: the access code is what is left to type.
  useEffect(() => {
    const registrationNumber = params.get('n')?.trim() ?? '';
    const accessCode = normaliseAccessCode(params.get('c') ?? '');
    if (NUMBER_RE.test(registrationNumber) && accessCode)
      void run(async () => opened(await publicApi.lookup({ registrationNumber, accessCode })));
    else if (fromQr) codeInput.current?.focus();
    // Once, for the address the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const switchTo = (next: 'code' | 'sms') => {
    setMode(next);
    setHint(null);
    setError(null);
    setSent(null);
    heading.current?.focus();
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    void lookupByCode(number, code);
  };

  const sendSms = async (event?: FormEvent) => {
    event?.preventDefault();
    setHint(null);
    const registrationNumber = checkNumber();
    if (!registrationNumber) return;
    await run(async () => {
      setSent(await publicApi.requestSmsCode({ registrationNumber, language: currentLanguage() }));
      setSmsCode('');
    });
  };

  const submitSms = async (event: FormEvent) => {
    event.preventDefault();
    setHint(null);
    const registrationNumber = checkNumber();
    if (!registrationNumber) return;
    if (!/^[0-9]{6}$/.test(smsCode.trim())) return setHint(t('public.sms.badCode'));
    await run(async () => opened(await publicApi.lookupBySms({ registrationNumber, code: smsCode.trim() })));
  };

  const numberField = (
    <div className="field">
      <label htmlFor="reg-number">{t('common.registrationNumber')}</label>
      <input
        id="reg-number"
        inputMode="numeric"
        autoComplete="off"
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        aria-describedby="reg-number-hint"
        disabled={mode === 'sms' && sent !== null}
      />
      <small id="reg-number-hint">{t('public.lookup.numberHint')}</small>
    </div>
  );

  return (
    <>
      <section className="card reception-offer" aria-labelledby="reception-offer">
        <p id="reception-offer">{t('public.lookup.reception')}</p>
        <a className="button-link" href="/reception" onClick={followLink} data-testid="reception-link">
          {t('public.lookup.receptionLink')}
        </a>
      </section>
      <h1 ref={heading} tabIndex={-1}>
        {mode === 'code' ? t('public.lookup.title') : t('public.sms.title')}
      </h1>
      {mode === 'code' ? (
        <>
          <p>{fromQr ? t('public.lookup.fromQr') : t('public.lookup.intro')}</p>
          <form className="card stack-form" onSubmit={submitCode} noValidate>
            {numberField}
            <div className="field">
              <label htmlFor="access-code">{t('common.accessCode')}</label>
              <input
                id="access-code"
                ref={codeInput}
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
          <p>
            <button type="button" className="link-button" onClick={() => switchTo('sms')}>
              {t('public.lookup.noCode')}
            </button>
          </p>
        </>
      ) : (
        <>
          <p>{t('public.sms.intro')}</p>
          {sent === null ? (
            <form className="card stack-form" onSubmit={(e) => void sendSms(e)} noValidate>
              {numberField}
              <button type="submit" className="primary" disabled={busy}>
                {t('public.sms.send')}
              </button>
            </form>
          ) : (
            <form className="card stack-form" onSubmit={(e) => void submitSms(e)} noValidate>
              {numberField}
              <p role="status" className="sent-note">
                {t('public.sms.sent', { ending: sent.phoneEnding })}
              </p>
              <div className="field">
                <label htmlFor="sms-code">{t('public.sms.codeLabel')}</label>
                <input
                  id="sms-code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={sent.codeLength}
                  value={smsCode}
                  onChange={(e) => setSmsCode(e.target.value)}
                  aria-describedby="sms-code-hint"
                  autoFocus
                />
                <small id="sms-code-hint">{t('public.sms.codeHint')}</small>
              </div>
              <button type="submit" className="primary" disabled={busy}>
                {t('public.sms.submit')}
              </button>
              <button type="button" onClick={() => void sendSms()} disabled={busy}>
                {t('public.sms.resend')}
              </button>
            </form>
          )}
          <p>
            <button type="button" className="link-button" onClick={() => switchTo('code')}>
              {t('public.sms.useAccessCode')}
            </button>
          </p>
        </>
      )}
      <FormHint hint={hint} />
      <ErrorMessage error={error} />
    </>
  );
}
