import { useId } from 'react';
import { kLanguageNames, kLanguages, useI18n, type Lang } from '../i18n';

export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <div className="lang-switch">
      <label htmlFor={id}>{t('lang.label')}</label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        {kLanguages.map((l) => (
          <option key={l} value={l} lang={l}>
            {kLanguageNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
