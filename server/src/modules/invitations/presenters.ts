// API shapes of invitations.
import type { Static } from 'typebox';
import type { Instance } from '../instances/queries.ts';
import type { InvitationRow } from './queries.ts';
import type { Invitation, InvitationPreview } from './schemas.ts';

export function presentInvitation(v: InvitationRow): Static<typeof Invitation> {
  return {
    id: v.id, email: v.email, role: v.role, status: v.status,
    createdAt: v.createdAt.toISOString(), expiresAt: v.expiresAt.toISOString(),
    invitedBy: v.invitedBy ? { userId: v.invitedBy, displayName: v.inviterName ?? '' } : null,
  };
}

export function presentPreview(instance: Instance, v: InvitationRow): Static<typeof InvitationPreview> {
  return { instance: { name: instance.name, slug: instance.slug }, email: v.email, role: v.role, expiresAt: v.expiresAt.toISOString() };
}
