// SQL of the drive: items (files and folders), versions, blobs, shares and
// chunked uploads. Tenant-owned tables under RLS; every query also names the
// instance so that it uses the indexes and reads plainly.
import type { Tx } from '../../db/transaction.ts';

export type ItemKind = 'folder' | 'file';
export type ShareRole = 'viewer' | 'editor';

/** A drive is a person's (owner) or a group's. */
export type DriveRef = { kind: 'user'; userId: string } | { kind: 'group'; groupId: string };

export interface ItemRecord {
  id: string;
  kind: ItemKind;
  name: string;
  ownerId: string | null;
  groupId: string | null;
  parentId: string | null;
  currentVersionId: string | null;
  versionNumber: number | null;
  sha256: string | null;
  size: number;
  mediaType: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: Date;
  trashedAt: Date | null;
  trashedRoot: boolean;
}

export interface VersionRecord {
  id: string;
  itemId: string;
  number: number;
  sha256: string;
  size: number;
  mediaType: string;
  uploadedBy: string | null;
  uploadedByName: string | null;
  createdAt: Date;
}

const ITEM_COLUMNS = `i.id, i.kind, i.name, i.owner_id AS "ownerId", i.group_id AS "groupId", i.parent_id AS "parentId",
  i.current_version_id AS "currentVersionId", v.number AS "versionNumber", v.sha256, i.size, i.media_type AS "mediaType",
  i.created_by AS "createdBy", i.created_at AS "createdAt", i.updated_by AS "updatedBy", u.display_name AS "updatedByName",
  i.updated_at AS "updatedAt", i.trashed_at AS "trashedAt", i.trashed_root AS "trashedRoot"`;
const ITEM_FROM = `drive_items i
  LEFT JOIN drive_versions v ON v.id = i.current_version_id
  LEFT JOIN users u ON u.id = i.updated_by`;

export const driveOf = (item: Pick<ItemRecord, 'ownerId' | 'groupId'>): DriveRef =>
  item.ownerId ? { kind: 'user', userId: item.ownerId } : { kind: 'group', groupId: item.groupId as string };

/** The drive's two columns, for inserts and filters. */
const driveColumns = (drive: DriveRef) => drive.kind === 'user' ? [drive.userId, null] : [null, drive.groupId];

export async function findItem(tx: Tx, instanceId: string, id: string, lock = false): Promise<ItemRecord | null> {
  if (lock) await tx.query('SELECT 1 FROM drive_items WHERE instance_id = $1 AND id = $2 FOR UPDATE', [instanceId, id]);
  const { rows } = await tx.query<ItemRecord>(`SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} WHERE i.instance_id = $1 AND i.id = $2`, [instanceId, id]);
  return rows[0] ?? null;
}

export async function listChildren(tx: Tx, instanceId: string, drive: DriveRef, parentId: string | null,
  page: { limit: number; after: { folderFirst: number; name: string; id: string } | null }): Promise<ItemRecord[]> {
  const [ownerId, groupId] = driveColumns(drive);
  const after = page.after;
  const { rows } = await tx.query<ItemRecord>(
    `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM}
     WHERE i.instance_id = $1 AND i.owner_id IS NOT DISTINCT FROM $2 AND i.group_id IS NOT DISTINCT FROM $3
       AND i.parent_id IS NOT DISTINCT FROM $4 AND i.trashed_at IS NULL
       AND ($5::int IS NULL OR (CASE WHEN i.kind = 'folder' THEN 0 ELSE 1 END, lower(i.name), i.id) > ($5::int, lower($6::text), $7::uuid))
     ORDER BY CASE WHEN i.kind = 'folder' THEN 0 ELSE 1 END, lower(i.name), i.id
     LIMIT $8`,
    [instanceId, ownerId, groupId, parentId, after?.folderFirst ?? null, after?.name ?? null, after?.id ?? null, page.limit + 1]);
  return rows;
}

/** The folders from the root down to `id` (included). */
export async function findAncestry(tx: Tx, instanceId: string, id: string): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await tx.query<{ id: string; name: string }>(
    `WITH RECURSIVE up AS (
       SELECT id, name, parent_id, 0 AS depth FROM drive_items WHERE instance_id = $1 AND id = $2
       UNION ALL
       SELECT p.id, p.name, p.parent_id, up.depth + 1 FROM drive_items p JOIN up ON p.id = up.parent_id WHERE p.instance_id = $1 AND up.depth < 100
     ) SELECT id, name FROM up ORDER BY depth DESC`, [instanceId, id]);
  return rows;
}

