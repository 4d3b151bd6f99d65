// Reads of chat: my conversations, one conversation, history in both
// directions, threads, unread counts and presence. Every read goes through
// loadConversation (current members only).
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { decodeCursor, paginate } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { loadConversation } from './actions.ts';
import { presentConversation, presentMessage, RECEIPTS_MAX_MEMBERS } from './presenters.ts';
import {
  countUnread, findMemberConversation, findMessage, firstMembers, hasTopLevelMessages, lastMessages, listMemberConversations, threadReplies, timeline,
  type MemberConversation, type MessageRecord,
} from './queries.ts';
import { notFound, validationFailed } from '../../errors.ts';

function scope(t: TenantContext) {
  return { instanceId: t.instance.id, userId: t.membership.userId };
}

/** Conversations with their first members (all of them, with read markers, where receipts show) and last message. */
async function present(tx: Tx, conversations: MemberConversation[]) {
  const ids = conversations.map((c) => c.id);
  const [members, last] = [await firstMembers(tx, ids, RECEIPTS_MAX_MEMBERS), await lastMessages(tx, ids)];
  return conversations.map((c) => presentConversation(
    c, members.filter((m) => m.conversationId === c.id), last.find((m) => m.conversationId === c.id) ?? null,
  ));
}

export async function readConversations(s: Services, t: TenantContext, query: { limit?: number | undefined; cursor?: string | undefined }) {
  const limit = query.limit ?? 30;
  const after = decodeCursor(query.cursor);
  return inTransaction(s.pool, scope(t), async (tx) => {
    const rows = await listMemberConversations(tx, t.instance.id, t.membership.userId, after, limit + 1);
    const { page, nextCursor } = paginate(rows, limit, (c) => ({ micros: Number(c.activityMicros), id: c.id }));
    return { items: await present(tx, page), nextCursor };
  });
}

export async function readConversation(s: Services, t: TenantContext, conversationId: string) {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const conversation = await findMemberConversation(tx, t.instance.id, conversationId, t.membership.userId);
    if (!conversation) throw notFound('No such conversation.');
    return (await present(tx, [conversation]))[0]!;
  });
}

export async function readUnread(s: Services, t: TenantContext) {
  return inTransaction(s.pool, scope(t), (tx) => countUnread(tx, t.instance.id, t.membership.userId));
}

interface HistoryQuery { limit?: number | undefined; before?: number | undefined; after?: number | undefined; around?: string | undefined }

/**
 * A page of top-level messages, oldest first: the latest ones, those before or
 * after a seq, or those around a message (a jump to it; a thread reply jumps to its root).
 */
export async function readHistory(s: Services, t: TenantContext, conversationId: string, query: HistoryQuery) {
  // One anchor at most: a page both before and after seqs would silently follow one of them.
  if ([query.before, query.after, query.around].filter((anchor) => anchor !== undefined).length > 1) {
    throw validationFailed('Ask for the messages before, after or around one point, not several.',
      [{ path: 'querystring', message: 'before, after and around exclude each other' }]);
  }
  const limit = query.limit ?? 50;
  return inTransaction(s.pool, scope(t), async (tx) => {
    await loadConversation(tx, t, conversationId);
    let items: MessageRecord[];
    if (query.around !== undefined) {
      const target = await findMessage(tx, conversationId, query.around);
      if (!target) throw notFound('No such message.');
      const anchor = target.parentId ? (await findMessage(tx, conversationId, target.parentId))! : target;
      const older = await timeline(tx, conversationId, 'before', anchor.seq + 1, Math.ceil(limit / 2));
      const newer = await timeline(tx, conversationId, 'after', anchor.seq, Math.floor(limit / 2));
      items = [...older, ...newer];
    } else if (query.after !== undefined) {
      items = await timeline(tx, conversationId, 'after', query.after, limit);
    } else {
      items = await timeline(tx, conversationId, 'before', query.before ?? Number.MAX_SAFE_INTEGER, limit);
    }
    const first = items[0]?.seq;
    const last = items.at(-1)?.seq;
    // The latest page has nothing after it by definition. Asking the database again would be a second
    // statement (READ COMMITTED): a message committed in between would make it say "more after" of a page
    // without that message, and the client would wait for a window that never comes. Such a message
    // reaches the client live, as every message committed after the page was read does.
    const latest = query.before === undefined && query.after === undefined && query.around === undefined;
    return {
      items: items.map(presentMessage),
      hasMoreBefore: first !== undefined ? await hasTopLevelMessages(tx, conversationId, 'before', first)
        : query.after !== undefined && await hasTopLevelMessages(tx, conversationId, 'before', query.after + 1),
      hasMoreAfter: latest ? false : last !== undefined ? await hasTopLevelMessages(tx, conversationId, 'after', last)
        : query.before !== undefined && await hasTopLevelMessages(tx, conversationId, 'after', query.before - 1),
    };
  });
}

export async function readThread(s: Services, t: TenantContext, conversationId: string, messageId: string, query: { limit?: number | undefined; after?: number | undefined }) {
  const limit = query.limit ?? 50;
  return inTransaction(s.pool, scope(t), async (tx) => {
    await loadConversation(tx, t, conversationId);
    const root = await findMessage(tx, conversationId, messageId);
    if (!root || root.parentId !== null) throw notFound('No such thread.');
    const rows = await threadReplies(tx, root.id, query.after ?? 0, limit + 1);
    return { root: presentMessage(root), items: rows.slice(0, limit).map(presentMessage), hasMore: rows.length > limit };
  });
}

/** Who among `userIds` is online; only members of this instance can be asked about, and only in it. */
export async function readPresence(s: Services, t: TenantContext, userIds: string[]) {
  const online = await s.presence.online(t.instance.id, [...new Set(userIds)]);
  return { online: [...online] };
}
