// The open thread beside a conversation: its messages kept live and read as
// they show, its replies sent through the conversation's outbox.
import { useEffect, type RefObject } from 'react';
import type { Message } from '../../api/chat-types';
import { useChatInbox } from './chat-inbox-context';
import { lastSeqOf } from './message-merge';
import { ThreadPanel } from './thread-panel';
import type { useOutbox } from './use-outbox';
import { useThread } from './use-thread';

interface ThreadViewProps {
  rootId: string;
  slug: string;
  conversationId: string;
  outbox: ReturnType<typeof useOutbox>;
  onTyping: (typing: boolean) => void;
  onClose: () => void;
  receivedRef: RefObject<((message: Message) => void) | null>;
  readOnly: boolean;
  me: string;
  readSeq: number;
  visible: boolean;
  /** The reply a jump opened the thread for. */
  target: { id: string } | null;
}

export function ThreadView({ rootId, slug, conversationId, outbox, onTyping, onClose, receivedRef, readOnly, me, readSeq, visible, target }: ThreadViewProps) {
  const thread = useThread(slug, conversationId, rootId);
  const { received } = thread;
  const { markRead } = useChatInbox();
  // Replies shown in an open thread are read too (a mention in a reply would otherwise stay counted).
  const latestReply = lastSeqOf(thread.replies.filter((message) => message.author.id !== me));
  useEffect(() => {
    if (!visible || latestReply <= readSeq) return;
    const timer = window.setTimeout(() => markRead(conversationId, latestReply), 300);
    return () => window.clearTimeout(timer);
  }, [visible, latestReply, readSeq, conversationId, markRead]);
  useEffect(() => {
    receivedRef.current = received;
    return () => {
      receivedRef.current = null;
    };
  }, [received, receivedRef]);
  return (
    <ThreadPanel
      thread={thread}
      pending={outbox.pending.filter((item) => item.parentId === rootId)}
      onSend={(body, attachments) => outbox.send(body, attachments, rootId)}
      onTyping={onTyping}
      onRetry={outbox.retry}
      onDiscard={outbox.discard}
      onClose={onClose}
      readOnly={readOnly}
      target={target}
    />
  );
}
