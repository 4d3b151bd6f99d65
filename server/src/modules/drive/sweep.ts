// The drive's hourly clean-up (a pg-boss job, jobs/runner.ts):
//  1. items in the trash for longer than DRIVE_TRASH_DAYS are deleted for good;
//  2. chunked uploads past their expiry are dropped with their parts, and
//     attachments never attached to anything within a day are dropped;
//  3. blobs that nothing references any more (no drive version, no
//     attachment) lose their row and their bytes;
//  4. temporary objects older than a day (uploads cut off by a crash) are
//     removed, and quarantined uploads older than 30 days with their rows;
//  5. stored blobs without a row (a crash between promotion and commit, or an
//     instance that was deleted) are removed.
// Steps 3 and 5 take the blob's advisory lock (content.ts) and look again
// before deleting, so an upload committing the same content at that moment
// keeps its bytes. A grace period keeps the sweep away from anything younger
// than an hour.
import { inTransaction, type Tx } from '../../db/transaction.ts';
import type { Services } from '../../services.ts';
import { QUARANTINE_PREFIX } from './antivirus.ts';
import { blobLock } from './content.ts';

const GRACE_MS = 3_600_000;
/** Older than the longest an upload's parts are needed (uploads expire after 24 hours). */
const TEMP_MAX_AGE_MS = 25 * 3_600_000;
const BATCH = 500;
const QUARANTINE_DAYS = 30;
/** Attachments not attached to anything after this long were abandoned (a composer closed without posting). */
const PENDING_ATTACHMENT_MS = 24 * 3_600_000;
/** A blob row `b` that no drive version and no attachment uses. */
const UNREFERENCED = `NOT EXISTS (SELECT 1 FROM drive_versions v WHERE v.instance_id = b.instance_id AND v.sha256 = b.sha256)
  AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.instance_id = b.instance_id AND a.sha256 = b.sha256)`;

export interface SweepReport {
  purgedItems: number;
  expiredUploads: number;
  abandonedAttachments: number;
  releasedQuarantine: number;
  removedBlobs: number;
  removedTemp: number;
  removedOrphans: number;
}

/** `now` is a parameter so tests can run the sweep "tomorrow" instead of waiting. */
export async function sweepDrive(s: Pick<Services, 'pool' | 'blobs' | 'config' | 'log'>, now = new Date()): Promise<SweepReport> {
  const report: SweepReport = { purgedItems: 0, expiredUploads: 0, abandonedAttachments: 0, releasedQuarantine: 0, removedBlobs: 0, removedTemp: 0, removedOrphans: 0 };
  const instances = await inTransaction(s.pool, {}, async (tx) => (await tx.query<{ id: string }>('SELECT id FROM instances')).rows);
  for (const { id: instanceId } of instances) {
    const work = <T>(task: (tx: Tx) => Promise<T>) => inTransaction(s.pool, { instanceId }, task);
    report.purgedItems += await work(async (tx) => (await tx.query(
      `DELETE FROM drive_items WHERE instance_id = $1 AND trashed_root AND trashed_at < $2::timestamptz - make_interval(days => $3)`,
      [instanceId, now, s.config.drive.trashDays])).rowCount ?? 0);

    const expired = await work(async (tx) => (await tx.query<{ id: string }>(
      'DELETE FROM drive_uploads WHERE instance_id = $1 AND expires_at < $2 RETURNING id', [instanceId, now])).rows);
    for (const upload of expired) await s.blobs.removeTemp(`uploads/${upload.id}`);
    report.expiredUploads += expired.length;

    const released = await work(async (tx) => (await tx.query<{ key: string }>(
      `DELETE FROM quarantined_files WHERE instance_id = $1 AND created_at < $2::timestamptz - make_interval(days => $3) RETURNING temp_key AS key`,
      [instanceId, now, QUARANTINE_DAYS])).rows);
    for (const { key } of released) await s.blobs.removeTemp(key);
    report.releasedQuarantine += released.length;

    report.abandonedAttachments += await work(async (tx) => (await tx.query(
      `DELETE FROM attachments WHERE instance_id = $1 AND post_id IS NULL AND comment_id IS NULL AND message_id IS NULL
         AND created_at < $2::timestamptz - make_interval(secs => $3)`, [instanceId, now, PENDING_ATTACHMENT_MS / 1000])).rowCount ?? 0);

    for (;;) {
      const unreferenced = await work(async (tx) => (await tx.query<{ sha256: string }>(
        `SELECT sha256 FROM blobs b WHERE instance_id = $1 AND created_at < $2::timestamptz - make_interval(secs => $3)
           AND ${UNREFERENCED}
         LIMIT $4`, [instanceId, now, GRACE_MS / 1000, BATCH])).rows);
      for (const { sha256 } of unreferenced) {
        if (await removeIfUnreferenced(s, instanceId, sha256)) report.removedBlobs += 1;
      }
      if (unreferenced.length < BATCH) break;
    }
  }

  for await (const key of s.blobs.listTemp(new Date(now.getTime() - TEMP_MAX_AGE_MS))) {
    // Quarantined uploads are kept for administrators, and leave with their row (above).
    if (key.startsWith(`${QUARANTINE_PREFIX}/`)) continue;
    await s.blobs.removeTemp(key);
    report.removedTemp += 1;
  }

  for await (const blob of s.blobs.listBlobs()) {
    if (blob.modifiedAt.getTime() > now.getTime() - GRACE_MS) continue;
    const removed = await inTransaction(s.pool, { instanceId: blob.instanceId }, async (tx) => {
      if (await hasRow(tx, blob.instanceId, blob.sha256)) return false;
      await blobLock(tx, blob);
      if (await hasRow(tx, blob.instanceId, blob.sha256)) return false;
      await s.blobs.remove(blob);
      return true;
    });
    if (removed) report.removedOrphans += 1;
  }
  if (Object.values(report).some((n) => n > 0)) s.log.info(report, 'drive sweep');
  return report;
}

async function hasRow(tx: Tx, instanceId: string, sha256: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM blobs WHERE instance_id = $1 AND sha256 = $2', [instanceId, sha256])).rows.length > 0;
}

/** Deletes the blob's row and bytes if, under its lock, nothing references it. */
async function removeIfUnreferenced(s: Pick<Services, 'pool' | 'blobs'>, instanceId: string, sha256: string): Promise<boolean> {
  return inTransaction(s.pool, { instanceId }, async (tx) => {
    await blobLock(tx, { instanceId, sha256 });
    const { rowCount } = await tx.query(
      `DELETE FROM blobs b WHERE instance_id = $1 AND sha256 = $2
         AND ${UNREFERENCED}`, [instanceId, sha256]);
    if (!rowCount) return false;
    // Bytes go after the row, inside the lock: if removing them fails, the transaction (and the row) is rolled back.
    await s.blobs.remove({ instanceId, sha256 });
    return true;
  });
}
