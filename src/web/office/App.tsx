// Office shell: who is signed in decides between the login form and the inbox/appeal pages; an account that must
// first change its one-time password or set up its second factor is held on the account page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Me } from '../ui/api.js';
import { ErrorMessage, LanguageSwitcher } from '../ui/components.js';
import { followLink, navigate, usePath } from '../ui/router.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { InboxScreen } from './screens/InboxScreen.js';
import { AppealScreen } from './screens/AppealScreen.js';
import { AccountScreen } from './screens/AccountScreen.js';
import { AdminScreen } from './admin/AdminScreen.js';
import { DeadlinesScreen } from './screens/DeadlinesScreen.js';
import { OversightScreen } from './oversight/OversightScreen.js';
import { DrillDownScreen } from './oversight/DrillDownScreen.js';

type Session =
  | { state: 'checking' }
  | { state: 'anonymous' }
  | { state: 'signed-in'; me: Me }
  | { state: 'error'; error: unknown };

export function App() {
  const { t } = useTranslation();
  const path = usePath();
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    api.me().then(
      (me) => setSession({ state: 'signed-in', me }),
      (error: unknown) =>
        setSession(
          error instanceof ApiError && error.status === 401
            ? { state: 'anonymous' }
            : { state: 'error', error },
        ),
    );
  }, []);

  const logout = async () => {
    try {
      await api.logout();
    } finally {
      setSession({ state: 'anonymous' });
      navigate('/office');
    }
  };

  const signedOut = () => {
    setSession({ state: 'anonymous' });
    navigate('/office');
  };

  const appealId = /^\/office\/appeals\/([^/]+)$/.exec(path)?.[1];
  const held =
    session.state === 'signed-in' && (session.me.mustChangePassword || session.me.totpEnrolmentRequired);
  const onAccount = held || path === '/office/account';
  const isAdmin = session.state === 'signed-in' && session.me.roles.includes('admin');
  // The admins' messages log kept its first address.
  const adminSlug =
    path === '/office/notifications'
      ? 'messages'
      : path === '/office/calendar'
        ? 'calendar'
        : /^\/office\/admin(?:\/([^/]+))?$/.exec(path)?.[1];
  const onAdmin =
    isAdmin &&
    (path === '/office/notifications' || path === '/office/calendar' || path.startsWith('/office/admin'));
  // The overdue view: supervisors and operators see every appeal, an official their own (the digest links here).
  const seesDeadlines =
    session.state === 'signed-in' &&
    session.me.roles.some((r) => r === 'supervisor' || r === 'operator' || r === 'official');
  const onDeadlines = seesDeadlines && path === '/office/deadlines';
  // The dashboard (issue 8): supervisors only, as on the server.
  const seesOversight = session.state === 'signed-in' && session.me.roles.includes('supervisor');
  const onOversight = seesOversight && path.startsWith('/office/oversight');

  return (
    <div className="office">
      <header className="office-header">
        <p className="office-brand">
          {t('common.appName')} · {t('office.title')}
        </p>
        <div className="office-header-right">
          <LanguageSwitcher />
          {session.state === 'signed-in' && !held ? (
            <nav className="office-nav" aria-label={t('office.nav')}>
              <a href="/office" onClick={followLink} aria-current={path === '/office' ? 'page' : undefined}>
                {t('office.inbox.title')}
              </a>
              {seesDeadlines ? (
                <a
                  href="/office/deadlines"
                  onClick={followLink}
                  aria-current={onDeadlines ? 'page' : undefined}
                >
                  {t('office.deadlines.link')}
                </a>
              ) : null}
              {seesOversight ? (
                <a
                  href="/office/oversight"
                  onClick={followLink}
                  aria-current={onOversight ? 'page' : undefined}
                >
                  {t('office.oversight.link')}
                </a>
              ) : null}
              {isAdmin ? (
                <a href="/office/admin" onClick={followLink} aria-current={onAdmin ? 'page' : undefined}>
                  {t('office.admin.link')}
                </a>
              ) : null}
            </nav>
          ) : null}
          {session.state === 'signed-in' ? (
            <>
              <span className="who">{session.me.displayName}</span>
              {!held ? (
                <a href="/office/account" onClick={followLink}>
                  {t('office.account.link')}
                </a>
              ) : null}
              <button type="button" onClick={() => void logout()}>
                {t('office.logout')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      {session.state === 'checking' ? <p className="page">{t('common.loading')}</p> : null}
      {session.state === 'error' ? (
        <main className="page">
          <ErrorMessage error={session.error} />
        </main>
      ) : null}
      {session.state === 'anonymous' ? (
        <LoginScreen onSignedIn={(me) => setSession({ state: 'signed-in', me })} />
      ) : null}
      {session.state === 'signed-in' ? (
        onAccount ? (
          <AccountScreen
            me={session.me}
            onChanged={(me) => setSession({ state: 'signed-in', me })}
            onSignedOut={signedOut}
          />
        ) : onAdmin ? (
          <AdminScreen slug={adminSlug} />
        ) : onDeadlines ? (
          <DeadlinesScreen />
        ) : onOversight ? (
          path === '/office/oversight/appeals' ? (
            <DrillDownScreen />
          ) : (
            <OversightScreen />
          )
        ) : appealId ? (
          <AppealScreen id={decodeURIComponent(appealId)} me={session.me} />
        ) : (
          <InboxScreen />
        )
      ) : null}
    </div>
  );
}
