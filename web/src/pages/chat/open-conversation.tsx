// One conversation on screen. While it is shown and the tab is visible,
// what arrives is read: my read marker follows the latest message shown.
// Opened at a message (?message=, from a search result), it shows the
// messages around it, and a thread reply's thread open beside them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Attachment } from '../../api/attachment-types';
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
import { JumpNotice } from './jump-notice';
import { lastSeqOf } from './message-merge';
import { MessageList } from './message-list';
import { memberNames } from './message-text';
import { ReadReceipt } from './read-receipt';
import { ThreadView } from './thread-view';
import { TypingIndicator } from './typing-indicator';
import { useMessageJump } from './use-message-jump';
import { useOutbox } from './use-outbox';
import { usePageVisible } from './use-page-visible';
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
  const jump = useMessageJump();
  const timeline = useTimeline(slug, id, jump);
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

  // A jump to a thread reply opens its thread, the reply highlighted there (until the thread changes).
  const { target } = timeline;
  const [replyTarget, setReplyTarget] = useState<{ id: string } | null>(null);
  const [jumpedTarget, setJumpedTarget] = useState(target);
  if (target !== jumpedTarget) {
    setJumpedTarget(target);
    setReplyTarget(target?.replyId ? { id: target.replyId } : null);
  }
  useEffect(() => {
    if (target?.replyId) setParams({ thread: target.id }, { replace: true });
  }, [target, setParams]);
  const openThread = useCallback(
    (messageId: string) => {
      setReplyTarget(null);
      setParams({ thread: messageId });
    },
    [setParams],
  );
  const closeThread = () => {
    setReplyTarget(null);
    setParams({});
  };
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

  // Sending from a window further up (or while a jump is on its way) brings the latest messages,
  // where what I send goes; the timeline knows whether they show already.
  const detached = timeline.hasMoreAfter;
  const { jumpToLatest } = timeline;
  const send = (body: string, attachments: Attachment[]) => {
    jumpToLatest();
    outbox.send(body, attachments);
  };

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
          {timeline.missing && <JumpNotice onDismiss={timeline.dismissMissing} />}
          {timeline.status === 'ready' && (
            <MessageList
              label={t('chat.messagesLabel', { title })}
              messages={timeline.messages}
              pending={outbox.pending.filter((item) => item.parentId === null)}
              me={me}
              hasMoreBefore={timeline.hasMoreBefore}
              loadingOlder={timeline.loadingOlder}
              onLoadOlder={timeline.loadOlder}
              hasMoreAfter={detached}
              loadingNewer={timeline.loadingNewer}
              onLoadNewer={timeline.loadNewer}
              onJumpToLatest={jumpToLatest}
              target={target}
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
              onSend={send}
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
            target={replyTarget}
          />
        )}
      </div>
    </ConversationContext.Provider>
  );
}
