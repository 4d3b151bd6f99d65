// API shapes of drive items, versions, shares and uploads.
import type { Static } from 'typebox';
import type { TenantContext } from '../../http/context.ts';
import { formatDriveRef } from './access.ts';
import { driveOf, type ItemRecord, type ShareRecord, type UploadRecord, type VersionRecord } from './queries.ts';
import type { DriveItem, Share, Upload, Version } from './schemas.ts';
import { PREVIEWABLE } from './sniff.ts';
import { MAX_PART_BYTES } from './uploads.ts';

export type DriveItemView = Static<typeof DriveItem>;

export function presentItem(t: TenantContext, item: ItemRecord, permissions: { edit: boolean; manage: boolean }): DriveItemView {
  return {
    id: item.id,
    kind: item.kind,
    name: item.name,
    parentId: item.parentId,
    drive: formatDriveRef(t, driveOf(item)),
    size: item.size,
    mediaType: item.mediaType,
    version: item.versionNumber,
    preview: item.kind === 'file' && item.mediaType !== null && PREVIEWABLE.has(item.mediaType),
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    updatedBy: item.updatedBy ? { id: item.updatedBy, displayName: item.updatedByName ?? '' } : null,
    trashedAt: item.trashedAt?.toISOString() ?? null,
    permissions: { edit: permissions.edit, manage: permissions.manage },
  };
}

export function presentVersion(v: VersionRecord, currentId: string | null): Static<typeof Version> {
  return {
    id: v.id, number: v.number, size: v.size, mediaType: v.mediaType, createdAt: v.createdAt.toISOString(),
    uploadedBy: v.uploadedBy ? { id: v.uploadedBy, displayName: v.uploadedByName ?? '' } : null,
    current: v.id === currentId,
  };
}

export function presentShare(s: ShareRecord): Static<typeof Share> {
  return {
    id: s.id,
    user: s.userId ? { id: s.userId, displayName: s.userName ?? '' } : null,
    group: s.groupId ? { id: s.groupId, name: s.groupName ?? '' } : null,
    role: s.role,
    createdAt: s.createdAt.toISOString(),
  };
}

export function presentUpload(u: UploadRecord): Static<typeof Upload> {
  return {
    id: u.id, name: u.name, size: u.size, received: u.received, nextPart: u.partKeys.length,
    maxPartBytes: MAX_PART_BYTES, expiresAt: u.expiresAt.toISOString(),
  };
}
