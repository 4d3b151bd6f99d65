// Dates as the reader expects them in their language.
import type { Locale } from '../api/types';

const formats = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export function formatDate(
  iso: string,
  locale: Locale,
  style: keyof typeof formats = 'dateTime',
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, formats[style]).format(date);
}
