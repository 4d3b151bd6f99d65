// SQL of attachments (tenant-owned, under RLS).
import type { Tx } from '../../db/transaction.ts';

export interface AttachmentRecord {
  id: string;
  uploadedBy: string | null;
  name: string;
  sha256: string;
  size: number;
  mediaType: string;
  postId: string | null;
  commentId: string | null;
  messageId: string | null;
  /** The conversation of message_id, to check membership. */
  conversationId: string | null;
  messageDeleted: boolean;
  /** The post of comment_id. */
  commentPostId: string | null;
  createdAt: Date;
}

export type AttachTarget = { postId: string } | { commentId: string } | { messageId: string };

/**
 * What presenters of posts, comments and messages embed: a JSON array of the
 * attachments of `column` = `idExpression`, in the order they were given.
 */
export const attachmentsJson = (column: 'post_id' | 'comment_id' | 'message_id', idExpression: string) =>
  `coalesce((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'size', a.size, 'mediaType', a.media_type) ORDER BY a.position, a.id)
     FROM attachments a WHERE a.${column} = ${idExpression}), '[]')`;

export async function insertAttachment(tx: Tx, a: { instanceId: string; uploadedBy: string; name: string; sha256: string; size: number; mediaType: string }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO attachments (instance_id, uploaded_by, name, sha256, size, media_type) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [a.instanceId, a.uploadedBy, a.name, a.sha256, a.size, a.mediaType]);
  return (rows[0] as { id: string }).id;
}

export async function findAttachment(tx: Tx, instanceId: string, id: string): Promise<AttachmentRecord | null> {
  const { rows } = await tx.query<AttachmentRecord>(
    `SELECT a.id, a.uploaded_by AS "uploadedBy", a.name, a.sha256, a.size, a.media_type AS "mediaType", a.post_id AS "postId",
       a.comment_id AS "commentId", a.message_id AS "messageId", m.conversation_id AS "conversationId",
       coalesce(m.deleted_at IS NOT NULL, false) AS "messageDeleted", c.post_id AS "commentPostId", a.created_at AS "createdAt"
     FROM attachments a LEFT JOIN messages m ON m.id = a.message_id LEFT JOIN comments c ON c.id = a.comment_id
     WHERE a.instance_id = $1 AND a.id = $2`, [instanceId, id]);
  return rows[0] ?? null;
}

/**
 * Attaches the uploader's pending attachments, in the given order. Answers how
 * many were claimed: fewer than asked means some id was not theirs, not
 * pending, or not in this instance.
 */
export async function claimAttachments(tx: Tx, instanceId: string, userId: string, ids: string[], target: AttachTarget): Promise<number> {
  const column = 'postId' in target ? 'post_id' : 'commentId' in target ? 'comment_id' : 'message_id';
  const targetId = 'postId' in target ? target.postId : 'commentId' in target ? target.commentId : target.messageId;
  const { rowCount } = await tx.query(
    `UPDATE attachments a SET ${column} = $4, position = o.position
     FROM unnest($3::uuid[]) WITH ORDINALITY AS o(id, position)
     WHERE a.id = o.id AND a.instance_id = $1 AND a.uploaded_by = $2
       AND a.post_id IS NULL AND a.comment_id IS NULL AND a.message_id IS NULL`,
    [instanceId, userId, ids, targetId]);
  return rowCount ?? 0;
}

export async function deletePending(tx: Tx, instanceId: string, id: string, userId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `DELETE FROM attachments WHERE instance_id = $1 AND id = $2 AND uploaded_by = $3
       AND post_id IS NULL AND comment_id IS NULL AND message_id IS NULL`, [instanceId, id, userId]);
  return (rowCount ?? 0) > 0;
}
