// The search statements, one per kind of result. Each one filters by what the
// reader may open *inside the statement*, with the same rules as the feed,
// chat and drive (a secret group's post, a left conversation, a revoked share,
// a trashed file, another instance: never a row), so a page is never cut
// short by rows dropped afterwards and nothing is read that is not shown.
// Ranking is PostgreSQL's ts_rank (0019), damped by age (a month-old hit
// counts half as much as today's); posts come in tiers of age, the last 30 to
// 60 days first (migration 0014), and files by the words of their name, then
// a close spelling of it, then their content (0017; docs/search.md
// "Ranking"). A statement keeps its page in the order its matching function
// returns it (WITH ORDINALITY): a score does not compare across tiers.
// Snippets are made for the page only.
import type { Tx } from '../../db/transaction.ts';
import { sharesTo } from '../drive/queries.ts';
import type { ParsedQuery } from './parse.ts';

export interface Reader {
  instanceId: string;
  userId: string;
  guest: boolean;
  administrator: boolean;
}

export interface Filters {
  groupId?: string | undefined;
  conversationId?: string | undefined;
  authorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  hasAttachment?: boolean | undefined;
}

export interface TextHit {
  kind: 'post' | 'comment' | 'message' | 'file';
  id: string;
  postId: string | null;
  groupId: string | null;
  groupName: string | null;
  conversationId: string | null;
  conversationTitle: string | null;
  authorId: string | null;
  authorName: string | null;
  name: string | null;
  mediaType: string | null;
  createdAt: Date;
  snippet: string;
}

/** Private-use characters around highlighted words; the presenter escapes the text, then turns them into <mark>. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const MARKS = `StartSel=${MARK_START}, StopSel=${MARK_END}`;
/** Used for file names: highlighted whole. */
const HEADLINE = MARKS;
// A short text (most messages and posts) is shown whole, its matches highlighted; a long one as two passages
// around its best matches (ts_headline leaves out HTML tags there). The presenter escapes whatever remains.
const SHORT_TEXT = 280;
const PASSAGES = `${MARKS}, MaxWords=30, MinWords=12, ShortWord=0, MaxFragments=2, FragmentDelimiter=" … "`;

// Parameters shared by the text statements.
// $1 instance, $2 reader, $3 guest, $4 must, $5 prefix, $6 exclusions, $7 limit, $8 offset,
// $9 group, $10 conversation, $11 author, $12 from, $13 to, $14 has attachment, $15 raw text (trigrams).
// Every parameter is typed here once, so that a statement not using one of them still knows its type.
const Q = `q AS (SELECT search_query($4, $5) AS pos, search_exclusion($6::text[]) AS neg,
  $9::uuid AS in_group, $10::uuid AS in_conversation, $11::uuid AS by_author, $12::timestamptz AS since, $13::timestamptz AS until,
  $14::boolean AS attached, $15::text AS raw, $3::boolean AS guest, $7::int AS lim, $8::int AS off)`;
/** Groups whose content the reader may read: theirs, and open ones unless a guest (groups/policies.ts canReadGroupContent). */
const READABLE_GROUPS = `readable AS (
  SELECT group_id AS id FROM group_members WHERE instance_id = $1 AND user_id = $2
  UNION SELECT id FROM groups WHERE instance_id = $1 AND visibility = 'open' AND NOT $3::boolean)`;
const HEADLINE_OF = (locale: string, text: string) =>
  `ts_headline(CASE WHEN ${locale} = 'fr' THEN 'ruche_fr'::regconfig ELSE 'ruche_en'::regconfig END, translate(${text}, '${MARK_START}${MARK_END}', ''), q.pos,
     CASE WHEN length(${text}) <= ${SHORT_TEXT} THEN '${MARKS}, HighlightAll=true' ELSE '${PASSAGES}' END)`;

function values(r: Reader, q: ParsedQuery, f: Filters, limit: number, offset: number, raw = ''): unknown[] {
  return [r.instanceId, r.userId, r.guest, q.must, q.prefix ?? '', q.exclude, limit, offset,
    f.groupId ?? null, f.conversationId ?? null, f.authorId ?? null, f.from ?? null, f.to ?? null, f.hasAttachment ?? null, raw];
}

// The matching itself runs in search_*_matches (migration 0013), through the index, on what each statement
// says the reader may open; the statement then reads the page's documents under RLS for their text and names.

