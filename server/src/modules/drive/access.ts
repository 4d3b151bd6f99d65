// Who may do what in the drive, decided at request time from current
// memberships (never from a link or a cached grant):
// - a personal drive is its owner's alone; instance administrators do not
//   read other people's files;
// - a group drive follows the group: whoever may read the group's content may
//   open its files, its members may add, change and trash them (not in an
//   archived group), and a group the actor may not see is not found;
// - a share gives one file to a person or a group's members, as viewer or
//   editor (editors upload new versions and rename); shares stop working
//   while the file is in the trash.
// Anything the actor may not open answers 404, as if it did not exist.
import { notFound } from '../../errors.ts';
import type { Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import { loadGroup } from '../groups/actions.ts';
import { canReadGroupContent } from '../groups/policies.ts';
import { driveOf, findItem, sharedRole, type DriveRef, type ItemRecord } from './queries.ts';

export interface DriveAccess {
  read: boolean;
  /** Add, rename, move, trash and share items. */
  write: boolean;
  /** Display name of the drive: the person's or the group's. */
  name: string;
}

/** What an actor may do with one item. */
export interface ItemAccess {
  item: ItemRecord;
  drive: DriveRef;
  /** Through the drive itself (not a share): may trash, move and share. */
  manage: boolean;
  /** May upload versions and rename: drive writers and share editors. */
  edit: boolean;
  /** Reached through its drive (and so its folders), not only through a share. */
  viaDrive: boolean;
}

export const itemNotFound = () => notFound('No such file or folder.');
const driveNotFound = () => notFound('No such drive.');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 'me' or 'group:<id>' as clients name a drive. */
export function parseDriveRef(t: TenantContext, raw: string): DriveRef {
  if (raw === 'me') return { kind: 'user', userId: t.membership.userId };
  const groupId = raw.startsWith('group:') ? raw.slice(6) : '';
  if (!UUID.test(groupId)) throw driveNotFound();
  return { kind: 'group', groupId };
}

export function formatDriveRef(t: TenantContext, drive: DriveRef): string {
  if (drive.kind === 'group') return `group:${drive.groupId}`;
  return drive.userId === t.membership.userId ? 'me' : `user:${drive.userId}`;
}

export async function driveAccess(tx: Tx, t: TenantContext, drive: DriveRef): Promise<DriveAccess> {
  if (drive.kind === 'user') {
    const mine = drive.userId === t.membership.userId;
    return { read: mine, write: mine, name: '' };
  }
  const { group, actor } = await loadGroup(tx, t, drive.groupId).catch(() => { throw driveNotFound(); });
  const read = canReadGroupContent(actor, group);
  return { read, write: read && actor.groupRole !== null && !group.archivedAt, name: group.name };
}

/** The drive if the actor may read it, else 404. */
export async function loadDrive(tx: Tx, t: TenantContext, drive: DriveRef): Promise<DriveAccess> {
  const access = await driveAccess(tx, t, drive);
  if (!access.read) throw driveNotFound();
  return access;
}

/**
 * The item if the actor may open it now, else 404. `lock` takes the item's
 * row lock first, for changes.
 */
export async function loadItem(tx: Tx, t: TenantContext, itemId: string, options: { lock?: boolean; trashed?: boolean } = {}): Promise<ItemAccess> {
  const item = await findItem(tx, t.instance.id, itemId, options.lock);
  if (!item) throw itemNotFound();
  return accessToItem(tx, t, item, options);
}

/** Each drive's access, asked once in a request that checks many items (a group drive takes three statements). */
export type DriveAccessMemo = Map<string, Promise<DriveAccess | null>>;

/** What the actor may do with an item already read, else 404 (loadItem's rules). */
export async function accessToItem(tx: Tx, t: TenantContext, item: ItemRecord, options: { trashed?: boolean } = {},
  memo: DriveAccessMemo = new Map()): Promise<ItemAccess> {
  const drive = driveOf(item);
  const key = drive.kind === 'user' ? `user:${drive.userId}` : `group:${drive.groupId}`;
  let asked = memo.get(key);
  if (!asked) memo.set(key, asked = driveAccess(tx, t, drive).catch(() => null));
  const access = await asked;
  if (access?.read) {
    // The trash is the drive's writers' business.
    if (item.trashedAt && !access.write) throw itemNotFound();
    if (Boolean(item.trashedAt) !== Boolean(options.trashed)) throw itemNotFound();
    return { item, drive, manage: access.write, edit: access.write, viaDrive: true };
  }
  if (item.trashedAt || options.trashed || item.kind !== 'file') throw itemNotFound();
  const role = await sharedRole(tx, t.instance.id, item.id, t.membership.userId);
  if (!role) throw itemNotFound();
  return { item, drive, manage: false, edit: role === 'editor', viaDrive: false };
}
