// /i/:slug/posts/:postId: one post with its comments open, where
// notifications lead.
import { Link, useNavigate, useParams } from 'react-router';
import { fetchPost } from '../../api/posts';
import { ApiError } from '../../api/problem';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { PostCard } from './post/post-card';

export function PostDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { instance } = useInstance();
  const { postId = '' } = useParams();
  const { resource, update } = useResource(() => fetchPost(instance.slug, postId), `post-${postId}`);
  const feed = `/i/${instance.slug}/feed`;

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    if (resource.error instanceof ApiError && resource.error.status === 404) {
      return (
        <EmptyState
          icon="feed"
          title={t('post.notFoundTitle')}
          action={<Link className="button button-secondary" to={feed}>{t('post.backToFeed')}</Link>}
        >
          <p>{t('post.notFoundBody')}</p>
        </EmptyState>
      );
    }
    return <FormError error={resource.error} />;
  }

  const post = resource.data;
  return (
    <div className="page page-feed">
      <p>
        <Link to={post.group ? `/i/${instance.slug}/groups/${post.group.id}` : feed}>
          ← {post.group ? post.group.name : t('nav.feed')}
        </Link>
      </p>
      <h1 className="visually-hidden">{t('post.label', { author: post.author.displayName })}</h1>
      <PostCard
        post={post}
        commentsOpen
        onChange={(changed) => update(() => changed)}
        onDeleted={() => navigate(feed)}
      />
    </div>
  );
}
