// SQL for posts, revisions, comments, reactions, bookmarks and follows
// (tenant-owned, under RLS). A feed page is one statement: the page of posts
// and, per post, its author, group, reaction counts, my reactions, comment
// count and bookmark — no query per post.
import { attachmentsJson } from '../attachments/queries.ts';
import type { AttachmentFields } from '../attachments/presenters.ts';
import type { Tx } from '../../db/transaction.ts';
import { fromMicros, micros, type Keyset } from '../../http/cursor.ts';

export const REACTIONS = ['like', 'love', 'laugh', 'celebrate', 'wow', 'sad', 'thanks', 'eyes'] as const;
export type Reaction = (typeof REACTIONS)[number];

export interface PostRecord {
  id: string;
  instanceId: string;
  groupId: string | null;
  authorId: string;
  body: string;
  bodyHtml: string;
  createdAt: Date;
  editedAt: Date | null;
  pinnedAt: Date | null;
}

const POST_COLUMNS = `p.id, p.instance_id AS "instanceId", p.group_id AS "groupId", p.author_id AS "authorId", p.body,
  p.body_html AS "bodyHtml", p.created_at AS "createdAt", p.edited_at AS "editedAt", p.pinned_at AS "pinnedAt"`;

export async function insertPost(tx: Tx, p: { instanceId: string; groupId: string | null; authorId: string; body: string; bodyHtml: string }): Promise<PostRecord> {
  const { rows } = await tx.query<PostRecord>(
    `INSERT INTO posts AS p (instance_id, group_id, author_id, body, body_html) VALUES ($1, $2, $3, $4, $5) RETURNING ${POST_COLUMNS}`,
    [p.instanceId, p.groupId, p.authorId, p.body, p.bodyHtml],
  );
  return rows[0]!;
}

export async function findPost(tx: Tx, instanceId: string, id: string): Promise<PostRecord | null> {
  const { rows } = await tx.query<PostRecord>(`SELECT ${POST_COLUMNS} FROM posts p WHERE p.instance_id = $1 AND p.id = $2`, [instanceId, id]);
  return rows[0] ?? null;
}

/** Keeps the previous text as a revision and stores the new one. */
export async function replacePostBody(tx: Tx, post: PostRecord, body: string, bodyHtml: string): Promise<void> {
  await tx.query('INSERT INTO post_revisions (instance_id, post_id, body) VALUES ($1, $2, $3)', [post.instanceId, post.id, post.body]);
  await tx.query('UPDATE posts SET body = $2, body_html = $3, edited_at = now() WHERE id = $1', [post.id, body, bodyHtml]);
}

export async function listRevisions(tx: Tx, postId: string): Promise<Array<{ body: string; replacedAt: Date }>> {
  const { rows } = await tx.query<{ body: string; replacedAt: Date }>(
    'SELECT body, replaced_at AS "replacedAt" FROM post_revisions WHERE post_id = $1 ORDER BY replaced_at DESC', [postId]);
  return rows;
}

export async function deletePost(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM posts WHERE id = $1', [id]);
}

export async function setPinned(tx: Tx, id: string, pinned: boolean): Promise<void> {
  await tx.query('UPDATE posts SET pinned_at = CASE WHEN $2 THEN now() END WHERE id = $1', [id, pinned]);
}

export interface FeedRow extends PostRecord {
  authorName: string;
  groupName: string | null;
  reactionCounts: Record<string, number>;
  myReactions: string[];
  commentCount: number;
  bookmarked: boolean;
  createdAtMicros: number;
  attachments: AttachmentFields[];
}

/** Which posts a feed page draws from. */
export type FeedSource =
  | { kind: 'home'; guest: boolean }
  | { kind: 'group'; groupId: string; pinnedOnly: boolean }
  | { kind: 'author'; authorId: string; guest: boolean }
  | { kind: 'bookmarks'; guest: boolean }
  | { kind: 'post'; postId: string };

const KEYSET = `($3::bigint IS NULL OR (p.created_at, p.id) < (${fromMicros('$3')}, $4::uuid))`;

/**
 * The home feed's page: my groups' posts, my own profile posts, and (not for
 * guests) followed people's profile posts and posts in open groups. Built
 * from one index range scan per source — each group I belong to, myself,
 * each person I follow — capped at the page size, then merged: the cost
 * follows the number of my groups and follows, not the size of the instance
 * (a filtered scan of every post took 50 ms at 100k posts for a reader with
 * few posts; see bench/feed.ts). The slices are disjoint, so no post repeats.
 */
