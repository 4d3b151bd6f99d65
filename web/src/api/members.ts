// Instance membership as administrators manage it, and ownership transfer.
import { apiDelete, apiGet, apiPatch, apiPost, segment } from './client';
import type { AssignableRole, Member, Page } from './types';

const MEMBERS_PAGE_SIZE = 50;

function membersPath(slug: string, userId?: string): string {
  const base = `/i/${segment(slug)}/members`;
  return userId === undefined ? base : `${base}/${segment(userId)}`;
}

export function listMembers(slug: string, cursor: string | null): Promise<Page<Member>> {
  return apiGet<Page<Member>>(membersPath(slug), { limit: MEMBERS_PAGE_SIZE, cursor });
}

export function createMemberAccount(
  slug: string,
  input: { email: string; displayName: string; role: AssignableRole; password: string },
): Promise<Member> {
  return apiPost<Member>(membersPath(slug), input);
}

export function updateMember(
  slug: string,
  userId: string,
  changes: { role?: AssignableRole; status?: Member['status'] },
): Promise<Member> {
  return apiPatch<Member>(membersPath(slug, userId), changes);
}

export function removeMember(slug: string, userId: string): Promise<void> {
  return apiDelete(membersPath(slug, userId));
}

export function revokeMemberSessions(slug: string, userId: string): Promise<void> {
  return apiPost(`${membersPath(slug, userId)}/revoke-sessions`);
}

export function transferOwnership(slug: string, userId: string): Promise<void> {
  return apiPost(`/i/${segment(slug)}/ownership`, { userId });
}
