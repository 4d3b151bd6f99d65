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

/**
 * A calendar date written YYYY-MM-DD (a birthday, a start date), which has no
 * time zone: read and shown as UTC so it never moves by a day.
 */
export function formatCalendarDate(value: string, locale: Locale): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
