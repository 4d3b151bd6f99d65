// One post as every feed shows it: header, the server's sanitised HTML (or
// the edit form), its attachments, its history when asked, reactions,
// actions and the comments, folded until opened.
import { useId, useState } from 'react';
import type { Post } from '../../../api/post-types';
import { AttachmentList } from '../../../components/attachments/attachment-list';
import { SanitisedHtml } from '../../../components/sanitised-html';
import { useLocale, useT } from '../../../i18n/i18n-context';
import { pluralForm } from '../../../i18n/plural';
import { useInstance } from '../../instance/instance-context';
import { CommentThread } from '../comments/comment-thread';
import { useMentionLoader } from '../composer/use-mention-loader';
import { PostActions } from './post-actions';
import { PostEditForm } from './post-edit-form';
import { PostHeader } from './post-header';
import { PostHistory } from './post-history';
import { ReactionBar } from './reaction-bar';
import { usePostViewer } from './use-post-viewer';

export interface PostCardProps {
  post: Post;
  onChange: (post: Post) => void;
  onDeleted: (postId: string) => void;
  /** Show the comments from the start (the post's own page). */
  commentsOpen?: boolean;
  /** Nothing can be added or changed, e.g. in an archived group. */
  readOnly?: boolean;
}

export function PostCard({ post, onChange, onDeleted, commentsOpen = false, readOnly = false }: PostCardProps) {
  const t = useT();
  const { locale } = useLocale();
  const viewer = usePostViewer();
  const { instance } = useInstance();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [showComments, setShowComments] = useState(commentsOpen);
  const loadCandidates = useMentionLoader();
  const commentsId = `${id}-comments`;

  return (
    <article className="card post" aria-label={t('post.label', { author: post.author.displayName })} data-testid="post">
      <PostHeader
        post={post}
        historyId={`${id}-history`}
        historyOpen={historyOpen}
        onToggleHistory={() => setHistoryOpen((open) => !open)}
      />
      {historyOpen && <PostHistory postId={post.id} id={`${id}-history`} />}
      {editing ? (
        <PostEditForm
          post={post}
          loadCandidates={loadCandidates}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onChange(saved);
          }}
        />
      ) : (
        <SanitisedHtml className="post-body rich-text" html={post.html} />
      )}
      <AttachmentList slug={instance.slug} attachments={post.attachments} />
      <ReactionBar post={post} onChange={onChange} readOnly={readOnly} />
      <div className="post-footer">
        <button
          type="button"
          className="button button-quiet"
          aria-expanded={showComments}
          aria-controls={showComments ? commentsId : undefined}
          onClick={() => setShowComments((open) => !open)}
        >
          {t(`post.comments.${pluralForm(locale, post.commentCount)}`, { count: post.commentCount })}
        </button>
        <PostActions
          post={post}
          viewer={viewer}
          readOnly={readOnly}
          onChange={onChange}
          onEdit={() => setEditing(true)}
          onDeleted={onDeleted}
        />
      </div>
      {showComments && (
        <CommentThread
          id={commentsId}
          post={post}
          viewer={viewer}
          readOnly={readOnly}
          loadCandidates={loadCandidates}
          onCountChange={(commentCount) => onChange({ ...post, commentCount })}
        />
      )}
    </article>
  );
}