/** Posts and comments the reader can read (a comment with its post). */
export async function searchPosts(tx: Tx, r: Reader, q: ParsedQuery, f: Filters, limit: number, offset: number): Promise<TextHit[]> {
  const { rows } = await tx.prepared<TextHit>('search-posts',
    `WITH ${Q}, ${READABLE_GROUPS},
     hits AS (
       SELECT h.kind, h.id, h.created_at, h.ordinality AS rank
       FROM q, search_post_matches(q.pos, q.neg, ARRAY(SELECT id FROM readable WHERE q.in_group IS NULL OR id = q.in_group),
         q.in_group IS NULL AND NOT q.guest, CASE WHEN q.in_group IS NULL THEN $2::uuid END,
         q.by_author, q.since, q.until, q.attached, q.lim, q.off) WITH ORDINALITY h),
     -- Each document by its key (a comment with its post, for the group).
     docs AS (
       SELECT h.*, p.id AS post_id, p.group_id, p.author_id, p.body FROM hits h JOIN posts p ON p.id = h.id WHERE h.kind = 'post'
       UNION ALL
       SELECT h.*, c.post_id, p.group_id, c.author_id, c.body FROM hits h JOIN comments c ON c.id = h.id JOIN posts p ON p.id = c.post_id
       WHERE h.kind = 'comment')
     SELECT d.kind, d.id, d.post_id AS "postId", d.group_id AS "groupId", g.name AS "groupName", NULL AS "conversationId",
       NULL AS "conversationTitle", d.author_id AS "authorId", u.display_name AS "authorName", NULL AS name, NULL AS "mediaType",
       d.created_at AS "createdAt", ${HEADLINE_OF('u.locale', 'd.body')} AS snippet
     FROM docs d CROSS JOIN q JOIN users u ON u.id = d.author_id LEFT JOIN groups g ON g.id = d.group_id
     ORDER BY d.rank`,
    values(r, q, f, limit, offset));
  return rows;
}

/** Messages of the conversations the reader is in now; deleted ones never. */
export async function searchMessages(tx: Tx, r: Reader, q: ParsedQuery, f: Filters, limit: number, offset: number): Promise<TextHit[]> {
  const { rows } = await tx.prepared<TextHit>('search-messages',
    `WITH ${Q},
     mine AS (SELECT conversation_id AS id FROM conversation_members WHERE instance_id = $1 AND user_id = $2 AND left_at IS NULL
              AND ($10::uuid IS NULL OR conversation_id = $10)),
     hits AS (
       SELECT h.id, h.created_at, h.score
       FROM q, search_message_matches(q.pos, q.neg, ARRAY(SELECT id FROM mine), q.by_author, q.since, q.until, q.attached, q.lim, q.off) h)
     SELECT 'message' AS kind, m.id, NULL AS "postId", c.group_id AS "groupId", g.name AS "groupName", m.conversation_id AS "conversationId",
       coalesce(c.title, g.name, (SELECT string_agg(o.display_name, ', ' ORDER BY o.display_name)
         FROM conversation_members om JOIN users o ON o.id = om.user_id
         WHERE om.conversation_id = c.id AND om.user_id <> $2 AND om.left_at IS NULL)) AS "conversationTitle", m.author_id AS "authorId", u.display_name AS "authorName", NULL AS name,
       NULL AS "mediaType", m.created_at AS "createdAt", ${HEADLINE_OF('u.locale', 'm.body')} AS snippet
     FROM hits h CROSS JOIN q JOIN messages m ON m.id = h.id JOIN users u ON u.id = m.author_id JOIN conversations c ON c.id = m.conversation_id
     LEFT JOIN groups g ON g.id = c.group_id
     ORDER BY h.score DESC, h.created_at DESC, h.id`,
    values(r, q, f, limit, offset));
  return rows;
}

/**
 * Live files the reader can open: their drive, readable groups' drives, shares
 * to them or their groups. Names match by words or trigrams; the current
 * version's extracted text (extraction.ts) by words.
 */
export async function searchFiles(tx: Tx, r: Reader, q: ParsedQuery, f: Filters, limit: number, offset: number, raw: string): Promise<TextHit[]> {
  const { rows } = await tx.prepared<TextHit>('search-files',
    `WITH ${Q}, ${READABLE_GROUPS},
     hits AS (
       SELECT h.id, h.created_at, h.ordinality AS rank
       FROM q, search_file_matches(q.pos, q.neg, q.raw,
         ARRAY(SELECT id FROM readable WHERE q.in_group IS NULL OR id = q.in_group UNION ALL SELECT $2::uuid WHERE q.in_group IS NULL),
         ARRAY(SELECT s.item_id FROM (${sharesTo('$1', '$2')}) s
               WHERE q.in_group IS NULL OR EXISTS (SELECT 1 FROM drive_items i WHERE i.id = s.item_id AND i.group_id = q.in_group)),
         q.by_author, q.since, q.until, q.lim, q.off) WITH ORDINALITY h)
     SELECT 'file' AS kind, i.id, NULL AS "postId", i.group_id AS "groupId", g.name AS "groupName", NULL AS "conversationId",
       NULL AS "conversationTitle", i.created_by AS "authorId", u.display_name AS "authorName", i.name, i.media_type AS "mediaType",
       i.updated_at AS "createdAt",
       CASE WHEN q.pos IS NULL THEN translate(i.name, '${MARK_START}${MARK_END}', '')
            ELSE ts_headline('ruche_simple', translate(i.name, '${MARK_START}${MARK_END}', ''), q.pos, '${HEADLINE}, HighlightAll=true') END AS snippet
     FROM hits h CROSS JOIN q JOIN drive_items i ON i.id = h.id LEFT JOIN users u ON u.id = i.created_by LEFT JOIN groups g ON g.id = i.group_id
     ORDER BY h.rank`,
    values(r, q, f, limit, offset, raw));
  return rows;
}

