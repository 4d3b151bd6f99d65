// /instances: the instances the user belongs to, and the form to create one.
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useT } from '../../i18n/i18n-context';
import { useRoleLabel } from '../../i18n/use-role-label';
import { useSession } from '../../session/session-context';
import { CreateInstanceForm } from './create-instance-form';

export function MyInstancesPage() {
  const t = useT();
  const roleLabel = useRoleLabel();
  const { instances, refreshSession } = useSession();
  const { hash } = useLocation();

  // The list comes with the session; reload it in case an invitation was
  // accepted or an instance created in another tab since.
  useEffect(() => {
    void refreshSession();
  }, [refreshSession]);

  // The instance switcher links to #create-instance; a client-side route
  // change does not scroll to fragments by itself.
  useEffect(() => {
    if (hash === '#create-instance') document.getElementById('create-instance')?.scrollIntoView();
  }, [hash]);

  return (
    <div className="page page-narrow">
      <h1>{t('instances.title')}</h1>
      {instances.length === 0 ? (
        <p className="muted">{t('instances.empty')}</p>
      ) : (
        <ul className="instance-list">
          {instances.map((instance) => (
            <li key={instance.id}>
              <Link to={`/i/${instance.slug}`} className="instance-card">
                <span className="instance-card-name">{instance.name}</span>
                <span className="instance-card-meta">
                  /i/{instance.slug} · {roleLabel(instance.role)}
                  {instance.status === 'suspended' && (
                    <span className="badge badge-warning">{t('instances.suspended')}</span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <section className="card">
        <CreateInstanceForm />
      </section>
    </div>
  );
}