export async function nameTaken(tx: Tx, instanceId: string, drive: DriveRef, parentId: string | null, name: string, exceptId?: string): Promise<string | null> {
  const [ownerId, groupId] = driveColumns(drive);
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM drive_items WHERE instance_id = $1 AND owner_id IS NOT DISTINCT FROM $2 AND group_id IS NOT DISTINCT FROM $3
       AND parent_id IS NOT DISTINCT FROM $4 AND lower(name) = lower($5) AND trashed_at IS NULL AND id IS DISTINCT FROM $6`,
    [instanceId, ownerId, groupId, parentId, name, exceptId ?? null]);
  return rows[0]?.id ?? null;
}

export async function insertItem(tx: Tx, i: { instanceId: string; drive: DriveRef; parentId: string | null; kind: ItemKind; name: string; userId: string }): Promise<string> {
  const [ownerId, groupId] = driveColumns(i.drive);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO drive_items (instance_id, owner_id, group_id, parent_id, kind, name, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [i.instanceId, ownerId, groupId, i.parentId, i.kind, i.name, i.userId]);
  return (rows[0] as { id: string }).id;
}

/** Adds a version and makes it the file's current one. */
export async function insertVersion(tx: Tx, v: { instanceId: string; itemId: string; sha256: string; size: number; mediaType: string; userId: string }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO drive_versions (instance_id, item_id, number, sha256, size, media_type, uploaded_by)
     VALUES ($1, $2, (SELECT coalesce(max(number), 0) + 1 FROM drive_versions WHERE item_id = $2), $3, $4, $5, $6) RETURNING id`,
    [v.instanceId, v.itemId, v.sha256, v.size, v.mediaType, v.userId]);
  const versionId = (rows[0] as { id: string }).id;
  await tx.query(
    `UPDATE drive_items SET current_version_id = $2, size = $3, media_type = $4, updated_by = $5, updated_at = now() WHERE id = $1`,
    [v.itemId, versionId, v.size, v.mediaType, v.userId]);
  return versionId;
}

export async function listVersions(tx: Tx, instanceId: string, itemId: string): Promise<VersionRecord[]> {
  const { rows } = await tx.query<VersionRecord>(
    `SELECT v.id, v.item_id AS "itemId", v.number, v.sha256, v.size, v.media_type AS "mediaType", v.uploaded_by AS "uploadedBy",
       u.display_name AS "uploadedByName", v.created_at AS "createdAt"
     FROM drive_versions v LEFT JOIN users u ON u.id = v.uploaded_by
     WHERE v.instance_id = $1 AND v.item_id = $2 ORDER BY v.number DESC`, [instanceId, itemId]);
  return rows;
}

export async function renameItem(tx: Tx, id: string, changes: { name: string; parentId: string | null; userId: string }): Promise<void> {
  await tx.query('UPDATE drive_items SET name = $2, parent_id = $3, updated_by = $4, updated_at = now() WHERE id = $1',
    [id, changes.name, changes.parentId, changes.userId]);
}

/** True when `candidate` is `folderId` or lies inside it: moving a folder there would make a cycle. */
export async function isWithin(tx: Tx, instanceId: string, candidate: string, folderId: string): Promise<boolean> {
  return (await findAncestry(tx, instanceId, candidate)).some((f) => f.id === folderId);
}

/** Puts an item and everything under it in the trash. */
export async function trashTree(tx: Tx, instanceId: string, id: string, userId: string): Promise<void> {
  await tx.query(
    `WITH RECURSIVE tree AS (
       SELECT id FROM drive_items WHERE instance_id = $1 AND id = $2
       UNION ALL
       SELECT c.id FROM drive_items c JOIN tree ON c.parent_id = tree.id WHERE c.instance_id = $1 AND c.trashed_at IS NULL
     ) UPDATE drive_items SET trashed_at = now(), trashed_by = $3, trashed_root = (id = $2) WHERE id IN (SELECT id FROM tree)`,
    [instanceId, id, userId]);
}

