// SQL for instances (the tenant registry, global) and memberships (tenant-owned, under RLS).
import type { Tx } from '../../db/transaction.ts';
import { fromMicros, micros, type Keyset } from '../../http/cursor.ts';

export type Role = 'owner' | 'administrator' | 'member' | 'guest';
export type InstanceStatus = 'active' | 'suspended';

export interface Instance {
  id: string;
  slug: string;
  name: string;
  defaultLocale: 'fr' | 'en';
  status: InstanceStatus;
  createdAt: Date;
}

export interface Membership {
  instanceId: string;
  userId: string;
  role: Role;
  status: 'active' | 'disabled';
  createdAt: Date;
}

const INSTANCE_COLUMNS = `id, slug, name, default_locale AS "defaultLocale", status, created_at AS "createdAt"`;
const MEMBERSHIP_COLUMNS = `instance_id AS "instanceId", user_id AS "userId", role, status, created_at AS "createdAt"`;

export async function findInstanceBySlug(tx: Tx, slug: string): Promise<Instance | null> {
  const { rows } = await tx.query<Instance>(`SELECT ${INSTANCE_COLUMNS} FROM instances WHERE slug = $1`, [slug]);
  return rows[0] ?? null;
}

export async function insertInstance(tx: Tx, i: { id: string; slug: string; name: string; defaultLocale: string }): Promise<Instance | null> {
  const { rows } = await tx.query<Instance>(
    `INSERT INTO instances (id, slug, name, default_locale) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING RETURNING ${INSTANCE_COLUMNS}`,
    [i.id, i.slug, i.name, i.defaultLocale],
  );
  return rows[0] ?? null;
}

export async function updateInstance(tx: Tx, id: string, changes: { name?: string | undefined; defaultLocale?: string | undefined }): Promise<Instance> {
  const { rows } = await tx.query<Instance>(
    `UPDATE instances SET name = COALESCE($2, name), default_locale = COALESCE($3, default_locale) WHERE id = $1 RETURNING ${INSTANCE_COLUMNS}`,
    [id, changes.name ?? null, changes.defaultLocale ?? null],
  );
  return rows[0]!;
}

export async function setInstanceStatus(tx: Tx, id: string, status: InstanceStatus): Promise<Instance | null> {
  const { rows } = await tx.query<Instance>(
    `UPDATE instances SET status = $2, suspended_at = CASE WHEN $2 = 'suspended' THEN now() END WHERE id = $1 RETURNING ${INSTANCE_COLUMNS}`,
    [id, status],
  );
  return rows[0] ?? null;
}

/** The registry page for operators: instance metadata only, never instance content. */
export async function listInstancesPage(tx: Tx, limit: number, after: Keyset | null): Promise<Array<Instance & { createdAtMicros: number }>> {
  const { rows } = await tx.query<Instance & { createdAtMicros: number }>(
    `SELECT ${INSTANCE_COLUMNS}, ${micros('created_at')} AS "createdAtMicros" FROM instances
     WHERE ($2::bigint IS NULL OR (created_at, id) > (${fromMicros('$2')}, $3::uuid))
     ORDER BY created_at, id LIMIT $1`,
    [limit, after?.micros ?? null, after?.id ?? null],
  );
  return rows;
}

export async function insertMembership(tx: Tx, m: { instanceId: string; userId: string; role: Role }): Promise<Membership | null> {
  const { rows } = await tx.query<Membership>(
    `INSERT INTO memberships (instance_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (instance_id, user_id) DO NOTHING RETURNING ${MEMBERSHIP_COLUMNS}`,
    [m.instanceId, m.userId, m.role],
  );
  return rows[0] ?? null;
}

export async function findMembership(tx: Tx, instanceId: string, userId: string): Promise<Membership | null> {
  const { rows } = await tx.query<Membership>(
    `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE instance_id = $1 AND user_id = $2`, [instanceId, userId]);
  return rows[0] ?? null;
}

/** Locks the memberships of these users (in a fixed order, so two transactions cannot deadlock) and returns them. */
export async function lockMemberships(tx: Tx, instanceId: string, userIds: string[]): Promise<Map<string, Membership>> {
  const { rows } = await tx.query<Membership>(
    `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE instance_id = $1 AND user_id = ANY($2::uuid[]) ORDER BY user_id FOR UPDATE`,
    [instanceId, userIds]);
  return new Map(rows.map((m) => [m.userId, m]));
}

export async function setMembershipRole(tx: Tx, instanceId: string, userId: string, role: Role): Promise<void> {
  await tx.query('UPDATE memberships SET role = $3 WHERE instance_id = $1 AND user_id = $2', [instanceId, userId, role]);
}

export interface MyInstanceRow extends Instance {
  role: Role;
}

/** Instances where the user has an active membership (RLS: own memberships are visible across instances). */
export async function listUserInstances(tx: Tx, userId: string): Promise<MyInstanceRow[]> {
  const { rows } = await tx.query<MyInstanceRow>(
    `SELECT i.id, i.slug, i.name, i.default_locale AS "defaultLocale", i.status, i.created_at AS "createdAt", m.role
     FROM memberships m JOIN instances i ON i.id = m.instance_id
     WHERE m.user_id = $1 AND m.status = 'active' ORDER BY i.name, i.id`,
    [userId],
  );
  return rows;
}
