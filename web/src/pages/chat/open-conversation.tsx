// One conversation on screen. While it is shown and the tab is visible,
// what arrives is read: my read marker follows the latest message.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useSearchParams } from 'react-router';
import type { Conversation, Message } from '../../api/chat-types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { useT } from '../../i18n/i18n-context';
import { conversationStream } from '../../realtime/protocol';
import { useRealtimeClient } from '../../realtime/realtime-context';
import { ChatComposer } from './chat-composer';
import { useChatInbox } from './chat-inbox-context';
import { ConversationContext, type ConversationValue } from './conversation-context';
import { ConversationHeader } from './conversation-header';
import { conversationTitle } from './conversation-title';
import { lastSeqOf } from './message-merge';
import { MessageList } from './message-list';
import { memberNames } from './message-text';
import { ReadReceipt } from './read-receipt';
import { ThreadPanel } from './thread-panel';
import { TypingIndicator } from './typing-indicator';
import { useOutbox } from './use-outbox';
import { usePageVisible } from './use-page-visible';
import { useThread } from './use-thread';
import { useTimeline } from './use-timeline';
import { useTyping } from './use-typing';

interface OpenConversationProps {
  conversation: Conversation;
  me: string;
  slug: string;
}

export function OpenConversation({ conversation, me, slug }: OpenConversationProps) {
  const t = useT();
  const client = useRealtimeClient();
  const { setOpenConversation, markRead, refetch } = useChatInbox();
  const [params, setParams] = useSearchParams();
  const threadId = params.get('thread');
  const id = conversation.id;
  const timeline = useTimeline(slug, id);
  const typing = useTyping(id, me);
  const visible = usePageVisible();
  const [editingId, setEditingId] = useState<string | null>(null);
  // What was unread when I opened it: the "new" line goes above it. What
  // arrives while I look is not new.
  const [unreadAtOpen] = useState({ after: conversation.readSeq, upTo: conversation.lastSeq });
  // A message the server answered goes to the timeline and to the open thread.
  const threadReceived = useRef<((message: Message) => void) | null>(null);
  const { received: timelineReceived } = timeline;
  const received = useCallback(
    (message: Message) => {
      timelineReceived(message);
      threadReceived.current?.(message);
    },
    [timelineReceived],
  );

  const openThread = useCallback((messageId: string) => setParams({ thread: messageId }), [setParams]);
  const closeThread = () => setParams({});
  const names = useMemo(() => {
    const known = memberNames(conversation);
    for (const message of timeline.messages) known.set(message.author.id, message.author.displayName);
    return known;
  }, [conversation, timeline.messages]);

  // An archived group's room keeps its history but takes no new messages.
  const readOnly = conversation.group?.archived === true;
  const value = useMemo<ConversationValue>(
    () => ({ slug, conversation, me, names, readOnly, changed: received, openThread }),
    [slug, conversation, me, names, readOnly, received, openThread],
  );

  // A refused message may mean the conversation changed (its group archived): read it again.
  const outbox = useOutbox(slug, id, me, received, () => refetch(id));
  const onTyping = useCallback(
    (typing: boolean) => (typing ? client?.sendTyping(conversationStream(id)) : client?.stopTyping(conversationStream(id))),
    [client, id],
  );

  useEffect(() => {
    setOpenConversation(id);
    return () => setOpenConversation(null);
  }, [id, setOpenConversation]);

  // Read what is shown, once the timeline is there and the tab visible: up to
  // the latest message from someone else (sending one of mine moves my marker
  // on the server already).
  const latestSeq = lastSeqOf(timeline.messages.filter((message) => message.author.id !== me));
  const ready = timeline.status === 'ready';
  useEffect(() => {
    if (!ready || !visible || latestSeq <= conversation.readSeq) return;
    const timer = window.setTimeout(() => markRead(id, latestSeq), 300);
    return () => window.clearTimeout(timer);
  }, [ready, visible, latestSeq, conversation.readSeq, id, markRead]);

  const firstUnreadSeq =
    timeline.messages.find((message) => message.seq > unreadAtOpen.after && message.seq <= unreadAtOpen.upTo && message.author.id !== me)?.seq ?? null;
  const lastMessage: Message | undefined = timeline.messages[timeline.messages.length - 1];
  const editLast = () => {
    const mine = [...timeline.messages].reverse().find((message) => message.author.id === me && !message.deletedAt);
    if (mine) setEditingId(mine.id);
  };
  const title = conversationTitle(conversation, me, t);

  return (
    <ConversationContext.Provider value={value}>
      <div className={threadId ? 'conversation conversation-with-thread' : 'conversation'} data-testid="conversation">
        <div className="conversation-column">
          <ConversationHeader conversation={conversation} me={me} slug={slug} />
          {timeline.status === 'loading' && <Loading />}
          <FormError error={timeline.error} />
          {timeline.status === 'ready' && (
            <MessageList
              label={t('chat.messagesLabel', { title })}
              messages={timeline.messages}
              pending={outbox.pending.filter((item) => item.parentId === null)}
              me={me}
              hasMoreBefore={timeline.hasMoreBefore}
              loadingOlder={timeline.loadingOlder}
              onLoadOlder={timeline.loadOlder}
              firstUnreadSeq={firstUnreadSeq}
              editingId={editingId}
              onEditingChange={setEditingId}
              onRetry={outbox.retry}
              onDiscard={outbox.discard}
              beginning={<p className="muted timeline-beginning">{t(`chat.beginning.${conversation.kind}`, { title })}</p>}
              footer={<ReadReceipt conversation={conversation} message={lastMessage} me={me} names={names} />}
            />
          )}
          <TypingIndicator userIds={typing} names={names} />
          {readOnly ? (
            <p className="chat-read-only">{t('chat.readOnly')}</p>
          ) : (
            <ChatComposer
              label={t('chat.composerLabel')}
              placeholder={t('chat.composerPlaceholder', { title })}
              onSend={(body, attachments) => outbox.send(body, attachments)}
              onTyping={onTyping}
              names={names}
              onEditLast={editLast}
              autoFocus
            />
          )}
        </div>
        {threadId && (
          <ThreadView
            key={threadId}
            rootId={threadId}
            slug={slug}
            conversationId={id}
            outbox={outbox}
            onTyping={onTyping}
            onClose={closeThread}
            receivedRef={threadReceived}
            readOnly={readOnly}
            me={me}
            readSeq={conversation.readSeq}
            visible={visible}
          />
        )}
      </div>
    </ConversationContext.Provider>
  );
}

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
}

function ThreadView({ rootId, slug, conversationId, outbox, onTyping, onClose, receivedRef, readOnly, me, readSeq, visible }: ThreadViewProps) {
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
    />
  );
}
