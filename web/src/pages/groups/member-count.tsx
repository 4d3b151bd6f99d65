// "1 member", "12 members", in the reader's language.
import { useLocale, useT } from '../../i18n/i18n-context';
import { pluralForm } from '../../i18n/plural';

export function MemberCount({ count }: { count: number }) {
  const t = useT();
  const { locale } = useLocale();
  return <span className="member-count">{t(`groups.memberCount.${pluralForm(locale, count)}`, { count })}</span>;
}
