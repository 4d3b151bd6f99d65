// The reactions under a post: one toggle per reaction somebody gave, with its
// count (mine highlighted), and a picker with all of them.
import { REACTIONS, type Post, type Reaction } from '../../../api/post-types';
import { setReaction } from '../../../api/posts';
import { Dropdown } from '../../../components/dropdown';
import { FormError } from '../../../components/form-error';
import { useAction } from '../../../hooks/use-action';
import { useT } from '../../../i18n/i18n-context';
import { useInstance } from '../../instance/instance-context';
import { REACTION_EMOJI } from './reaction-emoji';

interface ReactionBarProps {
  post: Post;
  onChange: (post: Post) => void;
  /** No picker and no toggling, e.g. in an archived group. */
  readOnly?: boolean;
}

function withReaction(post: Post, reaction: Reaction, on: boolean): Post {
  const count = (post.reactions[reaction] ?? 0) + (on ? 1 : -1);
  const reactions = { ...post.reactions, [reaction]: Math.max(0, count) };
  if (!on && count <= 0) delete reactions[reaction];
  const myReactions = on
    ? [...post.myReactions.filter((r) => r !== reaction), reaction]
    : post.myReactions.filter((r) => r !== reaction);
  return { ...post, reactions, myReactions };
}

export function ReactionBar({ post, onChange, readOnly }: ReactionBarProps) {
  const t = useT();
  const { instance } = useInstance();
  const toggle = useAction(async (reaction: Reaction) => {
    const on = !post.myReactions.includes(reaction);
    await setReaction(instance.slug, post.id, reaction, on);
    onChange(withReaction(post, reaction, on));
  });
  const given = REACTIONS.filter((reaction) => (post.reactions[reaction] ?? 0) > 0);

  return (
    <div className="reaction-bar" role="group" aria-label={t('reactions.label')}>
      {given.map((reaction) => (
        <button
          key={reaction}
          type="button"
          className="reaction-chip"
          aria-pressed={post.myReactions.includes(reaction)}
          aria-label={t('reactions.count', { reaction: t(`reaction.${reaction}`), count: post.reactions[reaction] ?? 0 })}
          title={t(`reaction.${reaction}`)}
          disabled={readOnly || toggle.pending}
          onClick={() => void toggle.run(reaction)}
        >
          <span aria-hidden="true">{REACTION_EMOJI[reaction]}</span>
          <span aria-hidden="true">{post.reactions[reaction]}</span>
        </button>
      ))}
      {!readOnly && (
        <Dropdown
          buttonLabel={t('reactions.add')}
          button={<span aria-hidden="true">☺+</span>}
        >
          {(close) => (
            <div className="reaction-picker">
              {REACTIONS.map((reaction) => (
                <button
                  key={reaction}
                  type="button"
                  className="reaction-choice"
                  aria-pressed={post.myReactions.includes(reaction)}
                  aria-label={t(`reaction.${reaction}`)}
                  title={t(`reaction.${reaction}`)}
                  disabled={toggle.pending}
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
      )}
      <FormError error={toggle.error} />
    </div>
  );
}
