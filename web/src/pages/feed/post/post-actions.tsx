// The buttons along the bottom of a post besides reactions: bookmark, pin
// (group administrators), edit (the author) and delete (the author or a
// moderator).
import { setBookmarked, setPinned, deletePost } from '../../../api/posts';
import type { Post } from '../../../api/post-types';
import { ConfirmButton } from '../../../components/confirm-button';
import { FormError } from '../../../components/form-error';
import { Icon } from '../../../components/icon';
import { useAction } from '../../../hooks/use-action';
import { useT } from '../../../i18n/i18n-context';
import { canDeletePost, canEditPost, canPinPost, type PostViewer } from '../../../policies/post-policies';
import { useInstance } from '../../instance/instance-context';

interface PostActionsProps {
  post: Post;
  viewer: PostViewer;
  readOnly: boolean;
  onChange: (post: Post) => void;
  onEdit: () => void;
  onDeleted: (postId: string) => void;
}

export function PostActions({ post, viewer, readOnly, onChange, onEdit, onDeleted }: PostActionsProps) {
  const t = useT();
  const { instance } = useInstance();
  const slug = instance.slug;
  const action = useAction(async (perform: () => Promise<void>) => perform());
  const run = (perform: () => Promise<void>) => void action.run(perform);

  const toggleBookmark = () =>
    run(async () => {
      await setBookmarked(slug, post.id, !post.bookmarked);
      onChange({ ...post, bookmarked: !post.bookmarked });
    });
  const togglePin = () =>
    run(async () => {
      await setPinned(slug, post.id, !post.pinned);
      onChange({ ...post, pinned: !post.pinned });
    });
  const remove = () =>
    run(async () => {
      await deletePost(slug, post.id);
      onDeleted(post.id);
    });

  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        aria-pressed={post.bookmarked}
        disabled={action.pending}
        onClick={toggleBookmark}
      >
        <Icon name="bookmark" size={16} />
        {t('post.bookmark')}
      </button>
      {!readOnly && canPinPost(viewer, post) && (
        <button type="button" className="button button-quiet" disabled={action.pending} onClick={togglePin}>
          <Icon name="pin" size={16} />
          {post.pinned ? t('post.unpin') : t('post.pin')}
        </button>
      )}
      {!readOnly && canEditPost(viewer, post) && (
        <button type="button" className="button button-quiet" onClick={onEdit}>
          {t('common.edit')}
        </button>
      )}
      {canDeletePost(viewer, post) && (
        <ConfirmButton
          label={t('common.delete')}
          confirmLabel={t('post.deleteConfirm')}
          disabled={action.pending}
          onConfirm={remove}
        />
      )}
      <FormError error={action.error} />
    </>
  );
}
