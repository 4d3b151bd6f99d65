// State changes of chat: conversations (direct, group, a group's room), their
// members and read markers, messages (send idempotently, edit, soft delete,
// thread replies) and reactions. Each action writes in one transaction and
// appends its events to the conversation's stream there (stream-log.ts), so a
// message and its event commit or vanish together.
//
// Lock order, the same in every action so that two of them never deadlock:
// the conversation's row first (loadConversation with a lock), then its
// stream's head, then message and member rows, then inbox heads in user id order.
import { claim } from '../attachments/claim.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import { emit, nextSeq, streamHead } from '../../realtime/stream-log.ts';
import type { Services } from '../../services.ts';
import { resolveMentions } from '../feed/actions.ts';
import { renderBody } from '../feed/markdown.ts';
import { findActiveMembers } from '../feed/queries.ts';
import { loadGroup } from '../groups/actions.ts';
import { assertAllowed } from '../instances/policies.ts';
import {
  canDeleteMessage, canEditMessage, canManageMembers, canWriteIn, MAX_GROUP_CONVERSATION_MEMBERS,
} from './policies.ts';
import { presentMessage, RECEIPTS_MAX_MEMBERS, type MessageView } from './presenters.ts';
import {
  activeMemberIds, addGroupMembersToRoom, addMembers, advanceReadSeq, findConversationStanding, findDirectConversationId,
  findMessage, findMessageIdByClientId, findRoomId, insertConversation, insertMessage, lockConversation, lockGroupMembership, markLeft,
  peopleSharingAGroup,
  recordActivity, replaceMentions, replaceMessageBody, setReaction, setTitle, softDeleteMessage,
  type ConversationLock, type ConversationStanding, type MessageRecord,
} from './queries.ts';

export const conversationStream = (conversationId: string) => `conversation:${conversationId}`;
const inbox = (userId: string) => `inbox:${userId}`;

const conversationNotFound = () => notFound('No such conversation.');
const messageNotFound = () => notFound('No such message.');
const personNotFound = () => notFound('No such person in this instance.');

function scope(t: TenantContext) {
  return { instanceId: t.instance.id, userId: t.membership.userId };
}

/**
 * The conversation if the actor is a current member of it; otherwise 404, whatever the reason.
 * Actions pass a lock, taken before anything is read: 'write' for changes, 'read' for a read marker
 * (which waits for a change in progress, not for other readers). Reads pass none.
 */
export async function loadConversation(tx: Tx, t: TenantContext, conversationId: string, lock?: ConversationLock): Promise<ConversationStanding> {
  if (lock) await lockConversation(tx, t.instance.id, conversationId, lock);
  const conversation = await findConversationStanding(tx, t.instance.id, conversationId, t.membership.userId);
  if (!conversation) throw conversationNotFound();
  return conversation;
}

async function loadMessage(tx: Tx, conversationId: string, messageId: string): Promise<MessageRecord> {
  const message = await findMessage(tx, conversationId, messageId);
  if (!message) throw messageNotFound();
  return message;
}

/**
 * Guests may chat only with people they share a group with. Checked for every
 * pair that involves a guest and someone joining now.
 */
async function assertMayChatTogether(tx: Tx, people: Array<{ userId: string; role: string }>, newcomers: Set<string>): Promise<void> {
  for (const guest of people.filter((p) => p.role === 'guest')) {
    const others = people.filter((p) => p.userId !== guest.userId && (newcomers.has(guest.userId) || newcomers.has(p.userId))).map((p) => p.userId);
    const shared = await peopleSharingAGroup(tx, guest.userId, others);
    if (others.some((id) => !shared.has(id))) {
      throw forbidden('Guests can chat only with people they share a group with.', 'guest_chat_restricted');
    }
  }
}

async function activePeople(tx: Tx, t: TenantContext, userIds: string[]) {
  const people = await findActiveMembers(tx, t.instance.id, userIds);
  if (people.length !== new Set(userIds).size) throw personNotFound();
  return people;
}

async function announceArrival(s: Services, tx: Tx, t: TenantContext, conversationId: string, userIds: string[]): Promise<void> {
  for (const userId of [...userIds].sort()) {
    await emit(s, tx, { type: 'conversation.added', instanceId: t.instance.id, stream: inbox(userId), data: { conversationId } });
  }
}

