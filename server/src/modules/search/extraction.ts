// Extracting the text of stored files so that search finds files by their
// content, as a background job (jobs/runner.ts, every minute): uploads do
// not wait for it, and a failure is retried on the next runs, three times at
// most, the error kept on the row. Plain text formats (text, Markdown, CSV,
// JSON…) are read as UTF-8 today; PDF and Office documents are not yet
// extracted (docs/search.md). Each content is extracted once per instance.
import { text } from 'node:stream/consumers';
import { inTransaction } from '../../db/transaction.ts';
import type { Services } from '../../services.ts';

const MAX_ATTEMPTS = 3;
/** The first bytes are enough to find a document: its beginning is indexed, not a novel. */
const MAX_BYTES = 1024 * 1024;
const BATCH = 50;

const EXTRACTABLE = `(media_type LIKE 'text/%' OR media_type IN ('application/json', 'application/xml'))`;

export async function extractPendingTexts(s: Pick<Services, 'pool' | 'blobs' | 'log'>): Promise<{ extracted: number; failed: number }> {
  const result = { extracted: 0, failed: 0 };
  const instances = await inTransaction(s.pool, {}, async (tx) => (await tx.query<{ id: string }>('SELECT id FROM instances')).rows);
  for (const { id: instanceId } of instances) {
    const pending = await inTransaction(s.pool, { instanceId }, async (tx) => (await tx.query<{ sha256: string; size: number }>(
      `SELECT b.sha256, b.size FROM blobs b LEFT JOIN blob_texts t ON t.instance_id = b.instance_id AND t.sha256 = b.sha256
       WHERE b.instance_id = $1 AND ${EXTRACTABLE.replaceAll('media_type', 'b.media_type')}
         AND (t.sha256 IS NULL OR (t.extracted_at IS NULL AND t.attempts < $2))
       ORDER BY b.created_at LIMIT $3`, [instanceId, MAX_ATTEMPTS, BATCH])).rows);
    for (const blob of pending) {
      const key = { instanceId, sha256: blob.sha256 };
      try {
        const range = blob.size > MAX_BYTES ? { start: 0, end: MAX_BYTES - 1 } : undefined;
        // A character cut at the limit, or bytes that are not UTF-8, become U+FFFD; NUL cannot be stored in text.
        const body = blob.size === 0 ? '' : (await text(await s.blobs.open(key, range))).replaceAll('\u0000', ' ');
        await inTransaction(s.pool, { instanceId }, (tx) => tx.query(
          `INSERT INTO blob_texts (instance_id, sha256, body, search, attempts, extracted_at, error)
           VALUES ($1, $2, $3, to_tsvector('ruche_fr', $3) || to_tsvector('ruche_en', $3) || to_tsvector('ruche_simple', $3), 1, now(), NULL)
           ON CONFLICT (instance_id, sha256) DO UPDATE SET body = EXCLUDED.body, search = EXCLUDED.search,
             attempts = blob_texts.attempts + 1, extracted_at = now(), error = NULL`, [instanceId, blob.sha256, body]));
        result.extracted += 1;
      } catch (error) {
        result.failed += 1;
        s.log.warn({ err: error, instanceId, sha256: blob.sha256 }, 'text extraction failed; retried on the next run');
        await inTransaction(s.pool, { instanceId }, (tx) => tx.query(
          `INSERT INTO blob_texts (instance_id, sha256, attempts, error) VALUES ($1, $2, 1, $3)
           ON CONFLICT (instance_id, sha256) DO UPDATE SET attempts = blob_texts.attempts + 1, error = EXCLUDED.error`,
          [instanceId, blob.sha256, String((error as Error).message).slice(0, 500)])).catch(() => undefined);
      }
    }
  }
  return result;
}
