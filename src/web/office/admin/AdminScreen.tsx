// Administration (admins only): a menu of the sections above the chosen one; /office/admin opens the first.
import { useTranslation } from 'react-i18next';
import { followLink } from '../../ui/router.js';
import { ADMIN_SECTIONS } from './sections.js';

export function adminPath(slug: string): string {
  return `/office/admin/${slug}`;
}

export function AdminScreen({ slug }: { slug: string | undefined }) {
  const { t } = useTranslation();
  const section = ADMIN_SECTIONS.find((s) => s.slug === slug) ?? ADMIN_SECTIONS[0]!;
  return (
    <>
      <nav className="admin-menu page wide" aria-label={t('office.admin.menu')}>
        <ul>
          {ADMIN_SECTIONS.map((s) => (
            <li key={s.slug}>
              <a
                href={adminPath(s.slug)}
                onClick={followLink}
                aria-current={s === section ? 'page' : undefined}
              >
                {t(s.titleKey)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {/* Each section is its own <main>. */}
      <section.Screen />
    </>
  );
}
