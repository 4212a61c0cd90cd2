// The public site: the status look-up (access code or SMS code; the receipt's QR opens /?n=<number>), the appeal's
// page with its answer, rating, dispute and withdrawal, the reference and the public statistics. Phone first, kk/ru/en.
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../ui/components.js';
import { followLink, usePath } from '../ui/router.js';
import { AppealPage } from './pages/AppealPage.js';
import { LookupPage } from './pages/LookupPage.js';
import { ReferencePage } from './pages/ReferencePage.js';
import { ReceptionPage } from './pages/ReceptionPage.js';
import { StatsPage } from './pages/StatsPage.js';
import { OrganisationMark, SiteFooter } from './Organisation.js';

function route(path: string): {
  page: 'lookup' | 'appeal' | 'reference' | 'reception' | 'stats';
  param: string | null;
} {
  if (/^\/reception\/?$/.test(path)) return { page: 'reception', param: null };
  if (/^\/stats\/?$/.test(path)) return { page: 'stats', param: null };
  const appeal = /^\/appeal\/([0-9]{6}-[0-9]{4,6})\/?$/.exec(path);
  if (appeal) return { page: 'appeal', param: appeal[1] ?? null };
  const article = /^\/reference(?:\/([a-z0-9-]+))?\/?$/.exec(path);
  if (article) return { page: 'reference', param: article[1] ?? null };
  return { page: 'lookup', param: null };
}

export function App() {
  const { t } = useTranslation();
  const { page, param } = route(usePath());
  return (
    <>
      <a className="skip-link" href="#main">
        {t('public.nav.skip')}
      </a>
      <header className="site-header">
        <OrganisationMark />
        <div className="site-title">
          <p className="site-name">{t('common.appName')}</p>
          <p className="site-tagline">{t('common.tagline')}</p>
        </div>
        <LanguageSwitcher />
      </header>
      <nav className="site-nav" aria-label={t('public.nav.label')}>
        <a
          href="/"
          onClick={followLink}
          aria-current={page === 'lookup' || page === 'appeal' ? 'page' : undefined}
        >
          {t('public.nav.lookup')}
        </a>
        <a href="/reception" onClick={followLink} aria-current={page === 'reception' ? 'page' : undefined}>
          {t('public.nav.reception')}
        </a>
        <a href="/reference" onClick={followLink} aria-current={page === 'reference' ? 'page' : undefined}>
          {t('public.nav.reference')}
        </a>
        <a href="/stats" onClick={followLink} aria-current={page === 'stats' ? 'page' : undefined}>
          {t('public.nav.stats')}
        </a>
      </nav>
      <main className="site-main" id="main">
        {page === 'appeal' && param ? (
          <AppealPage number={param} />
        ) : page === 'reception' ? (
          <ReceptionPage />
        ) : page === 'reference' ? (
          <ReferencePage slug={param} />
        ) : page === 'stats' ? (
          <StatsPage />
        ) : (
          <LookupPage />
        )}
      </main>
      <SiteFooter />
    </>
  );
}
