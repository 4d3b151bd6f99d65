// The groups the signed-in user belongs to in the current instance. Several
// parts of the interface need them: the home composer (where can I post?),
// mention suggestions (whom do I know?) and post menus (where do I moderate?).
import { createContext, useContext } from 'react';
import type { Group } from '../../api/group-types';

export interface MyGroupsValue {
  /** Empty until loaded; a failure to load leaves it empty. */
  groups: Group[];
  loaded: boolean;
  /** Call after joining, leaving, creating or changing a group. */
  reload: () => void;
}

export const MyGroupsContext = createContext<MyGroupsValue | null>(null);

export function useMyGroups(): MyGroupsValue {
  const value = useContext(MyGroupsContext);
  if (!value) throw new Error('useMyGroups must be used inside <MyGroupsProvider>');
  return value;
}
