// The tools that appear on a message when hovered or focused: react, reply
// in a thread, edit and delete (mine; administrators delete any). In an
// archived group's room only deleting remains.
import { deleteMessage } from '../../api/chat';
import type { Message } from '../../api/chat-types';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { canDeleteMessage, canEditMessage } from '../../policies/chat-policies';
import { useInstance } from '../instance/instance-context';
import { useConversation } from './conversation-context';
import { ReactionPicker, useToggleReaction } from './message-reactions';

interface MessageActionsProps {
  message: Message;
  onEdit: () => void;
  /** No "reply in thread" inside a thread. */
  inThread: boolean;
}

export function MessageActions({ message, onEdit, inThread }: MessageActionsProps) {
  const t = useT();
  const { instance } = useInstance();
  const { slug, conversation, me, readOnly, changed, openThread } = useConversation();
  const toggle = useToggleReaction(message);
  const viewer = { userId: me, instanceRole: instance.role };
  const remove = useAction(async () => {
    await deleteMessage(slug, conversation.id, message.id);
    changed({ ...message, body: '', html: '', reactions: [], deletedAt: new Date().toISOString() });
  });
  if (message.deletedAt || (readOnly && !canDeleteMessage(viewer, message))) return null;

  return (
    <div className="message-actions" role="group" aria-label={t('chat.messageActions')}>
      {!readOnly && <ReactionPicker onPick={(reaction) => void toggle.run(reaction)} />}
      {!readOnly && !inThread && message.parentId === null && (
        <button type="button" className="button button-quiet" onClick={() => openThread(message.id)}>
          {t('chat.replyInThread')}
        </button>
      )}
      {!readOnly && canEditMessage(viewer, message) && (
        <button type="button" className="button button-quiet" onClick={onEdit}>
          {t('common.edit')}
        </button>
      )}
      {canDeleteMessage(viewer, message) && (
        <ConfirmButton label={t('common.delete')} confirmLabel={t('chat.deleteConfirm')} disabled={remove.pending} onConfirm={() => void remove.run()} />
      )}
      <FormError error={remove.error ?? toggle.error} />
    </div>
  );
}
