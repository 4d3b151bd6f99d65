// The drive over HTTP (docs/drive.md): folders and their pages, files and
// their versions, shares, the trash, usage, and uploads. JSON calls go
// through client.ts; bodies that are file content go through upload.ts, for
// their progress. Downloads are plain links to the URLs built here (the
// session cookie authorises them).
import { apiDelete, apiGet, apiPatch, apiPath, apiPost, segment } from './client';
import type {
  ChunkedUpload,
  DriveItem,
  DriveItemDetail,
  DriveRef,
  DriveShare,
  DriveUsage,
  DriveVersion,
  FolderPage,
  OnConflict,
  ShareRole,
} from './drive-types';
import { ApiError, NETWORK_ERROR, problemFromBody } from './problem';
import type { ItemList } from './types';
import { uploadBytes, type UploadOptions } from './upload';

export const FOLDER_PAGE_SIZE = 100;

function drivePath(slug: string): string {
  return `/i/${segment(slug)}/drive`;
}

function itemPath(slug: string, itemId: string): string {
  return `${drivePath(slug)}/items/${segment(itemId)}`;
}

export function fetchUsage(slug: string): Promise<DriveUsage> {
  return apiGet<DriveUsage>(`${drivePath(slug)}/usage`);
}

/** A folder's page (the drive's root without folderId): folders first, then by name. */
export function listFolder(slug: string, drive: DriveRef, folderId: string | null, cursor: string | null = null, limit = FOLDER_PAGE_SIZE): Promise<FolderPage> {
  return apiGet<FolderPage>(`${drivePath(slug)}/items`, { drive, folderId, cursor, limit });
}

export function fetchItem(slug: string, itemId: string): Promise<DriveItemDetail> {
  return apiGet<DriveItemDetail>(itemPath(slug, itemId));
}

export function createFolder(slug: string, drive: DriveRef, parentId: string | null, name: string): Promise<DriveItemDetail> {
  return apiPost<DriveItemDetail>(`${drivePath(slug)}/folders`, { drive, parentId, name });
}

export function renameItem(slug: string, itemId: string, name: string): Promise<DriveItemDetail> {
  return apiPatch<DriveItemDetail>(itemPath(slug, itemId), { name });
}

/** Into another folder of the same drive; null: its root. */
export function moveItem(slug: string, itemId: string, parentId: string | null): Promise<DriveItemDetail> {
  return apiPatch<DriveItemDetail>(itemPath(slug, itemId), { parentId });
}

/** A free name is chosen ("name (2)") when the target folder holds the name. */
export function copyItem(slug: string, itemId: string, target: { drive: DriveRef; parentId: string | null }): Promise<DriveItemDetail> {
  return apiPost<DriveItemDetail>(`${itemPath(slug, itemId)}/copy`, target);
}

/** To the trash, a folder with everything in it. */
export function trashItem(slug: string, itemId: string): Promise<void> {
  return apiDelete(itemPath(slug, itemId));
}

export function listTrash(slug: string, drive: DriveRef): Promise<ItemList<DriveItem>> {
  return apiGet<ItemList<DriveItem>>(`${drivePath(slug)}/trash`, { drive });
}

export function emptyTrash(slug: string, drive: DriveRef): Promise<void> {
  return apiDelete(`${drivePath(slug)}/trash?drive=${encodeURIComponent(drive)}`);
}

export function restoreItem(slug: string, itemId: string): Promise<DriveItemDetail> {
  return apiPost<DriveItemDetail>(`${itemPath(slug, itemId)}/restore`);
}

export function deleteForever(slug: string, itemId: string): Promise<void> {
  return apiDelete(`${itemPath(slug, itemId)}/forever`);
}

export function listSharedWithMe(slug: string): Promise<ItemList<DriveItem>> {
  return apiGet<ItemList<DriveItem>>(`${drivePath(slug)}/shared`);
}

export function listRecent(slug: string): Promise<ItemList<DriveItem>> {
  return apiGet<ItemList<DriveItem>>(`${drivePath(slug)}/recent`);
}

/** Newest first; one of them is `current`. */
export function listVersions(slug: string, itemId: string): Promise<{ versions: DriveVersion[] }> {
  return apiGet<{ versions: DriveVersion[] }>(`${itemPath(slug, itemId)}/versions`);
}

/** Makes an old version current again, as a new version. */
export function restoreVersion(slug: string, itemId: string, versionId: string): Promise<DriveItemDetail> {
  return apiPost<DriveItemDetail>(`${itemPath(slug, itemId)}/versions/${segment(versionId)}/restore`);
}

