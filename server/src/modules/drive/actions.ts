// State changes of the drive. Each runs in one transaction; content is staged
// (content.ts) before the transaction opens, so a slow upload holds no lock
// and a refused one leaves nothing behind.
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { loadGroup } from '../groups/actions.ts';
import { findActiveMembers } from '../feed/queries.ts';
import { itemNotFound, loadDrive, loadItem, type ItemAccess } from './access.ts';
import { chargeStoredContent, commitContent, withStaged, type StagedContent } from './content.ts';
import { cleanName, numberedName } from './names.ts';
import {
  deleteItems, deleteShare, findItem, insertItem, insertVersion, isWithin, listVersions, nameTaken, renameItem, restoreTree,
  trashedRootIds, trashTree, upsertShare, type DriveRef, type ShareRole,
} from './queries.ts';

export type OnConflict = 'fail' | 'version' | 'rename';

const scope = (t: TenantContext) => ({ instanceId: t.instance.id, userId: t.membership.userId });
const nameConflict = (name: string) => conflict('name_taken', `"${name}" already exists in this folder.`);
const readOnly = () => forbidden('You can only view this.', 'read_only');

/** The folder new items go into: the drive's root (null) or a live folder of the same drive. */
export async function loadTargetFolder(tx: Tx, t: TenantContext, drive: DriveRef, parentId: string | null): Promise<void> {
  const access = await loadDrive(tx, t, drive);
  if (!access.write) throw readOnly();
  if (parentId === null) return;
  const folder = await findItem(tx, t.instance.id, parentId);
  const sameDrive = folder && (drive.kind === 'user' ? folder.ownerId === drive.userId : folder.groupId === drive.groupId);
  if (!folder || !sameDrive || folder.kind !== 'folder' || folder.trashedAt) throw notFound('No such folder.');
}

/** A free name for a new item: the name itself, or "name (n)" when asked to rename. */
async function freeName(tx: Tx, t: TenantContext, drive: DriveRef, parentId: string | null, name: string, exceptId?: string): Promise<string> {
  if (!(await nameTaken(tx, t.instance.id, drive, parentId, name, exceptId))) return name;
  for (let n = 2; n < 1000; n++) {
    const candidate = numberedName(name, n);
    if (!(await nameTaken(tx, t.instance.id, drive, parentId, candidate, exceptId))) return candidate;
  }
  throw nameConflict(name);
}

const isNameViolation = (error: unknown) => (error as { constraint?: string }).constraint === 'drive_items_name';

/** Unique-index violations from a concurrent twin become the same 409 as the check. */
async function uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isNameViolation(error)) throw nameConflict(name);
    throw error;
  }
}

/**
 * The checks of an upload that need no content, run before its body is read so
 * that a refused upload is refused at once: the drive and folder are writable
 * and, unless told what to do with a name already taken, the name is free.
 */
export async function checkUploadTarget(s: Services, t: TenantContext, input: { drive: DriveRef; parentId: string | null; name: string; onConflict: OnConflict }): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    await loadTargetFolder(tx, t, input.drive, input.parentId);
    const existing = await nameTaken(tx, t.instance.id, input.drive, input.parentId, input.name);
    if (!existing) return;
    const kind = (await findItem(tx, t.instance.id, existing))?.kind;
    if (input.onConflict === 'fail' || (input.onConflict === 'version' && kind !== 'file')) throw nameConflict(input.name);
  });
}

/** The file a new version is for, if the actor may add one (checked again when it is recorded). */
export async function checkVersionTarget(s: Services, t: TenantContext, itemId: string): Promise<{ name: string }> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const target = await loadItem(tx, t, itemId);
    if (target.item.kind !== 'file') throw badRequest('not_a_file', 'Folders have no versions.');
    if (!target.edit) throw readOnly();
    return { name: target.item.name };
  });
}

export async function createFolder(s: Services, t: TenantContext, input: { drive: DriveRef; parentId: string | null; name: string }): Promise<string> {
  const name = cleanName(input.name);
  return uniqueName(name, () => inTransaction(s.pool, scope(t), async (tx) => {
    await loadTargetFolder(tx, t, input.drive, input.parentId);
    if (await nameTaken(tx, t.instance.id, input.drive, input.parentId, name)) throw nameConflict(name);
    return insertItem(tx, { instanceId: t.instance.id, drive: input.drive, parentId: input.parentId, kind: 'folder', name, userId: t.membership.userId });
  }));
}

/**
 * Adds staged content as a new file, or as a new version of the file of the
 * same name when `onConflict` is 'version'. Answers the item and whether it is new.
 */
