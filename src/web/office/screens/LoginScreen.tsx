// Staff sign-in with username and password.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { useAction } from '../../ui/useAction.js';

export function LoginScreen({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => onSignedIn(await api.login(username.trim(), password)));
  };

  return (
    <main className="page login">
      <form className="card login-form" onSubmit={(e) => void submit(e)}>
        <h1>{t('office.login.title')}</h1>
        <label htmlFor="username">{t('office.login.username')}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <label htmlFor="password">{t('office.login.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('office.login.submit')}
        </button>
      </form>
    </main>
  );
}
