// Reads of the drive: a folder's page, one item with its path, versions,
// shares, the trash, files shared with me, recent files and storage usage.
// Every read goes through loadDrive/loadItem (access.ts).
import { badRequest } from '../../errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { accessToItem, formatDriveRef, loadDrive, loadItem, type DriveAccessMemo, type ItemAccess } from './access.ts';
import { presentItem, presentShare, presentVersion } from './presenters.ts';
import {
  findAncestry, instanceUsage, listChildren, listRecent, listSharedWith, listShares, listTrash, listVersions, userUsage,
  type DriveRef, type ItemRecord,
} from './queries.ts';

const scope = (t: TenantContext) => ({ instanceId: t.instance.id, userId: t.membership.userId });

interface FolderCursor {
  folderFirst: number;
  name: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeFolderCursor(item: ItemRecord): string {
  return Buffer.from(JSON.stringify([item.kind === 'folder' ? 0 : 1, item.name, item.id])).toString('base64url');
}

function decodeFolderCursor(cursor: string | undefined): FolderCursor | null {
  if (cursor === undefined) return null;
  try {
    const [folderFirst, name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown, unknown];
    if ((folderFirst !== 0 && folderFirst !== 1) || typeof name !== 'string' || name.length > 1000 || typeof id !== 'string' || !UUID.test(id)) throw new Error('bad cursor');
    return { folderFirst, name, id };
  } catch {
    throw badRequest('invalid_cursor', 'The pagination cursor is invalid.');
  }
}

/** The item and the folders above it; someone who reaches a file through a share sees no path into a drive that is not theirs. */
async function withPath(tx: Tx, t: TenantContext, access: ItemAccess) {
  const path = access.viaDrive ? (await findAncestry(tx, t.instance.id, access.item.id)).slice(0, -1) : [];
  return { ...presentItem(t, access.item, access), path };
}

export async function readFolder(s: Services, t: TenantContext, query: { drive: DriveRef; folderId?: string | undefined; limit?: number | undefined; cursor?: string | undefined }) {
  const limit = query.limit ?? 100;
  const after = decodeFolderCursor(query.cursor);
  return inTransaction(s.pool, scope(t), async (tx) => {
    const drive = await loadDrive(tx, t, query.drive);
    let folder = null;
    if (query.folderId) {
      const access = await loadItem(tx, t, query.folderId);
      const sameDrive = formatDriveRef(t, access.drive) === formatDriveRef(t, query.drive);
      if (access.item.kind !== 'folder' || !sameDrive) throw badRequest('not_a_folder', 'This is not a folder of this drive.');
      folder = await withPath(tx, t, access);
    }
    const rows = await listChildren(tx, t.instance.id, query.drive, query.folderId ?? null, { limit, after });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const permissions = { edit: drive.write, manage: drive.write };
    return {
      drive: { ref: formatDriveRef(t, query.drive), name: drive.name, canWrite: drive.write },
      folder,
      items: page.map((item) => presentItem(t, item, permissions)),
      nextCursor: rows.length > limit && last ? encodeFolderCursor(last) : null,
    };
  });
}

export async function readItem(s: Services, t: TenantContext, itemId: string, options: { trashed?: boolean } = {}) {
  return inTransaction(s.pool, scope(t), async (tx) => withPath(tx, t, await loadItem(tx, t, itemId, options)));
}

export async function readVersions(s: Services, t: TenantContext, itemId: string) {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const { item } = await loadItem(tx, t, itemId);
    const versions = await listVersions(tx, t.instance.id, itemId);
    return { versions: versions.map((v) => presentVersion(v, item.currentVersionId)) };
  });
}

export async function readShares(s: Services, t: TenantContext, itemId: string) {
  return inTransaction(s.pool, scope(t), async (tx) => {
    await loadItem(tx, t, itemId);
    return { shares: (await listShares(tx, t.instance.id, itemId)).map(presentShare) };
  });
}

export async function readTrash(s: Services, t: TenantContext, drive: DriveRef) {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const access = await loadDrive(tx, t, drive);
    if (!access.write) return { items: [] };
    const items = await listTrash(tx, t.instance.id, drive);
    return { items: items.map((item) => presentItem(t, item, { edit: true, manage: true })) };
  });
}

export async function readSharedWithMe(s: Services, t: TenantContext) {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const items = await listSharedWith(tx, t.instance.id, t.membership.userId, 200);
    return { items: items.map((item) => presentItem(t, item, { edit: item.role === 'editor', manage: false })) };
  });
}

/** Files of my drive, my groups' drives and shared with me; the permissions shown are re-checked on every use. */
export async function readRecent(s: Services, t: TenantContext) {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const items = await listRecent(tx, t.instance.id, t.membership.userId, 50);
    const shown = [];
    // The listed rows are the items: each one's permissions are worked out from it, each drive's access asked once.
    const drives: DriveAccessMemo = new Map();
    for (const item of items) {
      const access = await accessToItem(tx, t, item, {}, drives).catch(() => null);
      if (access) shown.push(presentItem(t, item, access));
    }
    return { items: shown };
  });
}

export async function readUsage(s: Services, t: TenantContext) {
  const { userQuotaBytes, instanceQuotaBytes, maxFileBytes, trashDays } = s.config.drive;
  return inTransaction(s.pool, scope(t), async (tx) => ({
    usedBytes: await userUsage(tx, t.instance.id, t.membership.userId),
    quotaBytes: userQuotaBytes || null,
    instanceUsedBytes: await instanceUsage(tx, t.instance.id),
    instanceQuotaBytes: instanceQuotaBytes || null,
    maxFileBytes,
    trashDays,
  }));
}