export async function addFile(s: Services, t: TenantContext, staged: StagedContent,
  input: { drive: DriveRef; parentId: string | null; name: string; onConflict: OnConflict }): Promise<{ id: string; created: boolean }> {
  const name = cleanName(input.name);
  const attempt = () => inTransaction(s.pool, scope(t), async (tx) => {
    await loadTargetFolder(tx, t, input.drive, input.parentId);
    const existing = await nameTaken(tx, t.instance.id, input.drive, input.parentId, name);
    if (existing && input.onConflict === 'version') {
      const target = await loadItem(tx, t, existing, { lock: true });
      if (target.item.kind !== 'file') throw nameConflict(name);
      await commitContent(s, tx, t, staged);
      await addVersion(tx, t, target, staged);
      return { id: existing, created: false };
    }
    if (existing && input.onConflict === 'fail') throw nameConflict(name);
    const finalName = existing ? await freeName(tx, t, input.drive, input.parentId, name) : name;
    // The item first: a twin upload taking the name makes this insert fail before the content is promoted.
    const id = await insertItem(tx, { instanceId: t.instance.id, drive: input.drive, parentId: input.parentId, kind: 'file', name: finalName, userId: t.membership.userId });
    await commitContent(s, tx, t, staged);
    await insertVersion(tx, { instanceId: t.instance.id, itemId: id, sha256: staged.sha256, size: staged.size, mediaType: staged.mediaType, userId: t.membership.userId });
    return { id, created: true };
  });
  return withStaged(s, staged, async () => {
    // Twins uploading one name at the same moment: whoever commits second sees the name taken
    // and, unless told to fail, tries again (a version of the twin, or the next free name).
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!isNameViolation(error)) throw error;
        if (input.onConflict === 'fail' || tries >= 5) throw nameConflict(name);
      }
    }
  });
}

async function addVersion(tx: Tx, t: TenantContext, target: ItemAccess, staged: StagedContent): Promise<void> {
  await insertVersion(tx, {
    instanceId: t.instance.id, itemId: target.item.id, sha256: staged.sha256, size: staged.size, mediaType: staged.mediaType, userId: t.membership.userId,
  });
}

/** Staged content as the next version of a file (drive writers and share editors). */
export async function uploadVersion(s: Services, t: TenantContext, itemId: string, staged: StagedContent): Promise<void> {
  await withStaged(s, staged, () => inTransaction(s.pool, scope(t), async (tx) => {
    const target = await loadItem(tx, t, itemId, { lock: true });
    if (target.item.kind !== 'file') throw badRequest('not_a_file', 'Folders have no versions.');
    if (!target.edit) throw readOnly();
    await commitContent(s, tx, t, staged);
    await addVersion(tx, t, target, staged);
  }));
}

/** Makes an old version current again, as a new version with its content: history is never rewritten. */
export async function restoreVersion(s: Services, t: TenantContext, itemId: string, versionId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const target = await loadItem(tx, t, itemId, { lock: true });
    if (!target.edit) throw readOnly();
    const version = (await listVersions(tx, t.instance.id, itemId)).find((v) => v.id === versionId);
    if (!version) throw notFound('No such version.');
    if (version.id === target.item.currentVersionId) return;
    await chargeStoredContent(s, tx, t, version);
    await insertVersion(tx, { instanceId: t.instance.id, itemId, sha256: version.sha256, size: version.size, mediaType: version.mediaType, userId: t.membership.userId });
  });
}

/** Rename (editors) and move within the drive (drive writers). */
export async function updateItem(s: Services, t: TenantContext, itemId: string, changes: { name?: string | undefined; parentId?: string | null | undefined }): Promise<void> {
  const name = changes.name === undefined ? undefined : cleanName(changes.name);
  await uniqueName(name ?? '', () => inTransaction(s.pool, scope(t), async (tx) => {
    const target = await loadItem(tx, t, itemId, { lock: true });
    if (!target.edit) throw readOnly();
    const moving = changes.parentId !== undefined && changes.parentId !== target.item.parentId;
    if (moving && !target.manage) throw forbidden('Only people who can change this drive can move its items.');
    const parentId = moving ? changes.parentId ?? null : target.item.parentId;
    if (moving) {
      await loadTargetFolder(tx, t, target.drive, parentId);
      if (parentId && target.item.kind === 'folder' && await isWithin(tx, t.instance.id, parentId, itemId)) {
        throw badRequest('invalid_move', 'A folder cannot be moved into itself or one of its subfolders.');
      }
    }
    const finalName = name ?? target.item.name;
    if (await nameTaken(tx, t.instance.id, target.drive, parentId, finalName, itemId)) throw nameConflict(finalName);
    await renameItem(tx, itemId, { name: finalName, parentId, userId: t.membership.userId });
  }));
}

