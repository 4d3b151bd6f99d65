// Keeps my conversations live for every page of the instance: follows my
// inbox stream (conversations I join or leave, my reads on other devices)
// and every conversation's stream; counts unread messages; asks who is
// online; shows desktop notifications while the tab is hidden.
import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { markConversationRead } from '../../api/chat';
import type { Conversation } from '../../api/chat-types';
import { useT } from '../../i18n/i18n-context';
import { inboxStream, type StreamEvent } from '../../realtime/protocol';
import { useOnReconnect, useStream } from '../../realtime/use-stream';
import { useSession } from '../../session/session-context';
import { ChatInboxContext, type ChatInboxValue } from './chat-inbox-context';
import { conversationTitle, directPartner } from './conversation-title';
import { withNewMessage, withRead, withUpdatedMessage } from './conversation-updates';
import { notifyNewMessage } from './desktop-notifications';
import { memberNames, messageSummary } from './message-text';
import { useConversationList } from './use-conversation-list';
import { useConversationStreams } from './use-conversation-streams';
import { usePresence } from './use-presence';
import { useUnreadSummary } from './use-unread-summary';

const MAX_READ_RETRIES = 3;
const READ_RETRY_MS = 2000;

export function ChatInboxProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useSession().user?.id ?? '';
  const open = useRef<string | null>(null);
  const inboxFollowed = useRef(false);
  const list = useConversationList(slug);
  const { unread, refresh: refreshUnread, refreshSoon, adjust: adjustUnread } = useUnreadSummary(slug);
  const { upsert, change, remove, refetch, reload } = list;

  useStream(me ? inboxStream(me) : null, {
    onEvent: (event) => {
      if (event.name === 'conversation.added') refetch(event.data.conversationId);
      else if (event.name === 'conversation.removed') remove(event.data.conversationId);
      else if (event.name === 'conversation.read') change(event.data.conversationId, (c) => withRead(c, me, event.data.seq, me));
      else return;
      refreshSoon();
    },
    onReset: () => {
      reload();
      refreshSoon();
    },
    // The list may have loaded before the inbox was followed: a conversation
    // added in between would be missing. Later reconnects replay what they missed.
    onSubscribed: () => {
      if (inboxFollowed.current) return;
      inboxFollowed.current = true;
      reload();
    },
  });

  const seenNow = (conversationId: string) => open.current === conversationId && document.visibilityState === 'visible';
  const conversations = list.items;
  const byId = useRef(new Map<string, Conversation>());
  byId.current = new Map(conversations.map((conversation) => [conversation.id, conversation]));

  const onConversationEvent = (conversationId: string, event: StreamEvent) => {
    switch (event.name) {
      case 'message.created': {
        const { message } = event.data;
        change(conversationId, (c) => withNewMessage(c, message, me, seenNow(conversationId)));
        const known = byId.current.get(conversationId);
        if (message.author.id !== me && known) {
          notifyNewMessage({
            conversationId,
            title: known.kind === 'direct' ? message.author.displayName : `${message.author.displayName} — ${conversationTitle(known, me, t)}`,
            text: messageSummary(message, memberNames(known), t),
            open: () => navigate(`/i/${slug}/chat/${conversationId}`),
          });
        }
        if (message.author.id !== me) refreshSoon();
        break;
      }
      case 'message.updated':
        change(conversationId, (c) => withUpdatedMessage(c, event.data.message));
        break;
      case 'conversation.read':
        change(conversationId, (c) => withRead(c, event.data.userId ?? '', event.data.seq, me));
        break;
      case 'conversation.updated':
        refetch(conversationId);
        break;
      // Someone left: its members changed (my own departure comes on my inbox too).
      case 'conversation.removed':
        if (event.data.userId === me) remove(conversationId);
        else refetch(conversationId);
        break;
    }
  };
  useConversationStreams(conversations, {
    onEvent: onConversationEvent,
    onReset: refetch,
    onEnded: (conversationId) => {
      remove(conversationId);
      refreshSoon();
    },
  });

  const partners = conversations.flatMap((conversation) => directPartner(conversation, me)?.id ?? []);
  const presence = usePresence(slug, partners);
  useOnReconnect(() => {
    refreshUnread();
    presence.refresh();
  });

  // A marker that did not reach the server is read back from it a little
  // later, which makes the open conversation try again (a few times at most).
  const readRetries = useRef(new Map<string, number>());
  const markRead = useCallback(
    (conversationId: string, seq: number) => {
      const known = byId.current.get(conversationId);
      if (known && known.unreadCount > 0 && seq >= known.lastSeq) {
        adjustUnread((summary) => ({ conversations: summary.conversations - 1, mentions: summary.mentions - known.mentionCount }));
      }
      change(conversationId, (c) => withRead(c, me, seq, me));
      markConversationRead(slug, conversationId, seq).then(refreshUnread, () => {
        const tries = readRetries.current.get(conversationId) ?? 0;
        if (tries >= MAX_READ_RETRIES) return;
        readRetries.current.set(conversationId, tries + 1);
        window.setTimeout(() => refetch(conversationId), READ_RETRY_MS * (tries + 1));
      });
    },
    [slug, me, change, adjustUnread, refreshUnread, refetch],
  );
  const setOpenConversation = useCallback((conversationId: string | null) => {
    open.current = conversationId;
  }, []);

  const value = useMemo<ChatInboxValue>(
    () => ({
      conversations,
      status: list.status,
      error: list.error,
      hasMore: list.hasMore,
      loadingMore: list.loadingMore,
      loadMore: list.loadMore,
      unread,
      upsert,
      refetch,
      setOpenConversation,
      markRead,
      isOnline: presence.isOnline,
    }),
    [conversations, list.status, list.error, list.hasMore, list.loadingMore, list.loadMore, unread, upsert, refetch, setOpenConversation, markRead, presence.isOnline],
  );
  return <ChatInboxContext.Provider value={value}>{children}</ChatInboxContext.Provider>;
}
