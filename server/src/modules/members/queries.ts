// SQL for the member list of an instance (memberships joined with accounts).
import type { Tx } from '../../db/transaction.ts';
import { fromMicros, micros, type Keyset } from '../../http/cursor.ts';
import type { Role } from '../instances/queries.ts';

export interface MemberRow {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  status: 'active' | 'disabled';
  joinedAt: Date;
  /** created_at in epoch microseconds, for the page cursor. */
  joinedAtMicros: number;
}

const COLUMNS = `m.user_id AS "userId", u.email, u.display_name AS "displayName", m.role, m.status, m.created_at AS "joinedAt",
  ${micros('m.created_at')} AS "joinedAtMicros"`;

/** One page of members, oldest first, keyset-paginated on (joined_at, user_id). */
export async function listMembersPage(tx: Tx, instanceId: string, limit: number, after: Keyset | null): Promise<MemberRow[]> {
  const { rows } = await tx.query<MemberRow>(
    `SELECT ${COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.instance_id = $1 AND ($3::bigint IS NULL OR (m.created_at, m.user_id) > (${fromMicros('$3')}, $4::uuid))
     ORDER BY m.created_at, m.user_id LIMIT $2`,
    [instanceId, limit, after?.micros ?? null, after?.id ?? null],
  );
  return rows;
}

export async function findMember(tx: Tx, instanceId: string, userId: string): Promise<MemberRow | null> {
  const { rows } = await tx.query<MemberRow>(
    `SELECT ${COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.instance_id = $1 AND m.user_id = $2`,
    [instanceId, userId],
  );
  return rows[0] ?? null;
}

export async function updateMembership(tx: Tx, instanceId: string, userId: string, changes: { role?: Role | undefined; status?: 'active' | 'disabled' | undefined }): Promise<void> {
  await tx.query(
    'UPDATE memberships SET role = COALESCE($3, role), status = COALESCE($4, status) WHERE instance_id = $1 AND user_id = $2',
    [instanceId, userId, changes.role ?? null, changes.status ?? null],
  );
}

export async function deleteMembership(tx: Tx, instanceId: string, userId: string): Promise<void> {
  await tx.query('DELETE FROM memberships WHERE instance_id = $1 AND user_id = $2', [instanceId, userId]);
}

export async function revokeMemberTokens(tx: Tx, instanceId: string, userId: string): Promise<void> {
  await tx.query('UPDATE api_tokens SET revoked_at = now() WHERE instance_id = $1 AND user_id = $2 AND revoked_at IS NULL', [instanceId, userId]);
}
