// Which post and comment actions to offer. Like instance-policies.ts these
// only decide what to show; they mirror the server's feed policies (authors
// edit their own; authors and moderators delete; group administrators pin;
// instance administrators moderate everywhere) and the server checks again.
import type { Group } from '../api/group-types';
import type { Post } from '../api/post-types';
import type { InstanceRole } from '../api/types';
import { canAdministerInstance } from './instance-policies';

export interface PostViewer {
  userId: string;
  instanceRole: InstanceRole;
  /** The viewer's groups, with the permissions the server gave for each. */
  groups: readonly Group[];
}

function groupOf(viewer: PostViewer, groupId: string): Group | undefined {
  return viewer.groups.find((group) => group.id === groupId);
}

/** Group administrators moderate their group; instance administrators moderate all. */
export function canModeratePlace(viewer: PostViewer, groupId: string | null): boolean {
  if (canAdministerInstance(viewer.instanceRole)) return true;
  return groupId !== null && (groupOf(viewer, groupId)?.can.manage ?? false);
}

export function canEditPost(viewer: PostViewer, post: Post): boolean {
  return post.author.id === viewer.userId;
}

export function canDeletePost(viewer: PostViewer, post: Post): boolean {
  return post.author.id === viewer.userId || canModeratePlace(viewer, post.group?.id ?? null);
}

export function canPinPost(viewer: PostViewer, post: Post): boolean {
  return post.group !== null && canModeratePlace(viewer, post.group.id);
}

export function canDeleteComment(viewer: PostViewer, post: Post, authorId: string): boolean {
  return authorId === viewer.userId || canModeratePlace(viewer, post.group?.id ?? null);
}

/** Whether the viewer may start a group (guests may not). */
export function canCreateGroup(instanceRole: InstanceRole): boolean {
  return instanceRole !== 'guest';
}

/** Whether the viewer may post on their own profile (guests may not). */
export function canPostOnProfile(instanceRole: InstanceRole): boolean {
  return instanceRole !== 'guest';
}
