import { useEffect, useRef, type ReactNode } from 'react';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { useI18n } from '../../i18n';

/** The frame of the signed-out pages: brand, language choice and one card. */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="auth-page">
      <header className="auth-top">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="auth-card">
        <h1 ref={heading}>{title}</h1>
        {children}
      </main>
    </div>
  );
}
