// The language choices for a <select>, each named in its own language.
import type { Locale } from '../api/types';
import type { SelectOption } from '../components/select-field';
import { useT } from './i18n-context';
import { SUPPORTED_LOCALES } from './locale';

export function useLocaleOptions(): SelectOption<Locale>[] {
  const t = useT();
  return SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }));
}
