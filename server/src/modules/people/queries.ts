// SQL for profiles, custom profile fields and the people directory (tenant-owned, under RLS).
import type { Tx } from '../../db/transaction.ts';
import type { TextKeyset } from '../../http/cursor.ts';

export type FieldType = 'text' | 'choice' | 'date';

export interface ProfileField {
  id: string;
  label: string;
  type: FieldType;
  choices: string[];
  required: boolean;
  editableBy: 'user' | 'admin';
  position: number;
}

const FIELD_COLUMNS = `id, label, type, choices, required, editable_by AS "editableBy", position`;

export async function listFields(tx: Tx, instanceId: string): Promise<ProfileField[]> {
  const { rows } = await tx.query<ProfileField>(`SELECT ${FIELD_COLUMNS} FROM profile_fields WHERE instance_id = $1 ORDER BY position, lower(label), id`, [instanceId]);
  return rows;
}

export async function insertField(tx: Tx, instanceId: string, f: Omit<ProfileField, 'id'>): Promise<ProfileField | null> {
  const { rows } = await tx.query<ProfileField>(
    `INSERT INTO profile_fields (instance_id, label, type, choices, required, editable_by, position) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (instance_id, lower(label)) DO NOTHING RETURNING ${FIELD_COLUMNS}`,
    [instanceId, f.label, f.type, f.choices, f.required, f.editableBy, f.position]);
  return rows[0] ?? null;
}

export async function updateField(tx: Tx, instanceId: string, id: string, f: Partial<Omit<ProfileField, 'id' | 'type'>>): Promise<ProfileField | null> {
  const { rows } = await tx.query<ProfileField>(
    `UPDATE profile_fields SET label = COALESCE($3, label), choices = COALESCE($4, choices), required = COALESCE($5, required),
       editable_by = COALESCE($6, editable_by), position = COALESCE($7, position)
     WHERE instance_id = $1 AND id = $2 RETURNING ${FIELD_COLUMNS}`,
    [instanceId, id, f.label ?? null, f.choices ?? null, f.required ?? null, f.editableBy ?? null, f.position ?? null]);
  return rows[0] ?? null;
}

/** Deletes a field definition and its values in every profile. */
export async function deleteField(tx: Tx, instanceId: string, id: string): Promise<boolean> {
  const result = await tx.query('DELETE FROM profile_fields WHERE instance_id = $1 AND id = $2', [instanceId, id]);
  await tx.query('UPDATE profiles SET fields = fields - $2 WHERE instance_id = $1 AND fields ? $2', [instanceId, id]);
  return result.rowCount === 1;
}

export interface ProfileRow {
  userId: string;
  displayName: string;
  email: string;
  role: string;
  jobTitle: string;
  department: string;
  location: string;
  about: string;
  fields: Record<string, string>;
  hasAvatar: boolean;
  avatarUpdatedAt: Date | null;
  /** lower(display_name) as PostgreSQL computes it: the directory's sort key and cursor. */
  sortName: string;
  /** Whether the viewer follows this person. */
  following: boolean;
}

const PROFILE_COLUMNS = `m.user_id AS "userId", u.display_name AS "displayName", u.email, m.role,
  COALESCE(p.job_title, '') AS "jobTitle", COALESCE(p.department, '') AS department, COALESCE(p.location, '') AS location,
  COALESCE(p.about, '') AS about, COALESCE(p.fields, '{}') AS fields,
  (p.avatar IS NOT NULL) AS "hasAvatar", p.avatar_updated_at AS "avatarUpdatedAt", lower(u.display_name) AS "sortName",
  EXISTS (SELECT 1 FROM follows f WHERE f.instance_id = m.instance_id AND f.follower_id = $2 AND f.followed_id = m.user_id) AS following`;
const PROFILE_FROM = `memberships m JOIN users u ON u.id = m.user_id
  LEFT JOIN profiles p ON p.instance_id = m.instance_id AND p.user_id = m.user_id`;
