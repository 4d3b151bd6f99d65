// Invitations to join an instance: the administrators' side and the public
// preview and acceptance used by the person invited.
import { apiDelete, apiGet, apiPost, segment } from './client';
import type { AssignableRole, Invitation, InvitationPreview, ItemList, MyInstance } from './types';

function invitationsPath(slug: string): string {
  return `/i/${segment(slug)}/invitations`;
}

export function listInvitations(slug: string): Promise<ItemList<Invitation>> {
  return apiGet<ItemList<Invitation>>(invitationsPath(slug));
}

export function inviteMember(
  slug: string,
  input: { email: string; role: AssignableRole },
): Promise<Invitation> {
  return apiPost<Invitation>(invitationsPath(slug), input);
}

export function revokeInvitation(slug: string, invitationId: string): Promise<void> {
  return apiDelete(`${invitationsPath(slug)}/${segment(invitationId)}`);
}

export function previewInvitation(slug: string, token: string): Promise<InvitationPreview> {
  return apiGet<InvitationPreview>(`${invitationsPath(slug)}/preview`, { token });
}

export function acceptInvitation(slug: string, token: string): Promise<MyInstance> {
  return apiPost<MyInstance>(`${invitationsPath(slug)}/accept`, { token });
}