export interface PersonHit {
  id: string;
  displayName: string;
  jobTitle: string;
}

// People and groups match a stored searched name (users.search_name, groups.search_name) with the name typed,
// normalised once, as a subquery, not for every name compared.
const typedName = (param: string) => `(SELECT search_name(${param}))`;
const nameMatches = (column: string, param: string) =>
  `(${column} % ${typedName(param)} OR ${column} LIKE '%' || ${typedName(param)} || '%')`;
const likenessTo = (column: string, param: string) => `similarity(${column}, ${typedName(param)})`;

// People: $1 instance, $2 reader, $3 guest, $4 text typed, $5 limit, $6 offset. Active members; guests find
// only people they share a group with (as in the directory).
const PERSON = `m.user_id AS id, u.display_name AS "displayName", coalesce(p.job_title, '') AS "jobTitle"`;
const FINDABLE = `m.status = 'active' AND (NOT $3::boolean OR m.user_id = $2 OR EXISTS (
  SELECT 1 FROM group_members mine JOIN group_members theirs ON theirs.group_id = mine.group_id
  WHERE mine.user_id = $2 AND theirs.user_id = m.user_id))`;
const NAMED = nameMatches('u.search_name', '$4');
const BEST_NAMES = `ORDER BY ${likenessTo('u.search_name', '$4')} DESC, lower(u.display_name), m.user_id LIMIT $5 OFFSET $6`;
// Planned once (reads.ts), each statement has one plan whatever the text. From three characters the trigram
// index narrows the names: they are looked up first (every instance's users: a trigram index cannot be keyed
// by instance), then kept if members. Shorter, no trigram narrows them, and the instance's members are fewer
// than every instance's users: they are read first.
const PEOPLE_BY_NAME = `WITH named AS MATERIALIZED (SELECT u.id, u.display_name, u.search_name FROM users u WHERE ${NAMED})
  SELECT ${PERSON} FROM named u JOIN memberships m ON m.instance_id = $1 AND m.user_id = u.id
    LEFT JOIN profiles p ON p.instance_id = m.instance_id AND p.user_id = m.user_id
  WHERE ${FINDABLE} ${BEST_NAMES}`;
const PEOPLE_BY_MEMBER = `SELECT ${PERSON} FROM memberships m JOIN users u ON u.id = m.user_id
    LEFT JOIN profiles p ON p.instance_id = m.instance_id AND p.user_id = m.user_id
  WHERE m.instance_id = $1 AND ${FINDABLE} AND ${NAMED} ${BEST_NAMES}`;

/** Active members by name (users.search_name, migration 0016), typos forgiven. */
export async function searchPeople(tx: Tx, r: Reader, raw: string, limit: number, offset: number): Promise<PersonHit[]> {
  const [name, text] = raw.length >= 3 ? ['search-people', PEOPLE_BY_NAME] : ['search-people-short', PEOPLE_BY_MEMBER];
  const { rows } = await tx.prepared<PersonHit>(name, text, [r.instanceId, r.userId, r.guest, raw, limit, offset]);
  return rows;
}

export interface GroupHit {
  id: string;
  name: string;
  visibility: string;
  archived: boolean;
}

/** Groups the reader can see (groups/policies.ts canSeeGroup), by name (groups.search_name, migration 0021). */
export async function searchGroups(tx: Tx, r: Reader, raw: string, limit: number, offset: number): Promise<GroupHit[]> {
  const { rows } = await tx.prepared<GroupHit>('search-groups',
    `SELECT g.id, g.name, g.visibility, g.archived_at IS NOT NULL AS archived
     FROM groups g
     WHERE g.instance_id = $1
       AND (g.id IN (SELECT group_id FROM group_members WHERE instance_id = $1 AND user_id = $2)
            OR g.id IN (SELECT group_id FROM group_requests WHERE instance_id = $1 AND user_id = $2 AND kind = 'invitation')
            OR (NOT $3::boolean AND (g.visibility <> 'secret' OR $4::boolean)))
       AND ${nameMatches('g.search_name', '$5')}
     ORDER BY ${likenessTo('g.search_name', '$5')} DESC, lower(g.name), g.id
     LIMIT $6 OFFSET $7`,
    [r.instanceId, r.userId, r.guest, r.administrator, raw, limit, offset]);
  return rows;
}
