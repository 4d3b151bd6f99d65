// The top of an open conversation: its picture and name; whether the other
// person is online (direct), who is in it (group), or the group it belongs
// to (room); and adding people to or leaving a group conversation.
import { Link, useNavigate } from 'react-router';
import { leaveConversation } from '../../api/chat';
import type { Conversation } from '../../api/chat-types';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { useAction } from '../../hooks/use-action';
import { useLocale, useT } from '../../i18n/i18n-context';
import { pluralForm } from '../../i18n/plural';
import { AddPeopleDialog } from './add-people-dialog';
import { useChatInbox } from './chat-inbox-context';
import { ConversationAvatar } from './conversation-avatar';
import { conversationTitle, directPartner } from './conversation-title';

export function ConversationHeader({ conversation, me, slug }: { conversation: Conversation; me: string; slug: string }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { isOnline } = useChatInbox();
  const title = conversationTitle(conversation, me, t);
  const partner = directPartner(conversation, me);
  const leave = useAction(async () => {
    await leaveConversation(slug, conversation.id);
    navigate(`/i/${slug}/chat`);
  });

  let subtitle;
  if (partner) subtitle = isOnline(partner.id) ? t('chat.online') : t('chat.offline');
  else if (conversation.kind === 'room' && conversation.group) {
    subtitle = (
      <Link to={`/i/${slug}/groups/${conversation.group.id}`}>{t('chat.roomOf', { group: conversation.group.name })}</Link>
    );
  } else subtitle = t(`chat.members.${pluralForm(locale, conversation.memberCount)}`, { count: conversation.memberCount });

  return (
    <header className="conversation-header">
      <Link to={`/i/${slug}/chat`} className="conversation-back" aria-label={t('chat.backToList')}>
        ←
      </Link>
      <ConversationAvatar conversation={conversation} me={me} title={title} size={40} />
      <div className="conversation-header-text">
        <h2>{title}</h2>
        <p className="conversation-subtitle">{subtitle}</p>
      </div>
      {conversation.kind === 'group' && (
        <div className="conversation-header-actions">
          <AddPeopleDialog conversation={conversation} me={me} slug={slug} />
          <ConfirmButton label={t('chat.leave')} confirmLabel={t('chat.leaveConfirm')} disabled={leave.pending} onConfirm={() => void leave.run()} />
        </div>
      )}
      <FormError error={leave.error} />
    </header>
  );
}
