// What a conversation is called in the list and its header: its title, the
// group of a room, the other person of a direct conversation, or the names
// of the people in a group conversation.
import type { ChatPerson, Conversation } from '../../api/chat-types';
import type { Translate } from '../../i18n/translate';

/** The people in a conversation besides me. */
export function otherMembers(conversation: Conversation, me: string): ChatPerson[] {
  return conversation.members.filter((member) => member.id !== me);
}

/** The other person of a direct conversation. */
export function directPartner(conversation: Conversation, me: string): ChatPerson | null {
  if (conversation.kind !== 'direct') return null;
  return otherMembers(conversation, me)[0] ?? null;
}

export function conversationTitle(conversation: Conversation, me: string, t: Translate): string {
  if (conversation.title) return conversation.title;
  if (conversation.kind === 'room' && conversation.group) return conversation.group.name;
  const others = otherMembers(conversation, me);
  if (others.length === 0) return t('chat.justYou');
  const shown = others.slice(0, 3).map((member) => member.displayName).join(', ');
  const hidden = conversation.memberCount - 1 - Math.min(others.length, 3);
  return hidden > 0 ? t('chat.andOthers', { names: shown, count: hidden }) : shown;
}
