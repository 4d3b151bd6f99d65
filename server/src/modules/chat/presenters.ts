// API shapes of conversations and messages. A message's shape is the same for
// every reader (no "mine" fields), so one rendering serves every subscriber of
// its stream.
import { presentAttachments } from '../attachments/presenters.ts';
import type { Static } from 'typebox';
import type { MemberConversation, MemberSummary, MessageRecord } from './queries.ts';
import type { Conversation, Message } from './schemas.ts';

export type MessageView = Static<typeof Message>;
export type ConversationView = Static<typeof Conversation>;

/** Read receipts are shown in direct and small conversations only. */
export const RECEIPTS_MAX_MEMBERS = 20;

export function presentMessage(m: MessageRecord): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    clientId: m.clientId,
    author: { id: m.authorId, displayName: m.authorName },
    body: m.body,
    html: m.bodyHtml,
    parentId: m.parentId,
    replyCount: m.replyCount,
    lastReplyAt: m.lastReplyAt?.toISOString() ?? null,
    reactions: m.reactions,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deletedAt: m.deletedAt?.toISOString() ?? null,
    attachments: presentAttachments(m.attachments),
  };
}

export function presentConversation(c: MemberConversation, members: MemberSummary[], lastMessage: MessageRecord | null): ConversationView {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    group: c.groupId ? { id: c.groupId, name: c.groupName ?? '', archived: c.groupArchivedAt !== null } : null,
    members: members.map((m) => ({ id: m.userId, displayName: m.displayName })),
    memberCount: c.memberCount,
    lastSeq: c.lastMessageSeq,
    readSeq: c.readSeq,
    unreadCount: c.unreadCount,
    mentionCount: c.mentionCount,
    lastMessage: lastMessage ? presentMessage(lastMessage) : null,
    receipts: c.memberCount <= RECEIPTS_MAX_MEMBERS ? members.map((m) => ({ userId: m.userId, seq: m.readSeq })) : null,
    lastActivityAt: c.lastActivityAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
  };
}
