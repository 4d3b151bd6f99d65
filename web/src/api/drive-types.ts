// The shapes of the drive API (docs/drive.md): items (files and folders),
// folder pages, versions, shares, storage usage and chunked uploads.

/** 'me', or 'group:<groupId>'; an item shared with me may say 'user:<ownerId>'. */
export type DriveRef = string;

export type DriveItemKind = 'folder' | 'file';
export type ShareRole = 'viewer' | 'editor';
/** What the server does when the folder already holds the name. */
export type OnConflict = 'fail' | 'version' | 'rename';

export interface DrivePerson {
  id: string;
  displayName: string;
}

export interface DriveItem {
  id: string;
  kind: DriveItemKind;
  name: string;
  parentId: string | null;
  drive: DriveRef;
  size: number;
  /** Sniffed from the content by the server; null for folders. */
  mediaType: string | null;
  /** The current version's number; null for folders. */
  version: number | null;
  /** A thumbnail is available at …/preview. */
  preview: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: DrivePerson | null;
  trashedAt: string | null;
  permissions: {
    /** Rename and upload new versions. */
    edit: boolean;
    /** Move, delete and share. */
    manage: boolean;
  };
}

export interface PathStep {
  id: string;
  name: string;
}

export interface DriveItemDetail extends DriveItem {
  /** Folders from the drive's root to the item's parent. */
  path: PathStep[];
}

export interface FolderPage {
  drive: { ref: DriveRef; name: string; canWrite: boolean };
  /** Null at the drive's root. */
  folder: DriveItemDetail | null;
  /** Folders first, then by name. */
  items: DriveItem[];
  nextCursor: string | null;
}

export interface DriveUsage {
  usedBytes: number;
  /** Null: no personal limit. */
  quotaBytes: number | null;
  instanceUsedBytes: number;
  instanceQuotaBytes: number | null;
  maxFileBytes: number;
  /** Items in the trash are deleted for good after this many days. */
  trashDays: number;
}

export interface DriveVersion {
  id: string;
  number: number;
  size: number;
  mediaType: string;
  createdAt: string;
  uploadedBy: DrivePerson | null;
  current: boolean;
}

export interface DriveShare {
  id: string;
  user: DrivePerson | null;
  group: { id: string; name: string } | null;
  role: ShareRole;
  createdAt: string;
}

export interface ChunkedUpload {
  id: string;
  name: string;
  size: number;
  received: number;
  /** Parts are sent strictly in order: the number of the next one. */
  nextPart: number;
  maxPartBytes: number;
  expiresAt: string;
}
