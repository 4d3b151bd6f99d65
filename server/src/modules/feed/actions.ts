// State changes of the feed: posts (create, edit with history, delete, pin),
// comments with one level of replies, reactions, bookmarks and follows.
// Every action loads its post through loadPost(), so a post the actor may not
// read is a 404, whatever the reason (secret group, private group, other
// instance, deleted).
import { claim } from '../attachments/claim.ts';
import { AppError, notFound } from '../../errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import { postStream } from '../../realtime/bus.ts';
import { emit } from '../../realtime/stream-log.ts';
import type { Services } from '../../services.ts';
import { loadGroup } from '../groups/actions.ts';
import { assertAllowed } from '../instances/policies.ts';
import { notify } from '../notifications/actions.ts';
import { hasReactionNotification } from '../notifications/queries.ts';
import type { NotificationKind } from '../notifications/queries.ts';
import { findMentions, renderBody, type MentionNames } from './markdown.ts';
import {
  canCreatePostIn, canDeletePost, canEditPost, canFollow, canInteract, canModerate, canPinPost, canReadPost, type PostContext,
} from './policies.ts';
import {
  addReaction, deleteComment, deletePost, findActiveMembers, findComment, findPost, insertComment, insertPost,
  readersAmong, removeReaction, replacePostBody, setBookmark, setFollow, setPinned, updateComment,
  type PostRecord, type Reaction,
} from './queries.ts';

const postNotFound = () => notFound('No such post.');
const invalidMention = (detail: string) => new AppError(400, 'invalid_mention', detail);

function scope(t: TenantContext) {
  return { instanceId: t.instance.id, userId: t.membership.userId };
}

async function contextFor(tx: Tx, t: TenantContext, groupId: string | null): Promise<PostContext> {
  return { membership: t.membership, group: groupId ? await loadGroup(tx, t, groupId) : null };
}

/** The post and the actor's standing towards it, or 404 when the actor may not read it. */
export async function loadPost(tx: Tx, t: TenantContext, postId: string): Promise<{ post: PostRecord; ctx: PostContext }> {
  const post = await findPost(tx, t.instance.id, postId);
  if (!post) throw postNotFound();
  let ctx: PostContext;
  try {
    ctx = await contextFor(tx, t, post.groupId);
  } catch (error) {
    // The group being invisible makes the post invisible; any other failure is a real error.
    if (error instanceof AppError && error.status === 404) throw postNotFound();
    throw error;
  }
  if (!canReadPost(ctx, post)) throw postNotFound();
  return { post, ctx };
}

/** Resolves `<@user>` and `<#group>` mentions: people must be active members, groups visible to the author. */
export async function resolveMentions(tx: Tx, t: TenantContext, body: string): Promise<{ names: MentionNames; userIds: string[] }> {
  const found = findMentions(body);
  const members = await findActiveMembers(tx, t.instance.id, found.userIds);
  if (members.length !== found.userIds.length) throw invalidMention('A mention names someone who is not a member of this instance.');
  const groups = new Map<string, string>();
  for (const groupId of found.groupIds) {
    const loaded = await loadGroup(tx, t, groupId).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 404) return null;
      throw error;
    });
    if (!loaded) throw invalidMention('A mention names a group that does not exist.');
    groups.set(groupId, loaded.group.name);
  }
  return { names: { users: new Map(members.map((m) => [m.userId, m.displayName])), groups }, userIds: found.userIds };
}

/**
 * Notifies those of `userIds` who can read the post: a mention, comment or reaction must not reveal a
 * private group's activity to someone outside it (e.g. an author who has since left the group).
 */
async function notifyReaders(s: Services, tx: Tx, t: TenantContext, post: PostRecord, userIds: string[], kind: NotificationKind, commentId: string | null = null) {
  if (userIds.length === 0) return;
  const readers = await readersAmong(tx, t.instance.id, post, userIds);
  await notify(s, tx, { instanceId: t.instance.id, userIds: readers, kind, actorId: t.membership.userId, groupId: post.groupId, postId: post.id, commentId });
}

export async function createPost(s: Services, t: TenantContext, input: { groupId?: string | undefined; body: string; attachmentIds?: string[] | undefined }): Promise<string> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const ctx = await contextFor(tx, t, input.groupId ?? null);
    assertAllowed(canCreatePostIn(ctx), ctx.group ? 'You cannot post in this group.' : 'Guests cannot post on their profile.');
    const { names, userIds } = await resolveMentions(tx, t, input.body);
    const post = await insertPost(tx, {
      instanceId: t.instance.id, groupId: input.groupId ?? null, authorId: t.membership.userId,
      body: input.body, bodyHtml: renderBody(input.body, t.instance.slug, names),
    });
    await claim(tx, t, input.attachmentIds, { postId: post.id });
    await notifyReaders(s, tx, t, post, userIds, 'mention');
    await emit(s, tx, { type: 'post.created', instanceId: t.instance.id, stream: postStream(post.groupId, post.authorId), data: { postId: post.id, groupId: post.groupId, authorId: post.authorId } });
    return post.id;
  });
}

export async function editPost(s: Services, t: TenantContext, postId: string, body: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { post, ctx } = await loadPost(tx, t, postId);
    assertAllowed(canEditPost(ctx, post), 'Only the author can edit this post.');
    if (body === post.body) return;
    const { names, userIds } = await resolveMentions(tx, t, body);
    await replacePostBody(tx, post, body, renderBody(body, t.instance.slug, names));
    const already = new Set(findMentions(post.body).userIds);
    await notifyReaders(s, tx, t, post, userIds.filter((id) => !already.has(id)), 'mention');
    await emit(s, tx, { type: 'post.updated', instanceId: t.instance.id, stream: postStream(post.groupId, post.authorId), data: { postId, groupId: post.groupId } });
  });
}

