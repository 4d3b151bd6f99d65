// Groups: listing, creation and settings, joining and leaving, members,
// invitations and requests to join, and the people set that fills a group.
import { apiDelete, apiGet, apiPatch, apiPost, apiPut, segment } from './client';
import type {
  Group,
  GroupFilter,
  GroupInput,
  GroupMember,
  GroupRequest,
  GroupRole,
  PeopleSetRule,
} from './group-types';
import type { ItemList } from './types';

function groupsPath(slug: string, groupId?: string): string {
  const base = `/i/${segment(slug)}/groups`;
  return groupId === undefined ? base : `${base}/${segment(groupId)}`;
}

export function listGroups(slug: string, filter: GroupFilter): Promise<ItemList<Group>> {
  return apiGet<ItemList<Group>>(groupsPath(slug), { filter });
}

export function fetchGroup(slug: string, groupId: string): Promise<Group> {
  return apiGet<Group>(groupsPath(slug, groupId));
}

export function createGroup(slug: string, input: GroupInput): Promise<Group> {
  return apiPost<Group>(groupsPath(slug), input);
}

export function updateGroup(
  slug: string,
  groupId: string,
  changes: Partial<GroupInput> & { archived?: boolean },
): Promise<Group> {
  return apiPatch<Group>(groupsPath(slug, groupId), changes);
}

export function deleteGroup(slug: string, groupId: string): Promise<void> {
  return apiDelete(groupsPath(slug, groupId));
}

/** Joins an open group, or accepts an invitation to any group. */
export function joinGroup(slug: string, groupId: string): Promise<void> {
  return apiPost(`${groupsPath(slug, groupId)}/join`);
}

export function leaveGroup(slug: string, groupId: string): Promise<void> {
  return apiPost(`${groupsPath(slug, groupId)}/leave`);
}

export function listGroupMembers(slug: string, groupId: string): Promise<ItemList<GroupMember>> {
  return apiGet<ItemList<GroupMember>>(`${groupsPath(slug, groupId)}/members`);
}

export function setGroupRole(
  slug: string,
  groupId: string,
  userId: string,
  role: GroupRole,
): Promise<void> {
  return apiPatch<void>(`${groupsPath(slug, groupId)}/members/${segment(userId)}`, { role });
}

export function removeGroupMember(slug: string, groupId: string, userId: string): Promise<void> {
  return apiDelete(`${groupsPath(slug, groupId)}/members/${segment(userId)}`);
}

export function inviteToGroup(slug: string, groupId: string, userId: string): Promise<void> {
  return apiPost(`${groupsPath(slug, groupId)}/invitations`, { userId });
}

export function listGroupRequests(slug: string, groupId: string): Promise<ItemList<GroupRequest>> {
  return apiGet<ItemList<GroupRequest>>(`${groupsPath(slug, groupId)}/requests`);
}

export function requestToJoin(slug: string, groupId: string): Promise<void> {
  return apiPost(`${groupsPath(slug, groupId)}/requests`);
}

export function approveRequest(slug: string, groupId: string, userId: string): Promise<void> {
  return apiPost(`${groupsPath(slug, groupId)}/requests/${segment(userId)}/approve`);
}

/**
 * Refuses a request or withdraws an invitation (administrators), or, with
 * one's own id, withdraws one's request or declines one's invitation.
 */
export function dismissRequest(slug: string, groupId: string, userId: string): Promise<void> {
  return apiDelete(`${groupsPath(slug, groupId)}/requests/${segment(userId)}`);
}

export function fetchPeopleSet(slug: string, groupId: string): Promise<{ rule: PeopleSetRule | null }> {
  return apiGet(`${groupsPath(slug, groupId)}/people-set`);
}

/** Sets the rule, or clears it with null (group administrators). */
export function setPeopleSet(
  slug: string,
  groupId: string,
  rule: PeopleSetRule | null,
): Promise<{ rule: PeopleSetRule | null }> {
  return apiPut(`${groupsPath(slug, groupId)}/people-set`, { rule });
}
