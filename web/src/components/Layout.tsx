// The frame of signed-in pages: skip link, header with navigation, language and account.
import type { ReactNode } from 'react';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { Trans } from '../i18n/Trans';
import { Link, useLocation } from '../lib/router';
import { LanguageSwitcher } from './LanguageSwitcher';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user, signOut } = useAuth();
  const { path } = useLocation();
  const links: { to: string; label: string }[] = [
    { to: '/', label: t('nav.chat') },
    { to: '/library', label: t('nav.library') },
  ];
  if (user?.role === 'admin') links.push({ to: '/admin', label: t('nav.admin') });
  const isCurrent = (to: string) => (to === '/' ? path === '/' || path.startsWith('/c/') : path.startsWith(to));
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.main')}>
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <Link to={l.to} aria-current={isCurrent(l.to) ? 'page' : undefined}>
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-end">
          <LanguageSwitcher />
          {user && (
            <span className="who">
              <Trans k="nav.signedInAs" values={{ name: <bdi>{user.name || user.email}</bdi> }} />
            </span>
          )}
          <button type="button" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
