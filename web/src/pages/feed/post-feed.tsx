// A list of posts read page by page (home, a group, bookmarks): loading and
// error states, an empty message, the posts, and more as the reader scrolls.
import type { Post } from '../../api/post-types';
import { FormError } from '../../components/form-error';
import { LoadMore } from '../../components/load-more';
import { Loading } from '../../components/loading';
import type { PagedList } from '../../hooks/use-paged-list';
import { PostCard } from './post/post-card';

interface PostFeedProps {
  list: PagedList<Post>;
  label: string;
  emptyMessage: string;
  readOnly?: boolean;
  /** Posts to leave out, e.g. pinned ones already shown above. */
  hide?: (post: Post) => boolean;
  /** Called after a post changed, with its previous state (to react to pinning, bookmarks). */
  onPostChange?: (post: Post, previous: Post) => void;
}

export function PostFeed({ list, label, emptyMessage, readOnly, hide, onPostChange }: PostFeedProps) {
  const posts = hide ? list.items.filter((post) => !hide(post)) : list.items;
  return (
    <section className="post-feed" aria-label={label} aria-busy={list.status === 'loading' || undefined}>
      {list.status === 'loading' && <Loading />}
      {list.status === 'ready' && posts.length === 0 && !list.hasMore && emptyMessage && (
        <p className="muted empty-list">{emptyMessage}</p>
      )}
      {posts.map((post) => (
        <PostCard
          key={post.id}
          post={post}
          readOnly={readOnly}
          onChange={(changed) => {
            list.replace(changed);
            onPostChange?.(changed, post);
          }}
          onDeleted={list.remove}
        />
      ))}
      <FormError error={list.error} />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} automatic />
    </section>
  );
}
