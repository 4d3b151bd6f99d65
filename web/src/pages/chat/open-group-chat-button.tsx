// "Open the chat" on a group's page: the group's room, created on first use,
// for any member of the group.
import { useNavigate } from 'react-router';
import { openGroupConversation } from '../../api/chat';
import type { Group } from '../../api/group-types';
import { FormError } from '../../components/form-error';
import { Icon } from '../../components/icon';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { useChatInbox } from './chat-inbox-context';

export function OpenGroupChatButton({ group }: { group: Group }) {
  const t = useT();
  const navigate = useNavigate();
  const { instance } = useInstance();
  const { upsert } = useChatInbox();
  const open = useAction(async () => {
    const conversation = await openGroupConversation(instance.slug, group.id);
    upsert(conversation);
    navigate(`/i/${instance.slug}/chat/${conversation.id}`);
  });
  if (!group.myRole) return null;
  return (
    <div className="open-group-chat">
      <button type="button" className="button button-secondary" disabled={open.pending} onClick={() => void open.run()}>
        <Icon name="chat" size={18} />
        {t('chat.openGroupChat')}
      </button>
      <FormError error={open.error} />
    </div>
  );
}
