// State changes of an instance's membership: accounts created by an
// administrator, role and status changes, removal, session revocation.
import { conflict, notFound } from '../../errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.ts';
import { deleteUserSessions } from '../auth/queries.ts';
import { assertAllowed, canAdministerInstance, canManageMember } from '../instances/policies.ts';
import { insertMembership, lockMemberships, type Role } from '../instances/queries.ts';
import { normaliseEmail } from '../users/email.ts';
import { insertUser } from '../users/queries.ts';
import { deleteMembership, findMember, revokeMemberTokens, updateMembership, type MemberRow } from './queries.ts';

export async function createMemberAccount(s: Services, t: TenantContext, input: { email: string; displayName: string; role: Exclude<Role, 'owner'>; password: string }): Promise<MemberRow> {
  assertAllowed(canAdministerInstance(t.membership));
  const email = normaliseEmail(input.email);
  assertAcceptablePassword(input.password, { email });
  const passwordHash = await hashPassword(input.password);
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    const user = await insertUser(tx, { email, displayName: input.displayName.trim(), passwordHash, locale: t.instance.defaultLocale });
    if (!user) throw conflict('email_taken', 'An account with this email already exists: invite this person instead.');
    await insertMembership(tx, { instanceId: t.instance.id, userId: user.id, role: input.role });
    return (await findMember(tx, t.instance.id, user.id))!;
  });
}

/**
 * The target's membership, locked (with the actor's) and checked to be one the
 * actor may manage: a concurrent ownership transfer either completes first and
 * is seen here, or waits for this change.
 */
async function manageableMember(tx: Tx, t: TenantContext, userId: string) {
  const locked = await lockMemberships(tx, t.instance.id, [t.membership.userId, userId]);
  const actor = locked.get(t.membership.userId);
  const target = locked.get(userId);
  if (!target) throw notFound('No such member.');
  assertAllowed(actor !== undefined && canAdministerInstance(actor) && canManageMember(actor, target), 'You cannot change this member.');
  return target;
}

export async function updateMember(s: Services, t: TenantContext, userId: string, changes: { role?: Exclude<Role, 'owner'> | undefined; status?: 'active' | 'disabled' | undefined }): Promise<MemberRow> {
  assertAllowed(canAdministerInstance(t.membership));
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    await manageableMember(tx, t, userId);
    await updateMembership(tx, t.instance.id, userId, changes);
    return (await findMember(tx, t.instance.id, userId))!;
  });
}

export async function removeMember(s: Services, t: TenantContext, userId: string): Promise<void> {
  assertAllowed(canAdministerInstance(t.membership));
  await inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    await manageableMember(tx, t, userId);
    await revokeMemberTokens(tx, t.instance.id, userId);
    await deleteMembership(tx, t.instance.id, userId);
  });
}

/** Signs the member out everywhere (sessions are per account, not per instance). */
export async function revokeMemberSessions(s: Services, t: TenantContext, userId: string): Promise<void> {
  assertAllowed(canAdministerInstance(t.membership));
  await inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    await manageableMember(tx, t, userId);
    await deleteUserSessions(tx, userId);
  });
}
