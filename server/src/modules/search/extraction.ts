// Extracting the text of stored files so that search finds files by their
// content, as a background job (jobs/runner.ts, every minute): uploads do
// not wait for it, and a failure is retried on the next runs, three times at
// most, the error kept on the row. Plain text, PDF and Office documents
// (extractors.ts). Each content is extracted once per instance.
import { buffer } from 'node:stream/consumers';
import { inTransaction } from '../../db/transaction.ts';
import { extractable, extractText, needsWholeFile } from './extractors.ts';
import type { Services } from '../../services.ts';

const MAX_ATTEMPTS = 3;
/** The first MiB of a text file, and of any file's text, is what is indexed: enough to find a document. */
const MAX_TEXT = 1024 * 1024;
/** PDF and Office files are read whole to be parsed; larger ones are not extracted. */
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
const BATCH = 50;

class TooLargeToExtract extends Error {}

export async function extractPendingTexts(s: Pick<Services, 'pool' | 'blobs' | 'log'>): Promise<{ extracted: number; failed: number }> {
  const result = { extracted: 0, failed: 0 };
  const instances = await inTransaction(s.pool, {}, async (tx) => (await tx.query<{ id: string }>('SELECT id FROM instances')).rows);
  for (const { id: instanceId } of instances) {
    const candidates = await inTransaction(s.pool, { instanceId }, async (tx) => (await tx.query<{ sha256: string; size: number; mediaType: string }>(
      `SELECT b.sha256, b.size, b.media_type AS "mediaType" FROM blobs b LEFT JOIN blob_texts t ON t.instance_id = b.instance_id AND t.sha256 = b.sha256
       WHERE b.instance_id = $1 AND (b.media_type LIKE 'text/%' OR b.media_type LIKE 'application/%')
         AND (t.sha256 IS NULL OR (t.extracted_at IS NULL AND t.attempts < $2))
       ORDER BY b.created_at LIMIT $3`, [instanceId, MAX_ATTEMPTS, BATCH])).rows);
    for (const blob of candidates.filter((c) => extractable(c.mediaType))) {
      const key = { instanceId, sha256: blob.sha256 };
      try {
        const whole = needsWholeFile(blob.mediaType);
        if (whole && blob.size > MAX_DOCUMENT_BYTES) throw new TooLargeToExtract(`larger than ${MAX_DOCUMENT_BYTES} bytes: not extracted`);
        const range = !whole && blob.size > MAX_TEXT ? { start: 0, end: MAX_TEXT - 1 } : undefined;
        const bytes = blob.size === 0 ? Buffer.alloc(0) : await buffer(await s.blobs.open(key, range));
        // A character cut at the limit, or bytes that are not UTF-8, become U+FFFD; NUL cannot be stored in text.
        const body = (await extractText(blob.mediaType, bytes)).slice(0, MAX_TEXT).replaceAll('\u0000', ' ');
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
          `INSERT INTO blob_texts (instance_id, sha256, attempts, error) VALUES ($1, $2, $4, $3)
           ON CONFLICT (instance_id, sha256) DO UPDATE SET attempts = blob_texts.attempts + $4, error = EXCLUDED.error`,
          // A file too large is not tried again.
          [instanceId, blob.sha256, String((error as Error).message).slice(0, 500), error instanceof TooLargeToExtract ? MAX_ATTEMPTS : 1])).catch(() => undefined);
      }
    }
  }
  return result;
}
