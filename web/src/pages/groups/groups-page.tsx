// /i/:slug/groups: the groups I can see, mine, or the archived ones (a tab
// each, kept in ?filter= so it can be linked), and the way to start a group.
import { useSearchParams } from 'react-router';
import { listGroups } from '../../api/groups';
import type { GroupFilter } from '../../api/group-types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { TabLinks } from '../../components/tab-links';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { canCreateGroup } from '../../policies/post-policies';
import { useInstance } from '../instance/instance-context';
import { CreateGroupDialog } from './create-group-dialog';
import { GroupCard } from './group-card';

const FILTERS: readonly GroupFilter[] = ['visible', 'mine', 'archived'];

function readFilter(value: string | null): GroupFilter {
  return FILTERS.find((filter) => filter === value) ?? 'visible';
}

export function GroupsPage() {
  const t = useT();
  const { instance } = useInstance();
  const [params] = useSearchParams();
  const filter = readFilter(params.get('filter'));
  const { resource, reload } = useResource(
    () => listGroups(instance.slug, filter),
    `groups-${instance.slug}-${filter}`,
  );

  return (
    <div className="page">
      <div className="page-heading">
        <h1>{t('groups.title')}</h1>
        {canCreateGroup(instance.role) && <CreateGroupDialog />}
      </div>
      <TabLinks
        label={t('groups.tabsLabel')}
        tabs={FILTERS.map((each) => ({
          to: each === 'visible' ? '?' : `?filter=${each}`,
          label: t(`groups.filter.${each}`),
          current: each === filter,
        }))}
      />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {resource.status === 'ready' &&
        (resource.data.items.length === 0 ? (
          <p className="muted empty-list">{t(`groups.empty.${filter}`)}</p>
        ) : (
          <div className="group-grid">
            {resource.data.items.map((group) => (
              <GroupCard key={group.id} group={group} onChanged={reload} />
            ))}
          </div>
        ))}
    </div>
  );
}
