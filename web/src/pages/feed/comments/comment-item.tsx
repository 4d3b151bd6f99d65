// One comment or reply: author, time, "edited", the sanitised HTML, its
// attachments, and reply / edit / delete as the viewer may.
import { useState } from 'react';
import type { PostComment } from '../../../api/post-types';
import { AttachmentList } from '../../../components/attachments/attachment-list';
import { ConfirmButton } from '../../../components/confirm-button';
import { RelativeTime } from '../../../components/relative-time';
import { SanitisedHtml } from '../../../components/sanitised-html';
import { useT } from '../../../i18n/i18n-context';
import type { LoadMentionCandidates } from '../composer/mention-source';
import { useInstance } from '../../instance/instance-context';
import { PersonLink } from '../../people/person-link';
import { CommentEditForm } from './comment-edit-form';

interface CommentItemProps {
  postId: string;
  comment: PostComment;
  canEdit: boolean;
  canDelete: boolean;
  busy: boolean;
  loadCandidates: LoadMentionCandidates;
  /** Absent when replying is not possible (read-only post). */
  onReply?: () => void;
  onEdited: () => void;
  onDelete: () => void;
}

export function CommentItem(props: CommentItemProps) {
  const { postId, comment, canEdit, canDelete, busy, loadCandidates, onReply, onEdited, onDelete } = props;
  const t = useT();
  const { instance } = useInstance();
  const [editing, setEditing] = useState(false);
  const author = comment.author.displayName;

  return (
    <article className="comment" id={`comment-${comment.id}`} aria-label={t('comments.label', { author })} data-testid="comment">
      <header className="comment-header">
        <PersonLink person={comment.author} className="post-author" />
        <span className="post-meta">
          <RelativeTime iso={comment.createdAt} />
          {comment.editedAt && <span className="muted">{t('post.edited')}</span>}
        </span>
      </header>
      {editing ? (
        <CommentEditForm
          postId={postId}
          comment={comment}
          loadCandidates={loadCandidates}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onEdited();
          }}
        />
      ) : (
        <SanitisedHtml className="comment-body rich-text" html={comment.html} />
      )}
      <AttachmentList slug={instance.slug} attachments={comment.attachments} compact />
      <div className="comment-actions">
        {onReply && (
          <button type="button" className="link-button" aria-label={`${t('comments.reply')} — ${author}`} onClick={onReply}>
            {t('comments.reply')}
          </button>
        )}
        {canEdit && !editing && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
        )}
        {canDelete && (
          <ConfirmButton
            label={t('common.delete')}
            accessibleLabel={`${t('common.delete')} — ${author}`}
            disabled={busy}
            onConfirm={onDelete}
          />
        )}
      </div>
    </article>
  );
}
