// Holds the interface language for the whole app and keeps <html lang> in
// step, so screen readers pronounce the text in the right language.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../api/types';
import type { Messages } from './en';
import { en } from './en';
import { fr } from './fr';
import { I18nContext, type I18nValue } from './i18n-context';
import { initialLocale, storeLocale } from './locale';
import { translate, type Translate } from './translate';

const dictionaries: Record<Locale, Messages> = { en, fr };

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const t: Translate = (key, params) => translate(dictionaries[locale], key, params);
    return { locale, setLocale, t };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