const HOME_PAGE = `mine AS (SELECT gm.group_id FROM group_members gm WHERE gm.instance_id = $1 AND gm.user_id = $2),
  authors AS (SELECT $2::uuid AS author_id
    UNION ALL SELECT f.followed_id FROM follows f WHERE f.instance_id = $1 AND f.follower_id = $2 AND NOT $6::boolean),
  candidates AS (
    SELECT c.created_at, c.id FROM mine m CROSS JOIN LATERAL (
      SELECT p.created_at, p.id FROM posts p WHERE p.instance_id = $1 AND p.group_id = m.group_id AND ${KEYSET}
      ORDER BY p.created_at DESC, p.id DESC LIMIT $5) c
    UNION ALL
    SELECT c.created_at, c.id FROM authors a CROSS JOIN LATERAL (
      SELECT p.created_at, p.id FROM posts p WHERE p.instance_id = $1 AND p.author_id = a.author_id AND ${KEYSET}
        AND (p.group_id IS NULL OR (a.author_id <> $2
             AND p.group_id IN (SELECT g.id FROM groups g WHERE g.instance_id = $1 AND g.visibility = 'open')
             AND p.group_id NOT IN (SELECT group_id FROM mine)))
      ORDER BY p.created_at DESC, p.id DESC LIMIT $5) c),
  page AS (SELECT p.* FROM (SELECT id FROM candidates ORDER BY created_at DESC, id DESC LIMIT $5) k JOIN posts p ON p.id = k.id)`;

function sourceCondition(source: Exclude<FeedSource, { kind: 'home' }>): { sql: string; values: unknown[] } {
  switch (source.kind) {
    case 'group':
      return { sql: `p.group_id = $X::uuid${source.pinnedOnly ? ' AND p.pinned_at IS NOT NULL' : ''}`, values: [source.groupId] };
    case 'author':
      // A person's posts as this reader may see them: in the reader's groups; profile posts and open groups' posts for non-guests.
      return {
        sql: `p.author_id = $X::uuid AND (
              p.group_id IN (SELECT gm.group_id FROM group_members gm WHERE gm.instance_id = $1 AND gm.user_id = $2)
           OR (NOT $X::boolean AND (p.group_id IS NULL OR p.group_id IN (SELECT g.id FROM groups g WHERE g.instance_id = $1 AND g.visibility = 'open'))))`,
        values: [source.authorId, source.guest],
      };
    case 'bookmarks':
      // Only bookmarks the reader can still read (policies.ts canReadPost): a post of a private group
      // they left is skipped here, in the statement, so a page is never cut short by rows filtered later.
      return {
        sql: `p.id IN (SELECT b.post_id FROM bookmarks b WHERE b.instance_id = $1 AND b.user_id = $2) AND (
              p.group_id IN (SELECT gm.group_id FROM group_members gm WHERE gm.instance_id = $1 AND gm.user_id = $2)
           OR (p.group_id IS NULL AND p.author_id = $2)
           OR (NOT $X::boolean AND (p.group_id IS NULL OR p.group_id IN (SELECT g.id FROM groups g WHERE g.instance_id = $1 AND g.visibility = 'open'))))`,
        values: [source.guest],
      };
    case 'post':
      return { sql: 'p.id = $X::uuid', values: [source.postId] };
  }
}

export async function feedPage(tx: Tx, instanceId: string, readerId: string, source: FeedSource, limit: number, after: Keyset | null): Promise<FeedRow[]> {
  let page: string;
  let values: unknown[];
  if (source.kind === 'home') {
    page = HOME_PAGE;
    values = [source.guest];
  } else {
    const condition = sourceCondition(source);
    let next = 6;
    const where = condition.sql.replace(/\$X/g, () => `$${next++}`);
    page = `page AS (SELECT p.* FROM posts p WHERE p.instance_id = $1 AND (${where}) AND ${KEYSET}
      ORDER BY p.created_at DESC, p.id DESC LIMIT $5)`;
    values = condition.values;
  }
  const { rows } = await tx.query<FeedRow>(
    `WITH ${page}
     SELECT ${POST_COLUMNS}, ${micros('p.created_at')} AS "createdAtMicros",
       u.display_name AS "authorName", g.name AS "groupName",
       COALESCE((SELECT json_object_agg(r.emoji, r.n) FROM (SELECT emoji, count(*)::int AS n FROM reactions WHERE post_id = p.id GROUP BY emoji) r), '{}') AS "reactionCounts",
       ARRAY(SELECT emoji FROM reactions WHERE post_id = p.id AND user_id = $2 ORDER BY emoji) AS "myReactions",
       (SELECT count(*)::int FROM comments c WHERE c.post_id = p.id) AS "commentCount",
       EXISTS (SELECT 1 FROM bookmarks b WHERE b.user_id = $2 AND b.post_id = p.id) AS bookmarked,
       ${attachmentsJson('post_id', 'p.id')} AS attachments
     FROM page p
     JOIN users u ON u.id = p.author_id
     LEFT JOIN groups g ON g.id = p.group_id
     ORDER BY p.created_at DESC, p.id DESC`,
    [instanceId, readerId, after?.micros ?? null, after?.id ?? null, limit, ...values],
  );
  return rows;
}

