// SQL of chat: conversations, their members and read markers, messages,
// reactions and mentions. Nothing but queries.
import { attachmentsJson } from '../attachments/queries.ts';
import type { AttachmentFields } from '../attachments/presenters.ts';
import type { Tx } from '../../db/transaction.ts';
import { fromMicros, micros, type Keyset } from '../../http/cursor.ts';

export type ConversationKind = 'direct' | 'group' | 'room';

export interface ConversationRecord {
  id: string;
  instanceId: string;
  kind: ConversationKind;
  title: string | null;
  groupId: string | null;
  groupName: string | null;
  groupArchivedAt: Date | null;
  lastMessageSeq: number;
  lastActivityAt: Date;
  activityMicros: string;
  createdAt: Date;
}

/** A conversation and one member's standing in it: what actions need. */
export interface ConversationStanding extends ConversationRecord {
  readSeq: number;
  memberCount: number;
}

/** A conversation as one member sees it in lists, with their unread counts. */
export interface MemberConversation extends ConversationStanding {
  unreadCount: number;
  mentionCount: number;
}

const CONVERSATION_COLUMNS = `c.id, c.instance_id AS "instanceId", c.kind, c.title, c.group_id AS "groupId", g.name AS "groupName",
  g.archived_at AS "groupArchivedAt", c.last_message_seq::int AS "lastMessageSeq", c.last_activity_at AS "lastActivityAt",
  ${micros('c.last_activity_at')}::text AS "activityMicros", c.created_at AS "createdAt"`;

/** Unread counts stop at this many: a badge says "99+", and counting further would cost for nothing. */
export const UNREAD_CAP = 100;

const STANDING_COLUMNS = `${CONVERSATION_COLUMNS}, cm.read_seq::int AS "readSeq",
  (SELECT count(*)::int FROM conversation_members a WHERE a.conversation_id = c.id AND a.left_at IS NULL) AS "memberCount"`;

const MEMBER_COLUMNS = `${STANDING_COLUMNS},
  (SELECT count(*)::int FROM (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.parent_id IS NULL
     AND m.seq > cm.read_seq AND m.author_id <> cm.user_id AND m.deleted_at IS NULL LIMIT ${UNREAD_CAP}) u) AS "unreadCount",
  (SELECT count(*)::int FROM (SELECT 1 FROM message_mentions mm WHERE mm.conversation_id = c.id AND mm.user_id = cm.user_id
     AND mm.seq > cm.read_seq LIMIT ${UNREAD_CAP}) n) AS "mentionCount"`;

const MEMBER_FROM = `conversation_members cm JOIN conversations c ON c.id = cm.conversation_id LEFT JOIN groups g ON g.id = c.group_id`;

export type ConversationLock = 'write' | 'read';

/**
 * Locks the conversation's row until commit: 'write' (FOR NO KEY UPDATE) excludes other writers and
 * read markers; 'read' (FOR SHARE) waits for a writer but not for other read markers. Neither blocks
 * inserting messages or members (their foreign keys take KEY SHARE).
 */
export async function lockConversation(tx: Tx, instanceId: string, conversationId: string, lock: ConversationLock): Promise<void> {
  await tx.query(`SELECT 1 FROM conversations WHERE instance_id = $1 AND id = $2 ${lock === 'write' ? 'FOR NO KEY UPDATE' : 'FOR SHARE'}`,
    [instanceId, conversationId]);
}

/** The conversation and `userId`'s standing in it, if they are a current member (no counts: cheap enough for every write). */
export async function findConversationStanding(tx: Tx, instanceId: string, conversationId: string, userId: string): Promise<ConversationStanding | null> {
  const { rows } = await tx.query<ConversationStanding>(
    `SELECT ${STANDING_COLUMNS} FROM ${MEMBER_FROM}
     WHERE cm.instance_id = $1 AND cm.conversation_id = $2 AND cm.user_id = $3 AND cm.left_at IS NULL`,
    [instanceId, conversationId, userId]);
  return rows[0] ?? null;
}

/** The conversation if `userId` is a current member of it, with their unread counts. */
export async function findMemberConversation(tx: Tx, instanceId: string, conversationId: string, userId: string): Promise<MemberConversation | null> {
  const { rows } = await tx.query<MemberConversation>(
    `SELECT ${MEMBER_COLUMNS} FROM ${MEMBER_FROM}
     WHERE cm.instance_id = $1 AND cm.conversation_id = $2 AND cm.user_id = $3 AND cm.left_at IS NULL`,
    [instanceId, conversationId, userId]);
  return rows[0] ?? null;
}