export async function removePost(s: Services, t: TenantContext, postId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { post, ctx } = await loadPost(tx, t, postId);
    assertAllowed(canDeletePost(ctx, post), 'You cannot delete this post.');
    await deletePost(tx, postId);
    await emit(s, tx, { type: 'post.deleted', instanceId: t.instance.id, stream: postStream(post.groupId, post.authorId), data: { postId, groupId: post.groupId } });
  });
}

export async function pinPost(s: Services, t: TenantContext, postId: string, pinned: boolean): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { ctx } = await loadPost(tx, t, postId);
    assertAllowed(canPinPost(ctx), 'Only group administrators can pin posts.');
    await setPinned(tx, postId, pinned);
  });
}

export async function createComment(s: Services, t: TenantContext, postId: string, input: { body: string; parentId?: string | undefined; attachmentIds?: string[] | undefined }): Promise<string> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const { post, ctx } = await loadPost(tx, t, postId);
    assertAllowed(canInteract(ctx, post), 'You cannot comment on this post.');
    const parent = input.parentId ? await findComment(tx, t.instance.id, input.parentId) : null;
    if (input.parentId && (!parent || parent.postId !== postId)) throw notFound('No such comment on this post.');
    if (parent?.parentId) throw new AppError(400, 'reply_depth', 'Replies go one level deep: reply to the first comment of the thread.');
    const { names, userIds } = await resolveMentions(tx, t, input.body);
    const id = await insertComment(tx, {
      instanceId: t.instance.id, postId, parentId: parent?.id ?? null, authorId: t.membership.userId,
      body: input.body, bodyHtml: renderBody(input.body, t.instance.slug, names),
    });
    await claim(tx, t, input.attachmentIds, { commentId: id });
    // A reply to the post author's own comment is one "reply", not also a "comment".
    if (parent?.authorId !== post.authorId) await notifyReaders(s, tx, t, post, [post.authorId], 'comment', id);
    if (parent) await notifyReaders(s, tx, t, post, [parent.authorId], 'reply', id);
    await notifyReaders(s, tx, t, post, userIds, 'mention', id);
    await emit(s, tx, { type: 'comment.created', instanceId: t.instance.id, stream: postStream(post.groupId, post.authorId), data: { postId, commentId: id, groupId: post.groupId, authorId: t.membership.userId } });
    return id;
  });
}

async function loadOwnComment(tx: Tx, t: TenantContext, postId: string, commentId: string, moderatorsToo: boolean) {
  const { post, ctx } = await loadPost(tx, t, postId);
  const comment = await findComment(tx, t.instance.id, commentId);
  if (!comment || comment.postId !== postId) throw notFound('No such comment.');
  const mine = comment.authorId === t.membership.userId;
  assertAllowed(mine || (moderatorsToo && canModerate(ctx)), 'You cannot change this comment.');
  return { post, ctx, comment };
}

export async function editComment(s: Services, t: TenantContext, postId: string, commentId: string, body: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { post, ctx } = await loadOwnComment(tx, t, postId, commentId, false);
    assertAllowed(canInteract(ctx, post), 'This post can no longer be commented on.');
    const { names } = await resolveMentions(tx, t, body);
    await updateComment(tx, commentId, body, renderBody(body, t.instance.slug, names));
  });
}

export async function removeComment(s: Services, t: TenantContext, postId: string, commentId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    await loadOwnComment(tx, t, postId, commentId, true);
    await deleteComment(tx, commentId);
  });
}

export async function react(s: Services, t: TenantContext, postId: string, emoji: Reaction, on: boolean): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { post, ctx } = await loadPost(tx, t, postId);
    assertAllowed(canInteract(ctx, post), 'You cannot react to this post.');
    const changed = on
      ? await addReaction(tx, { instanceId: t.instance.id, postId, userId: t.membership.userId, emoji })
      : await removeReaction(tx, postId, t.membership.userId, emoji);
    if (!changed) return;
    // One notification per person and post, however many emoji they add or toggle.
    if (on && !(await hasReactionNotification(tx, t.instance.id, post.authorId, t.membership.userId, postId))) {
      await notifyReaders(s, tx, t, post, [post.authorId], 'reaction');
    }
    await emit(s, tx, { type: 'reaction.changed', instanceId: t.instance.id, stream: postStream(post.groupId, post.authorId), data: { postId, groupId: post.groupId, userId: t.membership.userId, emoji, added: on } });
  });
}

export async function bookmark(s: Services, t: TenantContext, postId: string, on: boolean): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    await loadPost(tx, t, postId);
    await setBookmark(tx, { instanceId: t.instance.id, postId, userId: t.membership.userId }, on);
  });
}

export async function follow(s: Services, t: TenantContext, userId: string, on: boolean): Promise<void> {
  assertAllowed(canFollow(t.membership), 'Guests cannot follow people.');
  if (userId === t.membership.userId) throw new AppError(400, 'cannot_follow_self', 'You cannot follow yourself.');
  await inTransaction(s.pool, scope(t), async (tx) => {
    if ((await findActiveMembers(tx, t.instance.id, [userId])).length === 0) throw notFound('No such member.');
    await setFollow(tx, { instanceId: t.instance.id, followerId: t.membership.userId, followedId: userId }, on);
  });
}
