// HTTP routes of chat: conversations, members, history, threads, messages,
// reactions, read markers and presence (docs/realtime.md).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { tenantOf } from '../../http/context.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SlugParams } from '../instances/schemas.ts';
import {
  addConversationMembers, createGroupConversation, deleteMessage, editMessage, leaveConversation, markRead, openDirect,
  openGroupRoom, reactToMessage, renameConversation, sendMessage,
} from './actions.ts';
import { readConversation, readConversations, readHistory, readPresence, readThread, readUnread } from './reads.ts';
import {
  AddMembersBody, Conversation, ConversationListQuery, ConversationPage, ConversationParams, CreateConversationBody,
  EditMessageBody, GroupRoomParams, HistoryQuery, Message, MessagePage, MessageParams, PresenceAnswer, PresenceQuery,
  ReactionParams, ReadBody, SendMessageBody, Thread, ThreadQuery, UnreadCounts, UpdateConversationBody,
} from './schemas.ts';

const tags = ['chat'];
const done = (reply: FastifyReply) => reply.code(204).send(null);

export async function chatRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/v1/i/:slug';
  const conversation = `${base}/conversations/:conversationId`;

  app.get(`${base}/conversations`, {
    schema: { tags, summary: 'My conversations, most recent activity first', params: SlugParams, querystring: ConversationListQuery, response: { 200: ConversationPage, ...problemResponses } },
  }, async (request) => readConversations(s, tenantOf(request), request.query));

  app.get(`${base}/conversations/unread`, {
    schema: { tags, summary: 'How many conversations have unread messages, and unread mentions', params: SlugParams, response: { 200: UnreadCounts, ...problemResponses } },
  }, async (request) => readUnread(s, tenantOf(request)));

  app.post(`${base}/conversations`, {
    schema: {
      tags, summary: 'Start a direct conversation (the existing one is returned with 200) or a group conversation',
      params: SlugParams, body: CreateConversationBody, response: { 200: Conversation, 201: Conversation, ...problemResponses },
    },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const body = request.body;
    const opened = body.kind === 'direct'
      ? await openDirect(s, t, body.userId)
      : { id: await createGroupConversation(s, t, body), created: true };
    return reply.code(opened.created ? 201 : 200).send(await readConversation(s, t, opened.id));
  });

  app.post(`${base}/groups/:groupId/conversation`, {
    schema: { tags, summary: "Open the group's chat room (created on first use)", params: GroupRoomParams, response: { 200: Conversation, 201: Conversation, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const opened = await openGroupRoom(s, t, request.params.groupId);
    return reply.code(opened.created ? 201 : 200).send(await readConversation(s, t, opened.id));
  });

  app.get(conversation, {
    schema: { tags, summary: 'A conversation', params: ConversationParams, response: { 200: Conversation, ...problemResponses } },
  }, async (request) => readConversation(s, tenantOf(request), request.params.conversationId));

  app.patch(conversation, {
    schema: { tags, summary: "Rename a group conversation", params: ConversationParams, body: UpdateConversationBody, response: { 200: Conversation, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    await renameConversation(s, t, request.params.conversationId, request.body.title);
    return readConversation(s, t, request.params.conversationId);
  });

  // Answers the conversation, as renaming does: the client shows its new members at once.
  app.post(`${conversation}/members`, {
    schema: { tags, summary: 'Add people to a group conversation', params: ConversationParams, body: AddMembersBody, response: { 200: Conversation, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    await addConversationMembers(s, t, request.params.conversationId, request.body.userIds);
    return readConversation(s, t, request.params.conversationId);
  });

  app.delete(`${conversation}/members/me`, {
    schema: { tags, summary: 'Leave a group conversation', params: ConversationParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await leaveConversation(s, tenantOf(request), request.params.conversationId);
    return done(reply);
  });

  app.get(`${conversation}/messages`, {
    schema: {
      tags, summary: 'History, oldest first: the latest messages, or those before or after a seq, or around a message',
      params: ConversationParams, querystring: HistoryQuery, response: { 200: MessagePage, ...problemResponses },
    },
  }, async (request) => readHistory(s, tenantOf(request), request.params.conversationId, request.query));

  app.post(`${conversation}/messages`, {
    schema: {
      tags, summary: 'Send a message or a thread reply; a retry with the same clientId returns the first message (200)',
      params: ConversationParams, body: SendMessageBody, response: { 200: Message, 201: Message, ...problemResponses },
    },
  }, async (request, reply) => {
    const sent = await sendMessage(s, tenantOf(request), request.params.conversationId, request.body);
    return reply.code(sent.created ? 201 : 200).send(sent.message);
  });

  app.get(`${conversation}/messages/:messageId/thread`, {
    schema: { tags, summary: 'A thread: its first message and the replies', params: MessageParams, querystring: ThreadQuery, response: { 200: Thread, ...problemResponses } },
  }, async (request) => readThread(s, tenantOf(request), request.params.conversationId, request.params.messageId, request.query));

  app.patch(`${conversation}/messages/:messageId`, {
    schema: { tags, summary: 'Edit my message', params: MessageParams, body: EditMessageBody, response: { 200: Message, ...problemResponses } },
  }, async (request) => editMessage(s, tenantOf(request), request.params.conversationId, request.params.messageId, request.body.body));

  app.delete(`${conversation}/messages/:messageId`, {
    schema: { tags, summary: 'Delete a message (its author or an administrator); "message deleted" stays in its place', params: MessageParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await deleteMessage(s, tenantOf(request), request.params.conversationId, request.params.messageId);
    return done(reply);
  });

  app.put(`${conversation}/messages/:messageId/reactions/:emoji`, {
    schema: { tags, summary: 'React to a message', params: ReactionParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    const p = request.params;
    await reactToMessage(s, tenantOf(request), p.conversationId, p.messageId, p.emoji, true);
    return done(reply);
  });

  app.delete(`${conversation}/messages/:messageId/reactions/:emoji`, {
    schema: { tags, summary: 'Take back a reaction', params: ReactionParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    const p = request.params;
    await reactToMessage(s, tenantOf(request), p.conversationId, p.messageId, p.emoji, false);
    return done(reply);
  });

  app.post(`${conversation}/read`, {
    schema: { tags, summary: 'Move my read marker forward to a seq', params: ConversationParams, body: ReadBody, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await markRead(s, tenantOf(request), request.params.conversationId, request.body.seq);
    return done(reply);
  });

  app.get(`${base}/presence`, {
    schema: { tags, summary: 'Who among these people is online', params: SlugParams, querystring: PresenceQuery, response: { 200: PresenceAnswer, ...problemResponses } },
  }, async (request) => readPresence(s, tenantOf(request), request.query.userIds.split(',')));
}
