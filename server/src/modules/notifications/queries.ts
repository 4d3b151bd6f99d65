// SQL for in-app notifications (tenant-owned, under RLS).
import type { Tx } from '../../db/transaction.ts';
import { fromMicros, micros, type Keyset } from '../../http/cursor.ts';

export type NotificationKind = 'mention' | 'comment' | 'reply' | 'reaction' | 'group_invitation' | 'join_request' | 'join_approved';

export interface NewNotification {
  instanceId: string;
  userIds: string[];
  kind: NotificationKind;
  actorId: string;
  groupId?: string | null;
  postId?: string | null;
  commentId?: string | null;
}

/** One row per recipient, never for the actor themself. Returns the new ids with their recipient. */
export async function insertNotifications(tx: Tx, n: NewNotification): Promise<Array<{ id: string; userId: string }>> {
  const recipients = [...new Set(n.userIds)].filter((id) => id !== n.actorId);
  if (recipients.length === 0) return [];
  const { rows } = await tx.query<{ id: string; userId: string }>(
    `INSERT INTO notifications (instance_id, user_id, kind, actor_id, group_id, post_id, comment_id)
     SELECT $1, recipient, $3, $4, $5, $6, $7 FROM unnest($2::uuid[]) AS recipient
     RETURNING id, user_id AS "userId"`,
    [n.instanceId, recipients, n.kind, n.actorId, n.groupId ?? null, n.postId ?? null, n.commentId ?? null],
  );
  return rows;
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  actorId: string | null;
  actorName: string | null;
  groupId: string | null;
  groupName: string | null;
  postId: string | null;
  commentId: string | null;
  createdAt: Date;
  readAt: Date | null;
  createdAtMicros: number;
}

export async function listNotifications(tx: Tx, instanceId: string, userId: string, limit: number, after: Keyset | null, unreadOnly: boolean): Promise<NotificationRow[]> {
  const { rows } = await tx.query<NotificationRow>(
    `SELECT n.id, n.kind, n.actor_id AS "actorId", u.display_name AS "actorName", n.group_id AS "groupId", g.name AS "groupName",
       n.post_id AS "postId", n.comment_id AS "commentId", n.created_at AS "createdAt", n.read_at AS "readAt",
       ${micros('n.created_at')} AS "createdAtMicros"
     FROM notifications n
     LEFT JOIN users u ON u.id = n.actor_id
     LEFT JOIN groups g ON g.id = n.group_id
     WHERE n.instance_id = $1 AND n.user_id = $2 AND (NOT $5 OR n.read_at IS NULL)
       AND ($3::bigint IS NULL OR (n.created_at, n.id) < (${fromMicros('$3')}, $4::uuid))
     ORDER BY n.created_at DESC, n.id DESC LIMIT $6`,
    [instanceId, userId, after?.micros ?? null, after?.id ?? null, unreadOnly, limit],
  );
  return rows;
}

export async function countUnread(tx: Tx, instanceId: string, userId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE instance_id = $1 AND user_id = $2 AND read_at IS NULL', [instanceId, userId]);
  return rows[0]!.n;
}

/** Marks the given notifications (or all, when ids is null) of the user read; returns how many changed. */
export async function markRead(tx: Tx, instanceId: string, userId: string, ids: string[] | null): Promise<number> {
  const result = await tx.query(
    `UPDATE notifications SET read_at = now()
     WHERE instance_id = $1 AND user_id = $2 AND read_at IS NULL AND ($3::uuid[] IS NULL OR id = ANY($3))`,
    [instanceId, userId, ids],
  );
  return result.rowCount ?? 0;
}

/** Whether `recipient` was already told that `actor` reacted to this post. */
export async function hasReactionNotification(tx: Tx, instanceId: string, recipient: string, actor: string, postId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    "SELECT 1 FROM notifications WHERE instance_id = $1 AND user_id = $2 AND actor_id = $3 AND post_id = $4 AND kind = 'reaction' LIMIT 1",
    [instanceId, recipient, actor, postId]);
  return rowCount === 1;
}
