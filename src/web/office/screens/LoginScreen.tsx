// Staff sign-in: username and password, then — for an account with a second factor — the code from the
// authenticator app or one of the recovery codes.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Me } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextField } from '../../ui/fields.js';
import { useAction } from '../../ui/useAction.js';

export function LoginScreen({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'password' | 'totp' | 'recovery'>('password');
  const [code, setCode] = useState('');
  const { busy, error, setError, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const body = { username: username.trim(), password };
      try {
        if (step === 'password') onSignedIn(await api.login(body));
        else if (step === 'totp') onSignedIn(await api.login({ ...body, totp: code.trim() }));
        else onSignedIn(await api.login({ ...body, recoveryCode: code.trim() }));
      } catch (e) {
        // The password was right; the account asks for its second factor, which is a step, not an error.
        if (e instanceof ApiError && e.slug === 'totp-required') {
          setStep('totp');
          return;
        }
        if (e instanceof ApiError && e.slug === 'account-locked') setStep('password');
        throw e;
      }
    });
  };

  const switchTo = (next: 'password' | 'totp' | 'recovery') => {
    setStep(next);
    setCode('');
    setError(null);
  };

  return (
    <main className="page login">
      <form className="card login-form" onSubmit={(e) => void submit(e)}>
        {step === 'password' ? (
          <>
            <h1>{t('office.login.title')}</h1>
            <TextField
              id="username"
              label={t('office.login.username')}
              name="username"
              autoComplete="username"
              value={username}
              onChange={setUsername}
              required
            />
            <TextField
              id="password"
              label={t('office.login.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              required
            />
          </>
        ) : (
          <>
            <h1>{t('office.login.totpTitle')}</h1>
            <p>{t(step === 'totp' ? 'office.login.totpHint' : 'office.login.recoveryHint')}</p>
            <label htmlFor="second-factor">
              {t(step === 'totp' ? 'office.login.totpCode' : 'office.login.recoveryCode')}
            </label>
            <input
              id="second-factor"
              name={step === 'totp' ? 'totp' : 'recovery-code'}
              autoComplete="one-time-code"
              inputMode={step === 'totp' ? 'numeric' : 'text'}
              pattern={step === 'totp' ? '[0-9 ]{6,7}' : undefined}
              maxLength={step === 'totp' ? 7 : 40}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              autoFocus
            />
          </>
        )}
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('office.login.submit')}
        </button>
        {step !== 'password' ? (
          <div className="login-links">
            <button
              type="button"
              className="link"
              onClick={() => switchTo(step === 'totp' ? 'recovery' : 'totp')}
            >
              {t(step === 'totp' ? 'office.login.useRecovery' : 'office.login.useTotp')}
            </button>
            <button type="button" className="link" onClick={() => switchTo('password')}>
              {t('office.login.back')}
            </button>
          </div>
        ) : null}
      </form>
    </main>
  );
}