/** The direct conversation between the actor and `userId` (a note to self when it is the actor), created on first use. */
export async function openDirect(s: Services, t: TenantContext, userId: string): Promise<{ id: string; created: boolean }> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const me = t.membership.userId;
    const people = await activePeople(tx, t, [...new Set([me, userId])]);
    const directKey = [me, userId].sort().join(':');
    const existing = await findDirectConversationId(tx, t.instance.id, directKey);
    if (existing) {
      // Someone removed from the instance lost their member row with their membership: back, they rejoin it.
      const current = await activeMemberIds(tx, existing);
      const returning = people.filter((p) => !current.includes(p.userId)).map((p) => p.userId);
      if (returning.length > 0) {
        await assertMayChatTogether(tx, people, new Set(returning));
        await announceArrival(s, tx, t, existing, await addMembers(tx, t.instance.id, existing, returning));
      }
      return { id: existing, created: false };
    }
    await assertMayChatTogether(tx, people, new Set(people.map((p) => p.userId)));
    const id = await insertConversation(tx, { instanceId: t.instance.id, kind: 'direct', title: null, groupId: null, directKey, createdBy: me });
    if (!id) return { id: (await findDirectConversationId(tx, t.instance.id, directKey))!, created: false }; // opened concurrently
    const members = people.map((p) => p.userId);
    await addMembers(tx, t.instance.id, id, members);
    await announceArrival(s, tx, t, id, members);
    return { id, created: true };
  });
}

export async function createGroupConversation(s: Services, t: TenantContext, input: { title?: string | undefined; userIds: string[] }): Promise<string> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const everyone = [...new Set([t.membership.userId, ...input.userIds])];
    const people = await activePeople(tx, t, everyone);
    await assertMayChatTogether(tx, people, new Set(everyone));
    const id = await insertConversation(tx, {
      instanceId: t.instance.id, kind: 'group', title: input.title?.trim() ?? null, groupId: null, directKey: null, createdBy: t.membership.userId,
    });
    await addMembers(tx, t.instance.id, id!, everyone);
    await announceArrival(s, tx, t, id!, everyone);
    return id!;
  });
}

/** A group's chat room, created the first time one of its members opens it; its members are the group's. */
export async function openGroupRoom(s: Services, t: TenantContext, groupId: string): Promise<{ id: string; created: boolean }> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const { group, actor } = await loadGroup(tx, t, groupId);
    assertAllowed(actor.groupRole !== null, 'Join the group to take part in its chat.');
    const existing = await findRoomId(tx, t.instance.id, groupId);
    if (existing) return { id: existing, created: false };
    assertAllowed(group.archivedAt === null, 'This group is archived.');
    // Until the room commits, a join would find no room to follow, and a join still in flight is not
    // seen by the copy of the members below: lock the group against both (and against a second creator).
    await lockGroupMembership(tx, t.instance.id, groupId);
    const created = await findRoomId(tx, t.instance.id, groupId);
    if (created) return { id: created, created: false };
    const id = await insertConversation(tx, { instanceId: t.instance.id, kind: 'room', title: null, groupId, directKey: null, createdBy: t.membership.userId });
    if (!id) return { id: (await findRoomId(tx, t.instance.id, groupId))!, created: false };
    await addGroupMembersToRoom(tx, t.instance.id, id, groupId);
    await announceArrival(s, tx, t, id, await activeMemberIds(tx, id));
    return { id, created: true };
  });
}

export async function renameConversation(s: Services, t: TenantContext, conversationId: string, title: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const conversation = await loadConversation(tx, t, conversationId, 'write');
    assertAllowed(canManageMembers(conversation), 'Only group conversations have a title you can change.');
    await setTitle(tx, conversationId, title.trim());
    await emit(s, tx, { type: 'conversation.updated', instanceId: t.instance.id, stream: conversationStream(conversationId), data: { conversationId } });
  });
}

