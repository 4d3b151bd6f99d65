// The earlier versions of an edited post, newest first, as their Markdown
// source (shown as text, never as HTML).
import { listRevisions } from '../../../api/posts';
import { FormError } from '../../../components/form-error';
import { Loading } from '../../../components/loading';
import { RelativeTime } from '../../../components/relative-time';
import { useResource } from '../../../hooks/use-resource';
import { useT } from '../../../i18n/i18n-context';
import { useInstance } from '../../instance/instance-context';

export function PostHistory({ postId, id }: { postId: string; id: string }) {
  const t = useT();
  const { instance } = useInstance();
  const { resource } = useResource(
    () => listRevisions(instance.slug, postId),
    `revisions-${postId}`,
  );

  return (
    <section id={id} className="post-history" aria-label={t('post.historyTitle')}>
      <h3>{t('post.historyTitle')}</h3>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {resource.status === 'ready' &&
        (resource.data.items.length === 0 ? (
          <p className="muted">{t('post.historyEmpty')}</p>
        ) : (
          <ol className="revision-list">
            {resource.data.items.map((revision) => (
              <li key={revision.replacedAt}>
                <p className="muted">
                  {t('post.replaced')} <RelativeTime iso={revision.replacedAt} />
                </p>
                <pre className="revision-body">{revision.body}</pre>
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
