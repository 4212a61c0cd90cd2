// The signed-in user's own account: change the password, set up the second factor (QR code, a code to confirm,
// recovery codes shown once) and sign out on every device. A one-time password from an admin, or a role that
// requires the second factor, brings the user here before anything else.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me, type TotpSetup } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextField } from '../../ui/fields.js';
import { QrCode } from '../../ui/QrCode.js';
import { followLink } from '../../ui/router.js';
import { useAction } from '../../ui/useAction.js';
import { NotificationPrefs } from '../account/NotificationPrefs.js';

export function AccountScreen({
  me,
  onChanged,
  onSignedOut,
}: {
  me: Me;
  onChanged: (me: Me) => void;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const held = me.mustChangePassword || me.totpEnrolmentRequired;
  return (
    <main className="page account">
      {!held ? (
        <p>
          <a href="/office" onClick={followLink}>
            ← {t('office.account.backToInbox')}
          </a>
        </p>
      ) : null}
      <h1>{t('office.account.title')}</h1>
      {me.mustChangePassword ? (
        <PasswordForm me={me} onChanged={onChanged} />
      ) : (
        <>
          <TotpSection me={me} onChanged={onChanged} />
          <PasswordForm me={me} onChanged={onChanged} />
          {me.totpEnrolmentRequired ? null : <NotificationPrefs />}
          <SessionsSection onSignedOut={onSignedOut} />
        </>
      )}
    </main>
  );
}

/** The password form's three fields: which value, the field's id (and words), and what the browser may fill in. */
const PASSWORD_FIELDS = [
  { key: 'current', id: 'current-password', label: 'current', autoComplete: 'current-password' },
  { key: 'next', id: 'new-password', label: 'new', autoComplete: 'new-password' },
  { key: 'repeat', id: 'repeat-password', label: 'repeat', autoComplete: 'new-password' },
] as const;

const noPasswords = { current: '', next: '', repeat: '' };

function PasswordForm({ me, onChanged }: { me: Me; onChanged: (me: Me) => void }) {
  const { t } = useTranslation();
  const [passwords, setPasswords] = useState(noPasswords);
  const { current, next, repeat } = passwords;
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  const mismatch = repeat !== '' && next !== repeat;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    return run(async () => {
      const fresh = await api.changePassword({ currentPassword: current, newPassword: next });
      setPasswords(noPasswords);
      setDone(true);
      onChanged(fresh);
    });
  };

  return (
    <form className="card account-form" onSubmit={(e) => void submit(e)} aria-labelledby="password-heading">
      <h2 id="password-heading">{t('office.account.password.title')}</h2>
      {me.mustChangePassword ? (
        <p className="notice" role="status">
          {t('office.account.password.required')}
        </p>
      ) : null}
      <p className="hint">{t('office.account.password.hint')}</p>
      <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
      {PASSWORD_FIELDS.map((f) => (
        <TextField
          key={f.id}
          id={f.id}
          label={t(`office.account.password.${f.label}`)}
          type="password"
          autoComplete={f.autoComplete}
          value={passwords[f.key]}
          onChange={(value) => setPasswords((p) => ({ ...p, [f.key]: value }))}
          problem={f.key === 'repeat' && mismatch ? t('office.account.password.mismatch') : null}
          required
        />
      ))}
      <ErrorMessage error={error} />
      {done ? <p role="status">{t('office.account.password.done')}</p> : null}
      <button type="submit" className="primary" disabled={busy || mismatch}>
        {t('office.account.password.submit')}
      </button>
    </form>
  );
}

function TotpSection({ me, onChanged }: { me: Me; onChanged: (me: Me) => void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const { busy, error, run } = useAction();

  const start = () =>
    run(async () => {
      setSetup(await api.totpSetup());
      setCode('');
    });

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const result = await api.totpConfirm(code.trim());
      setSetup(null);
      setRecoveryCodes(result.recoveryCodes);
    });
  };

  const finish = () =>
    run(async () => {
      setRecoveryCodes(null);
      onChanged(await api.me());
    });

  return (
    <section className="card account-form" aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('office.account.totp.title')}</h2>
      {recoveryCodes ? (
        <>
          <h3>{t('office.account.totp.recoveryTitle')}</h3>
          <p className="notice">{t('office.account.totp.recoveryHint')}</p>
          <ul className="recovery-codes" data-testid="recovery-codes">
            {recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" onClick={() => void finish()} disabled={busy}>
            {t('office.account.totp.saved')}
          </button>
        </>
      ) : setup ? (
        <form onSubmit={(e) => void confirm(e)} className="account-form">
          <p>{t('office.account.totp.scan')}</p>
          <QrCode className="totp-qr" value={setup.otpauthUri} label={t('office.account.totp.qrLabel')} />
          <p>
            {t('office.account.totp.key')}:{' '}
            <code className="totp-secret" data-testid="totp-secret">
              {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
            </code>
          </p>
          <TextField
            id="totp-code"
            label={t('office.account.totp.code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            pattern="[0-9 ]{6,7}"
            maxLength={7}
            value={code}
            onChange={setCode}
            required
          />
          <ErrorMessage error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {t('office.account.totp.confirm')}
          </button>
        </form>
      ) : (
        <>
          {me.totpEnrolmentRequired ? (
            <p className="notice" role="status">
              {t('office.account.totp.required')}
            </p>
          ) : (
            <p>{t(me.totpEnabled ? 'office.account.totp.on' : 'office.account.totp.off')}</p>
          )}
          <ErrorMessage error={error} />
          {!me.totpEnabled ? (
            <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
              {t('office.account.totp.start')}
            </button>
          ) : (
            <TotpOff username={me.username} onChanged={onChanged} />
          )}
        </>
      )}
    </section>
  );
}

/** Turning the second factor off asks for the password; the server refuses where the role requires it. */
function TotpOff({ username, onChanged }: { username: string; onChanged: (me: Me) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      await api.totpDisable(password);
      setPassword('');
      onChanged(await api.me());
    });
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="account-form">
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <TextField
        id="totp-off-password"
        label={t('office.account.totp.offPassword')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        required
      />
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy || password === ''}>
        {t('office.account.totp.turnOff')}
      </button>
    </form>
  );
}

function SessionsSection({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  return (
    <section className="card account-form" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('office.account.sessions.title')}</h2>
      <p>{t('office.account.sessions.hint')}</p>
      <ErrorMessage error={error} />
      <button
        type="button"
        onClick={() =>
          void run(async () => {
            await api.logoutEverywhere();
            onSignedOut();
          })
        }
        disabled={busy}
      >
        {t('office.account.sessions.everywhere')}
      </button>
    </section>
  );
}
