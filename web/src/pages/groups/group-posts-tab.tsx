// The Posts tab of a group: the composer for those who may post, the
// pinned posts, then the others newest first.
import type { Post } from '../../api/post-types';
import { listFeed } from '../../api/posts';
import { EmptyState } from '../../components/empty-state';
import { usePagedList } from '../../hooks/use-paged-list';
import { useT } from '../../i18n/i18n-context';
import { PostComposer } from '../feed/post-composer';
import { PostFeed } from '../feed/post-feed';
import { useInstance } from '../instance/instance-context';
import { useGroup } from './group-context';

const PINNED_LIMIT = 50;

export function GroupPostsTab() {
  const t = useT();
  const { group } = useGroup();
  if (!group.can.read) {
    return (
      <EmptyState icon="lock" title={t('group.privateTitle')}>
        <p>{t('group.privateBody')}</p>
      </EmptyState>
    );
  }
  return <GroupPosts />;
}

function GroupPosts() {
  const t = useT();
  const { instance } = useInstance();
  const { group } = useGroup();
  const slug = instance.slug;
  const pinned = usePagedList(
    (cursor) => listFeed(slug, { cursor, groupId: group.id, pinned: true, limit: PINNED_LIMIT }),
    `pinned-${group.id}`,
  );
  const posts = usePagedList((cursor) => listFeed(slug, { cursor, groupId: group.id }), `group-feed-${group.id}`);
  // Pinning moves a post between the two lists: ask the server for both again.
  const pinChanged = (post: Post, previous: Post) => {
    if (post.pinned === previous.pinned) return;
    pinned.reload();
    posts.reload();
  };

  const hasPinned = pinned.items.length > 0;
  const hasOthers = posts.items.some((post) => !post.pinned);

  return (
    <div className="group-posts">
      {group.can.post && (
        <PostComposer
          places={[{ id: group.id, name: group.name }]}
          allowProfile={false}
          onCreated={posts.prepend}
        />
      )}
      {hasPinned && (
        <>
          <h2 className="section-title">{t('group.pinned')}</h2>
          <PostFeed
            list={pinned}
            label={t('group.pinned')}
            emptyMessage=""
            readOnly={group.archived}
            onPostChange={pinChanged}
          />
          {hasOthers && <h2 className="section-title">{t('group.latest')}</h2>}
        </>
      )}
      <PostFeed
        list={posts}
        label={t('group.tab.posts')}
        emptyMessage={hasPinned ? '' : group.can.post ? t('group.noPostsYet') : t('group.noPosts')}
        readOnly={group.archived}
        hide={(post) => post.pinned}
        onPostChange={pinChanged}
      />
    </div>
  );
}
