// Seeding of the search benchmark, as the database owner in bulk SQL: the
// population (population.ts) first, then the content (content.ts), then what
// the application keeps beside it (conversation heads, thread counts). The
// search indexes (since migration 0013, those of search_entries but its
// primary key, which the triggers' ON CONFLICT needs) are dropped before the
// bulk load and built again after it, as one would for a restore; the
// triggers stay on, so every document gets its entry exactly as the
// application would compute it.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { hashPassword } from '../../server/src/modules/auth/passwords.ts';
import { insertColumns } from './bulk.ts';
import { seedContent, type ContentOptions } from './content.ts';
import type { Population } from './population.ts';
import { Random } from './random.ts';
import { FILE_TYPES } from './vocabulary.ts';

export interface Step { label: string; kind: 'population' | 'content' | 'index' | 'other'; rows: number; seconds: number }
export interface SeedReport { steps: Step[]; seconds: number }
/** The tables whose rows are searched (their triggers write search_entries), and the table the search reads. */
export const SEARCHED_TABLES = ['posts', 'comments', 'messages', 'drive_items', 'blob_texts'];
export const ENTRIES = 'search_entries';
const DAY = 86_400;

/**
 * The indexes that serve search: those of search_entries but its primary key, and any index of a searched table
 * on a `search` column (none since migration 0013: blob_texts keeps its vector, unindexed, for the file entries).
 */
export async function searchIndexes(db: pg.ClientBase): Promise<Array<{ name: string; table: string; definition: string }>> {
  const { rows } = await db.query<{ name: string; table: string; definition: string }>(
    `SELECT c.relname AS name, t.relname AS "table", pg_get_indexdef(c.oid) AS definition
     FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary
       AND (t.relname = $1 OR (t.relname = ANY($2) AND pg_get_indexdef(c.oid) ~ '\\msearch\\M'))
     ORDER BY t.relname, c.relname`, [ENTRIES, SEARCHED_TABLES]);
  return rows;
}

async function step(steps: Step[], log: (line: string) => void, label: string, work: () => Promise<number>, kind: Step['kind'] = 'other'): Promise<void> {
  const started = performance.now();
  const rows = await work();
  const seconds = (performance.now() - started) / 1000;
  steps.push({ label, kind, rows, seconds });
  log(`  ${label.padEnd(60)} ${rows > 0 ? `${rows.toLocaleString('en').padStart(10)} rows` : ''.padStart(15)}  ${seconds.toFixed(1).padStart(6)} s${rows > 0 && seconds > 0.5 ? `  (${Math.round(rows / seconds).toLocaleString('en')} rows/s)` : ''}`);
}

