// /i/:slug/groups/:groupId and its tabs: loads the group, shows its header
// and the tabs the user may open (posts and members for readers; requests
// and settings for those who manage it), then the current tab.
import { useMemo } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { fetchGroup } from '../../api/groups';
import { ApiError } from '../../api/problem';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { TabLinks } from '../../components/tab-links';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { GroupContext, type GroupValue } from './group-context';
import { GroupHeader } from './group-header';

const TABS = ['posts', 'members', 'requests', 'settings'] as const;
type GroupTab = (typeof TABS)[number];

export function GroupLayout() {
  const t = useT();
  const { instance } = useInstance();
  const { groupId = '' } = useParams();
  const { pathname } = useLocation();
  const { resource, reload } = useResource(
    () => fetchGroup(instance.slug, groupId),
    `group-${instance.slug}-${groupId}`,
  );
  const context = useMemo<GroupValue | null>(
    () => (resource.status === 'ready' ? { group: resource.data, reloadGroup: reload } : null),
    [resource, reload],
  );

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error' || !context) {
    const error = resource.status === 'error' ? resource.error : null;
    if (error instanceof ApiError && error.status === 404) {
      return (
        <EmptyState
          icon="groups"
          title={t('group.notFoundTitle')}
          action={
            <Link className="button button-secondary" to={`/i/${instance.slug}/groups`}>
              {t('group.backToGroups')}
            </Link>
          }
        >
          <p>{t('group.notFoundBody')}</p>
        </EmptyState>
      );
    }
    return <FormError error={error} />;
  }

  const group = context.group;
  const base = `/i/${instance.slug}/groups/${group.id}`;
  const visible = (tab: GroupTab) =>
    tab === 'posts' || (tab === 'members' ? group.can.read : group.can.manage);
  const current: GroupTab = TABS.find((tab) => pathname.endsWith(`/${tab}`)) ?? 'posts';

  return (
    <GroupContext.Provider value={context}>
      <div className="page">
        <GroupHeader group={group} onChanged={reload} />
        {group.archived && <p className="alert alert-warning">{t('group.archivedNotice')}</p>}
        <TabLinks
          label={t('group.tabsLabel')}
          tabs={TABS.filter(visible).map((tab) => ({
            to: tab === 'posts' ? base : `${base}/${tab}`,
            label: t(`group.tab.${tab}`),
            current: tab === current,
          }))}
        />
        <Outlet />
      </div>
    </GroupContext.Provider>
  );
}
