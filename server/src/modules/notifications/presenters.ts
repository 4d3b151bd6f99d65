// API shape of a notification.
import type { Static } from 'typebox';
import type { NotificationRow } from './queries.ts';
import type { Notification } from './schemas.ts';

export function presentNotification(n: NotificationRow): Static<typeof Notification> {
  return {
    id: n.id,
    kind: n.kind,
    actor: n.actorId ? { id: n.actorId, displayName: n.actorName ?? '' } : null,
    group: n.groupId ? { id: n.groupId, name: n.groupName ?? '' } : null,
    postId: n.postId,
    commentId: n.commentId,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  };
}
