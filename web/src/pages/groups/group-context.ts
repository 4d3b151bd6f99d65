// The group a /i/:slug/groups/:groupId page shows, for its tabs.
import { createContext, useContext } from 'react';
import type { Group } from '../../api/group-types';

export interface GroupValue {
  group: Group;
  /** Loads the group again after a change (membership, settings). */
  reloadGroup: () => void;
}

export const GroupContext = createContext<GroupValue | null>(null);

export function useGroup(): GroupValue {
  const value = useContext(GroupContext);
  if (!value) throw new Error('useGroup must be used inside <GroupLayout>');
  return value;
}