// Guests only see people they share a group with (and themselves).
const GUEST_SCOPE = `(NOT $3::boolean OR m.user_id = $2 OR EXISTS (
  SELECT 1 FROM group_members mine JOIN group_members theirs ON theirs.group_id = mine.group_id
  WHERE mine.user_id = $2 AND theirs.user_id = m.user_id))`;

export async function findProfile(tx: Tx, instanceId: string, viewerId: string, guest: boolean, userId: string): Promise<ProfileRow | null> {
  const { rows } = await tx.query<ProfileRow>(
    `SELECT ${PROFILE_COLUMNS} FROM ${PROFILE_FROM}
     WHERE m.instance_id = $1 AND m.status = 'active' AND m.user_id = $4 AND ${GUEST_SCOPE}`,
    [instanceId, viewerId, guest, userId]);
  return rows[0] ?? null;
}

export interface DirectoryFilter {
  q: string;
  department?: string | undefined;
  location?: string | undefined;
  jobTitle?: string | undefined;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** A page of the directory, by name: search in name, job title, department, location; exact filters. */
export async function searchDirectory(tx: Tx, instanceId: string, viewerId: string, guest: boolean, f: DirectoryFilter, limit: number, after: TextKeyset | null): Promise<ProfileRow[]> {
  const { rows } = await tx.query<ProfileRow>(
    `SELECT ${PROFILE_COLUMNS} FROM ${PROFILE_FROM}
     WHERE m.instance_id = $1 AND m.status = 'active' AND ${GUEST_SCOPE}
       AND ($4 = '' OR u.display_name ILIKE $5 OR p.job_title ILIKE $5 OR p.department ILIKE $5 OR p.location ILIKE $5)
       AND ($6::text IS NULL OR lower(p.department) = lower($6))
       AND ($7::text IS NULL OR lower(p.location) = lower($7))
       AND ($8::text IS NULL OR lower(p.job_title) = lower($8))
       AND ($9::text IS NULL OR (lower(u.display_name), m.user_id) > ($9, $10::uuid))
     ORDER BY lower(u.display_name), m.user_id LIMIT $11`,
    [instanceId, viewerId, guest, f.q, likePattern(f.q), f.department ?? null, f.location ?? null, f.jobTitle ?? null,
      after?.text ?? null, after?.id ?? null, limit]);
  return rows;
}

export async function upsertProfile(tx: Tx, instanceId: string, userId: string, p: { jobTitle: string; department: string; location: string; about: string; fields: Record<string, string> }): Promise<void> {
  await tx.query(
    `INSERT INTO profiles (instance_id, user_id, job_title, department, location, about, fields) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (instance_id, user_id) DO UPDATE SET job_title = EXCLUDED.job_title, department = EXCLUDED.department,
       location = EXCLUDED.location, about = EXCLUDED.about, fields = EXCLUDED.fields, updated_at = now()`,
    [instanceId, userId, p.jobTitle, p.department, p.location, p.about, p.fields]);
}

export async function setAvatar(tx: Tx, instanceId: string, userId: string, image: Buffer | null): Promise<void> {
  await tx.query(
    `INSERT INTO profiles (instance_id, user_id, avatar, avatar_updated_at) VALUES ($1, $2, $3, CASE WHEN $3::bytea IS NULL THEN NULL ELSE now() END)
     ON CONFLICT (instance_id, user_id) DO UPDATE SET avatar = EXCLUDED.avatar, avatar_updated_at = EXCLUDED.avatar_updated_at, updated_at = now()`,
    [instanceId, userId, image]);
}

export async function findAvatar(tx: Tx, instanceId: string, userId: string): Promise<{ image: Buffer; updatedAt: Date } | null> {
  const { rows } = await tx.query<{ image: Buffer; updatedAt: Date }>(
    'SELECT avatar AS image, avatar_updated_at AS "updatedAt" FROM profiles WHERE instance_id = $1 AND user_id = $2 AND avatar IS NOT NULL',
    [instanceId, userId]);
  return rows[0] ?? null;
}
