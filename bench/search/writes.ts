// What search costs writers, in the search benchmark, three ways:
//  - bulk: the seeded messages copied again, in batches, into a copy of the
//    messages table (same columns, checks and indexes, no foreign keys; new
//    ids, so that each row is a new document) without search (no trigger),
//    with the messages' search trigger writing entries into search_entries
//    but the GIN index of messages' entries dropped, and with trigger and
//    index, as in production; the copy's entries are deleted after each run;
//  - one message per transaction, as chat writes them, into the real
//    messages table (its million rows; its entries and their GIN index in
//    search_entries), with the search trigger enabled and disabled in turns;
//  - sendMessage, the real action (checks, stream event, read marker…),
//    likewise with the trigger enabled and disabled in turns.
// Runs last: the rows it adds to the real table are not searched.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { sendMessage } from '../../server/src/modules/chat/actions.ts';
import type { TenantContext } from '../../server/src/http/context.ts';
import type { Services } from '../../server/src/services.ts';
import { clockMs } from '../chat/protocol.ts';
import type { Sampler } from '../chat/sampling.ts';
import { stats, type Stats } from './measure.ts';
import { Random } from './random.ts';
import { chatMessage } from './text.ts';
import type { Lang } from './vocabulary.ts';

/** `other`: CPU used by everything but PostgreSQL and this process meanwhile, in % of one core (a busy machine makes writes slower). */
export interface BulkResult { label: string; rows: number; seconds: number; perSecond: number; other: number | null }
export interface LoopResult extends Stats { label: string; trigger: boolean; perSecond: number; other: number | null }
export interface WriteReport { bulk: BulkResult[]; singles: LoopResult[]; actions: LoopResult[] }

const COPY = 'bench_messages_copy';

/** CPU of everything but PostgreSQL and this process since `from` (clockMs), if the sampler saw a whole second of it. */
function otherCpu(sampler: Sampler | undefined, from: number): number | null {
  const used = sampler?.summary(from, clockMs());
  return used && used.seconds > 0 ? Math.max(0, used.machine - used.postgres - used.server) : null;
}

