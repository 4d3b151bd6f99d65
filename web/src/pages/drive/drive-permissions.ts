// What the drive page offers on an item. These only decide what to show:
// the server checks every request with its own rules (docs/drive.md).
import type { DriveItem } from '../../api/drive-types';
import { isBrowsableDrive } from './drive-location';

export const canRename = (item: DriveItem) => item.permissions.edit;
export const canUploadVersion = (item: DriveItem) => item.kind === 'file' && item.permissions.edit;
export const canMove = (item: DriveItem) => item.permissions.manage && isBrowsableDrive(item.drive);
export const canTrash = (item: DriveItem) => item.permissions.manage;
/** Only files are shared, by those who manage their drive, never by guests. */
export const canShareItem = (item: DriveItem, guestsExcluded: boolean) => item.kind === 'file' && item.permissions.manage && guestsExcluded;
export const canCopy = (item: DriveItem) => item.kind === 'file';
