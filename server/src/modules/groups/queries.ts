// SQL for groups, their members and pending requests/invitations (tenant-owned, under RLS).
import type { Tx } from '../../db/transaction.ts';

export type Visibility = 'open' | 'private' | 'secret';
export type Posting = 'everyone' | 'admins';
export type GroupRole = 'admin' | 'member';

export interface Group {
  id: string;
  instanceId: string;
  name: string;
  description: string;
  visibility: Visibility;
  posting: Posting;
  createdAt: Date;
  archivedAt: Date | null;
  memberCount: number;
}

export interface GroupMembership {
  groupId: string;
  userId: string;
  role: GroupRole;
}

export interface GroupRequest {
  groupId: string;
  userId: string;
  kind: 'request' | 'invitation';
  createdBy: string;
  createdAt: Date;
}

const GROUP_COLUMNS = `g.id, g.instance_id AS "instanceId", g.name, g.description, g.visibility, g.posting,
  g.created_at AS "createdAt", g.archived_at AS "archivedAt",
  (SELECT count(*) FROM group_members c WHERE c.group_id = g.id)::int AS "memberCount"`;

export async function insertGroup(tx: Tx, g: { instanceId: string; name: string; description: string; visibility: Visibility; posting: Posting; createdBy: string }): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO groups (instance_id, name, description, visibility, posting, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (instance_id, lower(name)) WHERE visibility <> 'secret' DO NOTHING RETURNING id`,
    [g.instanceId, g.name, g.description, g.visibility, g.posting, g.createdBy],
  );
  return rows[0]?.id ?? null;
}

export async function findGroup(tx: Tx, instanceId: string, id: string): Promise<Group | null> {
  const { rows } = await tx.query<Group>(`SELECT ${GROUP_COLUMNS} FROM groups g WHERE g.instance_id = $1 AND g.id = $2`, [instanceId, id]);
  return rows[0] ?? null;
}

export interface ListedGroup extends Group {
  myRole: GroupRole | null;
  myRequest: 'request' | 'invitation' | null;
}

/** Groups the user may see: members see theirs; non-guests also see open and private ones; invitees see where they are invited. */
export async function listVisibleGroups(tx: Tx, instanceId: string, userId: string, options: { seeAll: boolean; guest: boolean; mine: boolean; archived: boolean }): Promise<ListedGroup[]> {
  const { rows } = await tx.query<ListedGroup>(
    `SELECT ${GROUP_COLUMNS}, gm.role AS "myRole", r.kind AS "myRequest"
     FROM groups g
     LEFT JOIN group_members gm ON gm.group_id = g.id AND gm.user_id = $2
     LEFT JOIN group_requests r ON r.group_id = g.id AND r.user_id = $2
     WHERE g.instance_id = $1
       AND (g.archived_at IS NULL) = NOT $6
       AND (gm.user_id IS NOT NULL
            OR (NOT $5 AND ($3 OR (NOT $4 AND g.visibility <> 'secret')))
            OR (NOT $5 AND r.kind = 'invitation'))
     ORDER BY lower(g.name), g.id`,
    [instanceId, userId, options.seeAll, options.guest, options.mine, options.archived],
  );
  return rows;
}

export async function updateGroup(tx: Tx, id: string, c: { name?: string | undefined; description?: string | undefined; visibility?: Visibility | undefined; posting?: Posting | undefined }): Promise<boolean> {
  const result = await tx.query(
    `UPDATE groups SET name = COALESCE($2, name), description = COALESCE($3, description),
       visibility = COALESCE($4, visibility), posting = COALESCE($5, posting) WHERE id = $1`,
    [id, c.name ?? null, c.description ?? null, c.visibility ?? null, c.posting ?? null],
  );
  return result.rowCount === 1;
}

export async function setArchived(tx: Tx, id: string, archived: boolean): Promise<void> {
  await tx.query('UPDATE groups SET archived_at = CASE WHEN $2 THEN now() END WHERE id = $1', [id, archived]);
}

export async function deleteGroup(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM groups WHERE id = $1', [id]);
}

export async function findGroupMembership(tx: Tx, groupId: string, userId: string): Promise<GroupMembership | null> {
  const { rows } = await tx.query<GroupMembership>(
    'SELECT group_id AS "groupId", user_id AS "userId", role FROM group_members WHERE group_id = $1 AND user_id = $2', [groupId, userId]);
  return rows[0] ?? null;
}

export async function upsertGroupMember(tx: Tx, m: { instanceId: string; groupId: string; userId: string; role: GroupRole }): Promise<void> {
  await tx.query(
    `INSERT INTO group_members (instance_id, group_id, user_id, role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (group_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
    [m.instanceId, m.groupId, m.userId, m.role],
  );
}

export async function deleteGroupMember(tx: Tx, groupId: string, userId: string): Promise<boolean> {
  const result = await tx.query('DELETE FROM group_members WHERE group_id = $1 AND user_id = $2', [groupId, userId]);
  return result.rowCount === 1;
}

/**
 * Locks the administrators' rows while counting them, so that two of them leaving
 * or being demoted at the same time cannot both see "another one remains".
 */
export async function countGroupAdmins(tx: Tx, groupId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM (SELECT 1 FROM group_members WHERE group_id = $1 AND role = 'admin' ORDER BY user_id FOR UPDATE) admins", [groupId]);
  return rows[0]!.n;
}

export interface GroupMemberRow {
  userId: string;
  displayName: string;
  role: GroupRole;
  joinedAt: Date;
}

export async function listGroupMembers(tx: Tx, groupId: string): Promise<GroupMemberRow[]> {
  const { rows } = await tx.query<GroupMemberRow>(
    `SELECT gm.user_id AS "userId", u.display_name AS "displayName", gm.role, gm.created_at AS "joinedAt"
     FROM group_members gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = $1 ORDER BY gm.role, lower(u.display_name), gm.user_id`,
    [groupId],
  );
  return rows;
}

export async function insertGroupRequest(tx: Tx, r: { instanceId: string; groupId: string; userId: string; kind: 'request' | 'invitation'; createdBy: string }): Promise<void> {
  await tx.query(
    `INSERT INTO group_requests (instance_id, group_id, user_id, kind, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (group_id, user_id) DO UPDATE SET kind = EXCLUDED.kind, created_by = EXCLUDED.created_by, created_at = now()`,
    [r.instanceId, r.groupId, r.userId, r.kind, r.createdBy],
  );
}

export async function findGroupRequest(tx: Tx, groupId: string, userId: string): Promise<GroupRequest | null> {
  const { rows } = await tx.query<GroupRequest>(
    `SELECT group_id AS "groupId", user_id AS "userId", kind, created_by AS "createdBy", created_at AS "createdAt"
     FROM group_requests WHERE group_id = $1 AND user_id = $2`, [groupId, userId]);
  return rows[0] ?? null;
}

export async function deleteGroupRequest(tx: Tx, groupId: string, userId: string): Promise<boolean> {
  const result = await tx.query('DELETE FROM group_requests WHERE group_id = $1 AND user_id = $2', [groupId, userId]);
  return result.rowCount === 1;
}

export async function listGroupRequests(tx: Tx, groupId: string): Promise<Array<GroupRequest & { displayName: string }>> {
  const { rows } = await tx.query<GroupRequest & { displayName: string }>(
    `SELECT r.group_id AS "groupId", r.user_id AS "userId", r.kind, r.created_by AS "createdBy", r.created_at AS "createdAt", u.display_name AS "displayName"
     FROM group_requests r JOIN users u ON u.id = r.user_id WHERE r.group_id = $1 ORDER BY r.created_at`, [groupId]);
  return rows;
}

export async function listGroupAdminIds(tx: Tx, groupId: string): Promise<string[]> {
  const { rows } = await tx.query<{ userId: string }>("SELECT user_id AS \"userId\" FROM group_members WHERE group_id = $1 AND role = 'admin'", [groupId]);
  return rows.map((r) => r.userId);
}
