// File sizes as people read them, in their language: "25 bytes", "1.5 MB",
// "3,2 Go". Multiples of 1024, as file managers show them.
import type { Locale } from '../api/types';
import { pluralForm } from './plural';

const UNITS: Record<Locale, { byte: Record<'one' | 'other', string>; larger: string[] }> = {
  en: { byte: { one: 'byte', other: 'bytes' }, larger: ['KB', 'MB', 'GB', 'TB'] },
  fr: { byte: { one: 'octet', other: 'octets' }, larger: ['Ko', 'Mo', 'Go', 'To'] },
};

export function formatBytes(bytes: number, locale: Locale): string {
  const units = UNITS[locale];
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} ${units.byte[pluralForm(locale, bytes)]}`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.larger.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units.larger[unit]}`;
}