/** My conversations, most recent activity first (keyset on activity, id). */
export async function listMemberConversations(tx: Tx, instanceId: string, userId: string, after: Keyset | null, limit: number): Promise<MemberConversation[]> {
  const values: unknown[] = [instanceId, userId, limit];
  let keyset = '';
  if (after) {
    values.push(after.micros, after.id);
    keyset = `AND (c.last_activity_at, c.id) < (${fromMicros('$4')}, $5::uuid)`;
  }
  const { rows } = await tx.query<MemberConversation>(
    `SELECT ${MEMBER_COLUMNS} FROM ${MEMBER_FROM}
     WHERE cm.instance_id = $1 AND cm.user_id = $2 AND cm.left_at IS NULL ${keyset}
     ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $3`, values);
  return rows;
}

export async function countUnread(tx: Tx, instanceId: string, userId: string): Promise<{ conversations: number; mentions: number }> {
  const { rows } = await tx.query<{ conversations: number; mentions: number }>(
    `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = cm.conversation_id AND m.parent_id IS NULL
              AND m.seq > cm.read_seq AND m.author_id <> cm.user_id AND m.deleted_at IS NULL))::int AS conversations,
            coalesce(sum((SELECT count(*) FROM message_mentions mm WHERE mm.conversation_id = cm.conversation_id
              AND mm.user_id = cm.user_id AND mm.seq > cm.read_seq)), 0)::int AS mentions
     FROM conversation_members cm WHERE cm.instance_id = $1 AND cm.user_id = $2 AND cm.left_at IS NULL`, [instanceId, userId]);
  return rows[0]!;
}

export interface MemberSummary {
  conversationId: string;
  userId: string;
  displayName: string;
  readSeq: number;
}

/** The first `perConversation` current members of each conversation, earliest first, with their read markers. */
export async function firstMembers(tx: Tx, conversationIds: string[], perConversation: number): Promise<MemberSummary[]> {
  if (conversationIds.length === 0) return [];
  const { rows } = await tx.query<MemberSummary>(
    `SELECT ids.id AS "conversationId", m.user_id AS "userId", m.display_name AS "displayName", m.read_seq::int AS "readSeq"
     FROM unnest($1::uuid[]) AS ids (id), LATERAL (
       SELECT cm.user_id, u.display_name, cm.read_seq FROM conversation_members cm JOIN users u ON u.id = cm.user_id
       WHERE cm.conversation_id = ids.id AND cm.left_at IS NULL ORDER BY cm.joined_at, cm.user_id LIMIT $2) m`,
    [conversationIds, perConversation]);
  return rows;
}

export async function activeMemberIds(tx: Tx, conversationId: string): Promise<string[]> {
  const { rows } = await tx.query<{ userId: string }>(
    'SELECT user_id AS "userId" FROM conversation_members WHERE conversation_id = $1 AND left_at IS NULL', [conversationId]);
  return rows.map((r) => r.userId);
}

export async function findDirectConversationId(tx: Tx, instanceId: string, directKey: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM conversations WHERE instance_id = $1 AND direct_key = $2', [instanceId, directKey]);
  return rows[0]?.id ?? null;
}

export async function findRoomId(tx: Tx, instanceId: string, groupId: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM conversations WHERE instance_id = $1 AND group_id = $2', [instanceId, groupId]);
  return rows[0]?.id ?? null;
}