async function seedPopulation(db: pg.Client, pop: Population, now: number): Promise<number> {
  const at = (daysAgo: number) => now - daysAgo * DAY;
  let rows = await insertColumns(db, 'instances', [['id', 'uuid'], ['slug', 'text'], ['name', 'text'], ['default_locale', 'text'], ['created_at', 'timestamptz']],
    [pop.instances.map((i) => i.id), pop.instances.map((i) => i.slug), pop.instances.map((i) => i.name), pop.instances.map((i) => i.lang), pop.instances.map(() => new Date(at(420) * 1000))]);
  const passwordHash = await hashPassword('search bench: nobody signs in with this');
  const people = pop.people;
  rows += await insertColumns(db, 'users', [['id', 'uuid'], ['email', 'text'], ['display_name', 'text'], ['password_hash', 'text'], ['locale', 'text']],
    [people.map((p) => p.id), people.map((p) => p.email), people.map((p) => p.name), people.map(() => passwordHash), people.map((p) => p.locale)]);
  rows += await insertColumns(db, 'memberships', [['instance_id', 'uuid'], ['user_id', 'uuid'], ['role', 'text'], ['status', 'text']],
    [people.map((p) => pop.instances[p.instance]!.id), people.map((p) => p.id), people.map((p) => p.role), people.map((p) => (p.disabled ? 'disabled' : 'active'))]);
  const groups = pop.groups;
  const founder = (g: (typeof groups)[number]) => people[g.members[0]!]!.id;
  rows += await insertColumns(db, 'groups', [['id', 'uuid'], ['instance_id', 'uuid'], ['name', 'text'], ['visibility', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['archived_at', 'timestamptz']],
    [groups.map((g) => g.id), groups.map((g) => pop.instances[g.instance]!.id), groups.map((g) => g.name), groups.map((g) => g.visibility), groups.map(founder),
      groups.map(() => new Date(at(400) * 1000)), groups.map((g) => (g.archived ? new Date(at(20) * 1000) : null))]);
  const gm = groups.flatMap((g) => g.members.map((p) => [pop.instances[g.instance]!.id, g.id, people[p]!.id, g.admins.has(p) ? 'admin' : 'member']));
  rows += await insertColumns(db, 'group_members', [['instance_id', 'uuid'], ['group_id', 'uuid'], ['user_id', 'uuid'], ['role', 'text']], [0, 1, 2, 3].map((k) => gm.map((row) => row[k])));
  const cs = pop.conversations;
  rows += await insertColumns(db, 'conversations', [['id', 'uuid'], ['instance_id', 'uuid'], ['kind', 'text'], ['title', 'text'], ['group_id', 'uuid'], ['direct_key', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz']],
    [cs.map((c) => c.id), cs.map((c) => pop.instances[c.instance]!.id), cs.map((c) => c.kind), cs.map((c) => c.title), cs.map((c) => (c.group === null ? null : groups[c.group]!.id)),
      cs.map((c) => c.directKey), cs.map((c) => people[c.members[0]!.person]!.id), cs.map(() => new Date(at(390) * 1000))]);
  const cm = cs.flatMap((c) => c.members.map((m) => [pop.instances[c.instance]!.id, c.id, people[m.person]!.id, m.left ? new Date(at(10) * 1000) : null]));
  rows += await insertColumns(db, 'conversation_members', [['instance_id', 'uuid'], ['conversation_id', 'uuid'], ['user_id', 'uuid'], ['left_at', 'timestamptz']], [0, 1, 2, 3].map((k) => cm.map((row) => row[k])));
  // Numbered copies for the content's bulk inserts, which send row numbers rather than ids.
  await db.query('CREATE UNLOGGED TABLE bench_people (n int PRIMARY KEY, id uuid NOT NULL, instance_id uuid NOT NULL)');
  await insertColumns(db, 'bench_people', [['n', 'int'], ['id', 'uuid'], ['instance_id', 'uuid']], [people.map((_, n) => n), people.map((p) => p.id), people.map((p) => pop.instances[p.instance]!.id)]);
  await db.query('CREATE UNLOGGED TABLE bench_conversations (n int PRIMARY KEY, id uuid NOT NULL, instance_id uuid NOT NULL)');
  await insertColumns(db, 'bench_conversations', [['n', 'int'], ['id', 'uuid'], ['instance_id', 'uuid']], [cs.map((_, n) => n), cs.map((c) => c.id), cs.map((c) => pop.instances[c.instance]!.id)]);
  await db.query('ANALYZE bench_people, bench_conversations');
  return rows;
}

/**
 * What the triggers wrote, against the documents: an entry for every message not deleted, every post and comment,
 * every file not in the trash, and a file's entry holding its extracted text (the blob_texts trigger refreshes the
 * entries of the files whose current version has that content, so the text is in whether it came before or after).
 */
async function checkEntries(db: pg.ClientBase): Promise<number> {
  const { rows: [c] } = await db.query(`SELECT
    (SELECT count(*) FROM messages WHERE deleted_at IS NULL) AS messages, (SELECT count(*) FROM search_entries WHERE kind = 'message') AS message_entries,
    (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM search_entries WHERE kind = 'post') AS post_entries,
    (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM search_entries WHERE kind = 'comment') AS comment_entries,
    (SELECT count(*) FROM drive_items WHERE kind = 'file' AND trashed_at IS NULL) AS files, (SELECT count(*) FROM search_entries WHERE kind = 'file') AS file_entries,
    (SELECT count(*) FROM drive_items i JOIN drive_versions v ON v.id = i.current_version_id
       JOIN blob_texts t ON t.instance_id = v.instance_id AND t.sha256 = v.sha256 AND t.search IS NOT NULL
       LEFT JOIN search_entries e ON e.kind = 'file' AND e.id = i.id
     WHERE i.kind = 'file' AND i.trashed_at IS NULL AND (e.id IS NULL OR e.text_search IS DISTINCT FROM t.search)) AS files_without_text`);
  const wrong = [['messages', 'message_entries'], ['posts', 'post_entries'], ['comments', 'comment_entries'], ['files', 'file_entries']]
    .filter(([docs, entries]) => Number(c[docs!]) !== Number(c[entries!])).map(([docs, entries]) => `${c[docs!]} ${docs} but ${c[entries!]} entries`);
  if (Number(c.files_without_text) > 0) wrong.push(`${c.files_without_text} files whose entry lacks their extracted text`);
  if (wrong.length > 0) throw new Error(`search_entries does not match the documents: ${wrong.join('; ')}`);
  return Number(c.message_entries) + Number(c.post_entries) + Number(c.comment_entries) + Number(c.file_entries);
}

/** Blobs for attachments and drive files: a few per instance and media type (content is deduplicated, so files share them). */
function blobsOf(pop: Population, seed: number): { rows: unknown[][]; byType: Map<string, string[]> } {
  const r = new Random(seed ^ 0xb10b);
  const rows: unknown[][] = [[], [], [], []];
  const byType = new Map<string, string[]>();
  pop.instances.forEach((instance, i) => {
    for (const [, mediaType] of FILE_TYPES) {
      const shas = Array.from({ length: 4 }, () => Array.from({ length: 64 }, () => r.int(16).toString(16)).join(''));
      byType.set(`${i}:${mediaType}`, shas);
      for (const sha of shas) [instance.id, sha, r.between(2_000, 5_000_000), mediaType].forEach((v, k) => rows[k]!.push(v));
    }
  });
  return { rows, byType };
}

export async function seedDatabase(ownerUrl: string, pop: Population, o: ContentOptions & { seed: number }, log: (line: string) => void): Promise<SeedReport> {
  const started = performance.now();
  const steps: Step[] = [];
  const connect = async () => {
    const client = new pg.Client({ connectionString: ownerUrl, application_name: 'ruche-bench-search-seed' });
    client.on('error', () => undefined); // a connection ended by an interrupted run's DROP DATABASE: its query fails instead
    await client.connect();
    return client;
  };
  const db = await connect();
  const extra = await connect();
  const now = Math.floor(Date.now() / 1000);
  try {
    await step(steps, log, `population: ${pop.instances.length} instances, people, groups, conversations`, () => seedPopulation(db, pop, now), 'population');
    const blobs = blobsOf(pop, o.seed);
    await step(steps, log, 'blobs', () => insertColumns(db, 'blobs', [['instance_id', 'uuid'], ['sha256', 'text'], ['size', 'bigint'], ['media_type', 'text']], blobs.rows));
    const indexes = await searchIndexes(db);
    await step(steps, log, `drop the search indexes (${indexes.map((i) => i.name).join(', ')})`, async () => {
      for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
      return 0;
    });
    await seedContent([db, extra], pop, { ...o, now, blobs: blobs.byType }, (label, work) => step(steps, log, label, work, 'content'));
    await step(steps, log, 'check: one search entry per document, files with their text', () => checkEntries(db));
    await step(steps, log, 'thread reply counts, conversation heads', async () => {
      const replies = await db.query(`UPDATE messages p SET reply_count = r.n, last_reply_at = r.last
        FROM (SELECT parent_id, count(*) AS n, max(created_at) AS last FROM messages WHERE parent_id IS NOT NULL GROUP BY parent_id) r WHERE p.id = r.parent_id`);
      await db.query(`UPDATE conversations c SET last_message_seq = m.seq, last_activity_at = m.at
        FROM (SELECT conversation_id, max(seq) AS seq, max(created_at) AS at FROM messages GROUP BY conversation_id) m WHERE c.id = m.conversation_id`);
      await db.query(`INSERT INTO stream_heads (instance_id, stream, seq)
        SELECT instance_id, 'conversation:' || id, last_message_seq FROM conversations WHERE last_message_seq > 0`);
      await db.query('UPDATE conversation_members cm SET read_seq = c.last_message_seq FROM conversations c WHERE c.id = cm.conversation_id');
      return replies.rowCount ?? 0;
    });
    // CREATE INDEX gets more memory than the cluster's default, as an operator would give a restore.
    await db.query("SET maintenance_work_mem = '512MB'");
    for (const index of indexes) {
      await step(steps, log, `build ${index.name}`, async () => {
        await db.query(index.definition);
        return 0;
      }, 'index');
    }
    await db.query('DROP TABLE bench_people, bench_conversations');
    await step(steps, log, 'VACUUM (ANALYZE)', async () => {
      await db.query('VACUUM (ANALYZE)');
      return 0;
    });
  } finally {
    await db.end();
    await extra.end();
  }
  return { steps, seconds: (performance.now() - started) / 1000 };
}
