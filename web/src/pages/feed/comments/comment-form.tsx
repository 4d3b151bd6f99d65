// Writing a comment on a post, or a reply to a comment, with files attached
// if one likes (picked, dropped on the form or pasted).
import { useState, type FormEvent } from 'react';
import { createComment } from '../../../api/comments';
import { COMMENT_MAX_LENGTH, type PostComment } from '../../../api/post-types';
import { AttachButton } from '../../../components/attachments/attach-button';
import { PendingAttachments } from '../../../components/attachments/pending-attachments';
import { useAttachmentUploads } from '../../../components/attachments/use-attachment-uploads';
import { useFileDrop } from '../../../components/attachments/use-file-drop';
import { FormError } from '../../../components/form-error';
import { SubmitButton } from '../../../components/submit-button';
import { useAction } from '../../../hooks/use-action';
import { useT } from '../../../i18n/i18n-context';
import { useInstance } from '../../instance/instance-context';
import { Composer } from '../composer/composer';
import type { LoadMentionCandidates } from '../composer/mention-source';

interface CommentFormProps {
  postId: string;
  /** The comment replied to, or null for a new comment. */
  parent: PostComment | null;
  loadCandidates: LoadMentionCandidates;
  onCreated: (comment: PostComment) => void;
  onCancel?: () => void;
}

export function CommentForm({ postId, parent, loadCandidates, onCreated, onCancel }: CommentFormProps) {
  const t = useT();
  const { instance } = useInstance();
  const [body, setBody] = useState('');
  const uploads = useAttachmentUploads(instance.slug);
  const drop = useFileDrop(uploads.add);
  const action = useAction((text: string, attachmentIds: string[]) =>
    createComment(instance.slug, postId, { body: text, parentId: parent?.id ?? null, attachmentIds }),
  );
  const label = parent ? t('comments.replyTo', { name: parent.author.displayName }) : t('comments.write');
  const invalid = body.trim() === '' || body.length > COMMENT_MAX_LENGTH || uploads.uploading;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (invalid) return;
    const created = await action.run(body, uploads.ready.map((attachment) => attachment.id));
    if (!created) return;
    uploads.handOff();
    setBody('');
    onCreated(created);
  }

  return (
    <form
      className={drop.dragging ? 'form comment-form attachments-drop-target' : 'form comment-form'}
      onSubmit={submit}
      aria-label={label}
      data-drop-hint={t('attachments.dropHere')}
      {...drop.handlers}
    >
      <FormError error={action.error} />
      <Composer
        label={label}
        placeholder={label}
        value={body}
        onChange={setBody}
        maxLength={COMMENT_MAX_LENGTH}
        loadCandidates={loadCandidates}
        rows={2}
        autoFocus={parent !== null}
      />
      <PendingAttachments uploads={uploads} />
      <div className="button-row">
        <SubmitButton pending={action.pending} disabled={invalid}>
          {parent ? t('comments.sendReply') : t('comments.send')}
        </SubmitButton>
        <AttachButton uploads={uploads} />
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
