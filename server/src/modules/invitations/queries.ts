// SQL for invitations (tenant-owned, under RLS).
import type { Tx } from '../../db/transaction.ts';
import type { Role } from '../instances/queries.ts';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationRow {
  id: string;
  instanceId: string;
  email: string;
  role: Exclude<Role, 'owner'>;
  status: InvitationStatus;
  createdAt: Date;
  expiresAt: Date;
  invitedBy: string | null;
  inviterName: string | null;
}

const COLUMNS = `i.id, i.instance_id AS "instanceId", i.email, i.role, i.created_at AS "createdAt", i.expires_at AS "expiresAt",
  i.invited_by AS "invitedBy", u.display_name AS "inviterName",
  CASE WHEN i.accepted_at IS NOT NULL THEN 'accepted' WHEN i.revoked_at IS NOT NULL THEN 'revoked'
       WHEN i.expires_at <= now() THEN 'expired' ELSE 'pending' END AS status`;
const FROM = 'FROM invitations i LEFT JOIN users u ON u.id = i.invited_by';

export async function insertInvitation(tx: Tx, v: { instanceId: string; email: string; role: string; tokenHash: Buffer; invitedBy: string; expiresAt: Date }): Promise<InvitationRow> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO invitations (instance_id, email, role, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [v.instanceId, v.email, v.role, v.tokenHash, v.invitedBy, v.expiresAt],
  );
  return (await findInvitation(tx, rows[0]!.id))!;
}

export async function findInvitation(tx: Tx, id: string): Promise<InvitationRow | null> {
  const { rows } = await tx.query<InvitationRow>(`SELECT ${COLUMNS} ${FROM} WHERE i.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findInvitationByToken(tx: Tx, tokenHash: Buffer): Promise<InvitationRow | null> {
  const { rows } = await tx.query<InvitationRow>(`SELECT ${COLUMNS} ${FROM} WHERE i.token_hash = $1`, [tokenHash]);
  return rows[0] ?? null;
}

export async function listInvitations(tx: Tx, instanceId: string, limit: number): Promise<InvitationRow[]> {
  const { rows } = await tx.query<InvitationRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE i.instance_id = $1 ORDER BY i.created_at DESC LIMIT $2`, [instanceId, limit]);
  return rows;
}

export async function revokePendingForEmail(tx: Tx, instanceId: string, email: string): Promise<void> {
  await tx.query(
    'UPDATE invitations SET revoked_at = now() WHERE instance_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL',
    [instanceId, email]);
}

export async function revokeInvitation(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.query('UPDATE invitations SET revoked_at = now() WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL', [id]);
  return result.rowCount === 1;
}

/** Marks a pending, unexpired invitation accepted; false when someone else got there first. */
export async function markAccepted(tx: Tx, id: string, userId: string): Promise<boolean> {
  const result = await tx.query(
    `UPDATE invitations SET accepted_at = now(), accepted_by = $2
     WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()`, [id, userId]);
  return result.rowCount === 1;
}
