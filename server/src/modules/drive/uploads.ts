// Chunked, resumable uploads for large files: the client announces the file
// (name, size, target), sends parts in order, then completes. Each part is a
// temporary object of its own, recorded on the upload's row only once it is
// fully written, so the row always tells how far a client may resume from
// (GET answers `received` and the next part number) and a broken connection
// costs at most the part in flight. Completion streams the parts, in order,
// through the same staging as a single-request upload (hash, sniff, quotas).
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError, conflict, forbidden, notFound } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { BlobTooLarge } from '../../storage/blob-store.ts';
import { loadItem } from './access.ts';
import { addFile, loadTargetFolder, uploadVersion, type OnConflict } from './actions.ts';
import { assertFits, roomFor, stageContent } from './content.ts';
import { cleanName } from './names.ts';
import { deleteUpload, findUpload, insertUpload, recordPart, type DriveRef, type UploadRecord } from './queries.ts';

export const MAX_PART_BYTES = 64 * 1024 * 1024;
const UPLOAD_TTL_HOURS = 24;

const scope = (t: TenantContext) => ({ instanceId: t.instance.id, userId: t.membership.userId });
const uploadNotFound = () => notFound('No such upload: it may have expired (uploads last 24 hours) or been completed.');
const partKeyPath = (uploadId: string, partKey?: string) => `uploads/${uploadId}${partKey ? `/${partKey}` : ''}`;

export async function createUpload(s: Services, t: TenantContext, input: { drive?: DriveRef | undefined; parentId: string | null; itemId?: string | undefined; name: string; size: number }): Promise<UploadRecord> {
  const name = cleanName(input.name);
  assertFits(await roomFor(s, t), input.size, s.config.drive.maxFileBytes);
  return inTransaction(s.pool, scope(t), async (tx) => {
    let drive = input.drive;
    if (input.itemId) {
      const target = await loadItem(tx, t, input.itemId);
      if (!target.edit || target.item.kind !== 'file') throw forbidden('You can only view this.', 'read_only');
      drive = target.drive;
    } else {
      if (!drive) throw notFound('No such drive.');
      await loadTargetFolder(tx, t, drive, input.parentId);
    }
    return insertUpload(tx, {
      instanceId: t.instance.id, userId: t.membership.userId, drive: drive as DriveRef, parentId: input.itemId ? null : input.parentId,
      itemId: input.itemId ?? null, name, size: input.size, ttlHours: UPLOAD_TTL_HOURS,
    });
  });
}

export async function readUpload(s: Services, t: TenantContext, uploadId: string): Promise<UploadRecord> {
  const upload = await inTransaction(s.pool, scope(t), (tx) => findUpload(tx, t.instance.id, uploadId, t.membership.userId));
  if (!upload) throw uploadNotFound();
  return upload;
}

/** Appends part number `index` (0-based, strictly the next one). */
export async function putPart(s: Services, t: TenantContext, uploadId: string, index: number, body: Readable): Promise<UploadRecord> {
  const before = await readUpload(s, t, uploadId);
  if (index !== before.partKeys.length) throw outOfOrder(before);
  const remaining = before.size - before.received;
  const partKey = `p${index}-${randomUUID()}`;
  const key = partKeyPath(uploadId, partKey);
  let size: number;
  try {
    size = (await s.blobs.writeTemp(key, body, Math.min(MAX_PART_BYTES, remaining))).size;
  } catch (error) {
    if (error instanceof BlobTooLarge) {
      throw new AppError(413, 'part_too_large', remaining < MAX_PART_BYTES
        ? `This part goes past the announced size: ${remaining} bytes remain.`
        : `Parts are limited to ${MAX_PART_BYTES} bytes.`);
    }
    throw error;
  }
  try {
    return await inTransaction(s.pool, scope(t), async (tx) => {
      const upload = await findUpload(tx, t.instance.id, uploadId, t.membership.userId, true);
      if (!upload) throw uploadNotFound();
      // A twin request for the same part got there first.
      if (upload.partKeys.length !== index) throw outOfOrder(upload);
      await recordPart(tx, uploadId, partKey, size);
      return { ...upload, partKeys: [...upload.partKeys, partKey], received: upload.received + size };
    });
  } catch (error) {
    await s.blobs.removeTemp(key).catch(() => undefined);
    throw error;
  }
}

function outOfOrder(upload: UploadRecord): AppError {
  return conflict('part_out_of_order', `Parts are sent in order: the next one is number ${upload.partKeys.length} (${upload.received} of ${upload.size} bytes received).`);
}

/** Assembles the parts into the file (or a new version of it); the upload is then gone. */
export async function completeUpload(s: Services, t: TenantContext, uploadId: string, onConflict: OnConflict): Promise<{ id: string; created: boolean }> {
  const upload = await readUpload(s, t, uploadId);
  if (upload.received !== upload.size) {
    throw conflict('upload_incomplete', `${upload.received} of ${upload.size} bytes were received: send the remaining parts first.`);
  }
  const parts = Readable.from((async function* () {
    for (const partKey of upload.partKeys) yield* await s.blobs.openTemp(partKeyPath(uploadId, partKey));
  })());
  const staged = await stageContent(s, t, parts, upload.name, upload.size);
  const drive: DriveRef = upload.ownerId ? { kind: 'user', userId: upload.ownerId } : { kind: 'group', groupId: upload.groupId as string };
  const result = upload.itemId
    ? await uploadVersion(s, t, upload.itemId, staged).then(() => ({ id: upload.itemId as string, created: false }))
    : await addFile(s, t, staged, { drive, parentId: upload.parentId, name: upload.name, onConflict });
  await discardUpload(s, t, uploadId);
  return result;
}

export async function discardUpload(s: Services, t: TenantContext, uploadId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), (tx) => deleteUpload(tx, t.instance.id, uploadId));
  await s.blobs.removeTemp(partKeyPath(uploadId));
}

export async function abortUpload(s: Services, t: TenantContext, uploadId: string): Promise<void> {
  await readUpload(s, t, uploadId);
  await discardUpload(s, t, uploadId);
}
