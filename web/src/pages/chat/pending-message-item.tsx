// A message of mine on its way: shown at once with its attachments, greyed
// while it travels; if the server could not take it, "Not sent" with Retry
// (same clientId: never a duplicate) and Discard.
import { AttachmentList } from '../../components/attachments/attachment-list';
import { Avatar } from '../../components/avatar';
import { SanitisedHtml } from '../../components/sanitised-html';
import { useLocale, useT } from '../../i18n/i18n-context';
import { problemMessage } from '../../i18n/problem-message';
import { useSession } from '../../session/session-context';
import { useConversation } from './conversation-context';
import { timeOfDay } from './message-item';
import type { PendingMessage } from './use-outbox';

interface PendingMessageItemProps {
  item: PendingMessage;
  compact: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/** Plain text as HTML, safely: the server renders the Markdown once it has it. */
function escapeText(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<p>${escaped.replace(/\n/g, '<br>')}</p>`;
}

export function PendingMessageItem({ item, compact, onRetry, onDiscard }: PendingMessageItemProps) {
  const t = useT();
  const { locale } = useLocale();
  const { user } = useSession();
  const { slug } = useConversation();
  const name = user?.displayName ?? '';
  const failed = item.status === 'failed';

  return (
    <li className={`message message-pending${compact ? ' message-compact' : ''}${failed ? ' message-failed' : ''}`} data-testid="pending-message">
      <div className="message-gutter">{!compact && <Avatar name={name} url={null} size={36} />}</div>
      <div className="message-main">
        {!compact && (
          <div className="message-header">
            <span className="message-author">{name}</span>
            <span className="message-time">{timeOfDay(item.createdAt, locale)}</span>
          </div>
        )}
        {item.body.trim() !== '' && <SanitisedHtml className="message-body rich-text" html={escapeText(item.body)} />}
        <AttachmentList slug={slug} attachments={item.attachments} compact />
        {failed ? (
          <p className="message-status message-status-failed" role="alert">
            {t('chat.notSent')} {problemMessage(item.error, t)}{' '}
            <button type="button" className="link-button" onClick={() => onRetry(item.clientId)}>
              {t('common.retry')}
            </button>{' '}
            <button type="button" className="link-button" onClick={() => onDiscard(item.clientId)}>
              {t('chat.discard')}
            </button>
          </p>
        ) : (
          <p className="message-status">{t('chat.sending')}</p>
        )}
      </div>
    </li>
  );
}
