// The searched content of the search benchmark: chat messages (some thread
// replies, some deleted, some with a file), feed posts in groups and on
// profiles with their comments, and drive files (personal and group drives,
// a few shared, a few in the trash). Rows are generated in order of time over
// the last year, so the table is laid out as a real one, and written in
// batches by several connections (bulk.ts). Each author writes in their own
// language, now and then in the other one.
import type pg from 'pg';
import { columnsOf, insertColumns, pipeline, push, slices, type Column } from './bulk.ts';
import type { Population } from './population.ts';
import { Random } from './random.ts';
import { chatMessage, commentBody, documentText, fileName, postBody } from './text.ts';
import type { Lang } from './vocabulary.ts';

export interface ContentOptions { messages: number; posts: number; files: number; batch: number }
type Step = (label: string, work: () => Promise<number>) => Promise<void>;

const YEAR = 365 * 86_400;
const other = (lang: Lang): Lang => (lang === 'fr' ? 'en' : 'fr');

const ATTACHMENT_COLUMNS: Column[] = [['instance_id', 'uuid'], ['uploaded_by', 'uuid'], ['name', 'text'], ['sha256', 'text'], ['size', 'bigint'],
  ['media_type', 'text'], ['post_id', 'uuid'], ['message_id', 'uuid'], ['created_at', 'timestamptz']];