async function timedBulk(db: pg.ClientBase, label: string, rows: number, batch: number, columns: string[], sampler?: Sampler): Promise<BulkResult> {
  await db.query('CHECKPOINT');
  const names = columns.join(', ');
  // A new id for every row, as the column's default gives it: the trigger then inserts an entry, never updates one.
  const values = columns.map((c) => (c === 'id' ? 'gen_random_uuid()' : c)).join(', ');
  const started = performance.now();
  const from = clockMs();
  let written = 0;
  for (let from = 0; from < rows; from += batch) {
    written += (await db.query(`INSERT INTO ${COPY} (${names}) SELECT ${values} FROM bench_write_source WHERE n > $1 AND n <= $2`, [from, from + batch])).rowCount ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  return { label, rows: written, seconds, perSecond: written / seconds, other: otherCpu(sampler, from) };
}

/** Empties the copy and takes its rows' entries out of search_entries (then vacuumed, so that each run starts from the seeded table). */
async function clearCopy(db: pg.ClientBase): Promise<void> {
  const deleted = await db.query(`DELETE FROM search_entries e USING ${COPY} c WHERE e.kind = 'message' AND e.id = c.id`);
  await db.query(`TRUNCATE ${COPY}`);
  if ((deleted.rowCount ?? 0) > 0) await db.query('VACUUM search_entries');
}

async function bulkCost(db: pg.ClientBase, rows: number, batch: number, sampler?: Sampler): Promise<BulkResult[]> {
  const { rows: triggers } = await db.query<{ definition: string }>(
    "SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = 'messages'::regclass AND NOT tgisinternal AND tgname ~ 'search'");
  if (triggers.length === 0) throw new Error('messages has no search trigger: nothing to measure');
  const { rows: columns } = await db.query<{ name: string }>(
    "SELECT attname AS name FROM pg_attribute WHERE attrelid = 'messages'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
  // The GIN indexes of search_entries that a message's entry goes into (their predicate names messages, or they have none).
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_am a ON a.oid = c.relam
     WHERE x.indrelid = 'search_entries'::regclass AND a.amname = 'gin' AND (x.indpred IS NULL OR pg_get_expr(x.indpred, x.indrelid) ~ '''message''')`);
  // The latest messages with text, numbered from 1 in order of time.
  await db.query(`CREATE UNLOGGED TABLE bench_write_source AS
    SELECT row_number() OVER (ORDER BY created_at) AS n, * FROM (SELECT * FROM messages WHERE body <> '' AND deleted_at IS NULL ORDER BY created_at DESC LIMIT $1) latest`, [rows]);
  await db.query('CREATE INDEX ON bench_write_source (n)');
  await db.query(`CREATE TABLE ${COPY} (LIKE messages INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
  // The real table's trigger and function: the copy's rows get entries of kind 'message', under their own ids.
  for (const [k, t] of triggers.entries()) {
    await db.query(t.definition.replace(/^CREATE TRIGGER \S+/, `CREATE TRIGGER bench_copy_search_${k}`).replace(/ ON \S+ /, ` ON ${COPY} `));
  }
  const names = columns.map((c) => c.name);
  const results: BulkResult[] = [];
  let dropped = false;
  try {
    await db.query(`ALTER TABLE ${COPY} DISABLE TRIGGER USER`);
    results.push(await timedBulk(db, 'without search (no trigger, no entries)', rows, batch, names, sampler));
    await clearCopy(db);
    await db.query(`ALTER TABLE ${COPY} ENABLE TRIGGER USER`);
    for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
    dropped = true;
    results.push(await timedBulk(db, `trigger only (entries written, ${indexes.map((i) => i.name).join(', ')} dropped)`, rows, batch, names, sampler));
    await clearCopy(db);
    await db.query("SET maintenance_work_mem = '512MB'");
    for (const index of indexes) await db.query(index.definition);
    await db.query('RESET maintenance_work_mem');
    dropped = false;
    results.push(await timedBulk(db, 'trigger and search index (as in production)', rows, batch, names, sampler));
  } finally {
    // search_entries as the seeding left it: without the copy's entries, with all its indexes.
    await clearCopy(db);
    if (dropped) for (const index of indexes) await db.query(index.definition);
    await db.query(`DROP TABLE ${COPY}, bench_write_source`);
  }
  return results;
}

export interface Writer { tenant: TenantContext; conversationId: string; authorId: string; instanceId: string; lang: Lang }

/** Writers in conversations that accept messages (not a room of an archived group), each in its own conversation. */
export async function pickWriters(db: pg.ClientBase, count: number): Promise<Writer[]> {
  const { rows } = await db.query(`
    SELECT DISTINCT ON (c.id) c.id AS "conversationId", cm.user_id AS "authorId", u.locale, i.id AS "instanceId", i.slug, i.name, i.default_locale AS "defaultLocale",
      i.status, i.created_at AS "createdAt", m.role, m.status AS "memberStatus", m.created_at AS "memberSince"
    FROM conversations c JOIN conversation_members cm ON cm.conversation_id = c.id AND cm.left_at IS NULL
    JOIN memberships m ON m.instance_id = c.instance_id AND m.user_id = cm.user_id AND m.status = 'active' AND m.role <> 'guest'
    JOIN users u ON u.id = cm.user_id JOIN instances i ON i.id = c.instance_id
    WHERE c.kind = 'group' AND c.last_message_seq > 0 ORDER BY c.id, cm.user_id LIMIT $1`, [count]);
  return rows.map((r) => ({
    conversationId: r.conversationId, authorId: r.authorId, instanceId: r.instanceId, lang: r.locale,
    tenant: {
      instance: { id: r.instanceId, slug: r.slug, name: r.name, defaultLocale: r.defaultLocale, status: r.status, createdAt: r.createdAt },
      membership: { instanceId: r.instanceId, userId: r.authorId, role: r.role, status: r.memberStatus, createdAt: r.memberSince },
    },
  }));
}

/** Each writer writes one message at a time for `seconds`; returns messages/s and the latency of each. */
async function loop(writers: Writer[], seconds: number, sampler: Sampler | undefined, write: (w: Writer, k: number) => Promise<void>) {
  const latencies: number[] = [];
  const started = performance.now();
  const from = clockMs();
  const deadline = started + seconds * 1000;
  await Promise.all(writers.map(async (w) => {
    for (let k = 0; performance.now() < deadline; k++) {
      const t0 = performance.now();
      await write(w, k);
      latencies.push(performance.now() - t0);
    }
  }));
  return { perSecond: latencies.length / ((performance.now() - started) / 1000), ...stats(latencies), other: otherCpu(sampler, from) };
}

/** Alternates the trigger on and off for `rounds` rounds of each, so that drift on a shared machine hits both alike. */
async function alternate(db: pg.ClientBase, label: string, rounds: number, run: () => Promise<Omit<LoopResult, 'label' | 'trigger'>>): Promise<LoopResult[]> {
  const { rows: triggers } = await db.query<{ name: string }>("SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'messages'::regclass AND NOT tgisinternal AND tgname ~ 'search'");
  const turn = async (on: boolean) => {
    for (const t of triggers) await db.query(`ALTER TABLE messages ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t.name}`);
  };
  const results: LoopResult[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const trigger of [true, false]) {
        await turn(trigger);
        results.push({ label, trigger, ...await run() });
      }
    }
  } finally {
    await turn(true);
  }
  return results;
}

export interface ChatBeforeReads { messages: number; seconds: number; pending: Array<{ name: string; pages: number }> | null }

/**
 * Chat before the reads: `count` messages written one per transaction by the `insertDb` connections, in 40
 * conversations, the search trigger writing their entries as it does for chat. The reads then meet the indexes as
 * a working server's are, not as freshly built and vacuumed: a GIN index that queued new entries in a pending list
 * would make every search read that list (migration 0023). Answers what each GIN index still has pending, read
 * with pgstattuple when the cluster has it.
 */
export async function chatBeforeReads(db: pg.ClientBase, insertDb: pg.ClientBase[], count: number, seed: number): Promise<ChatBeforeReads> {
  const writers = await pickWriters(db, 40);
  const r = new Random(seed ^ 0x51e77e);
  const started = performance.now();
  let next = 0;
  await Promise.all(insertDb.map(async (client) => {
    for (let k = next++; k < count; k = next++) {
      const w = writers[k % writers.length]!;
      const body = chatMessage(r, w.lang);
      // Seq numbers far above the conversation's and below the writes' (1e9), so that they never meet.
      await client.query(`INSERT INTO messages (instance_id, conversation_id, seq, author_id, body, body_html) VALUES ($1, $2, $3, $4, $5, '<p>' || $5 || '</p>')`,
        [w.instanceId, w.conversationId, 900_000_000 + k, w.authorId, body]);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  let pending: ChatBeforeReads['pending'] = null;
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    const { rows } = await db.query<{ name: string; pages: number }>(`SELECT c.relname AS name, (pgstatginindex(c.oid::regclass)).pending_pages AS pages
      FROM pg_class c JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'gin' AND n.nspname = 'public' ORDER BY 1`);
    pending = rows;
  } catch {
    // No pgstattuple here (postgresql-contrib): the pending pages go unreported.
  }
  return { messages: count, seconds, pending };
}

export async function measureWrites(s: Services, db: pg.ClientBase, insertDb: pg.ClientBase[],
  o: { bulkRows: number; batch: number; seconds: number; seed: number }, sampler?: Sampler): Promise<WriteReport> {
  const bulk = await bulkCost(db, o.bulkRows, o.batch, sampler);
  const writers = await pickWriters(db, insertDb.length);
  const r = new Random(o.seed ^ 0x3717e5);
  const bodies = { fr: Array.from({ length: 500 }, () => chatMessage(r, 'fr')), en: Array.from({ length: 500 }, () => chatMessage(r, 'en')) };
  // Plain inserts take seq numbers far above the conversation's, so they never meet sendMessage's.
  let seq = 1_000_000_000;
  const singles = await alternate(db, 'one INSERT per transaction', 2, () => loop(writers, o.seconds, sampler, async (w, k) => {
    const client = insertDb[writers.indexOf(w)]!;
    await client.query(`INSERT INTO messages (instance_id, conversation_id, seq, author_id, body, body_html) VALUES ($1, $2, $3, $4, $5, '<p>' || $5 || '</p>')`,
      [w.instanceId, w.conversationId, seq++, w.authorId, bodies[w.lang][k % 500]]);
  }));
  const actions = await alternate(db, 'sendMessage', 2, () => loop(writers, o.seconds, sampler, async (w, k) => {
    await sendMessage(s, w.tenant, w.conversationId, { body: bodies[w.lang][(k * 7) % 500] });
  }));
  return { bulk, singles, actions };
}
