// The shapes of conversations and messages, as the chat API returns them
// (docs/realtime.md). A message's `seq` is its position in its
// conversation's stream: history pages, read markers and the realtime
// gateway all count in it. `html` is rendered and sanitised by the server.
import type { Attachment } from './attachment-types';
import type { Reaction } from './post-types';

export type ConversationKind = 'direct' | 'group' | 'room';

/** Messages are Markdown of at most this many characters. */
export const MESSAGE_MAX_LENGTH = 10000;

export interface ChatPerson {
  id: string;
  displayName: string;
}

export interface MessageReaction {
  emoji: Reaction;
  userIds: string[];
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  author: ChatPerson;
  /** Markdown source; '' once deleted, or for a message that is only attachments. */
  body: string;
  html: string;
  /** The thread's first message, for a reply. */
  parentId: string | null;
  replyCount: number;
  lastReplyAt: string | null;
  reactions: MessageReaction[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** None once deleted. */
  attachments: Attachment[];
}

export interface ReadReceipt {
  userId: string;
  seq: number;
}

export interface Conversation {
  id: string;
  kind: ConversationKind;
  title: string | null;
  /** The group whose room this is. */
  group: { id: string; name: string; archived: boolean } | null;
  /** The first 20 members. */
  members: ChatPerson[];
  memberCount: number;
  /** The seq of the latest top-level message. */
  lastSeq: number;
  /** My read marker. */
  readSeq: number;
  /** Unread top-level messages from others, counted up to 100. */
  unreadCount: number;
  mentionCount: number;
  lastMessage: Message | null;
  /** Where each member has read up to; null in conversations above 20 members. */
  receipts: ReadReceipt[] | null;
  lastActivityAt: string;
  createdAt: string;
}

export interface ConversationPage {
  items: Conversation[];
  nextCursor: string | null;
}

export interface MessagePage {
  /** Oldest first. */
  items: Message[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}

export interface ThreadPage {
  root: Message;
  /** Oldest first. */
  items: Message[];
  hasMore: boolean;
}

export interface UnreadSummary {
  /** Conversations with unread messages. */
  conversations: number;
  /** Unread messages that mention me. */
  mentions: number;
}

export type NewConversation =
  | { kind: 'direct'; userId: string }
  | { kind: 'group'; title?: string; userIds: string[] };
