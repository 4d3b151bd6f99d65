// /i/:slug/feed: the home feed (my groups and the people I follow), newest
// first, with the composer on top.
import { listFeed } from '../../api/posts';
import { usePagedList } from '../../hooks/use-paged-list';
import { useT } from '../../i18n/i18n-context';
import { canPostOnProfile } from '../../policies/post-policies';
import { useMyGroups } from '../groups/my-groups-context';
import { useInstance } from '../instance/instance-context';
import { PostComposer } from './post-composer';
import { PostFeed } from './post-feed';

export function FeedPage() {
  const t = useT();
  const { instance } = useInstance();
  const { groups } = useMyGroups();
  const slug = instance.slug;
  const list = usePagedList((cursor) => listFeed(slug, { cursor }), `feed-${slug}`);
  const postable = groups.filter((group) => group.can.post);
  const allowProfile = canPostOnProfile(instance.role);

  return (
    <div className="page page-feed">
      <h1>{t('feed.title')}</h1>
      {(allowProfile || postable.length > 0) && (
        <PostComposer
          places={postable.map((group) => ({ id: group.id, name: group.name }))}
          allowProfile={allowProfile}
          onCreated={list.prepend}
        />
      )}
      <PostFeed list={list} label={t('feed.title')} emptyMessage={t('feed.empty')} />
    </div>
  );
}
