// Editing a post in place. The server keeps the previous text in the
// post's history and answers with the new rendering.
import { useMemo, useState, type FormEvent } from 'react';
import { POST_MAX_LENGTH, type Post } from '../../../api/post-types';
import { editPost } from '../../../api/posts';
import { FormError } from '../../../components/form-error';
import { SubmitButton } from '../../../components/submit-button';
import { useAction } from '../../../hooks/use-action';
import { useT } from '../../../i18n/i18n-context';
import { useInstance } from '../../instance/instance-context';
import { Composer } from '../composer/composer';
import { mentionNamesFromHtml } from '../composer/mention-tokens';
import type { LoadMentionCandidates } from '../composer/mention-source';

interface PostEditFormProps {
  post: Post;
  loadCandidates: LoadMentionCandidates;
  onSaved: (post: Post) => void;
  onCancel: () => void;
}

export function PostEditForm({ post, loadCandidates, onSaved, onCancel }: PostEditFormProps) {
  const t = useT();
  const { instance } = useInstance();
  const [body, setBody] = useState(post.body);
  const knownNames = useMemo(() => mentionNamesFromHtml(post.html), [post.html]);
  const action = useAction((text: string) => editPost(instance.slug, post.id, text));
  const empty = body.trim() === '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (empty || body.length > POST_MAX_LENGTH) return;
    const saved = await action.run(body);
    if (saved) onSaved(saved);
  }

  return (
    <form className="form post-edit" onSubmit={submit} aria-label={t('post.editTitle')}>
      <FormError error={action.error} />
      <Composer
        label={t('post.editTitle')}
        value={body}
        onChange={setBody}
        maxLength={POST_MAX_LENGTH}
        loadCandidates={loadCandidates}
        knownNames={knownNames}
        rows={5}
        autoFocus
      />
      <div className="button-row">
        <SubmitButton pending={action.pending} pendingLabel={t('common.saving')} disabled={empty || body.length > POST_MAX_LENGTH}>
          {t('common.save')}
        </SubmitButton>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