export async function addConversationMembers(s: Services, t: TenantContext, conversationId: string, userIds: string[]): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    // The lock also keeps two additions from passing the cap together.
    const conversation = await loadConversation(tx, t, conversationId, 'write');
    assertAllowed(canManageMembers(conversation), 'People are added to group conversations only.');
    const current = await activeMemberIds(tx, conversationId);
    const newcomers = userIds.filter((id) => !current.includes(id));
    if (newcomers.length === 0) return;
    if (current.length + newcomers.length > MAX_GROUP_CONVERSATION_MEMBERS) {
      throw new AppError(409, 'conversation_full', `A group conversation holds at most ${MAX_GROUP_CONVERSATION_MEMBERS} people: create a group instead.`);
    }
    // Only the newcomers must be active members: a current member whose account was disabled stays listed
    // and must not block the others (nor take part in the guest check: they cannot chat any more).
    const people = await findActiveMembers(tx, t.instance.id, [...current, ...newcomers]);
    const active = new Set(people.map((p) => p.userId));
    if (newcomers.some((id) => !active.has(id))) throw personNotFound();
    await assertMayChatTogether(tx, people, new Set(newcomers));
    const added = await addMembers(tx, t.instance.id, conversationId, newcomers);
    await emit(s, tx, { type: 'conversation.updated', instanceId: t.instance.id, stream: conversationStream(conversationId), data: { conversationId } });
    await announceArrival(s, tx, t, conversationId, added);
  });
}

export async function leaveConversation(s: Services, t: TenantContext, conversationId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const conversation = await loadConversation(tx, t, conversationId, 'write');
    assertAllowed(canManageMembers(conversation), conversation.kind === 'room'
      ? "Leave the group to leave its room." : 'A direct conversation cannot be left.');
    await markLeft(tx, conversationId, t.membership.userId);
    const data = { conversationId, userId: t.membership.userId };
    await emit(s, tx, { type: 'conversation.removed', instanceId: t.instance.id, stream: conversationStream(conversationId), data });
    await emit(s, tx, { type: 'conversation.removed', instanceId: t.instance.id, stream: inbox(t.membership.userId), data });
  });
}

/** Thrown inside the send transaction to roll back the sequence number it took; the first send is answered instead. */
class AlreadySent extends Error {
  readonly messageId: string;
  constructor(messageId: string) {
    super('already sent');
    this.messageId = messageId;
  }
}

/**
 * Sends a message (or a thread reply). With a clientId, a retry returns the
 * message the first attempt created: the check runs after taking the stream's
 * lock, so two concurrent attempts cannot both insert.
 */
export async function sendMessage(s: Services, t: TenantContext, conversationId: string,
  input: { body?: string | undefined; attachmentIds?: string[] | undefined; clientId?: string | undefined; parentId?: string | undefined }): Promise<{ message: MessageView; created: boolean }> {
  const me = t.membership.userId;
  const body = input.body ?? '';
  try {
    const message = await inTransaction(s.pool, scope(t), async (tx) => {
      const conversation = await loadConversation(tx, t, conversationId, 'write');
      const stream = conversationStream(conversationId);
      const seq = await nextSeq(tx, t.instance.id, stream);
      if (input.clientId) {
        const first = await findMessageIdByClientId(tx, conversationId, me, input.clientId);
        if (first) throw new AlreadySent(first);
      }
      assertAllowed(canWriteIn(conversation), 'This conversation is read-only: its group is archived.');
      if (body === '' && !input.attachmentIds?.length) {
        throw validationFailed('A message needs text or an attachment.', [{ path: '/body', message: 'must have text when there is no attachment' }]);
      }
      let parent: MessageRecord | null = null;
      if (input.parentId) {
        parent = await loadMessage(tx, conversationId, input.parentId);
        if (parent.parentId !== null || parent.deletedAt) throw new AppError(400, 'invalid_parent', 'Replies go to a message that starts a thread.');
      }
      const { names, userIds } = await resolveMentions(tx, t, body);
      const id = await insertMessage(tx, {
        instanceId: t.instance.id, conversationId, seq, authorId: me, clientId: input.clientId ?? null,
        body, bodyHtml: body === '' ? '' : renderBody(body, t.instance.slug, names), parentId: parent?.id ?? null,
      });
      await claim(tx, t, input.attachmentIds, { messageId: id });
      await recordActivity(tx, conversationId, seq, parent?.id ?? null);
      await mentionMembers(tx, t, conversationId, id, seq, userIds, true);
      if (!parent) await advanceReadSeq(tx, conversationId, me, seq);
      const view = presentMessage((await findMessage(tx, conversationId, id))!);
      await emit(s, tx, { type: 'message.created', instanceId: t.instance.id, stream, seq, data: { message: view } });
      if (parent) {
        const root = presentMessage((await findMessage(tx, conversationId, parent.id))!);
        await emit(s, tx, { type: 'message.updated', instanceId: t.instance.id, stream, data: { message: root } });
      }
      return view;
    });
    return { message, created: true };
  } catch (error) {
    if (!(error instanceof AlreadySent)) throw error;
    const first = await inTransaction(s.pool, scope(t), (tx) => findMessage(tx, conversationId, error.messageId));
    return { message: presentMessage(first!), created: false };
  }
}

