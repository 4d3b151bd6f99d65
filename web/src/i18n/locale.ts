// Which language the interface speaks before we know who the user is: the
// last choice made in this browser, else the browser's own preference.
import type { Locale } from '../api/types';

export const SUPPORTED_LOCALES: readonly Locale[] = ['fr', 'en'];

const STORAGE_KEY = 'ruche.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    // Storage can be disabled (private mode, strict settings); fall through.
    return null;
  }
}

function browserLocale(): Locale {
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0];
    if (isLocale(language)) return language;
  }
  return 'fr';
}

export function initialLocale(): Locale {
  return readStoredLocale() ?? browserLocale();
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not being able to remember the choice is harmless.
  }
}
