// A post's comments, each followed by its replies (one level deep), with a
// reply form under the thread being answered and a comment form at the end.
// A link to #comment-<id> scrolls to that comment once the thread is loaded.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { deleteComment, listComments } from '../../../api/comments';
import type { Post, PostComment } from '../../../api/post-types';
import { FormError } from '../../../components/form-error';
import { Loading } from '../../../components/loading';
import { useAction } from '../../../hooks/use-action';
import { useResource } from '../../../hooks/use-resource';
import { useT } from '../../../i18n/i18n-context';
import { canDeleteComment, type PostViewer } from '../../../policies/post-policies';
import { useInstance } from '../../instance/instance-context';
import type { LoadMentionCandidates } from '../composer/mention-source';
import { CommentForm } from './comment-form';
import { CommentItem } from './comment-item';

interface CommentThreadProps {
  id: string;
  post: Post;
  viewer: PostViewer;
  readOnly: boolean;
  loadCandidates: LoadMentionCandidates;
  onCountChange: (count: number) => void;
}

export function CommentThread({ id, post, viewer, readOnly, loadCandidates, onCountChange }: CommentThreadProps) {
  const t = useT();
  const { instance } = useInstance();
  const { hash } = useLocation();
  const slug = instance.slug;
  const { resource, reload, update } = useResource(() => listComments(slug, post.id), `comments-${post.id}`);
  const [replyingTo, setReplyingTo] = useState<string | null>(null);
  const remove = useAction(async (commentId: string) => {
    await deleteComment(slug, post.id, commentId);
    reload();
  });
  const comments = resource.status === 'ready' ? resource.data.items : null;

  // Keep the post's count in step with what the thread holds.
  const onCountChangeRef = useRef(onCountChange);
  useEffect(() => {
    onCountChangeRef.current = onCountChange;
  });
  const count = comments?.length;
  useEffect(() => {
    if (count !== undefined && count !== post.commentCount) onCountChangeRef.current(count);
  }, [count, post.commentCount]);

  useEffect(() => {
    if (comments && hash.startsWith('#comment-')) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [comments, hash]);

  const added = (comment: PostComment) => {
    update((list) => ({ items: [...list.items, comment] }));
    setReplyingTo(null);
  };
  const item = (comment: PostComment) => (
    <CommentItem
      postId={post.id}
      comment={comment}
      canEdit={!readOnly && comment.author.id === viewer.userId}
      canDelete={canDeleteComment(viewer, post, comment.author.id)}
      busy={remove.pending}
      loadCandidates={loadCandidates}
      // A reply to a reply joins the thread of the first comment.
      onReply={readOnly ? undefined : () => setReplyingTo(comment.parentId ?? comment.id)}
      onEdited={reload}
      onDelete={() => void remove.run(comment.id)}
    />
  );

  return (
    <section id={id} className="comments" aria-label={t('comments.title')}>
      <FormError error={remove.error} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {comments && comments.length === 0 && <p className="muted">{t('comments.empty')}</p>}
      {comments && comments.length > 0 && (
        <ol className="comment-list">
          {comments
            .filter((comment) => comment.parentId === null)
            .map((comment) => (
              <li key={comment.id}>
                {item(comment)}
                <Replies replies={comments.filter((reply) => reply.parentId === comment.id)} render={item} />
                {replyingTo === comment.id && (
                  <CommentForm
                    postId={post.id}
                    parent={comment}
                    loadCandidates={loadCandidates}
                    onCreated={added}
                    onCancel={() => setReplyingTo(null)}
                  />
                )}
              </li>
            ))}
        </ol>
      )}
      {!readOnly && comments && (
        <CommentForm postId={post.id} parent={null} loadCandidates={loadCandidates} onCreated={added} />
      )}
    </section>
  );
}

function Replies({ replies, render }: { replies: PostComment[]; render: (c: PostComment) => ReactNode }) {
  if (replies.length === 0) return null;
  return (
    <ol className="comment-replies">
      {replies.map((reply) => (
        <li key={reply.id}>{render(reply)}</li>
      ))}
    </ol>
  );
}
