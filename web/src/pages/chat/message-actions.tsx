// The tools that appear on a message when hovered or focused: react, reply
// in a thread, edit and delete (mine; administrators delete any).
import { deleteMessage } from '../../api/chat';
import type { Message } from '../../api/chat-types';
import { REACTIONS } from '../../api/post-types';
import { ConfirmButton } from '../../components/confirm-button';
import { Dropdown } from '../../components/dropdown';
import { FormError } from '../../components/form-error';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { canDeleteMessage, canEditMessage } from '../../policies/chat-policies';
import { REACTION_EMOJI } from '../feed/post/reaction-emoji';
import { useInstance } from '../instance/instance-context';
import { useConversation } from './conversation-context';
import { useToggleReaction } from './message-reactions';

interface MessageActionsProps {
  message: Message;
  onEdit: () => void;
  /** No "reply in thread" inside a thread. */
  inThread: boolean;
}

export function MessageActions({ message, onEdit, inThread }: MessageActionsProps) {
  const t = useT();
  const { instance } = useInstance();
  const { slug, conversation, me, changed, openThread } = useConversation();
  const toggle = useToggleReaction(message);
  const viewer = { userId: me, instanceRole: instance.role };
  const remove = useAction(async () => {
    await deleteMessage(slug, conversation.id, message.id);
    changed({ ...message, body: '', html: '', reactions: [], deletedAt: new Date().toISOString() });
  });
  if (message.deletedAt) return null;

  return (
    <div className="message-actions" role="group" aria-label={t('chat.messageActions')}>
      <Dropdown align="end" buttonLabel={t('reactions.add')} button={<span aria-hidden="true">☺+</span>}>
        {(close) => (
          <div className="reaction-picker">
            {REACTIONS.map((reaction) => (
              <button
                key={reaction}
                type="button"
                className="reaction-choice"
                aria-label={t(`reaction.${reaction}`)}
                title={t(`reaction.${reaction}`)}
                onClick={() => {
                  close();
                  void toggle.run(reaction);
                }}
              >
                {REACTION_EMOJI[reaction]}
              </button>
            ))}
          </div>
        )}
      </Dropdown>
      {!inThread && message.parentId === null && (
        <button type="button" className="button button-quiet" onClick={() => openThread(message.id)}>
          {t('chat.replyInThread')}
        </button>
      )}
      {canEditMessage(viewer, message) && (
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