/** Mentions count for the conversation's members only (others cannot read it), never for the author. */
async function mentionMembers(tx: Tx, t: TenantContext, conversationId: string, messageId: string, seq: number, userIds: string[], isNew: boolean): Promise<void> {
  if (isNew && userIds.length === 0) return;
  const members = new Set(await activeMemberIds(tx, conversationId));
  const mentioned = userIds.filter((id) => id !== t.membership.userId && members.has(id));
  await replaceMentions(tx, { instanceId: t.instance.id, conversationId, messageId, seq, userIds: mentioned });
}

async function publishUpdate(s: Services, tx: Tx, t: TenantContext, conversationId: string, messageId: string): Promise<MessageView> {
  const view = presentMessage((await findMessage(tx, conversationId, messageId))!);
  await emit(s, tx, { type: 'message.updated', instanceId: t.instance.id, stream: conversationStream(conversationId), data: { message: view } });
  return view;
}

export async function editMessage(s: Services, t: TenantContext, conversationId: string, messageId: string, body: string): Promise<MessageView> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const conversation = await loadConversation(tx, t, conversationId, 'write');
    const message = await loadMessage(tx, conversationId, messageId);
    assertAllowed(canEditMessage(t.membership, conversation, message), 'Only the author can edit this message.');
    if (body === message.body) return presentMessage(message);
    const { names, userIds } = await resolveMentions(tx, t, body);
    await replaceMessageBody(tx, messageId, body, renderBody(body, t.instance.slug, names));
    await mentionMembers(tx, t, conversationId, messageId, message.seq, userIds, false);
    return publishUpdate(s, tx, t, conversationId, messageId);
  });
}

export async function deleteMessage(s: Services, t: TenantContext, conversationId: string, messageId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    await loadConversation(tx, t, conversationId, 'write');
    const message = await loadMessage(tx, conversationId, messageId);
    if (message.deletedAt) return;
    assertAllowed(canDeleteMessage(t.membership, message), 'Only the author or an administrator can delete this message.');
    await softDeleteMessage(tx, messageId);
    await publishUpdate(s, tx, t, conversationId, messageId);
  });
}

export async function reactToMessage(s: Services, t: TenantContext, conversationId: string, messageId: string, emoji: string, on: boolean): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const conversation = await loadConversation(tx, t, conversationId, 'write');
    const message = await loadMessage(tx, conversationId, messageId);
    if (message.deletedAt) throw messageNotFound();
    assertAllowed(canWriteIn(conversation), 'This conversation is read-only: its group is archived.');
    const changed = await setReaction(tx, { instanceId: t.instance.id, messageId, userId: t.membership.userId, emoji }, on);
    if (changed) await publishUpdate(s, tx, t, conversationId, messageId);
  });
}

/** Moves my read marker forward (never back, never past the stream's head) and tells my other devices and, where receipts show, the others. */
export async function markRead(s: Services, t: TenantContext, conversationId: string, seq: number): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const conversation = await loadConversation(tx, t, conversationId, 'read');
    const stream = conversationStream(conversationId);
    const head = await streamHead(tx, t.instance.id, stream);
    const moved = await advanceReadSeq(tx, conversationId, t.membership.userId, Math.min(seq, head));
    if (moved === null) return;
    const data = { conversationId, userId: t.membership.userId, seq: moved };
    await emit(s, tx, { type: 'conversation.read', instanceId: t.instance.id, stream: inbox(t.membership.userId), data });
    if (conversation.memberCount <= RECEIPTS_MAX_MEMBERS) {
      await emit(s, tx, { type: 'conversation.read', instanceId: t.instance.id, stream, data });
    }
  });
}
