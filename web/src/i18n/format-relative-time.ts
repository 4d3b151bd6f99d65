// "5 minutes ago", "yesterday", "il y a 3 jours": how long ago something
// happened, in the reader's language. Past a week the date itself says more.
import type { Locale } from '../api/types';
import { formatDate } from './format-date';

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

export function formatRelativeTime(iso: string, locale: Locale, now: number = Date.now()): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  let amount = (time - now) / 1000;
  // Clocks drift: a moment "in the future" is now.
  if (amount > 0) amount = 0;
  if (amount > -45) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second');
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) {
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(amount), unit);
    }
    amount /= size;
  }
  return formatDate(iso, locale, 'date');
}