export interface CommentRecord {
  id: string;
  postId: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  bodyHtml: string;
  createdAt: Date;
  editedAt: Date | null;
  attachments: AttachmentFields[];
}

const COMMENT_COLUMNS = `c.id, c.post_id AS "postId", c.parent_id AS "parentId", c.author_id AS "authorId", u.display_name AS "authorName",
  c.body, c.body_html AS "bodyHtml", c.created_at AS "createdAt", c.edited_at AS "editedAt", ${attachmentsJson('comment_id', 'c.id')} AS attachments`;

export async function insertComment(tx: Tx, c: { instanceId: string; postId: string; parentId: string | null; authorId: string; body: string; bodyHtml: string }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO comments (instance_id, post_id, parent_id, author_id, body, body_html) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [c.instanceId, c.postId, c.parentId, c.authorId, c.body, c.bodyHtml],
  );
  return rows[0]!.id;
}

export async function findComment(tx: Tx, instanceId: string, id: string): Promise<CommentRecord | null> {
  const { rows } = await tx.query<CommentRecord>(
    `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.instance_id = $1 AND c.id = $2`, [instanceId, id]);
  return rows[0] ?? null;
}

/** A post's comments, oldest first; replies follow the order of their parents in the client. */
export async function listComments(tx: Tx, postId: string): Promise<CommentRecord[]> {
  const { rows } = await tx.query<CommentRecord>(
    `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.post_id = $1 ORDER BY c.created_at, c.id LIMIT 1000`, [postId]);
  return rows;
}

export async function updateComment(tx: Tx, id: string, body: string, bodyHtml: string): Promise<void> {
  await tx.query('UPDATE comments SET body = $2, body_html = $3, edited_at = now() WHERE id = $1', [id, body, bodyHtml]);
}

export async function deleteComment(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM comments WHERE id = $1', [id]);
}

export async function addReaction(tx: Tx, r: { instanceId: string; postId: string; userId: string; emoji: Reaction }): Promise<boolean> {
  const result = await tx.query(
    'INSERT INTO reactions (instance_id, post_id, user_id, emoji) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [r.instanceId, r.postId, r.userId, r.emoji]);
  return result.rowCount === 1;
}

export async function removeReaction(tx: Tx, postId: string, userId: string, emoji: Reaction): Promise<boolean> {
  const result = await tx.query('DELETE FROM reactions WHERE post_id = $1 AND user_id = $2 AND emoji = $3', [postId, userId, emoji]);
  return result.rowCount === 1;
}

export async function setBookmark(tx: Tx, b: { instanceId: string; postId: string; userId: string }, on: boolean): Promise<void> {
  await (on
    ? tx.query('INSERT INTO bookmarks (instance_id, user_id, post_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [b.instanceId, b.userId, b.postId])
    : tx.query('DELETE FROM bookmarks WHERE user_id = $1 AND post_id = $2', [b.userId, b.postId]));
}

export async function setFollow(tx: Tx, f: { instanceId: string; followerId: string; followedId: string }, on: boolean): Promise<void> {
  await (on
    ? tx.query('INSERT INTO follows (instance_id, follower_id, followed_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [f.instanceId, f.followerId, f.followedId])
    : tx.query('DELETE FROM follows WHERE instance_id = $1 AND follower_id = $2 AND followed_id = $3', [f.instanceId, f.followerId, f.followedId]));
}

/** Active members of the instance among `ids`, with their names and roles (to resolve and check mentions). */
export async function findActiveMembers(tx: Tx, instanceId: string, ids: string[]): Promise<Array<{ userId: string; displayName: string; role: string }>> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<{ userId: string; displayName: string; role: string }>(
    `SELECT m.user_id AS "userId", u.display_name AS "displayName", m.role FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.instance_id = $1 AND m.status = 'active' AND m.user_id = ANY($2::uuid[])`, [instanceId, ids]);
  return rows;
}

/**
 * Among `ids`, the people who can read this post (policies.ts canReadPost): in a group, its members, and
 * every non-guest for an open group; on a profile, every non-guest and the author.
 */
export async function readersAmong(tx: Tx, instanceId: string, post: { groupId: string | null; authorId: string }, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<{ userId: string }>(
    `SELECT m.user_id AS "userId" FROM memberships m
     WHERE m.instance_id = $1 AND m.status = 'active' AND m.user_id = ANY($3::uuid[])
       AND ( ($2::uuid IS NULL AND (m.role <> 'guest' OR m.user_id = $4))
          OR EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = $2 AND gm.user_id = m.user_id)
          OR (m.role <> 'guest' AND EXISTS (SELECT 1 FROM groups g WHERE g.id = $2 AND g.visibility = 'open')) )`,
    [instanceId, post.groupId, ids, post.authorId]);
  return rows.map((r) => r.userId);
}
