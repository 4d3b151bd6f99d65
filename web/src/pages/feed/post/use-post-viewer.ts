// Who is looking at posts, as the post policies need it.
import { useMemo } from 'react';
import type { PostViewer } from '../../../policies/post-policies';
import { useSession } from '../../../session/session-context';
import { useMyGroups } from '../../groups/my-groups-context';
import { useInstance } from '../../instance/instance-context';

export function usePostViewer(): PostViewer {
  const { user } = useSession();
  const { instance } = useInstance();
  const { groups } = useMyGroups();
  return useMemo(
    () => ({ userId: user?.id ?? '', instanceRole: instance.role, groups }),
    [user?.id, instance.role, groups],
  );
}
