// Language state: the chosen language, remembered in localStorage, sets <html lang dir>.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ar } from './ar';
import { en } from './en';
import { fr, type MessageKey, type Messages } from './fr';

export type Lang = 'fr' | 'en' | 'ar';
export const kLanguages: readonly Lang[] = ['fr', 'en', 'ar'];
/** Each language's name written in itself (never translated). */
export const kLanguageNames: Record<Lang, string> = { fr: 'Français', en: 'English', ar: 'العربية' };
export const catalogues: Record<Lang, Messages> = { fr, en, ar };
const kStorageKey = 'sanad.lang';

export function isRtl(lang: Lang): boolean {
  return lang === 'ar';
}

/** Replaces {name} placeholders; unknown placeholders are left as they are. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  return format(catalogues[lang][key], vars);
}

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(kStorageKey);
    if (v === 'fr' || v === 'en' || v === 'ar') return v;
  } catch {
    // Storage disabled: fall back to the default.
  }
  return 'fr';
}

/** Applies a language to the document element (lang and dir attributes). */
export function applyToDocument(lang: Lang): void {
  const html = document.documentElement;
  html.lang = lang;
  html.dir = isRtl(lang) ? 'rtl' : 'ltr';
}

export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // Applied before the first paint so a remembered Arabic choice never flashes left-to-right.
  const [lang, setLangState] = useState<Lang>(() => {
    const l = storedLang();
    applyToDocument(l);
    return l;
  });
  useEffect(() => applyToDocument(lang), [lang]);
  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(kStorageKey, l);
    } catch {
      // Not remembered; still switched for this page.
    }
    setLangState(l);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export type { MessageKey, Messages };