/** Inserts a conversation; null when a direct conversation of that pair or the group's room already exists. */
export async function insertConversation(tx: Tx, c: { instanceId: string; kind: ConversationKind; title: string | null; groupId: string | null; directKey: string | null; createdBy: string }): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO conversations (instance_id, kind, title, group_id, direct_key, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING RETURNING id`,
    [c.instanceId, c.kind, c.title, c.groupId, c.directKey, c.createdBy]);
  return rows[0]?.id ?? null;
}

/** Adds people (or brings back those who left); returns those who were not current members. */
export async function addMembers(tx: Tx, instanceId: string, conversationId: string, userIds: string[]): Promise<string[]> {
  const { rows } = await tx.query<{ userId: string }>(
    `INSERT INTO conversation_members (instance_id, conversation_id, user_id) SELECT $1, $2, unnest($3::uuid[])
     ON CONFLICT (conversation_id, user_id) DO UPDATE SET left_at = NULL, joined_at = now()
       WHERE conversation_members.left_at IS NOT NULL
     RETURNING user_id AS "userId"`,
    [instanceId, conversationId, userIds]);
  return rows.map((r) => r.userId);
}

/**
 * Locks a group's row until commit, in the one mode that conflicts with the KEY SHARE lock a new
 * group member row takes: joins in flight finish first, later ones wait for this transaction.
 */
export async function lockGroupMembership(tx: Tx, instanceId: string, groupId: string): Promise<void> {
  await tx.query('SELECT 1 FROM groups WHERE instance_id = $1 AND id = $2 FOR UPDATE', [instanceId, groupId]);
}

/**
 * A new room's members: the group's. FOR SHARE waits for a member leaving at this moment (and skips
 * them once gone), whose own trigger could not see the room yet.
 */
export async function addGroupMembersToRoom(tx: Tx, instanceId: string, conversationId: string, groupId: string): Promise<void> {
  await tx.query(
    `INSERT INTO conversation_members (instance_id, conversation_id, user_id)
     SELECT $1, $2, user_id FROM group_members WHERE group_id = $3 FOR SHARE ON CONFLICT DO NOTHING`,
    [instanceId, conversationId, groupId]);
}

export async function markLeft(tx: Tx, conversationId: string, userId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    'UPDATE conversation_members SET left_at = now() WHERE conversation_id = $1 AND user_id = $2 AND left_at IS NULL', [conversationId, userId]);
  return (rowCount ?? 0) > 0;
}

export async function setTitle(tx: Tx, conversationId: string, title: string): Promise<void> {
  await tx.query('UPDATE conversations SET title = $2 WHERE id = $1', [conversationId, title]);
}

/** Moves a read marker forward only; returns the new marker, or null when it did not move. */
export async function advanceReadSeq(tx: Tx, conversationId: string, userId: string, seq: number): Promise<number | null> {
  const { rows } = await tx.query<{ readSeq: number }>(
    `UPDATE conversation_members SET read_seq = $3
     WHERE conversation_id = $1 AND user_id = $2 AND left_at IS NULL AND read_seq < $3
     RETURNING read_seq::int AS "readSeq"`,
    [conversationId, userId, seq]);
  return rows[0]?.readSeq ?? null;
}

/** Whether two members of an instance share at least one group (guests chat only with such people). */
export async function peopleSharingAGroup(tx: Tx, userId: string, others: string[]): Promise<Set<string>> {
  if (others.length === 0) return new Set();
  const { rows } = await tx.query<{ userId: string }>(
    `SELECT DISTINCT b.user_id AS "userId" FROM group_members a JOIN group_members b ON b.group_id = a.group_id
     WHERE a.user_id = $1 AND b.user_id = ANY($2::uuid[])`, [userId, others]);
  return new Set(rows.map((r) => r.userId));
}

// --- messages ---------------------------------------------------------------

export interface MessageRecord {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  bodyHtml: string;
  parentId: string | null;
  replyCount: number;
  lastReplyAt: Date | null;
  reactions: Array<{ emoji: string; userIds: string[] }>;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  attachments: AttachmentFields[];
}

const MESSAGE_SELECT = `SELECT m.id, m.conversation_id AS "conversationId", m.seq::int, m.client_id AS "clientId", m.author_id AS "authorId",
  u.display_name AS "authorName", m.body, m.body_html AS "bodyHtml", m.parent_id AS "parentId", m.reply_count AS "replyCount",
  m.last_reply_at AS "lastReplyAt", m.created_at AS "createdAt", m.edited_at AS "editedAt", m.deleted_at AS "deletedAt",
  coalesce((SELECT json_agg(json_build_object('emoji', r.emoji, 'userIds', r.ids) ORDER BY r.first)
    FROM (SELECT emoji, array_agg(user_id ORDER BY created_at) AS ids, min(created_at) AS first
          FROM message_reactions WHERE message_id = m.id AND m.deleted_at IS NULL GROUP BY emoji) r), '[]') AS reactions,
  ${attachmentsJson('message_id', 'm.id')} AS attachments
  FROM messages m JOIN users u ON u.id = m.author_id`;

export async function findMessage(tx: Tx, conversationId: string, messageId: string): Promise<MessageRecord | null> {
  const { rows } = await tx.query<MessageRecord>(`${MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.id = $2`, [conversationId, messageId]);
  return rows[0] ?? null;
}

/** The id of the message an author already sent with this idempotency key (a probe on the unique index, run on every send). */
export async function findMessageIdByClientId(tx: Tx, conversationId: string, authorId: string, clientId: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM messages WHERE conversation_id = $1 AND author_id = $2 AND client_id = $3', [conversationId, authorId, clientId]);
  return rows[0]?.id ?? null;
}

/** Top-level messages before or after a seq (exclusive), oldest first; `limit` + 1 are read to tell whether more remain. */
export async function timeline(tx: Tx, conversationId: string, direction: 'before' | 'after', seq: number, limit: number): Promise<MessageRecord[]> {
  const { rows } = await tx.query<MessageRecord>(
    direction === 'before'
      ? `SELECT * FROM (${MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.parent_id IS NULL AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3) page ORDER BY seq`
      : `${MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.parent_id IS NULL AND m.seq > $2 ORDER BY m.seq LIMIT $3`,
    [conversationId, seq, limit]);
  return rows;
}

export async function threadReplies(tx: Tx, parentId: string, afterSeq: number, limit: number): Promise<MessageRecord[]> {
  const { rows } = await tx.query<MessageRecord>(
    `${MESSAGE_SELECT} WHERE m.parent_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3`, [parentId, afterSeq, limit]);
  return rows;
}

export async function insertMessage(tx: Tx, m: { instanceId: string; conversationId: string; seq: number; authorId: string; clientId: string | null; body: string; bodyHtml: string; parentId: string | null }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO messages (instance_id, conversation_id, seq, author_id, client_id, body, body_html, parent_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [m.instanceId, m.conversationId, m.seq, m.authorId, m.clientId, m.body, m.bodyHtml, m.parentId]);
  return rows[0]!.id;
}

/** A new top-level message moves the conversation's activity; a reply moves its thread's. */
export async function recordActivity(tx: Tx, conversationId: string, seq: number, parentId: string | null): Promise<void> {
  if (parentId) {
    await tx.query('UPDATE messages SET reply_count = reply_count + 1, last_reply_at = now() WHERE id = $1', [parentId]);
    await tx.query('UPDATE conversations SET last_activity_at = now() WHERE id = $1', [conversationId]);
  } else {
    await tx.query('UPDATE conversations SET last_message_seq = $2, last_activity_at = now() WHERE id = $1', [conversationId, seq]);
  }
}

export async function replaceMessageBody(tx: Tx, messageId: string, body: string, bodyHtml: string): Promise<void> {
  await tx.query('UPDATE messages SET body = $2, body_html = $3, edited_at = now() WHERE id = $1', [messageId, body, bodyHtml]);
}

/** Soft delete: the row stays (threads and sequence hold), its text and mentions go. */
export async function softDeleteMessage(tx: Tx, messageId: string): Promise<void> {
  await tx.query(`UPDATE messages SET body = '', body_html = '', deleted_at = now() WHERE id = $1`, [messageId]);
  await tx.query('DELETE FROM message_mentions WHERE message_id = $1', [messageId]);
  // A deleted message's files go with its text (their bytes are swept once nothing else uses them).
  await tx.query('DELETE FROM attachments WHERE message_id = $1', [messageId]);
}

export async function replaceMentions(tx: Tx, m: { instanceId: string; conversationId: string; messageId: string; seq: number; userIds: string[] }): Promise<void> {
  await tx.query('DELETE FROM message_mentions WHERE message_id = $1', [m.messageId]);
  if (m.userIds.length === 0) return;
  await tx.query(
    `INSERT INTO message_mentions (instance_id, message_id, conversation_id, user_id, seq)
     SELECT $1, $2, $3, unnest($4::uuid[]), $5`,
    [m.instanceId, m.messageId, m.conversationId, m.userIds, m.seq]);
}

export async function setReaction(tx: Tx, r: { instanceId: string; messageId: string; userId: string; emoji: string }, on: boolean): Promise<boolean> {
  const { rowCount } = on
    ? await tx.query('INSERT INTO message_reactions (instance_id, message_id, user_id, emoji) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [r.instanceId, r.messageId, r.userId, r.emoji])
    : await tx.query('DELETE FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3', [r.messageId, r.userId, r.emoji]);
  return (rowCount ?? 0) > 0;
}

export async function hasTopLevelMessages(tx: Tx, conversationId: string, direction: 'before' | 'after', seq: number): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM messages WHERE conversation_id = $1 AND parent_id IS NULL AND seq ${direction === 'before' ? '<' : '>'} $2 LIMIT 1`,
    [conversationId, seq]);
  return rows.length > 0;
}

/** The latest top-level message of each conversation. */
export async function lastMessages(tx: Tx, conversationIds: string[]): Promise<MessageRecord[]> {
  if (conversationIds.length === 0) return [];
  const { rows } = await tx.query<MessageRecord>(
    `SELECT last.* FROM unnest($1::uuid[]) AS ids (id), LATERAL (
       ${MESSAGE_SELECT} WHERE m.conversation_id = ids.id AND m.parent_id IS NULL ORDER BY m.seq DESC LIMIT 1) last`,
    [conversationIds]);
  return rows;
}
