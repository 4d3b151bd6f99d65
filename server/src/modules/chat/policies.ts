// Who may do what in a conversation. Reading anything of a conversation
// requires being a current member of it (loadConversation answers 404
// otherwise, the same as for a conversation that does not exist): instance
// administrators do not read other people's chats.
import { isAdministrator } from '../instances/policies.ts';
import type { Membership } from '../instances/queries.ts';
import type { ConversationStanding, MessageRecord } from './queries.ts';

/** A group conversation holds at most this many people; beyond, a group (and its room) is the tool. */
export const MAX_GROUP_CONVERSATION_MEMBERS = 50;

/** A group's room is read-only once the group is archived. */
export function canWriteIn(c: ConversationStanding): boolean {
  return c.groupArchivedAt === null;
}

export function canEditMessage(m: Membership, c: ConversationStanding, message: MessageRecord): boolean {
  return message.authorId === m.userId && message.deletedAt === null && canWriteIn(c);
}

/** Authors delete their messages; instance administrators moderate. */
export function canDeleteMessage(m: Membership, message: MessageRecord): boolean {
  return message.deletedAt === null && (message.authorId === m.userId || isAdministrator(m));
}

/** Titles and members are managed by the people of a group conversation; rooms follow their group, direct ones are fixed. */
export function canManageMembers(c: ConversationStanding): boolean {
  return c.kind === 'group';
}
