// A <time> that says how long ago, with the full date on hover and for
// assistive technology that reads the title.
import { formatDate } from '../i18n/format-date';
import { formatRelativeTime } from '../i18n/format-relative-time';
import { useLocale } from '../i18n/i18n-context';

export function RelativeTime({ iso }: { iso: string }) {
  const { locale } = useLocale();
  return (
    <time dateTime={iso} title={formatDate(iso, locale)}>
      {formatRelativeTime(iso, locale)}
    </time>
  );
}
