// The reactions under a message: one toggle per reaction given, with its
// count and who gave it, mine highlighted; and the picker to add one. The
// change shows once the server took it; the live event confirms it.
import { setMessageReaction } from '../../api/chat';
import type { Message } from '../../api/chat-types';
import { REACTIONS, type Reaction } from '../../api/post-types';
import { Dropdown } from '../../components/dropdown';
import { FormError } from '../../components/form-error';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { REACTION_EMOJI } from '../feed/post/reaction-emoji';
import { useConversation } from './conversation-context';

export function withReaction(message: Message, emoji: Reaction, userId: string, on: boolean): Message {
  const others = message.reactions.filter((reaction) => reaction.emoji !== emoji);
  const current = message.reactions.find((reaction) => reaction.emoji === emoji)?.userIds ?? [];
  const userIds = on ? [...current.filter((id) => id !== userId), userId] : current.filter((id) => id !== userId);
  const reactions = userIds.length > 0 ? [...others, { emoji, userIds }] : others;
  reactions.sort((a, b) => REACTIONS.indexOf(a.emoji) - REACTIONS.indexOf(b.emoji));
  return { ...message, reactions };
}

export function useToggleReaction(message: Message) {
  const { slug, conversation, me, changed } = useConversation();
  return useAction(async (emoji: Reaction) => {
    const on = !message.reactions.some((reaction) => reaction.emoji === emoji && reaction.userIds.includes(me));
    await setMessageReaction(slug, conversation.id, message.id, emoji, on);
    changed(withReaction(message, emoji, me, on));
  });
}

export function MessageReactions({ message }: { message: Message }) {
  const t = useT();
  const { me, names } = useConversation();
  const toggle = useToggleReaction(message);
  if (message.reactions.length === 0 && !toggle.error) return null;

  return (
    <div className="reaction-bar message-reactions" role="group" aria-label={t('reactions.label')}>
      {message.reactions.map(({ emoji, userIds }) => (
        <button
          key={emoji}
          type="button"
          className="reaction-chip"
          aria-pressed={userIds.includes(me)}
          aria-label={t('reactions.count', { reaction: t(`reaction.${emoji}`), count: userIds.length })}
          title={userIds.map((id) => (id === me ? t('common.you') : (names.get(id) ?? '…'))).join(', ')}
          disabled={toggle.pending}
          onClick={() => void toggle.run(emoji)}
        >
          <span aria-hidden="true">{REACTION_EMOJI[emoji]}</span>
          <span aria-hidden="true">{userIds.length}</span>
        </button>
      ))}
      <FormError error={toggle.error} />
    </div>
  );
}

/** The "add a reaction" button and its choices. */
export function ReactionPicker({ onPick }: { onPick: (reaction: Reaction) => void }) {
  const t = useT();
  return (
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
                onPick(reaction);
              }}
            >
              {REACTION_EMOJI[reaction]}
            </button>
          ))}
        </div>
      )}
    </Dropdown>
  );
}