/** Takes an item and what was trashed with it out of the trash, under `name` and `parentId`. */
export async function restoreTree(tx: Tx, instanceId: string, id: string, place: { name: string; parentId: string | null }): Promise<void> {
  // Renamed while still in the trash, where names need not be unique, then brought back.
  await tx.query('UPDATE drive_items SET name = $2, parent_id = $3 WHERE id = $1', [id, place.name, place.parentId]);
  await tx.query(
    `WITH RECURSIVE tree AS (
       SELECT id, trashed_at FROM drive_items WHERE instance_id = $1 AND id = $2
       UNION ALL
       SELECT c.id, c.trashed_at FROM drive_items c JOIN tree ON c.parent_id = tree.id
       WHERE c.instance_id = $1 AND c.trashed_at = tree.trashed_at AND NOT c.trashed_root
     ) UPDATE drive_items SET trashed_at = NULL, trashed_by = NULL, trashed_root = false WHERE id IN (SELECT id FROM tree)`,
    [instanceId, id]);
}

export async function listTrash(tx: Tx, instanceId: string, drive: DriveRef): Promise<Array<ItemRecord & { trashedByName: string | null }>> {
  const [ownerId, groupId] = driveColumns(drive);
  const { rows } = await tx.query<ItemRecord & { trashedByName: string | null }>(
    `SELECT ${ITEM_COLUMNS}, tb.display_name AS "trashedByName" FROM ${ITEM_FROM} LEFT JOIN users tb ON tb.id = i.trashed_by
     WHERE i.instance_id = $1 AND i.owner_id IS NOT DISTINCT FROM $2 AND i.group_id IS NOT DISTINCT FROM $3 AND i.trashed_root
     ORDER BY i.trashed_at DESC, i.id LIMIT 500`, [instanceId, ownerId, groupId]);
  return rows;
}

/** Deletes items for good (their subtree and versions go by cascade); the blobs are left to the sweep. */
export async function deleteItems(tx: Tx, instanceId: string, ids: string[]): Promise<number> {
  const { rowCount } = await tx.query('DELETE FROM drive_items WHERE instance_id = $1 AND id = ANY($2::uuid[])', [instanceId, ids]);
  return rowCount ?? 0;
}

export async function trashedRootIds(tx: Tx, instanceId: string, drive: DriveRef): Promise<string[]> {
  const [ownerId, groupId] = driveColumns(drive);
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM drive_items WHERE instance_id = $1 AND owner_id IS NOT DISTINCT FROM $2 AND group_id IS NOT DISTINCT FROM $3 AND trashed_root`,
    [instanceId, ownerId, groupId]);
  return rows.map((r) => r.id);
}

// ---- blobs and usage ----

export async function insertBlob(tx: Tx, b: { instanceId: string; sha256: string; size: number; mediaType: string }): Promise<void> {
  await tx.query('INSERT INTO blobs (instance_id, sha256, size, media_type) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [b.instanceId, b.sha256, b.size, b.mediaType]);
}

export async function blobExists(tx: Tx, instanceId: string, sha256: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM blobs WHERE instance_id = $1 AND sha256 = $2', [instanceId, sha256]);
  return rows.length > 0;
}

/** A person's usage: each distinct content they uploaded (drive versions and attachments), once, trash included. */
export async function userUsage(tx: Tx, instanceId: string, userId: string): Promise<number> {
  const { rows } = await tx.query<{ used: number }>(
    `SELECT coalesce(sum(size), 0)::bigint AS used FROM (
       SELECT sha256, size FROM drive_versions WHERE instance_id = $1 AND uploaded_by = $2
       UNION SELECT sha256, size FROM attachments WHERE instance_id = $1 AND uploaded_by = $2) d`,
    [instanceId, userId]);
  return rows[0]?.used ?? 0;
}

export async function userHasContent(tx: Tx, instanceId: string, userId: string, sha256: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM drive_versions WHERE instance_id = $1 AND uploaded_by = $2 AND sha256 = $3
     UNION ALL SELECT 1 FROM attachments WHERE instance_id = $1 AND uploaded_by = $2 AND sha256 = $3 LIMIT 1`, [instanceId, userId, sha256]);
  return rows.length > 0;
}

/** The instance's usage: what is stored, each distinct content once. */
export async function instanceUsage(tx: Tx, instanceId: string): Promise<number> {
  const { rows } = await tx.query<{ used: number }>('SELECT coalesce(sum(size), 0)::bigint AS used FROM blobs WHERE instance_id = $1', [instanceId]);
  return rows[0]?.used ?? 0;
}

