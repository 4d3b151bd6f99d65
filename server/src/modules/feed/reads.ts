// Permission-checked reads of the feed: pages of posts (home, a group, a
// person, my bookmarks), one post, its comments and its history.
import { inTransaction } from '../../db/transaction.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, paginate } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { loadGroup } from '../groups/actions.ts';
import { canReadGroupContent } from '../groups/policies.ts';
import { assertAllowed } from '../instances/policies.ts';
import { loadPost } from './actions.ts';
import { presentComment, presentPost } from './presenters.ts';
import { feedPage, findActiveMembers, listComments, listRevisions, type FeedSource } from './queries.ts';

export async function readFeed(s: Services, t: TenantContext, q: { limit?: number | undefined; cursor?: string | undefined; groupId?: string | undefined; pinned?: boolean | undefined }, person?: string) {
  const limit = q.limit ?? 20;
  const after = decodeCursor(q.cursor);
  const guest = t.membership.role === 'guest';
  return inTransaction(s.pool, { instanceId: t.instance.id, userId: t.membership.userId }, async (tx) => {
    let source: FeedSource = { kind: 'home', guest };
    if (q.groupId) {
      const { group, actor } = await loadGroup(tx, t, q.groupId);
      assertAllowed(canReadGroupContent(actor, group), 'Join this group to read its posts.');
      source = { kind: 'group', groupId: q.groupId, pinnedOnly: q.pinned ?? false };
    } else if (person) {
      if ((await findActiveMembers(tx, t.instance.id, [person])).length === 0) throw notFound('No such member.');
      source = { kind: 'author', authorId: person, guest };
    }
    const rows = await feedPage(tx, t.instance.id, t.membership.userId, source, limit + 1, after);
    const { page, nextCursor } = paginate(rows, limit, (p) => ({ micros: p.createdAtMicros, id: p.id }));
    return { items: page.map(presentPost), nextCursor };
  });
}

export async function readBookmarks(s: Services, t: TenantContext, q: { limit?: number | undefined; cursor?: string | undefined }) {
  const limit = q.limit ?? 20;
  return inTransaction(s.pool, { instanceId: t.instance.id, userId: t.membership.userId }, async (tx) => {
    // Bookmarks of posts that became unreadable (left a private group) are left out by the statement itself.
    const source: FeedSource = { kind: 'bookmarks', guest: t.membership.role === 'guest' };
    const rows = await feedPage(tx, t.instance.id, t.membership.userId, source, limit + 1, decodeCursor(q.cursor));
    const { page, nextCursor } = paginate(rows, limit, (p) => ({ micros: p.createdAtMicros, id: p.id }));
    return { items: page.map(presentPost), nextCursor };
  });
}

export async function readPost(s: Services, t: TenantContext, postId: string) {
  return inTransaction(s.pool, { instanceId: t.instance.id, userId: t.membership.userId }, async (tx) => {
    await loadPost(tx, t, postId);
    const [row] = await feedPage(tx, t.instance.id, t.membership.userId, { kind: 'post', postId }, 1, null);
    return presentPost(row!);
  });
}

export async function readComments(s: Services, t: TenantContext, postId: string) {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    await loadPost(tx, t, postId);
    return (await listComments(tx, postId)).map(presentComment);
  });
}

/** Earlier versions of an edited post: shown to whoever can read it, so an edit cannot quietly rewrite what was said. */
export async function readRevisions(s: Services, t: TenantContext, postId: string) {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    await loadPost(tx, t, postId);
    return (await listRevisions(tx, postId)).map((r) => ({ body: r.body, replacedAt: r.replacedAt.toISOString() }));
  });
}
