// Who may do what inside an instance. Every rule about instance roles lives
// here; actions call these and never compare roles themselves.
import { forbidden } from '../../errors.ts';
import type { Membership, Role } from './queries.ts';

const ADMIN_ROLES: ReadonlySet<Role> = new Set(['owner', 'administrator']);

export function isAdministrator(m: Membership): boolean {
  return m.status === 'active' && ADMIN_ROLES.has(m.role);
}

export function canAdministerInstance(m: Membership): boolean {
  return isAdministrator(m);
}

export function canManageMember(actor: Membership, target: Membership): boolean {
  // Nobody manages the owner through member management (ownership is transferred instead),
  // and nobody demotes, disables or removes themselves by accident.
  return isAdministrator(actor) && target.role !== 'owner' && target.userId !== actor.userId;
}

export function canTransferOwnership(actor: Membership, target: Membership): boolean {
  return actor.role === 'owner' && actor.status === 'active' && target.status === 'active' && target.userId !== actor.userId;
}

export function canUseApiTokens(m: Membership): boolean {
  return m.status === 'active' && m.role !== 'guest';
}

/** Tokens are created from a browser session only. */
export function canCreateApiTokensVia(actorKind: 'session' | 'token'): boolean {
  return actorKind === 'session';
}

export function isPlatformOperator(user: { isOperator: boolean; disabledAt: Date | null }): boolean {
  return user.isOperator && user.disabledAt === null;
}

export function assertAllowed(allowed: boolean, detail?: string): void {
  if (!allowed) throw forbidden(detail);
}
