// Every realtime event Ruche publishes, in one typed map. Events name the
// stream they belong to (a group's or a user's); the WebSocket gateway (chat
// issue) delivers them to subscribers allowed to read that stream.
export interface RucheEvents {
  'post.created': { postId: string; groupId: string | null; authorId: string };
  'post.updated': { postId: string; groupId: string | null };
  'post.deleted': { postId: string; groupId: string | null };
  'comment.created': { postId: string; commentId: string; groupId: string | null; authorId: string };
  'reaction.changed': { postId: string; groupId: string | null; userId: string; emoji: string; added: boolean };
  'notification.created': { notificationId: string; kind: string };
  'group.membership.changed': { groupId: string; userId: string; member: boolean };
}

export type EventType = keyof RucheEvents;

export interface RucheEvent<T extends EventType = EventType> {
  type: T;
  instanceId: string;
  /**
   * `group:<id>` (a group's activity), `user:<id>` (posts on a profile) or
   * `inbox:<id>` (one person's notifications, for them only): who may receive
   * an event is decided per stream.
   */
  stream: string;
  data: RucheEvents[T];
}
