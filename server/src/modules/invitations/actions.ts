// Invitations: an administrator invites an email address with a role; the
// link (single use, expiring) lets the person join with a new or existing
// account. Only the token's SHA-256 is stored.
import { AppError, conflict, notFound } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import { emails } from '../../mail/templates.ts';
import type { Services } from '../../services.ts';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import { assertAllowed, canAdministerInstance } from '../instances/policies.ts';
import { findMembership, insertMembership, type Instance, type Membership, type Role } from '../instances/queries.ts';
import { normaliseEmail } from '../users/email.ts';
import { findUserByEmail, type UserRecord } from '../users/queries.ts';
import {
  findInvitationByToken, insertInvitation, markAccepted, revokeInvitation, revokePendingForEmail, type InvitationRow,
} from './queries.ts';

const invitationInvalid = () =>
  new AppError(404, 'invitation_invalid', 'This invitation is invalid, expired, revoked or already used. Ask for a new one.');

export async function inviteMember(s: Services, t: TenantContext, inviter: UserRecord, input: { email: string; role: Exclude<Role, 'owner'> }): Promise<InvitationRow> {
  assertAllowed(canAdministerInstance(t.membership));
  const email = normaliseEmail(input.email);
  const secret = newSecret();
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    const existing = await findUserByEmail(tx, email);
    if (existing && (await findMembership(tx, t.instance.id, existing.id))) {
      throw conflict('already_member', 'This person is already a member of the instance.');
    }
    // One live invitation per address: a new one replaces the previous link.
    await revokePendingForEmail(tx, t.instance.id, email);
    const expiresAt = new Date(Date.now() + s.config.invitationTtlMs);
    const invitation = await insertInvitation(tx, { instanceId: t.instance.id, email, role: input.role, tokenHash: hashSecret(secret), invitedBy: inviter.id, expiresAt });
    const link = new URL(`/i/${t.instance.slug}/join?token=${secret}`, s.config.publicUrl).toString();
    const message = emails.invitation(existing?.locale ?? t.instance.defaultLocale, { instanceName: t.instance.name, inviterName: inviter.displayName, link, expiresAt });
    tx.afterCommit(() => void s.mailer.send(email, message));
    return invitation;
  });
}

export async function cancelInvitation(s: Services, t: TenantContext, id: string): Promise<void> {
  assertAllowed(canAdministerInstance(t.membership));
  const revoked = await inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => revokeInvitation(tx, id));
  if (!revoked) throw notFound('No pending invitation with this id.');
}

async function pendingInvitation(s: Services, instance: Instance, token: string): Promise<InvitationRow> {
  const invitation = await inTransaction(s.pool, { instanceId: instance.id }, (tx) => findInvitationByToken(tx, hashSecret(token)));
  if (!invitation || invitation.status !== 'pending') throw invitationInvalid();
  return invitation;
}

export async function previewInvitation(s: Services, instance: Instance, token: string): Promise<InvitationRow> {
  if (instance.status !== 'active') throw invitationInvalid();
  return pendingInvitation(s, instance, token);
}

/** Joins the signed-in user to the instance; the invitation must be addressed to their email. */
export async function acceptInvitation(s: Services, instance: Instance, user: UserRecord, token: string): Promise<Membership> {
  if (instance.status !== 'active') throw invitationInvalid();
  const invitation = await pendingInvitation(s, instance, token);
  if (invitation.email !== user.email) {
    throw new AppError(403, 'invitation_email_mismatch', `This invitation was sent to ${invitation.email}. Sign in with that address to accept it.`);
  }
  return inTransaction(s.pool, { instanceId: instance.id, userId: user.id }, async (tx) => {
    if (!(await markAccepted(tx, invitation.id, user.id))) throw invitationInvalid();
    const existing = await findMembership(tx, instance.id, user.id);
    if (existing) {
      if (existing.status !== 'active') throw new AppError(403, 'membership_disabled', 'Your membership of this instance is disabled.');
      return existing;
    }
    return (await insertMembership(tx, { instanceId: instance.id, userId: user.id, role: invitation.role }))!;
  });
}