// ---- shares ----

export interface ShareRecord {
  id: string;
  itemId: string;
  userId: string | null;
  userName: string | null;
  groupId: string | null;
  groupName: string | null;
  role: ShareRole;
  createdAt: Date;
}

export async function listShares(tx: Tx, instanceId: string, itemId: string): Promise<ShareRecord[]> {
  const { rows } = await tx.query<ShareRecord>(
    `SELECT s.id, s.item_id AS "itemId", s.user_id AS "userId", u.display_name AS "userName", s.group_id AS "groupId", g.name AS "groupName",
       s.role, s.created_at AS "createdAt"
     FROM drive_shares s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN groups g ON g.id = s.group_id
     WHERE s.instance_id = $1 AND s.item_id = $2 ORDER BY s.created_at, s.id`, [instanceId, itemId]);
  return rows;
}

/** The strongest role the person holds on the item through a share to them or to a group they belong to. */
export async function sharedRole(tx: Tx, instanceId: string, itemId: string, userId: string): Promise<ShareRole | null> {
  const { rows } = await tx.query<{ role: ShareRole }>(
    `SELECT s.role FROM drive_shares s
     WHERE s.instance_id = $1 AND s.item_id = $2
       AND (s.user_id = $3 OR s.group_id IN (SELECT group_id FROM group_members WHERE instance_id = $1 AND user_id = $3))
     ORDER BY s.role = 'editor' DESC LIMIT 1`, [instanceId, itemId, userId]);
  return rows[0]?.role ?? null;
}

export async function upsertShare(tx: Tx, s: { instanceId: string; itemId: string; userId: string | null; groupId: string | null; role: ShareRole; createdBy: string }): Promise<{ id: string; created: boolean }> {
  const target = s.userId ? 'user_id' : 'group_id';
  const { rows } = await tx.query<{ id: string; created: boolean }>(
    `INSERT INTO drive_shares (instance_id, item_id, user_id, group_id, role, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (item_id, ${target}) DO UPDATE SET role = EXCLUDED.role
     RETURNING id, (xmax = 0) AS created`,
    [s.instanceId, s.itemId, s.userId, s.groupId, s.role, s.createdBy]);
  return rows[0] as { id: string; created: boolean };
}

export async function deleteShare(tx: Tx, instanceId: string, itemId: string, shareId: string): Promise<boolean> {
  const { rowCount } = await tx.query('DELETE FROM drive_shares WHERE instance_id = $1 AND item_id = $2 AND id = $3', [instanceId, itemId, shareId]);
  return (rowCount ?? 0) > 0;
}

/**
 * Shares to a person, directly or through a group they belong to (a share per row: an item shared both ways
 * comes twice), `instance` and `person` being the statement's parameters. Each way reads its own index:
 * written as one scan with `user_id = … OR group_id IN (…)`, PostgreSQL read every share of every instance.
 * The search (search/queries.ts) finds the files shared with the reader through it too.
 */
export const sharesTo = (instance: string, person: string) =>
  `SELECT item_id, role, created_at FROM drive_shares WHERE instance_id = ${instance} AND user_id = ${person}
   UNION ALL
   SELECT s.item_id, s.role, s.created_at FROM group_members m JOIN drive_shares s ON s.instance_id = ${instance} AND s.group_id = m.group_id
   WHERE m.instance_id = ${instance} AND m.user_id = ${person}`;

/** Live files shared with the person, directly or through a group, most recent share first. */
export async function listSharedWith(tx: Tx, instanceId: string, userId: string, limit: number): Promise<Array<ItemRecord & { role: ShareRole; sharedAt: Date }>> {
  const { rows } = await tx.query<ItemRecord & { role: ShareRole; sharedAt: Date }>(
    `SELECT ${ITEM_COLUMNS}, s.role, s.created_at AS "sharedAt" FROM (
       SELECT DISTINCT ON (item_id) item_id, role, created_at FROM (${sharesTo('$1', '$2')}) shares
       ORDER BY item_id, role = 'editor' DESC, created_at DESC
     ) s JOIN ${ITEM_FROM} ON i.id = s.item_id
     WHERE i.instance_id = $1 AND i.trashed_at IS NULL AND i.owner_id IS DISTINCT FROM $2
     ORDER BY s.created_at DESC, i.id LIMIT $3`, [instanceId, userId, limit]);
  return rows;
}

