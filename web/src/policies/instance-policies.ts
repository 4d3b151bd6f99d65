// Who may see which part of the interface. These only decide what to show:
// the server checks every request again with its own policies, so getting
// one of these wrong hides or shows a button, never grants access.
import type { InstanceRole, Member } from '../api/types';

export function canAdministerInstance(role: InstanceRole): boolean {
  return role === 'owner' || role === 'administrator';
}

export function canTransferOwnership(role: InstanceRole): boolean {
  return role === 'owner';
}

/**
 * Administrators manage everyone but the owner, whose role only changes by a
 * transfer, and but themselves, so nobody locks themselves out by mistake.
 */
export function canManageMember(actorRole: InstanceRole, actorUserId: string, member: Member) {
  return canAdministerInstance(actorRole) && member.role !== 'owner' && member.userId !== actorUserId;
}

/** Candidates for ownership: active members other than the current owner. */
export function canReceiveOwnership(member: Member): boolean {
  return member.role !== 'owner' && member.status === 'active';
}
