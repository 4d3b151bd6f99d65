// Who may see and do what with a group. Combines the instance role (guests
// are confined to the groups they belong or are invited to; instance
// administrators oversee every group) with the group role and visibility.
// A group the actor may not see must behave exactly like one that does not
// exist: callers answer 404 when canSeeGroup is false.
import type { Membership } from '../instances/queries.ts';
import { isAdministrator } from '../instances/policies.ts';
import type { Group, GroupRole } from './queries.ts';

export interface GroupActor {
  membership: Membership;
  groupRole: GroupRole | null;
  invited: boolean;
}

const isGuest = (a: GroupActor) => a.membership.role === 'guest';
const isGroupAdmin = (a: GroupActor) => a.groupRole === 'admin';

export function canCreateGroup(m: Membership): boolean {
  return m.status === 'active' && m.role !== 'guest';
}

export function canSeeGroup(a: GroupActor, g: Group): boolean {
  if (a.groupRole !== null || a.invited) return true;
  if (isGuest(a)) return false;
  return g.visibility !== 'secret' || isAdministrator(a.membership);
}

/** Reading a group's posts and members: members, and everyone but guests in an open group. */
export function canReadGroupContent(a: GroupActor, g: Group): boolean {
  return a.groupRole !== null || (g.visibility === 'open' && !isGuest(a));
}

export function canJoinGroup(a: GroupActor, g: Group): boolean {
  return a.groupRole === null && !g.archivedAt && ((g.visibility === 'open' && !isGuest(a)) || a.invited);
}

export function canRequestToJoin(a: GroupActor, g: Group): boolean {
  return a.groupRole === null && !g.archivedAt && g.visibility === 'private' && !isGuest(a) && !a.invited;
}

/** Settings, archive, invitations, requests, members: group admins and instance administrators. */
export function canManageGroup(a: GroupActor): boolean {
  return isGroupAdmin(a) || isAdministrator(a.membership);
}

export function canPostInGroup(a: GroupActor, g: Group): boolean {
  if (g.archivedAt || a.groupRole === null) return false;
  return g.posting === 'everyone' || isGroupAdmin(a);
}
