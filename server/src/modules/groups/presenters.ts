// API shapes of groups, their members and pending requests. `can` tells the
// client which actions to offer; the server checks again on every action.
import type { Static } from 'typebox';
import { canJoinGroup, canManageGroup, canPostInGroup, canReadGroupContent, canRequestToJoin, type GroupActor } from './policies.ts';
import type { Group, GroupMemberRow, GroupRequest } from './queries.ts';
import type { GroupMember, GroupRequestSchema, GroupSchema } from './schemas.ts';

export function presentGroup(g: Group, actor: GroupActor, myRequest: 'request' | 'invitation' | null): Static<typeof GroupSchema> {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    visibility: g.visibility,
    posting: g.posting,
    archived: g.archivedAt !== null,
    memberCount: g.memberCount,
    createdAt: g.createdAt.toISOString(),
    myRole: actor.groupRole,
    myRequest,
    can: {
      read: canReadGroupContent(actor, g),
      post: canPostInGroup(actor, g),
      join: canJoinGroup(actor, g),
      requestToJoin: canRequestToJoin(actor, g) && myRequest === null,
      manage: canManageGroup(actor),
    },
  };
}

export function presentGroupMember(m: GroupMemberRow): Static<typeof GroupMember> {
  return { userId: m.userId, displayName: m.displayName, role: m.role, joinedAt: m.joinedAt.toISOString() };
}

export function presentGroupRequest(r: GroupRequest & { displayName: string }): Static<typeof GroupRequestSchema> {
  return { userId: r.userId, displayName: r.displayName, kind: r.kind, createdAt: r.createdAt.toISOString() };
}
