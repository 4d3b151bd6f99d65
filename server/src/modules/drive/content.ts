// Taking in file content: stream it to a temporary object within the limits
// (file size, the person's and the instance's quotas), sniff its type, then,
// inside the caller's transaction, promote it to its content address and
// record its blob row. The quota is checked again under a per-instance lock at
// commit time, so two uploads racing for the last free bytes cannot both win.
//
// Promotion and the blob row happen under an advisory lock on the blob's
// address, which the sweep (sweep.ts) also takes before deleting an
// unreferenced blob: a blob cannot be swept between "already stored, skip the
// copy" and "referenced by the new version".
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '../../errors.ts';
import type { Tx } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { BlobTooLarge, type BlobKey } from '../../storage/blob-store.ts';
import { blobExists, insertBlob, instanceUsage, userHasContent, userUsage } from './queries.ts';
import { assertClean } from './antivirus.ts';
import { sniffMediaType } from './sniff.ts';

export interface StagedContent {
  tempKey: string;
  sha256: string;
  size: number;
  mediaType: string;
}

export const fileTooLarge = (max: number) =>
  new AppError(413, 'file_too_large', `Files are limited to ${formatBytes(max)}.`);
export const quotaExceeded = (scope: 'user' | 'instance') =>
  new AppError(507, 'quota_exceeded', scope === 'user'
    ? 'Your storage space is full: delete files (and empty the trash) to make room.'
    : "This workspace's storage space is full: ask an administrator.");

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

export const blobLock = (tx: Tx, key: BlobKey) =>
  tx.query("SELECT pg_advisory_xact_lock(hashtextextended('blob:' || $1 || ':' || $2, 0))", [key.instanceId, key.sha256]);
const quotaLock = (tx: Tx, instanceId: string) =>
  tx.query("SELECT pg_advisory_xact_lock(hashtextextended('drive-quota:' || $1, 0))", [instanceId]);

interface Room {
  /** The most bytes this upload may hold. */
  limit: number;
  /** Which limit that is, to name it in the error. */
  binding: 'file' | 'user' | 'instance';
}

/** How much the actor may upload now. */
export async function roomFor(s: Services, t: TenantContext): Promise<Room> {
  const { maxFileBytes, userQuotaBytes, instanceQuotaBytes } = s.config.drive;
  const [user, instance] = await inTransaction(s.pool, { instanceId: t.instance.id, userId: t.membership.userId }, async (tx) =>
    [userQuotaBytes ? await userUsage(tx, t.instance.id, t.membership.userId) : 0, instanceQuotaBytes ? await instanceUsage(tx, t.instance.id) : 0]);
  const rooms: Room[] = [{ limit: maxFileBytes, binding: 'file' }];
  if (userQuotaBytes) rooms.push({ limit: Math.max(0, userQuotaBytes - (user ?? 0)), binding: 'user' });
  if (instanceQuotaBytes) rooms.push({ limit: Math.max(0, instanceQuotaBytes - (instance ?? 0)), binding: 'instance' });
  return rooms.reduce((a, b) => (b.limit < a.limit ? b : a));
}

export function refuse(room: Room, maxFileBytes: number): AppError {
  return room.binding === 'file' ? fileTooLarge(maxFileBytes) : quotaExceeded(room.binding);
}

/** Fails before reading a byte when the announced size cannot fit. */
export function assertFits(room: Room, declared: number | undefined, maxFileBytes: number): void {
  if (declared !== undefined && declared > room.limit) throw refuse(room, maxFileBytes);
}

/**
 * Streams `body` into a temporary object. An oversized body is cut off and
 * leaves nothing; the caller removes the temporary object if it does not commit.
 */
export async function stageContent(s: Services, t: TenantContext, body: Readable, name: string, declared?: number): Promise<StagedContent> {
  const room = await roomFor(s, t);
  assertFits(room, declared, s.config.drive.maxFileBytes);
  const tempKey = `upload-${randomUUID()}`;
  let staged: StagedContent;
  try {
    const written = await s.blobs.writeTemp(tempKey, body, room.limit);
    staged = { tempKey, sha256: written.sha256, size: written.size, mediaType: await sniffMediaType(written.head, name) };
  } catch (error) {
    if (error instanceof BlobTooLarge) throw refuse(room, s.config.drive.maxFileBytes);
    throw error;
  }
  try {
    await assertClean(s, t, staged, name);
  } catch (error) {
    await s.blobs.removeTemp(tempKey).catch(() => undefined);
    throw error;
  }
  // From here the caller owns the temporary object (withStaged).
  return staged;
}

/**
 * Inside the transaction that references the content: checks the quotas again
 * under the instance's lock, promotes the temporary object and records the blob.
 */
export async function commitContent(s: Services, tx: Tx, t: TenantContext, staged: StagedContent): Promise<void> {
  const key = { instanceId: t.instance.id, sha256: staged.sha256 };
  const { userQuotaBytes, instanceQuotaBytes } = s.config.drive;
  await quotaLock(tx, t.instance.id);
  await blobLock(tx, key);
  const known = await blobExists(tx, t.instance.id, staged.sha256);
  if (userQuotaBytes && !(await userHasContent(tx, t.instance.id, t.membership.userId, staged.sha256))) {
    if (await userUsage(tx, t.instance.id, t.membership.userId) + staged.size > userQuotaBytes) throw quotaExceeded('user');
  }
  if (instanceQuotaBytes && !known && await instanceUsage(tx, t.instance.id) + staged.size > instanceQuotaBytes) throw quotaExceeded('instance');
  await s.blobs.promote(staged.tempKey, key, staged.size);
  if (!known) await insertBlob(tx, { instanceId: t.instance.id, sha256: staged.sha256, size: staged.size, mediaType: staged.mediaType });
}

/**
 * Content already stored, newly counted for the actor (a copy, a restored
 * version, a drive file attached): no bytes move, but it enters their usage,
 * so their quota is checked as for an upload.
 */
export async function chargeStoredContent(s: Services, tx: Tx, t: TenantContext, content: { sha256: string; size: number }): Promise<void> {
  const { userQuotaBytes } = s.config.drive;
  if (!userQuotaBytes) return;
  await quotaLock(tx, t.instance.id);
  if (await userHasContent(tx, t.instance.id, t.membership.userId, content.sha256)) return;
  if (await userUsage(tx, t.instance.id, t.membership.userId) + content.size > userQuotaBytes) throw quotaExceeded('user');
}

/** Runs `work` with staged content; the temporary object is removed whatever happens. */
export async function withStaged<T>(s: Services, staged: StagedContent, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await s.blobs.removeTemp(staged.tempKey).catch((err: unknown) => s.log.warn({ err, key: staged.tempKey }, 'temporary upload object not removed; the sweep will'));
  }
}
