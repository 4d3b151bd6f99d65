// Who may read and change posts and comments. A post in a group follows the
// group's rules (groups/policies.ts); a post on a profile is readable by every
// member of the instance except guests.
import { isAdministrator } from '../instances/policies.ts';
import type { Membership } from '../instances/queries.ts';
import { canManageGroup, canPostInGroup, canReadGroupContent, type GroupActor } from '../groups/policies.ts';
import type { Group } from '../groups/queries.ts';
import type { PostRecord } from './queries.ts';

/** The post's group as the actor relates to it; null for profile posts. */
export interface PostContext {
  membership: Membership;
  group: { group: Group; actor: GroupActor } | null;
}

export function canReadPost(c: PostContext, post: PostRecord): boolean {
  if (c.group) return canReadGroupContent(c.group.actor, c.group.group);
  return c.membership.role !== 'guest' || post.authorId === c.membership.userId;
}

export function canPostOnProfile(m: Membership): boolean {
  return m.status === 'active' && m.role !== 'guest';
}

export function canCreatePostIn(c: PostContext): boolean {
  return c.group ? canPostInGroup(c.group.actor, c.group.group) : canPostOnProfile(c.membership);
}

export function canEditPost(c: PostContext, post: PostRecord): boolean {
  return post.authorId === c.membership.userId && !c.group?.group.archivedAt;
}

/** Moderators of a post's place: group administrators, or instance administrators for profile posts. */
export function canModerate(c: PostContext): boolean {
  return c.group ? canManageGroup(c.group.actor) : isAdministrator(c.membership);
}

/** Posts and comments are deleted by their author or a moderator. */
export function canDeletePost(c: PostContext, post: PostRecord): boolean {
  return post.authorId === c.membership.userId || canModerate(c);
}

export function canPinPost(c: PostContext): boolean {
  return c.group !== null && canManageGroup(c.group.actor);
}

/** Commenting and reacting: whoever can read the post, while its group is not archived. */
export function canInteract(c: PostContext, post: PostRecord): boolean {
  return canReadPost(c, post) && !c.group?.group.archivedAt;
}

export function canFollow(m: Membership): boolean {
  return m.status === 'active' && m.role !== 'guest';
}
