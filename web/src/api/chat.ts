// Chat over HTTP: my conversations and their unread counts, starting one,
// history pages, threads, sending (idempotent through `clientId`), editing,
// deleting, reacting, read markers and who is online. Live changes come from
// the realtime gateway (realtime/).
import { apiDelete, apiGet, apiPatch, apiPost, apiPut, segment } from './client';
import type {
  Conversation,
  ConversationPage,
  Message,
  MessagePage,
  NewConversation,
  ThreadPage,
  UnreadSummary,
} from './chat-types';
import type { Reaction } from './post-types';

const CONVERSATION_PAGE_SIZE = 50;
export const MESSAGE_PAGE_SIZE = 50;

function instancePath(slug: string): string {
  return `/i/${segment(slug)}`;
}

function conversationPath(slug: string, conversationId: string): string {
  return `${instancePath(slug)}/conversations/${segment(conversationId)}`;
}

function messagePath(slug: string, conversationId: string, messageId: string): string {
  return `${conversationPath(slug, conversationId)}/messages/${segment(messageId)}`;
}

/** Most recent activity first. */
export function listConversations(slug: string, cursor: string | null = null): Promise<ConversationPage> {
  return apiGet<ConversationPage>(`${instancePath(slug)}/conversations`, { cursor, limit: CONVERSATION_PAGE_SIZE });
}

export function fetchUnreadSummary(slug: string): Promise<UnreadSummary> {
  return apiGet<UnreadSummary>(`${instancePath(slug)}/conversations/unread`);
}

/** A direct conversation that already exists is returned as it is. */
export function startConversation(slug: string, input: NewConversation): Promise<Conversation> {
  return apiPost<Conversation>(`${instancePath(slug)}/conversations`, input);
}

/** The group's chat room, created on first use. */
export function openGroupConversation(slug: string, groupId: string): Promise<Conversation> {
  return apiPost<Conversation>(`${instancePath(slug)}/groups/${segment(groupId)}/conversation`);
}

export function fetchConversation(slug: string, conversationId: string): Promise<Conversation> {
  return apiGet<Conversation>(conversationPath(slug, conversationId));
}

export function renameConversation(slug: string, conversationId: string, title: string): Promise<Conversation> {
  return apiPatch<Conversation>(conversationPath(slug, conversationId), { title });
}

export function addConversationMembers(slug: string, conversationId: string, userIds: string[]): Promise<Conversation> {
  return apiPost<Conversation>(`${conversationPath(slug, conversationId)}/members`, { userIds });
}

export function leaveConversation(slug: string, conversationId: string): Promise<void> {
  return apiDelete(`${conversationPath(slug, conversationId)}/members/me`);
}

/**
 * The latest page, the page before / after a seq, or the page around a
 * message (a thread reply: around its thread's first message; 404 when the
 * message is not there to read).
 */
export function listMessages(
  slug: string,
  conversationId: string,
  position: { before?: number; after?: number; around?: string } = {},
  limit = MESSAGE_PAGE_SIZE,
): Promise<MessagePage> {
  return apiGet<MessagePage>(`${conversationPath(slug, conversationId)}/messages`, {
    before: position.before,
    after: position.after,
    around: position.around,
    limit,
  });
}

export function fetchThread(slug: string, conversationId: string, rootId: string, after?: number): Promise<ThreadPage> {
  return apiGet<ThreadPage>(`${messagePath(slug, conversationId, rootId)}/thread`, {
    after,
    limit: MESSAGE_PAGE_SIZE,
  });
}

/**
 * Sending again with the same clientId answers the first message instead of
 * a copy (its attachments were claimed once, by the first). A message needs
 * text, attachments (my pending ones, in order), or both.
 */
export function sendMessage(
  slug: string,
  conversationId: string,
  input: { body: string; clientId: string; parentId?: string | null; attachmentIds?: string[] },
): Promise<Message> {
  return apiPost<Message>(`${conversationPath(slug, conversationId)}/messages`, {
    ...(input.body.trim() !== '' ? { body: input.body } : {}),
    clientId: input.clientId,
    ...(input.parentId ? { parentId: input.parentId } : {}),
    ...(input.attachmentIds?.length ? { attachmentIds: input.attachmentIds } : {}),
  });
}

export function editMessage(slug: string, conversationId: string, messageId: string, body: string): Promise<Message> {
  return apiPatch<Message>(messagePath(slug, conversationId, messageId), { body });
}

export function deleteMessage(slug: string, conversationId: string, messageId: string): Promise<void> {
  return apiDelete(messagePath(slug, conversationId, messageId));
}

export function setMessageReaction(
  slug: string,
  conversationId: string,
  messageId: string,
  reaction: Reaction,
  on: boolean,
): Promise<void> {
  const path = `${messagePath(slug, conversationId, messageId)}/reactions/${segment(reaction)}`;
  return on ? apiPut(path) : apiDelete(path);
}

/** Moves my read marker forward to `seq` (never back). */
export function markConversationRead(slug: string, conversationId: string, seq: number): Promise<void> {
  return apiPost(`${conversationPath(slug, conversationId)}/read`, { seq });
}

export function fetchPresence(slug: string, userIds: string[]): Promise<{ online: string[] }> {
  return apiGet<{ online: string[] }>(`${instancePath(slug)}/presence`, { userIds: userIds.join(',') });
}