export function listShares(slug: string, itemId: string): Promise<{ shares: DriveShare[] }> {
  return apiGet<{ shares: DriveShare[] }>(`${itemPath(slug, itemId)}/shares`);
}

/** Sharing again with the same person or group changes the role. */
export function shareItem(slug: string, itemId: string, target: { userId: string } | { groupId: string }, role: ShareRole): Promise<DriveShare> {
  return apiPost<DriveShare>(`${itemPath(slug, itemId)}/shares`, { ...target, role });
}

export function unshareItem(slug: string, itemId: string, shareId: string): Promise<void> {
  return apiDelete(`${itemPath(slug, itemId)}/shares/${segment(shareId)}`);
}

/** The current content: shown by the browser when `inline` and the type allows, else downloaded. */
export function contentUrl(slug: string, itemId: string, inline = false): string {
  return apiPath(`${itemPath(slug, itemId)}/content`, { disposition: inline ? 'inline' : undefined });
}

export function versionContentUrl(slug: string, itemId: string, versionId: string): string {
  return apiPath(`${itemPath(slug, itemId)}/versions/${segment(versionId)}/content`);
}

export function previewUrl(slug: string, itemId: string, version: number | null): string {
  // The version in the query makes a new version a new URL for the browser's cache.
  return apiPath(`${itemPath(slug, itemId)}/preview`, { v: version });
}

/** The first `maxBytes` of a text file, decoded as UTF-8. */
export async function fetchTextHead(slug: string, itemId: string, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  let response: Response;
  try {
    response = await fetch(contentUrl(slug, itemId), { credentials: 'same-origin', headers: { Range: `bytes=0-${maxBytes - 1}` } });
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR, title: 'Network error' });
  }
  // An empty file has no first byte to ask for.
  if (response.status === 416) return { text: '', truncated: false };
  if (!response.ok) throw problemFromBody(response.status, await response.json().catch(() => undefined));
  const bytes = await response.arrayBuffer();
  const total = Number(response.headers.get('content-range')?.split('/')[1] ?? bytes.byteLength);
  return { text: new TextDecoder('utf-8').decode(bytes), truncated: total > bytes.byteLength };
}

// Content uploads ---------------------------------------------------------

/** One request: a new file in a folder (201), or a version of the file of that name with 'version' (200). */
export function uploadFile(
  slug: string,
  target: { drive: DriveRef; parentId: string | null; name: string; onConflict: OnConflict },
  file: Blob,
  options: UploadOptions,
): Promise<DriveItemDetail> {
  return uploadBytes<DriveItemDetail>('POST', apiPath(`${drivePath(slug)}/files`, { ...target }), file, options);
}

/** One request: a new version of a file. */
export function uploadVersion(slug: string, itemId: string, file: Blob, options: UploadOptions): Promise<DriveItemDetail> {
  return uploadBytes<DriveItemDetail>('POST', apiPath(`${itemPath(slug, itemId)}/versions`), file, options);
}

/** Starts a chunked upload of a new file, or (with itemId) of a new version. */
export function startChunkedUpload(
  slug: string,
  target: { drive: DriveRef; parentId: string | null } | { itemId: string },
  name: string,
  size: number,
): Promise<ChunkedUpload> {
  return apiPost<ChunkedUpload>(`${drivePath(slug)}/uploads`, { ...target, name, size });
}

/** How far a chunked upload got, to resume it. */
export function fetchChunkedUpload(slug: string, uploadId: string): Promise<ChunkedUpload> {
  return apiGet<ChunkedUpload>(`${drivePath(slug)}/uploads/${segment(uploadId)}`);
}

/** Part `index` (0-based, strictly the next one). */
export function sendUploadPart(slug: string, uploadId: string, index: number, part: Blob, options: UploadOptions): Promise<ChunkedUpload> {
  return uploadBytes<ChunkedUpload>('PUT', apiPath(`${drivePath(slug)}/uploads/${segment(uploadId)}/parts/${index}`), part, options);
}

/** Assembles the parts; the upload stays (and can be completed again) when this fails. */
export function completeChunkedUpload(slug: string, uploadId: string, onConflict: OnConflict): Promise<DriveItemDetail> {
  return apiPost<DriveItemDetail>(`${drivePath(slug)}/uploads/${segment(uploadId)}/complete?onConflict=${onConflict}`);
}

export function abandonChunkedUpload(slug: string, uploadId: string): Promise<void> {
  return apiDelete(`${drivePath(slug)}/uploads/${segment(uploadId)}`);
}