/** Live files, newest change first, of a drive (`where` keys it to one of the drive indexes). */
const newestFiles = (where: string) =>
  `SELECT id, updated_at FROM drive_items WHERE instance_id = $1 AND ${where} AND kind = 'file' AND trashed_at IS NULL
   ORDER BY updated_at DESC, id LIMIT $3`;

/**
 * Recently changed files the person can open: their own drive, the drives of
 * the groups they belong to, and files shared with them. Each source gives
 * its newest through its own index and the page is the newest of those: as
 * one scan with ORs, PostgreSQL read every item of the instance (41.7 ms
 * against 4.3 at the median in instances of 10,000 to 21,000 items,
 * bench/drive-lists.ts).
 */
export async function listRecent(tx: Tx, instanceId: string, userId: string, limit: number): Promise<ItemRecord[]> {
  const { rows } = await tx.query<ItemRecord>(
    `WITH recent AS (
       (${newestFiles('owner_id = $2')})
       UNION
       (SELECT d.id, d.updated_at FROM group_members m CROSS JOIN LATERAL (${newestFiles('group_id = m.group_id')}) d
        WHERE m.instance_id = $1 AND m.user_id = $2)
       UNION
       (SELECT i.id, i.updated_at FROM (SELECT DISTINCT item_id FROM (${sharesTo('$1', '$2')}) shares) s
        JOIN drive_items i ON i.id = s.item_id
        WHERE i.instance_id = $1 AND i.kind = 'file' AND i.trashed_at IS NULL ORDER BY i.updated_at DESC, i.id LIMIT $3))
     SELECT ${ITEM_COLUMNS} FROM recent r JOIN ${ITEM_FROM} ON i.id = r.id
     ORDER BY i.updated_at DESC, i.id LIMIT $3`, [instanceId, userId, limit]);
  return rows;
}

// ---- chunked uploads ----

export interface UploadRecord {
  id: string;
  userId: string;
  ownerId: string | null;
  groupId: string | null;
  parentId: string | null;
  itemId: string | null;
  name: string;
  size: number;
  received: number;
  partKeys: string[];
  createdAt: Date;
  expiresAt: Date;
}

const UPLOAD_COLUMNS = `id, user_id AS "userId", owner_id AS "ownerId", group_id AS "groupId", parent_id AS "parentId", item_id AS "itemId",
  name, size, received, part_keys AS "partKeys", created_at AS "createdAt", expires_at AS "expiresAt"`;

export async function insertUpload(tx: Tx, u: { instanceId: string; userId: string; drive: DriveRef; parentId: string | null; itemId: string | null; name: string; size: number; ttlHours: number }): Promise<UploadRecord> {
  const [ownerId, groupId] = driveColumns(u.drive);
  const { rows } = await tx.query<UploadRecord>(
    `INSERT INTO drive_uploads (instance_id, user_id, owner_id, group_id, parent_id, item_id, name, size, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(hours => $9)) RETURNING ${UPLOAD_COLUMNS}`,
    [u.instanceId, u.userId, ownerId, groupId, u.parentId, u.itemId, u.name, u.size, u.ttlHours]);
  return rows[0] as UploadRecord;
}

/** The person's own upload, not expired. `lock` serialises parts of one upload. */
export async function findUpload(tx: Tx, instanceId: string, id: string, userId: string, lock = false): Promise<UploadRecord | null> {
  const { rows } = await tx.query<UploadRecord>(
    `SELECT ${UPLOAD_COLUMNS} FROM drive_uploads WHERE instance_id = $1 AND id = $2 AND user_id = $3 AND expires_at > now()${lock ? ' FOR UPDATE' : ''}`,
    [instanceId, id, userId]);
  return rows[0] ?? null;
}

export async function recordPart(tx: Tx, id: string, partKey: string, size: number): Promise<void> {
  await tx.query('UPDATE drive_uploads SET part_keys = part_keys || $2::text, received = received + $3 WHERE id = $1', [id, partKey, size]);
}

export async function deleteUpload(tx: Tx, instanceId: string, id: string): Promise<void> {
  await tx.query('DELETE FROM drive_uploads WHERE instance_id = $1 AND id = $2', [instanceId, id]);
}
