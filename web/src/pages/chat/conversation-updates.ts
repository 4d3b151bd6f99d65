// How a conversation in my list changes with each live event, as pure
// functions: the provider applies them, and they are easy to reason about
// apart from React.
import type { Conversation, Message, ReadReceipt } from '../../api/chat-types';
import { mentionedUserIds } from '../feed/composer/mention-tokens';

/** Most recent activity first, as the server lists them. */
export function sortConversations(conversations: Conversation[]): Conversation[] {
  return [...conversations].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
}

function laterIso(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * A new message (or thread reply) arrived. `seen` when I am looking at the
 * conversation right now: it does not count as unread then (the open
 * conversation moves my read marker itself). Like the server, only
 * top-level messages from others count, and my own message moves my marker.
 */
export function withNewMessage(conversation: Conversation, message: Message, me: string, seen: boolean): Conversation {
  const topLevel = message.parentId === null;
  // Already counted: the list was loaded after it.
  if (topLevel && message.seq <= conversation.lastSeq) return conversation;
  const mine = message.author.id === me;
  const unread = topLevel && !mine && !seen;
  return {
    ...conversation,
    lastSeq: topLevel ? message.seq : conversation.lastSeq,
    // Sending a message reads the conversation up to it (the server moves my marker).
    readSeq: topLevel && mine ? Math.max(conversation.readSeq, message.seq) : conversation.readSeq,
    lastMessage: topLevel ? message : conversation.lastMessage,
    lastActivityAt: laterIso(conversation.lastActivityAt, message.createdAt),
    unreadCount: unread ? conversation.unreadCount + 1 : conversation.unreadCount,
    mentionCount:
      unread && mentionedUserIds(message.body).includes(me) ? conversation.mentionCount + 1 : conversation.mentionCount,
  };
}

export function withUpdatedMessage(conversation: Conversation, message: Message): Conversation {
  if (conversation.lastMessage?.id !== message.id) return conversation;
  return { ...conversation, lastMessage: message };
}

function withReceipt(receipts: ReadReceipt[] | null, userId: string, seq: number): ReadReceipt[] | null {
  if (!receipts) return receipts;
  const known = receipts.find((receipt) => receipt.userId === userId);
  if (known && known.seq >= seq) return receipts;
  return [...receipts.filter((receipt) => receipt.userId !== userId), { userId, seq }];
}

/** Someone's read marker moved; mine clears the unread counts up to it. */
export function withRead(conversation: Conversation, userId: string, seq: number, me: string): Conversation {
  const next = { ...conversation, receipts: withReceipt(conversation.receipts, userId, seq) };
  if (userId !== me || seq <= conversation.readSeq) return next;
  const caughtUp = seq >= conversation.lastSeq;
  return {
    ...next,
    readSeq: seq,
    unreadCount: caughtUp ? 0 : conversation.unreadCount,
    mentionCount: caughtUp ? 0 : conversation.mentionCount,
  };
}
