// Every realtime event Ruche publishes, in one typed map. Events belong to a
// stream (docs/realtime.md): `conversation:<id>`, `group:<id>`, `user:<id>`
// (posts on a profile) or `inbox:<userId>` (one person's, for them only). The
// gateway delivers them to the subscribers allowed to read that stream.
import type { MessageView } from '../modules/chat/presenters.ts';

export interface RucheEvents {
  'post.created': { postId: string; groupId: string | null; authorId: string };
  'post.updated': { postId: string; groupId: string | null };
  'post.deleted': { postId: string; groupId: string | null };
  'comment.created': { postId: string; commentId: string; groupId: string | null; authorId: string };
  'reaction.changed': { postId: string; groupId: string | null; userId: string; emoji: string; added: boolean };
  'notification.created': { notificationId: string; kind: string };
  'group.membership.changed': { groupId: string; userId: string; member: boolean };
  /** Settings changed (visibility, archiving…) or the group was deleted: who may follow it may have changed. */
  'group.changed': { groupId: string; deleted: boolean };
  'message.created': { message: MessageView };
  'message.updated': { message: MessageView };
  /** A member's read marker, on conversations with receipts; on the reader's inbox for their other devices. */
  'conversation.read': { conversationId: string; userId: string; seq: number };
  'conversation.updated': { conversationId: string };
  'conversation.added': { conversationId: string };
  'conversation.removed': { conversationId: string; userId: string };
  /** Ephemeral (no sequence number, never stored): someone is typing. */
  'typing': { userId: string };
}

export type EventType = keyof RucheEvents;

export interface RucheEvent<T extends EventType = EventType> {
  type: T;
  instanceId: string;
  stream: string;
  /** The event's position in its stream; absent on ephemeral events (typing). */
  seq?: number;
  data: RucheEvents[T];
}
