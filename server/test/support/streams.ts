// Realtime streams as stored, read through the superuser pool for assertions.
import type { Harness } from './harness.ts';

/** The last sequence number taken on a stream (0 for a stream that never had an event). Stream names carry ids, so they are unique across instances. */
export async function streamHead(h: Harness, stream: string): Promise<number> {
  const { rows } = await h.owner.query<{ seq: string }>('SELECT seq FROM stream_heads WHERE stream = $1', [stream]);
  return rows[0] ? Number(rows[0].seq) : 0;
}
