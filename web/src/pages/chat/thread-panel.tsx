// A thread beside the conversation: its first message, the replies, live,
// and a box to reply. Replies go through the conversation's outbox, so they
// are pending, retried and never duplicated like any message.
import { useState } from 'react';
import type { Attachment } from '../../api/attachment-types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { useLocale, useT } from '../../i18n/i18n-context';
import { pluralForm } from '../../i18n/plural';
import { ChatComposer } from './chat-composer';
import { useConversation } from './conversation-context';
import { MessageList } from './message-list';
import type { PendingMessage } from './use-outbox';
import type { useThread } from './use-thread';

interface ThreadPanelProps {
  thread: ReturnType<typeof useThread>;
  pending: PendingMessage[];
  onSend: (body: string, attachments: Attachment[]) => void;
  onTyping: (typing: boolean) => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  onClose: () => void;
  readOnly: boolean;
  /** The reply a jump opened the thread for: shown highlighted, and focused rather than the reply box. */
  target?: { id: string } | null;
}

export function ThreadPanel({ thread, pending, onSend, onTyping, onRetry, onDiscard, onClose, readOnly, target = null }: ThreadPanelProps) {
  const t = useT();
  const { locale } = useLocale();
  const { me, names } = useConversation();
  const [editingId, setEditingId] = useState<string | null>(null);
  const count = thread.replies.length;

  return (
    <aside className="thread-panel" aria-label={t('chat.thread')} data-testid="thread-panel">
      <header className="thread-header">
        <h2>{t('chat.thread')}</h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      {thread.status === 'loading' && <Loading />}
      <FormError error={thread.error} />
      {thread.root && (
        <>
          <MessageList
            label={t('chat.thread')}
            messages={[thread.root, ...thread.replies]}
            pending={pending}
            me={me}
            hasMoreBefore={false}
            loadingOlder={false}
            onLoadOlder={() => undefined}
            firstUnreadSeq={null}
            editingId={editingId}
            onEditingChange={setEditingId}
            onRetry={onRetry}
            onDiscard={onDiscard}
            inThread
            target={target}
            beginning={<p className="muted thread-count">{t(`chat.replies.${pluralForm(locale, count)}`, { count })}</p>}
          />
          {!readOnly && (
            <ChatComposer label={t('chat.replyLabel')} placeholder={t('chat.replyPlaceholder')} onSend={onSend} onTyping={onTyping} names={names} autoFocus={!target} />
          )}
        </>
      )}
    </aside>
  );
}
