// The count next to "Chat" in the navigation: conversations with unread
// messages, highlighted when some mention me.
import { useLocale, useT } from '../../i18n/i18n-context';
import { pluralForm } from '../../i18n/plural';
import { useChatInbox } from './chat-inbox-context';

export function ChatNavBadge() {
  const t = useT();
  const { locale } = useLocale();
  const { unread } = useChatInbox();
  if (unread.conversations === 0) return null;
  return (
    <span className={unread.mentions > 0 ? 'nav-badge nav-badge-mention' : 'nav-badge'} data-testid="chat-unread">
      <span aria-hidden="true">{unread.conversations > 99 ? '99+' : unread.conversations}</span>
      <span className="visually-hidden">
        {t(`chat.navUnread.${pluralForm(locale, unread.conversations)}`, { count: unread.conversations })}
      </span>
    </span>
  );
}