const ITEM_COLUMNS: Column[] = [['id', 'uuid'], ['instance_id', 'uuid'], ['owner_id', 'uuid'], ['group_id', 'uuid'], ['kind', 'text'], ['name', 'text'], ['current_version_id', 'uuid'],
  ['size', 'bigint'], ['media_type', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['trashed_at', 'timestamptz'], ['trashed_root', 'boolean']];
const VERSION_COLUMNS: Column[] = [['id', 'uuid'], ['instance_id', 'uuid'], ['item_id', 'uuid'], ['number', 'int'], ['sha256', 'text'], ['size', 'bigint'], ['media_type', 'text'],
  ['uploaded_by', 'uuid'], ['created_at', 'timestamptz']];
const SHARE_COLUMNS: Column[] = [['instance_id', 'uuid'], ['item_id', 'uuid'], ['user_id', 'uuid'], ['role', 'text'], ['created_by', 'uuid']];
const BLOB_COLUMNS: Column[] = [['instance_id', 'uuid'], ['sha256', 'text'], ['size', 'bigint'], ['media_type', 'text']];
const TEXT_COLUMNS: Column[] = [['instance_id', 'uuid'], ['sha256', 'text'], ['body', 'text']];
const MESSAGE_COLUMNS: Column[] = [['id', 'uuid'], ['conv', 'int'], ['seq', 'bigint'], ['author', 'int'], ['body', 'text'], ['parent', 'uuid'], ['at', 'float8'], ['deleted', 'boolean']];
const POST_COLUMNS: Column[] = [['id', 'uuid'], ['grp', 'uuid'], ['author', 'int'], ['body', 'text'], ['at', 'float8']];
const COMMENT_COLUMNS: Column[] = [['post', 'uuid'], ['author', 'int'], ['body', 'text'], ['at', 'float8']];

// Rows travel with row numbers of people and conversations (bench_people, bench_conversations) rather than their ids.
const MESSAGE_INSERT = `INSERT INTO messages (id, instance_id, conversation_id, seq, author_id, body, body_html, parent_id, created_at, deleted_at)
  SELECT m.id, c.instance_id, c.id, m.seq, p.id, m.body, CASE WHEN m.body = '' THEN '' ELSE '<p>' || m.body || '</p>' END, m.parent,
         to_timestamp(m.at), CASE WHEN m.deleted THEN to_timestamp(m.at + 600) END
  FROM unnest($1::uuid[], $2::int[], $3::bigint[], $4::int[], $5::text[], $6::uuid[], $7::float8[], $8::boolean[]) AS m (id, conv, seq, author, body, parent, at, deleted)
  JOIN bench_conversations c ON c.n = m.conv JOIN bench_people p ON p.n = m.author`;
const POST_INSERT = `INSERT INTO posts (id, instance_id, group_id, author_id, body, body_html, created_at)
  SELECT m.id, p.instance_id, m.grp, p.id, m.body, '<p>' || m.body || '</p>', to_timestamp(m.at)
  FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::float8[]) AS m (id, grp, author, body, at) JOIN bench_people p ON p.n = m.author`;
const COMMENT_INSERT = `INSERT INTO comments (instance_id, post_id, author_id, body, body_html, created_at)
  SELECT p.instance_id, m.post, p.id, m.body, '<p>' || m.body || '</p>', to_timestamp(m.at)
  FROM unnest($1::uuid[], $2::int[], $3::text[], $4::float8[]) AS m (post, author, body, at) JOIN bench_people p ON p.n = m.author`;

interface Context extends ContentOptions { now: number; blobs: Map<string, string[]> }

export async function seedContent(connections: pg.ClientBase[], pop: Population, o: Context, step: Step): Promise<void> {
  const attachments = columnsOf(ATTACHMENT_COLUMNS);
  const attach = (r: Random, instance: number, person: number, at: number, target: { post?: string; message?: string }) => {
    const lang = pop.people[person]!.locale;
    const file = fileName(r, lang);
    push(attachments, pop.instances[instance]!.id, pop.people[person]!.id, file.name, r.pick(o.blobs.get(`${instance}:${file.mediaType}`)!),
      r.between(2_000, 5_000_000), file.mediaType, target.post ?? null, target.message ?? null, new Date(at * 1000));
  };
  const language = (r: Random, person: number) => (r.chance(0.05) ? other(pop.people[person]!.locale) : pop.people[person]!.locale);

  // Messages, in order of time; thread replies wait for a second pass (their parent must be committed, and batches run side by side).
  const replies = columnsOf(MESSAGE_COLUMNS);
  function* messageBatches(): Generator<unknown[][]> {
    const r = new Random(o.messages ^ 0x3e55a9e);
    const seqs = new Int32Array(pop.conversations.length);
    const lastTop: Array<string | undefined> = [];
    let batch = columnsOf(MESSAGE_COLUMNS);
    for (let i = 0; i < o.messages; i++) {
      const at = o.now - YEAR + ((i + r.next()) / o.messages) * (YEAR - 3600);
      const c = r.weighted(pop.messageWeights);
      const conversation = pop.conversations[c]!;
      const author = r.pick(conversation.members).person;
      const deleted = r.chance(0.01);
      const id = r.uuid();
      const body = deleted ? '' : chatMessage(r, language(r, author));
      const parent = lastTop[c] !== undefined && r.chance(0.04) ? lastTop[c]! : null;
      seqs[c] = seqs[c]! + 1;
      push(parent ? replies : batch, id, c, seqs[c], author, body, parent, at, deleted);
      if (!parent) lastTop[c] = id;
      if (!deleted && r.chance(0.03)) attach(r, conversation.instance, author, at, { message: id });
      if (batch[0]!.length >= o.batch) {
        yield batch;
        batch = columnsOf(MESSAGE_COLUMNS);
      }
    }
    yield batch;
  }
  await step(`${o.messages.toLocaleString('en')} chat messages (search trigger on)`, async () => (await pipeline(connections, messageBatches(), (db, b) => db.query(MESSAGE_INSERT, b).then((x) => x.rowCount ?? 0))).rows);
  await step('  of which thread replies, second pass', async () => (await pipeline(connections, slices(replies, o.batch), (db, b) => db.query(MESSAGE_INSERT, b).then((x) => x.rowCount ?? 0))).rows);

  // Posts in groups (by their members) and on profiles, with comments by people who can read them.
  const comments = columnsOf(COMMENT_COLUMNS);
  function* postBatches(): Generator<unknown[][]> {
    const r = new Random(o.posts ^ 0x9057);
    let batch = columnsOf(POST_COLUMNS);
    for (let i = 0; i < o.posts; i++) {
      const at = o.now - YEAR + ((i + r.next()) / o.posts) * (YEAR - 3600);
      let readers: number[];
      let groupId: string | null = null;
      let instance: number;
      if (r.chance(0.05)) {
        instance = pop.people[r.int(pop.people.length)]!.instance;
        readers = pop.instances[instance]!.people;
      } else {
        const group = pop.groups[r.weighted(pop.postWeights)]!;
        ({ instance, members: readers } = group);
        groupId = group.id;
      }
      const author = r.pick(readers);
      const id = r.uuid();
      push(batch, id, groupId, author, postBody(r, language(r, author)), at);
      if (r.chance(0.06)) attach(r, instance, author, at, { post: id });
      if (r.chance(0.3)) {
        for (let k = r.between(1, 3); k > 0; k--) {
          const commenter = r.pick(readers);
          push(comments, id, commenter, commentBody(r, language(r, commenter)), Math.min(at + r.next() * 3 * 86_400, o.now - 60));
        }
      }
      if (batch[0]!.length >= o.batch) {
        yield batch;
        batch = columnsOf(POST_COLUMNS);
      }
    }
    yield batch;
  }
  await step(`${o.posts.toLocaleString('en')} posts (search trigger on)`, async () => (await pipeline(connections, postBatches(), (db, b) => db.query(POST_INSERT, b).then((x) => x.rowCount ?? 0))).rows);
  await step('comments (search trigger on)', async () => (await pipeline(connections, slices(comments, o.batch), (db, b) => db.query(COMMENT_INSERT, b).then((x) => x.rowCount ?? 0))).rows);
  await step('attachments of messages and posts', async () => (await pipeline(connections, slices(attachments, o.batch), (db, b) => insertColumns(db, 'attachments', ATTACHMENT_COLUMNS, b))).rows);
  const texts = columnsOf(TEXT_COLUMNS);
  await step(`${o.files.toLocaleString('en')} drive files with a version each, some shared (search trigger on)`, () => seedDrive(connections[0]!, pop, o, texts));
  // The vector as search/extraction.ts computes it (the text of a file has no set language); the blob_texts trigger
  // then puts it into the entries of the files whose current version has this content (seedDrive wrote them first).
  await step('text extracted from the documents among them', async () => (await pipeline(connections, slices(texts, o.batch), (db, b) => db.query(
    `INSERT INTO blob_texts (instance_id, sha256, body, search, attempts, extracted_at)
     SELECT t.instance_id, t.sha256, t.body, to_tsvector('ruche_fr', t.body) || to_tsvector('ruche_en', t.body) || to_tsvector('ruche_simple', t.body), 1, now()
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t (instance_id, sha256, body)`, b).then((x) => x.rowCount ?? 0))).rows);
}

/**
 * Drive files: 70% in personal drives, 30% in group drives; 5% of personal ones shared with a colleague; 2% in the trash.
 * Each has content of its own; the text of documents (all but images) goes to `texts`, for the extraction's rows.
 */
async function seedDrive(db: pg.ClientBase, pop: Population, o: Context, texts: unknown[][]): Promise<number> {
  const r = new Random(o.files ^ 0xd41e);
  const items = columnsOf(ITEM_COLUMNS);
  const versions = columnsOf(VERSION_COLUMNS);
  const shares = columnsOf(SHARE_COLUMNS);
  const blobs = columnsOf(BLOB_COLUMNS);
  const taken = new Set<string>();
  for (let i = 0; i < o.files; i++) {
    const inGroup = r.chance(0.3);
    const group = inGroup ? pop.groups[r.int(pop.groups.length)]! : null;
    const creator = group ? r.pick(group.members) : r.int(pop.people.length);
    const instance = pop.people[creator]!.instance;
    const file = fileName(r, pop.people[creator]!.locale);
    const drive = group ? group.id : pop.people[creator]!.id;
    let name = file.name;
    for (let n = 2; taken.has(`${drive}/${name.toLowerCase()}`); n++) name = file.name.replace(/(\.\w+)$/, ` (${n})$1`);
    taken.add(`${drive}/${name.toLowerCase()}`);
    const id = r.uuid();
    const versionId = r.uuid();
    const size = r.between(2_000, 5_000_000);
    const at = new Date((o.now - r.next() * YEAR) * 1000);
    const trashed = r.chance(0.02);
    const instanceId = pop.instances[instance]!.id;
    const creatorId = pop.people[creator]!.id;
    push(items, id, instanceId, group ? null : creatorId, group?.id ?? null, 'file', name, versionId, size, file.mediaType, creatorId, at, at, trashed ? at : null, trashed);
    const sha256 = Array.from({ length: 4 }, () => r.uuid().replace(/-/g, '')).join('').slice(0, 64);
    push(blobs, instanceId, sha256, size, file.mediaType);
    if (!file.mediaType.startsWith('image/')) push(texts, instanceId, sha256, documentText(r, pop.people[creator]!.locale));
    push(versions, versionId, instanceId, id, 1, sha256, size, file.mediaType, creatorId, at);
    if (!group && r.chance(0.05)) {
      const colleague = r.pick(pop.instances[instance]!.people);
      if (colleague !== creator) push(shares, instanceId, id, pop.people[colleague]!.id, 'viewer', creatorId);
    }
  }
  // An item and its version point at each other (the item's side is checked at commit): both in one transaction.
  await db.query('BEGIN');
  let rows = 0;
  for (const batch of slices(blobs, o.batch)) await insertColumns(db, 'blobs', BLOB_COLUMNS, batch);
  for (const batch of slices(items, o.batch)) rows += await insertColumns(db, 'drive_items', ITEM_COLUMNS, batch);
  for (const batch of slices(versions, o.batch)) await insertColumns(db, 'drive_versions', VERSION_COLUMNS, batch);
  await insertColumns(db, 'drive_shares', SHARE_COLUMNS, shares);
  await db.query('COMMIT');
  return rows;
}
