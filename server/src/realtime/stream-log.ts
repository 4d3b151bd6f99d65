// The durable side of streams: sequence numbers and the recent events a
// reconnecting client may ask for. Appending runs inside the caller's
// transaction; the head row lock orders concurrent writers of one stream.
import { inTransaction, type Tx } from '../db/transaction.ts';
import type { Services } from '../services.ts';
import type { EventType, RucheEvent, RucheEvents } from './events.ts';

/** Takes the stream's next sequence number (locks the stream's head until commit). */
export async function nextSeq(tx: Tx, instanceId: string, stream: string): Promise<number> {
  const { rows } = await tx.query<{ seq: string }>(
    `INSERT INTO stream_heads (instance_id, stream, seq) VALUES ($1, $2, 1)
     ON CONFLICT (instance_id, stream) DO UPDATE SET seq = stream_heads.seq + 1
     RETURNING seq`,
    [instanceId, stream],
  );
  return Number(rows[0]!.seq);
}

async function storeEvent(tx: Tx, event: RucheEvent & { seq: number }): Promise<void> {
  await tx.query('INSERT INTO stream_events (instance_id, stream, seq, type, data) VALUES ($1, $2, $3, $4, $5)',
    [event.instanceId, event.stream, event.seq, event.type, event.data]);
}

/**
 * Appends an event to its stream in this transaction and publishes it once the
 * transaction commits. `seq` is passed when the caller took it already (a
 * message's number is its event's).
 */
export async function emit<T extends EventType>(
  s: Pick<Services, 'bus'>, tx: Tx,
  event: { type: T; instanceId: string; stream: string; data: RucheEvents[T]; seq?: number },
): Promise<number> {
  const seq = event.seq ?? await nextSeq(tx, event.instanceId, event.stream);
  const stored = { ...event, seq } as RucheEvent & { seq: number };
  await storeEvent(tx, stored);
  tx.afterCommit(() => s.bus.publish(stored));
  return seq;
}

export async function streamHead(tx: Tx, instanceId: string, stream: string): Promise<number> {
  const { rows } = await tx.query<{ seq: string }>('SELECT seq FROM stream_heads WHERE instance_id = $1 AND stream = $2', [instanceId, stream]);
  return rows[0] ? Number(rows[0].seq) : 0;
}

export interface StoredEvent {
  seq: number;
  type: EventType;
  data: unknown;
}

/** Events after `since` up to `until` (inclusive), oldest first, at most `limit`. */
export async function eventsBetween(tx: Tx, instanceId: string, stream: string, since: number, until: number, limit: number): Promise<StoredEvent[]> {
  const { rows } = await tx.query<{ seq: string; type: EventType; data: unknown }>(
    `SELECT seq, type, data FROM stream_events
     WHERE instance_id = $1 AND stream = $2 AND seq > $3 AND seq <= $4
     ORDER BY seq LIMIT $5`,
    [instanceId, stream, since, until, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: r.data }));
}

/**
 * Forgets the events older than the recovery window, instance by instance
 * (each under its own RLS scope). Runs hourly as a job; a client further
 * behind is told to reload (reset).
 */
export async function pruneStreamEvents(s: Pick<Services, 'pool' | 'config'>): Promise<number> {
  const instances = await inTransaction(s.pool, {}, async (tx) => (await tx.query<{ id: string }>('SELECT id FROM instances')).rows);
  let pruned = 0;
  for (const { id } of instances) {
    pruned += await inTransaction(s.pool, { instanceId: id }, async (tx) => {
      const { rowCount } = await tx.query(
        'DELETE FROM stream_events WHERE instance_id = $1 AND created_at < now() - make_interval(hours => $2)', [id, s.config.realtime.recoveryHours]);
      return rowCount ?? 0;
    });
  }
  return pruned;
}
