// The picture of a conversation in the list and its header: the other
// person for a direct conversation (with whether they are online), the
// group's or the title's initials otherwise.
import type { Conversation } from '../../api/chat-types';
import { Avatar } from '../../components/avatar';
import { useChatInbox } from './chat-inbox-context';
import { directPartner } from './conversation-title';
import { PresenceDot } from './presence-dot';

export function ConversationAvatar({ conversation, me, title, size = 36 }: { conversation: Conversation; me: string; title: string; size?: number }) {
  const { isOnline } = useChatInbox();
  const partner = directPartner(conversation, me);
  return (
    <span className="conversation-avatar">
      <Avatar name={partner?.displayName ?? title} url={null} size={size} />
      {partner && <PresenceDot online={isOnline(partner.id)} />}
    </span>
  );
}
