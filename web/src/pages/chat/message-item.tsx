// One message: who and when (left out when it follows the same person's
// message closely), the server's sanitised HTML or the edit form, its
// attachments (none once deleted), the reactions, the thread's reply count,
// and the tools on hover. The message a jump opened at can take the focus and
// is highlighted for a moment.
import type { Message } from '../../api/chat-types';
import { AttachmentList } from '../../components/attachments/attachment-list';
import { Avatar } from '../../components/avatar';
import { RelativeTime } from '../../components/relative-time';
import { SanitisedHtml } from '../../components/sanitised-html';
import { formatDate } from '../../i18n/format-date';
import { useLocale, useT } from '../../i18n/i18n-context';
import { pluralForm } from '../../i18n/plural';
import { PersonLink } from '../people/person-link';
import { useConversation } from './conversation-context';
import { MessageActions } from './message-actions';
import { MessageEditForm } from './message-edit-form';
import { MessageReactions } from './message-reactions';

interface MessageItemProps {
  message: Message;
  /** Follows a message of the same author closely: no name, no picture. */
  compact: boolean;
  inThread?: boolean;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
  /** Opened at by a jump: focusable, so reading goes on from it. */
  jumpedTo?: boolean;
  /** Highlighted until its highlight's animation ends (`onHighlightEnd`). */
  highlighted?: boolean;
  onHighlightEnd?: () => void;
}

export function timeOfDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso));
}

export function MessageItem({ message, compact, inThread = false, editing, onEditingChange, jumpedTo = false, highlighted = false, onHighlightEnd }: MessageItemProps) {
  const t = useT();
  const { locale } = useLocale();
  const { openThread, slug } = useConversation();
  const deleted = message.deletedAt !== null;
  const classes = ['message', compact ? 'message-compact' : '', deleted ? 'message-is-deleted' : '', highlighted ? 'message-highlight' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <li
      className={classes}
      id={`message-${message.id}`}
      data-testid="message"
      data-seq={message.seq}
      tabIndex={jumpedTo ? -1 : undefined}
      onAnimationEnd={(event) => highlighted && event.target === event.currentTarget && onHighlightEnd?.()}
    >
      <div className="message-gutter">
        {compact ? (
          <time className="message-gutter-time" dateTime={message.createdAt} title={formatDate(message.createdAt, locale)}>
            {timeOfDay(message.createdAt, locale)}
          </time>
        ) : (
          <Avatar name={message.author.displayName} url={null} size={36} />
        )}
      </div>
      <div className="message-main">
        {!compact && (
          <div className="message-header">
            <PersonLink person={message.author} className="message-author" />
            <time className="message-time" dateTime={message.createdAt} title={formatDate(message.createdAt, locale)}>
              {timeOfDay(message.createdAt, locale)}
            </time>
          </div>
        )}
        {deleted ? (
          <p className="message-deleted">{t('chat.messageDeleted')}</p>
        ) : editing ? (
          <MessageEditForm message={message} onDone={() => onEditingChange(false)} />
        ) : (
          <div className="message-content">
            {message.html !== '' && <SanitisedHtml className="message-body rich-text" html={message.html} />}
            {message.editedAt && <span className="message-edited">{t('chat.edited')}</span>}
          </div>
        )}
        {!deleted && <AttachmentList slug={slug} attachments={message.attachments} compact />}
        <MessageReactions message={message} />
        {!inThread && message.replyCount > 0 && (
          <button type="button" className="thread-link" onClick={() => openThread(message.id)}>
            {t(`chat.replies.${pluralForm(locale, message.replyCount)}`, { count: message.replyCount })}
            {message.lastReplyAt && (
              <span className="muted">
                {' · '}
                {t('chat.lastReply')} <RelativeTime iso={message.lastReplyAt} />
              </span>
            )}
          </button>
        )}
      </div>
      {!editing && <MessageActions message={message} inThread={inThread} onEdit={() => onEditingChange(true)} />}
    </li>
  );
}
