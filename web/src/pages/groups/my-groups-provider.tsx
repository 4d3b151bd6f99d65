// Loads the user's groups once per instance and whenever asked to.
import { useMemo, type ReactNode } from 'react';
import { listGroups } from '../../api/groups';
import { useResource } from '../../hooks/use-resource';
import { MyGroupsContext, type MyGroupsValue } from './my-groups-context';

export function MyGroupsProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const { resource, reload } = useResource(() => listGroups(slug, 'mine'), `my-groups-${slug}`);
  const value = useMemo<MyGroupsValue>(
    () => ({
      groups: resource.status === 'ready' ? resource.data.items : [],
      loaded: resource.status !== 'loading',
      reload,
    }),
    [resource, reload],
  );
  return <MyGroupsContext.Provider value={value}>{children}</MyGroupsContext.Provider>;
}
