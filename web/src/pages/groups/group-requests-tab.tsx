// The Requests tab (for those who manage the group): people asking to join,
// to approve or refuse, and invitations still unanswered, to withdraw.
import { approveRequest, dismissRequest, listGroupRequests } from '../../api/groups';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { RelativeTime } from '../../components/relative-time';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { useGroup } from './group-context';

export function GroupRequestsTab() {
  const t = useT();
  const { group } = useGroup();
  if (!group.can.manage) {
    return (
      <EmptyState icon="lock" title={t('state.forbiddenTitle')}>
        <p>{t('group.managersOnly')}</p>
      </EmptyState>
    );
  }
  return <GroupRequests />;
}

function GroupRequests() {
  const t = useT();
  const { instance } = useInstance();
  const { group, reloadGroup } = useGroup();
  const slug = instance.slug;
  const { resource, reload } = useResource(() => listGroupRequests(slug, group.id), `group-requests-${group.id}`);
  const action = useAction(async (perform: () => Promise<void>) => {
    await perform();
    reload();
    reloadGroup();
  });

  return (
    <section className="card" aria-labelledby="group-requests-title">
      <h2 id="group-requests-title">{t('groupRequests.title')}</h2>
      <FormError error={action.error} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {resource.status === 'ready' && resource.data.items.length === 0 && (
        <p className="muted">{t('groupRequests.empty')}</p>
      )}
      {resource.status === 'ready' && resource.data.items.length > 0 && (
        <ul className="request-list">
          {resource.data.items.map((request) => {
            const name = request.displayName;
            const button = (label: string, variant: string, perform: () => Promise<void>) => (
              <button
                type="button"
                className={`button button-${variant}`}
                aria-label={`${label} — ${name}`}
                disabled={action.pending}
                onClick={() => void action.run(perform)}
              >
                {label}
              </button>
            );
            const dismiss = () => dismissRequest(slug, group.id, request.userId);
            return (
              <li key={request.userId} className="request-item">
                <span>
                  <strong>{name}</strong>{' '}
                  <span className="muted">
                    {t(`groupRequests.kind.${request.kind}`)} · <RelativeTime iso={request.createdAt} />
                  </span>
                </span>
                <span className="button-row">
                  {request.kind === 'request' ? (
                    <>
                      {button(t('groupRequests.approve'), 'primary', () => approveRequest(slug, group.id, request.userId))}
                      {button(t('groupRequests.refuse'), 'quiet', dismiss)}
                    </>
                  ) : (
                    button(t('groupRequests.withdraw'), 'quiet', dismiss)
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
