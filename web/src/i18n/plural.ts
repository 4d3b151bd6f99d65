// Chooses between the singular and plural form of a message for a count,
// following the language's rules (French says "0 membre", English "0 members").
import type { Locale } from '../api/types';

export type PluralForm = 'one' | 'other';

export function pluralForm(locale: Locale, count: number): PluralForm {
  return new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
}