/** Copies a file (its current content; no new bytes are stored) into a folder of a drive the actor can write. */
export async function copyFile(s: Services, t: TenantContext, itemId: string, input: { drive?: DriveRef | undefined; parentId?: string | null | undefined; name?: string | undefined }): Promise<string> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const source = await loadItem(tx, t, itemId);
    if (source.item.kind !== 'file' || !source.item.sha256 || !source.item.mediaType) throw badRequest('not_a_file', 'Only files can be copied.');
    const drive = input.drive ?? source.drive;
    const parentId = input.parentId === undefined ? (input.drive ? null : source.item.parentId) : input.parentId;
    await loadTargetFolder(tx, t, drive, parentId);
    const wanted = input.name === undefined ? source.item.name : cleanName(input.name);
    const name = await freeName(tx, t, drive, parentId, wanted);
    await chargeStoredContent(s, tx, t, { sha256: source.item.sha256, size: source.item.size });
    const id = await insertItem(tx, { instanceId: t.instance.id, drive, parentId, kind: 'file', name, userId: t.membership.userId });
    await insertVersion(tx, { instanceId: t.instance.id, itemId: id, sha256: source.item.sha256, size: source.item.size, mediaType: source.item.mediaType, userId: t.membership.userId });
    return id;
  });
}

export async function trashItem(s: Services, t: TenantContext, itemId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const target = await loadItem(tx, t, itemId, { lock: true });
    if (!target.manage) throw forbidden('Only people who can change this drive can delete its items.');
    await trashTree(tx, t.instance.id, itemId, t.membership.userId);
  });
}

/**
 * Back where it was, or at the root when its folder is gone or in the trash;
 * renamed "name (2)" if the name was taken meanwhile.
 */
export async function restoreItem(s: Services, t: TenantContext, itemId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const target = await loadItem(tx, t, itemId, { lock: true, trashed: true });
    if (!target.item.trashedRoot) throw itemNotFound();
    const parent = target.item.parentId ? await findItem(tx, t.instance.id, target.item.parentId) : null;
    const parentId = parent && !parent.trashedAt ? parent.id : null;
    const name = await freeName(tx, t, target.drive, parentId, target.item.name, itemId);
    await restoreTree(tx, t.instance.id, itemId, { name, parentId });
  });
}

export async function deleteForever(s: Services, t: TenantContext, itemId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const target = await loadItem(tx, t, itemId, { lock: true, trashed: true });
    if (!target.item.trashedRoot) throw itemNotFound();
    await deleteItems(tx, t.instance.id, [itemId]);
  });
}

export async function emptyTrash(s: Services, t: TenantContext, drive: DriveRef): Promise<number> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const access = await loadDrive(tx, t, drive);
    if (!access.write) throw readOnly();
    return deleteItems(tx, t.instance.id, await trashedRootIds(tx, t.instance.id, drive));
  });
}

/** Shares a file with a person or a group; sharing again changes the role. */
export async function shareItem(s: Services, t: TenantContext, itemId: string, input: { userId?: string | undefined; groupId?: string | undefined; role: ShareRole }): Promise<{ id: string; created: boolean }> {
  if (Boolean(input.userId) === Boolean(input.groupId)) throw badRequest('invalid_share', 'Share with one person (userId) or one group (groupId).');
  if (t.membership.role === 'guest') throw forbidden('Guests cannot share files.');
  return inTransaction(s.pool, scope(t), async (tx) => {
    const target = await loadItem(tx, t, itemId, { lock: true });
    if (!target.manage) throw forbidden('Only people who can change this drive can share its files.');
    if (target.item.kind !== 'file') throw badRequest('not_a_file', 'Only files can be shared.');
    if (input.userId) {
      if ((await findActiveMembers(tx, t.instance.id, [input.userId])).length === 0) throw notFound('No such person in this instance.');
      if (input.userId === t.membership.userId) throw badRequest('invalid_share', 'You cannot share a file with yourself.');
    } else {
      await loadGroup(tx, t, input.groupId as string);
    }
    return upsertShare(tx, {
      instanceId: t.instance.id, itemId, userId: input.userId ?? null, groupId: input.groupId ?? null, role: input.role, createdBy: t.membership.userId,
    });
  });
}

export async function unshareItem(s: Services, t: TenantContext, itemId: string, shareId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const target = await loadItem(tx, t, itemId, { lock: true });
    if (!target.manage) throw forbidden('Only people who can change this drive can change its shares.');
    if (!(await deleteShare(tx, t.instance.id, itemId, shareId))) throw notFound('No such share.');
  });
}
