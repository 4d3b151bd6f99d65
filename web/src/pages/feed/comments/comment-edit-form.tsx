// Editing one's comment in place; the thread reloads to show the new text.
import { useMemo, useState, type FormEvent } from 'react';
import { editComment } from '../../../api/comments';
import { COMMENT_MAX_LENGTH, type PostComment } from '../../../api/post-types';
import { FormError } from '../../../components/form-error';
import { SubmitButton } from '../../../components/submit-button';
import { useAction } from '../../../hooks/use-action';
import { useT } from '../../../i18n/i18n-context';
import { useInstance } from '../../instance/instance-context';
import { Composer } from '../composer/composer';
import type { LoadMentionCandidates } from '../composer/mention-source';
import { mentionNamesFromHtml } from '../composer/mention-tokens';

interface CommentEditFormProps {
  postId: string;
  comment: PostComment;
  loadCandidates: LoadMentionCandidates;
  onSaved: () => void;
  onCancel: () => void;
}

export function CommentEditForm({ postId, comment, loadCandidates, onSaved, onCancel }: CommentEditFormProps) {
  const t = useT();
  const { instance } = useInstance();
  const [body, setBody] = useState(comment.body);
  const knownNames = useMemo(() => mentionNamesFromHtml(comment.html), [comment.html]);
  const action = useAction(async (text: string) => {
    await editComment(instance.slug, postId, comment.id, text);
    return true;
  });
  const invalid = body.trim() === '' || body.length > COMMENT_MAX_LENGTH;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!invalid && (await action.run(body))) onSaved();
  }

  return (
    <form className="form comment-form" onSubmit={submit} aria-label={t('comments.editTitle')}>
      <FormError error={action.error} />
      <Composer
        label={t('comments.editTitle')}
        value={body}
        onChange={setBody}
        maxLength={COMMENT_MAX_LENGTH}
        loadCandidates={loadCandidates}
        knownNames={knownNames}
        rows={2}
        autoFocus
      />
      <div className="button-row">
        <SubmitButton pending={action.pending} pendingLabel={t('common.saving')} disabled={invalid}>
          {t('common.save')}
        </SubmitButton>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
