// The antivirus step of every upload (drive files, versions, chunked uploads,
// attachments) when clamd is configured: the staged bytes are scanned before
// they can be promoted. An infected upload is moved to quarantine (its bytes
// kept as a temporary object, a row for administrators) and refused with 422;
// clamd being unreachable refuses the upload too (503): a scan that was asked
// for is never skipped silently.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { scanStream, ScanUnavailable } from '../../storage/clamd.ts';

export const QUARANTINE_PREFIX = 'quarantine';

export async function assertClean(s: Services, t: TenantContext, staged: { tempKey: string; sha256: string; size: number }, name: string): Promise<void> {
  const config = s.config.antivirus;
  if (!config) return;
  let result;
  try {
    result = await scanStream(config, await s.blobs.openTemp(staged.tempKey));
  } catch (error) {
    if (!(error instanceof ScanUnavailable)) throw error;
    s.log.error({ err: error }, 'antivirus scan failed: upload refused');
    throw new AppError(503, 'scan_unavailable', 'The antivirus could not check this file, so it was not stored. Try again later or tell an administrator.');
  }
  if (!result.infected) return;
  const quarantineKey = `${QUARANTINE_PREFIX}/${randomUUID()}`;
  await s.blobs.writeTemp(quarantineKey, await s.blobs.openTemp(staged.tempKey), staged.size);
  await inTransaction(s.pool, { instanceId: t.instance.id, userId: t.membership.userId }, (tx) => tx.query(
    `INSERT INTO quarantined_files (instance_id, uploaded_by, name, size, sha256, signature, temp_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [t.instance.id, t.membership.userId, name, staged.size, staged.sha256, result.signature, quarantineKey]));
  s.log.warn({ instanceId: t.instance.id, userId: t.membership.userId, name, sha256: staged.sha256, signature: result.signature }, 'infected upload quarantined');
  throw new AppError(422, 'file_infected', `The antivirus found ${result.signature} in this file. It was not stored and has been set aside for an administrator.`);
}
