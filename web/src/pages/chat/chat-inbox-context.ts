// My conversations in the current instance, kept live by the realtime
// gateway for every page of the instance: the chat page lists them, the
// navigation shows how many are unread, a conversation reads its receipts
// from here, and desktop notifications start here.
import { createContext, useContext } from 'react';
import type { Conversation, UnreadSummary } from '../../api/chat-types';

export interface ChatInboxValue {
  conversations: Conversation[];
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  unread: UnreadSummary;
  /** Adds or replaces a conversation the server just returned. */
  upsert: (conversation: Conversation) => void;
  /** Reads a conversation again from the server (removed from the list if gone). */
  refetch: (conversationId: string) => void;
  /** The conversation on screen (null when none): its new messages are not unread. */
  setOpenConversation: (conversationId: string | null) => void;
  /** Moves my read marker to `seq`, here and on the server. */
  markRead: (conversationId: string, seq: number) => void;
  isOnline: (userId: string) => boolean;
}

export const ChatInboxContext = createContext<ChatInboxValue | null>(null);

export function useChatInbox(): ChatInboxValue {
  const value = useContext(ChatInboxContext);
  if (!value) throw new Error('useChatInbox must be used inside <ChatInboxProvider>');
  return value;
}
