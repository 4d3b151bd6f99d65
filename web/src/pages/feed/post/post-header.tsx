// Who wrote a post, where, and when: author (a link to their profile), group
// link, time (a link to the post's own page), the pinned mark and the
// "edited" marker that opens the post's history.
import { Link } from 'react-router';
import type { Post } from '../../../api/post-types';
import { Icon } from '../../../components/icon';
import { RelativeTime } from '../../../components/relative-time';
import { useT } from '../../../i18n/i18n-context';
import { useInstance } from '../../instance/instance-context';
import { PersonLink } from '../../people/person-link';

interface PostHeaderProps {
  post: Post;
  historyId: string;
  historyOpen: boolean;
  onToggleHistory: () => void;
}

export function PostHeader({ post, historyId, historyOpen, onToggleHistory }: PostHeaderProps) {
  const t = useT();
  const { instance } = useInstance();
  const base = `/i/${instance.slug}`;

  return (
    <header className="post-header">
      <PersonLink person={post.author} className="post-author" />
      {post.group && (
        <span className="post-place">
          {t('post.inGroup')} <Link to={`${base}/groups/${post.group.id}`}>{post.group.name}</Link>
        </span>
      )}
      <span className="post-meta">
        <Link to={`${base}/posts/${post.id}`} className="post-time">
          <RelativeTime iso={post.createdAt} />
        </Link>
        {post.editedAt && (
          <button
            type="button"
            className="link-button"
            aria-expanded={historyOpen}
            aria-controls={historyOpen ? historyId : undefined}
            onClick={onToggleHistory}
          >
            {t('post.edited')}
          </button>
        )}
        {post.pinned && (
          <span className="badge badge-accent">
            <Icon name="pin" size={12} /> {t('post.pinned')}
          </span>
        )}
      </span>
    </header>
  );
}
