// What every part of the drive page shares: the instance, my storage use,
// the uploads in flight, and the ways to open a file, a dialog about an item
// or a short notice. Provided by DrivePage.
import { createContext, useContext } from 'react';
import type { DriveItem, DriveRef, DriveUsage } from '../../api/drive-types';
import type { UploadQueue } from './uploads/upload-queue';

/** The dialogs an item's menu opens. */
export type ItemDialogKind = 'rename' | 'move' | 'copy' | 'versions' | 'share';

export interface DriveNotice {
  text: string;
  /** Offers "Undo" next to the text. */
  undo?: () => void;
}

export interface DriveName {
  ref: DriveRef;
  name: string;
}

export interface DriveValue {
  slug: string;
  /** Guests may not share. */
  canShare: boolean;
  usage: DriveUsage | null;
  reloadUsage: () => void;
  /** My drive and my groups' drives (not archived): where files can be copied. */
  writableDrives: DriveName[];
  /** The display name of a drive reference. */
  driveName: (ref: DriveRef) => string;
  uploads: UploadQueue;
  /** Opens the viewer on a file, with `siblings` for previous / next. */
  openFile: (item: DriveItem, siblings?: DriveItem[]) => void;
  openDialog: (kind: ItemDialogKind, item: DriveItem) => void;
  notify: (notice: DriveNotice | null) => void;
  /** Tells the lists an item changed (renamed, restored…) or left (moved, trashed). */
  changed: (item: DriveItem) => void;
  removed: (itemId: string) => void;
  /** Subscribes a list to changes made elsewhere on the page. */
  onItemChange: (listener: ItemChangeListener) => () => void;
}

export type ItemChangeListener = (change: { item: DriveItem } | { removedId: string }) => void;

export const DriveContext = createContext<DriveValue | null>(null);

export function useDrive(): DriveValue {
  const value = useContext(DriveContext);
  if (!value) throw new Error('useDrive must be used inside <DrivePage>');
  return value;
}
