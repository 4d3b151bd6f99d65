// Where the drive page is, read from and written to the address, so every
// folder, list and open file has a URL that can be bookmarked or shared:
//   ?drive=me&folder=<id>           a folder (the drive's root without folder)
//   ?drive=group:<id>               a group's drive
//   ?view=shared | recent           files shared with me, recent files
//   ?view=trash&drive=<ref>         a drive's trash
// and, on any of them, &file=<id> for the file open in the viewer.
import type { DriveRef } from '../../api/drive-types';

export const MY_DRIVE: DriveRef = 'me';

export type DriveView =
  | { kind: 'folder'; drive: DriveRef; folderId: string | null }
  | { kind: 'shared' }
  | { kind: 'recent' }
  | { kind: 'trash'; drive: DriveRef };

const DRIVE_REF = /^(me|group:[0-9a-f-]{36})$/;

function readDrive(params: URLSearchParams): DriveRef {
  const drive = params.get('drive') ?? MY_DRIVE;
  return DRIVE_REF.test(drive) ? drive : MY_DRIVE;
}

export function readView(params: URLSearchParams): DriveView {
  const view = params.get('view');
  if (view === 'shared' || view === 'recent') return { kind: view };
  if (view === 'trash') return { kind: 'trash', drive: readDrive(params) };
  return { kind: 'folder', drive: readDrive(params), folderId: params.get('folder') || null };
}

export function viewParams(view: DriveView, fileId: string | null = null): URLSearchParams {
  const params = new URLSearchParams();
  if (view.kind === 'folder') {
    params.set('drive', view.drive);
    if (view.folderId) params.set('folder', view.folderId);
  } else {
    params.set('view', view.kind);
    if (view.kind === 'trash') params.set('drive', view.drive);
  }
  if (fileId) params.set('file', fileId);
  return params;
}

/** The address of a view, relative to the drive page. */
export function viewHref(view: DriveView): string {
  return `?${viewParams(view).toString()}`;
}

export function sameView(a: DriveView, b: DriveView): boolean {
  return viewParams(a).toString() === viewParams(b).toString();
}

/** A drive an item can be moved or listed in ('user:…' drives are other people's). */
export function isBrowsableDrive(drive: DriveRef): boolean {
  return DRIVE_REF.test(drive);
}
