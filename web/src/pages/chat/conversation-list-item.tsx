// One conversation in the list: picture, name, the last message, when, and
// how many unread messages (and mentions) it holds.
import { NavLink } from 'react-router';
import type { Conversation } from '../../api/chat-types';
import { RelativeTime } from '../../components/relative-time';
import { useLocale, useT } from '../../i18n/i18n-context';
import { pluralForm } from '../../i18n/plural';
import { ConversationAvatar } from './conversation-avatar';
import { conversationTitle } from './conversation-title';
import { messagePreview } from './message-text';

export function ConversationListItem({ conversation, me, slug }: { conversation: Conversation; me: string; slug: string }) {
  const t = useT();
  const { locale } = useLocale();
  const title = conversationTitle(conversation, me, t);
  const unread = conversation.unreadCount;
  const message = conversation.lastMessage;

  return (
    <li>
      <NavLink
        to={`/i/${slug}/chat/${conversation.id}`}
        className={unread > 0 ? 'conversation-item conversation-unread' : 'conversation-item'}
        data-testid="conversation-item"
      >
        <ConversationAvatar conversation={conversation} me={me} title={title} />
        <span className="conversation-item-text">
          <span className="conversation-item-top">
            <span className="conversation-item-title">{title}</span>
            <span className="conversation-item-time">
              <RelativeTime iso={message?.createdAt ?? conversation.lastActivityAt} />
            </span>
          </span>
          <span className="conversation-item-bottom">
            <span className="conversation-item-preview">
              {message ? messagePreview(conversation, message, me, t) : t('chat.noMessagesYet')}
            </span>
            {conversation.mentionCount > 0 && (
              <span className="chat-count chat-count-mention" title={t('chat.mentionsLabel', { count: conversation.mentionCount })}>
                @{conversation.mentionCount}
              </span>
            )}
            {unread > 0 && (
              <span className="chat-count" data-testid="unread-count">
                <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
                <span className="visually-hidden">{t(`chat.unreadLabel.${pluralForm(locale, unread)}`, { count: unread })}</span>
              </span>
            )}
          </span>
        </span>
      </NavLink>
    </li>
  );
}
