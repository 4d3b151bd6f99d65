// Messages as one line of plain text: the preview in the conversation list
// and the text of desktop notifications. Mentions read as names when the
// person is among the members shown; a message of files alone reads as
// their names.
import type { Conversation, Message } from '../../api/chat-types';
import { attachmentSummary } from '../../components/attachments/attachment-summary';
import type { Translate } from '../../i18n/translate';

const MENTION = /<@([0-9a-fA-F-]{36})>/g;

export function plainMessageText(body: string, names: ReadonlyMap<string, string>): string {
  return body
    .replace(MENTION, (_token, userId: string) => `@${names.get(userId) ?? '…'}`)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text, else the attachments ("Files: plan.pdf, photo.jpg"). */
export function messageSummary(message: Message, names: ReadonlyMap<string, string>, t: Translate): string {
  return plainMessageText(message.body, names) || attachmentSummary(message.attachments, t);
}

export function memberNames(conversation: Conversation): Map<string, string> {
  return new Map(conversation.members.map((member) => [member.id, member.displayName]));
}

/** "You: see you at 3", "Alice: done", or "Message deleted". */
export function messagePreview(conversation: Conversation, message: Message, me: string, t: Translate): string {
  if (message.deletedAt) return t('chat.messageDeleted');
  const text = messageSummary(message, memberNames(conversation), t);
  if (message.author.id === me) return t('chat.previewMine', { text });
  if (conversation.kind === 'direct') return text;
  return t('chat.previewOther', { name: message.author.displayName.split(' ')[0] ?? '', text });
}
