// /i/:slug/bookmarks: the posts I bookmarked, newest first. Removing a
// bookmark takes the post off this page.
import { listBookmarks } from '../../api/posts';
import { usePagedList } from '../../hooks/use-paged-list';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { PostFeed } from './post-feed';

export function BookmarksPage() {
  const t = useT();
  const { instance } = useInstance();
  const slug = instance.slug;
  const list = usePagedList((cursor) => listBookmarks(slug, cursor), `bookmarks-${slug}`);

  return (
    <div className="page page-feed">
      <h1>{t('bookmarks.title')}</h1>
      <PostFeed
        list={list}
        label={t('bookmarks.title')}
        emptyMessage={t('bookmarks.empty')}
        onPostChange={(post) => {
          if (!post.bookmarked) list.remove(post.id);
        }}
      />
    </div>
  );
}
