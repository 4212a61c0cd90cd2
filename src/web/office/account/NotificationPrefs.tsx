// The account page's "Notifications": where the office sends this person new appeals, the morning digest and (to
// supervisors) overdue appeals — an email address, a mobile phone with SMS on or off, and the messages' language.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type NotificationPrefs as Prefs } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../ui/i18n.js';
import { useAction } from '../../ui/useAction.js';
import '../screens/deadlines.css';

export function NotificationPrefs() {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Prefs | null>(null);
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [sms, setSms] = useState(false);
  const [language, setLanguage] = useState<Language>('ru');
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, run } = useAction();

  const show = (prefs: Prefs) => {
    setLoaded(prefs);
    setEmail(prefs.email ?? '');
    setPhone(prefs.phone ?? '');
    setSms(prefs.sms);
    setLanguage(prefs.language);
  };

  useEffect(() => {
    let current = true;
    api.notificationPrefs().then(
      (prefs) => {
        if (current) show(prefs);
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [setError]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    return run(async () => {
      show(
        await api.setNotificationPrefs({
          email: email.trim() || null,
          phone: phone.trim() || null,
          sms,
          language,
        }),
      );
      setSaved(true);
    });
  };

  return (
    <form
      className="card account-form notification-prefs"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="notification-prefs-heading"
    >
      <h2 id="notification-prefs-heading">{t('office.account.notifications.title')}</h2>
      <p className="hint">{t('office.account.notifications.hint')}</p>
      <label htmlFor="prefs-email">{t('office.account.notifications.email')}</label>
      <input
        id="prefs-email"
        type="email"
        autoComplete="email"
        maxLength={254}
        value={email}
        disabled={!loaded}
        onChange={(e) => setEmail(e.target.value)}
      />
      <label htmlFor="prefs-phone">{t('office.account.notifications.phone')}</label>
      <input
        id="prefs-phone"
        type="tel"
        autoComplete="tel"
        placeholder="+7 7__ ___ __ __"
        maxLength={30}
        value={phone}
        disabled={!loaded}
        onChange={(e) => setPhone(e.target.value)}
      />
      <label className="checkbox">
        <input type="checkbox" checked={sms} disabled={!loaded} onChange={(e) => setSms(e.target.checked)} />
        {t('office.account.notifications.sms')}
      </label>
      <label htmlFor="prefs-language">{t('office.account.notifications.language')}</label>
      <select
        id="prefs-language"
        value={language}
        disabled={!loaded}
        onChange={(e) => setLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <ErrorMessage error={error} />
      {saved ? (
        <p className="notice" role="status">
          {t('office.account.notifications.saved')}
        </p>
      ) : null}
      <button type="submit" disabled={busy || !loaded}>
        {t('office.account.notifications.save')}
      </button>
    </form>
  );
}
