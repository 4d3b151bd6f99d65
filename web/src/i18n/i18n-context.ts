// The React context that carries the current language and its translator.
import { createContext, useContext } from 'react';
import type { Locale } from '../api/types';
import type { Translate } from './translate';

export interface I18nValue {
  locale: Locale;
  /** Changes the interface language and remembers it in this browser. */
  setLocale: (locale: Locale) => void;
  t: Translate;
}

export const I18nContext = createContext<I18nValue | null>(null);

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): Pick<I18nValue, 'locale' | 'setLocale'> {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}
