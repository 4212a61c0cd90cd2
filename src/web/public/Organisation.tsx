// The organisation behind the site, as an admin set it (Administration › Settings): its logo and name in the header
// and its contacts in the footer. Plain text only: React escapes it, links are built from checked values.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type PublicSettings } from '../ui/api.js';
import { currentLanguage } from '../ui/i18n.js';
import { pick } from '../ui/format.js';

let loading: Promise<PublicSettings> | null = null;

/** The public settings, read once per page load and shared by the header and the footer. */
function useSiteSettings(): PublicSettings | null {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  useEffect(() => {
    loading ??= api.settings();
    let live = true;
    loading.then(
      (s) => live && setSettings(s),
      () => {
        loading = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return settings;
}

/** The logo and the organisation's name above the site's own name; nothing until an admin sets them. */
export function OrganisationMark() {
  useTranslation();
  const settings = useSiteSettings();
  if (!settings) return null;
  const name = pick(settings.organisationName, currentLanguage());
  return (
    <>
      {settings.organisationLogo ? (
        <img className="site-logo" src={settings.organisationLogo} alt="" height={48} />
      ) : null}
      {name ? <p className="site-org">{name}</p> : null}
    </>
  );
}

/** The footer with the public contacts (phone, email, address, hours); nothing when none is set. */
export function SiteFooter() {
  const { t } = useTranslation();
  const settings = useSiteSettings();
  if (!settings) return null;
  const lng = currentLanguage();
  const { phone, email } = settings.contact;
  const address = pick(settings.contact.address, lng);
  const hours = pick(settings.contact.hours, lng);
  const name = pick(settings.organisationName, lng);
  if (!phone && !email && !address && !hours) return null;
  return (
    <footer className="site-footer" aria-labelledby="site-contacts">
      <h2 id="site-contacts">{t('public.contacts.title')}</h2>
      {name ? <p className="site-footer-org">{name}</p> : null}
      <dl className="site-contacts">
        {phone ? (
          <>
            <dt>{t('public.contacts.phone')}</dt>
            <dd>
              <a href={`tel:${phone.replace(/[^0-9+]/g, '')}`}>{phone}</a>
            </dd>
          </>
        ) : null}
        {email ? (
          <>
            <dt>{t('public.contacts.email')}</dt>
            <dd>
              <a href={`mailto:${email}`}>{email}</a>
            </dd>
          </>
        ) : null}
        {address ? (
          <>
            <dt>{t('public.contacts.address')}</dt>
            <dd className="site-contacts-lines">{address}</dd>
          </>
        ) : null}
        {hours ? (
          <>
            <dt>{t('public.contacts.hours')}</dt>
            <dd className="site-contacts-lines">{hours}</dd>
          </>
        ) : null}
      </dl>
    </footer>
  );
}
