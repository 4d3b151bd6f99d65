// Feed benchmark: seeds one instance (members, groups with realistic
// membership, posts spread over a year, reactions, comments, bookmarks,
// follows, and a newcomer in one quiet group) on a database cloned from the
// migrated template, then measures
//  - home and group feed latency over HTTP on loopback, first page and a deep
//    page, one client and ten, against the real server (serve(), as `ruche
//    serve` runs it, in a child process so its RSS is its own);
//  - the statements each feed request runs, counted inside the server;
//  - the home feed's plan: EXPLAIN (ANALYZE, BUFFERS) of the exact SQL and
//    parameters feedPage sends;
//  - posts/s written through the real createPost action (Markdown, mentions,
//    notifications, RLS transaction), a few writers at once.
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/feed.ts [--posts 100000] [--groups 200] [--users 1000] [--writes 2000]
// Loopback only; bounded in count and time; drops its database at the end.
import { AsyncLocalStorage } from 'node:async_hooks';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../server/src/config.ts';
import { createPool } from '../server/src/db/pool.ts';
import { inTransaction, type Tx } from '../server/src/db/transaction.ts';
import type { Keyset } from '../server/src/http/cursor.ts';
import { createLogger } from '../server/src/http/logging.ts';
import { createMailer } from '../server/src/mail/mailer.ts';
import { serve } from '../server/src/main.ts';
import { hashPassword } from '../server/src/modules/auth/passwords.ts';
import { createPost } from '../server/src/modules/feed/actions.ts';
import { feedPage } from '../server/src/modules/feed/queries.ts';
import type { Instance, Membership } from '../server/src/modules/instances/queries.ts';
import { SearchTurns } from '../server/src/modules/search/turns.ts';
import { createMemoryBus } from '../server/src/realtime/bus.ts';
import { createMemoryPresence } from '../server/src/realtime/presence.ts';
import { openBlobStore } from '../server/src/storage/open.ts';
import type { Services } from '../server/src/services.ts';
import { createTestDatabase, TEST_APP_PASSWORD } from '../server/test/support/database.ts';
import { wholeNumber } from './args.ts';

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    groups: { type: 'string', default: '200' },
    users: { type: 'string', default: '1000' },
    writes: { type: 'string', default: '2000' },
    serve: { type: 'boolean', default: false }, // internal: the child process that runs the server
  },
});
const whole = (name: 'posts' | 'groups' | 'users' | 'writes') => wholeNumber(name, args[name], 1, 10_000_000);
const o = { posts: whole('posts'), groups: whole('groups'), users: whole('users'), writes: whole('writes') };
if (o.users < 60) throw new Error('--users must be at least 60 (50 readers are signed in)');
const PASSWORD = 'a long enough bench passphrase';
const SLUG = 'bench';
const READERS = 50;
const SCENARIO_CAP_MS = 30_000;

// ---------------------------------------------------------------- text and randomness
// A seeded generator (and setseed() on the seeding session): the same shape of data on every run.
let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
const WORDS = ('the team meeting notes project garden volunteers weekend schedule update thanks everyone please remember ' +
  'budget draft review photos event kitchen rota parking school library concert rehearsal deadline question idea proposal ' +
  'today tomorrow morning evening agenda minutes council newsletter bakery market repair bike trail map coffee lunch ' +
  'we will should could share found great really small big new old first last next week month year back again here there ' +
  'about after before with without for from into onto over under because so and but or if when while').split(' ');
const FIRST = ['Amélie', 'Bruno', 'Chloé', 'David', 'Élodie', 'Farid', 'Gaëlle', 'Hugo', 'Inès', 'Jules', 'Karim', 'Léa', 'Marc', 'Nadia', 'Olivier', 'Pauline', 'Quentin', 'Rose', 'Samir', 'Théo'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Roux'];
const TOPICS = ['Gardening', 'Book club', 'Parents', 'Cycling', 'Choir', 'Board', 'Volunteers', 'Kitchen', 'Photography', 'Hiking'];

function sentence(): string {
  const words = Array.from({ length: 6 + Math.floor(random() * 14) }, () => pick(WORDS));
  return `${words.join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
}

/** Text of about `length` characters in paragraphs; the seed cuts post bodies out of one long such text. */
function prose(length: number): string {
  let text = '';
  while (text.length < length) text += random() < 0.15 ? '\n\n' : `${sentence()} `;
  return text.slice(0, length).trim();
}

/** A post body as the composer writes one: 55% short, 35% medium, 10% long; some Markdown and mentions. */
function postBody(people: string[], openGroups: string[]): string {
  const r = random();
  let body = prose(r < 0.55 ? 40 + random() * 160 : r < 0.9 ? 200 + random() * 600 : 800 + random() * 2200);
  if (random() < 0.2) body = `<@${pick(people)}> ${body}`;
  if (random() < 0.05) body += `\n\nSee also <#${pick(openGroups)}>.`;
  if (random() < 0.1) body += '\n\n- **first** point\n- second point with https://example.org/notes';
  return body;
}

// ---------------------------------------------------------------- statistics and output
interface Stats { n: number; p50: number; p95: number; p99: number; max: number }
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}
const ms = (value: number) => value.toFixed(1);
const int = (value: number) => Math.round(value).toLocaleString('en');
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- seeding (superuser, bulk SQL)
interface Seeded { instance: Instance; newcomer: string; seconds: number; counts: Record<string, number> }

async function timed(label: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function seedDatabase(db: pg.Client): Promise<Seeded> {
  const started = performance.now();
  const q = (text: string, values: unknown[] = []) => db.query(text, values);
  const corpus = prose(12_000);
  await q('SELECT setseed(0.42)');
  const { rows: [instance] } = await q(`INSERT INTO instances (slug, name, created_at) VALUES ($1, 'Bench instance', now() - interval '400 days')
    RETURNING id, slug, name, default_locale AS "defaultLocale", status, created_at AS "createdAt"`, [SLUG]);
  const id = (instance as Instance).id;
  const passwordHash = await hashPassword(PASSWORD); // one argon2 hash for everyone: sign-in verifies it for real
  await timed(`${int(o.users)} users, memberships, ${o.groups} groups`, async () => {
    await q(`INSERT INTO users (email, display_name, password_hash, created_at)
      SELECT format('member%s@bench.test', lpad(i::text, 6, '0')), format('%s %s', ($2::text[])[1 + i % cardinality($2::text[])], ($3::text[])[1 + (i / 7) % cardinality($3::text[])]),
             $4, now() - interval '400 days' + i * interval '1 second'
      FROM generate_series(1, $1) i`, [o.users, FIRST, LAST, passwordHash]);
    await q('CREATE TEMP TABLE bench_people AS SELECT row_number() OVER (ORDER BY created_at) AS n, id AS user_id FROM users');
    await q('CREATE INDEX ON bench_people (n)');
    // Roughly 2.5% guests, 2% administrators, one owner.
    await q(`INSERT INTO memberships (instance_id, user_id, role, created_at)
      SELECT $1, user_id, CASE WHEN n = 1 THEN 'owner' WHEN n % 50 = 0 THEN 'administrator' WHEN n % 40 = 7 THEN 'guest' ELSE 'member' END,
             now() - interval '390 days' + n * interval '1 second'
      FROM bench_people`, [id]);
    await q(`INSERT INTO groups (instance_id, name, description, visibility, created_by, created_at)
      SELECT $1, format('%s %s', ($2::text[])[1 + i % cardinality($2::text[])], i), 'Where we talk about it.',
             CASE WHEN i % 10 < 6 THEN 'open' WHEN i % 10 < 9 THEN 'private' ELSE 'secret' END,
             (SELECT user_id FROM bench_people WHERE n = 1), now() - interval '380 days' + i * interval '1 minute'
      FROM generate_series(1, $3) i`, [id, TOPICS, o.groups]);
    // A few big groups (weight 40), some medium (5), a long tail (1).
    await q(`CREATE TEMP TABLE bench_groups AS
      SELECT n, id, CASE WHEN n <= greatest(1, $1 / 40) THEN 40.0 WHEN n <= $1 / 8 THEN 5.0 ELSE 1.0 END AS weight
      FROM (SELECT row_number() OVER (ORDER BY created_at) AS n, id FROM groups) g`, [o.groups]);
    // Everyone joins 5 to 15 groups, drawn by weight without replacement (exponential keys).
    await q(`INSERT INTO group_members (instance_id, group_id, user_id, role, created_at)
      SELECT $1, g.id, p.user_id, CASE WHEN random() < 0.05 THEN 'admin' ELSE 'member' END, now() - interval '370 days'
      FROM bench_people p
      CROSS JOIN LATERAL (SELECT g.id FROM bench_groups g ORDER BY -ln(1 - random()) / g.weight LIMIT least(5 + p.n * 7 % 11, $2)) g`, [id, o.groups]);
    await q('CREATE TEMP TABLE bench_slots AS SELECT row_number() OVER () AS n, group_id, user_id FROM group_members');
    await q('CREATE INDEX ON bench_slots (n)');
    await q('ANALYZE bench_people, bench_slots');
  });
  await timed(`${int(o.posts)} posts over a year (5% on profiles)`, () => q(`
    WITH draws AS MATERIALIZED (
      SELECT i, 1 + floor(random() * (SELECT count(*) FROM bench_slots))::int AS slot, random() AS r, random() AS r2, random() AS r3
      FROM generate_series(1, $2) i
    ), shaped AS MATERIALIZED (
      SELECT i, slot, r3, (CASE WHEN r < 0.55 THEN 40 + r2 * 160 WHEN r < 0.9 THEN 200 + r2 * 600 ELSE 800 + r2 * 2200 END)::int AS len FROM draws
    )
    INSERT INTO posts (instance_id, group_id, author_id, body, body_html, created_at)
    SELECT $1, CASE WHEN d.i % 20 = 0 THEN NULL ELSE s.group_id END, s.user_id, b.body, '<p>' || b.body || '</p>',
           now() - interval '1 hour' - interval '365 days' * (1 - d.i::float8 / $2)
    FROM shaped d JOIN bench_slots s ON s.n = d.slot
    CROSS JOIN LATERAL (SELECT btrim(substr($3::text, 1 + floor(d.r3 * (length($3::text) - d.len))::int, d.len)) AS body) b
    ORDER BY d.i`, [id, o.posts, corpus]));
  // Posts draw their readers' interactions: reactions (mean 3 per post, long tail), comments (mean ~0.8).
  await timed('reactions', () => q(`
    INSERT INTO reactions (instance_id, post_id, user_id, emoji, created_at)
    SELECT $1, x.id, p.user_id, x.emoji, x.at
    FROM (SELECT r.id, r.created_at + interval '2 hours' AS at, 1 + floor(random() * $2)::int AS who,
                 ($3::text[])[1 + floor(power(random(), 2) * 8)::int] AS emoji
          FROM (SELECT id, created_at, floor(-ln(1 - random()) * 3)::int AS n FROM posts) r, generate_series(1, r.n)) x
    JOIN bench_people p ON p.n = x.who
    ON CONFLICT DO NOTHING`, [id, o.users, ['like', 'love', 'thanks', 'laugh', 'celebrate', 'eyes', 'wow', 'sad']]));
  await timed('comments', () => q(`
    INSERT INTO comments (instance_id, post_id, author_id, body, body_html, created_at)
    SELECT $1, x.id, p.user_id, x.body, '<p>' || x.body || '</p>', x.at
    FROM (SELECT r.id, r.created_at + k * interval '20 minutes' AS at, 1 + floor(random() * $2)::int AS who,
                 btrim(substr($3::text, 1 + floor(random() * (length($3::text) - 400))::int, 20 + floor(random() * 300)::int)) AS body
          FROM (SELECT id, created_at, floor(-ln(1 - random()) * 1.2)::int AS n FROM posts) r, generate_series(1, r.n) k) x
    JOIN bench_people p ON p.n = x.who`, [id, o.users, corpus]));
  await timed('bookmarks (5 each), follows (8 each, not guests)', async () => {
    await q('CREATE TEMP TABLE bench_posts AS SELECT row_number() OVER () AS n, id FROM posts');
    await q('CREATE INDEX ON bench_posts (n)');
    await q(`INSERT INTO bookmarks (instance_id, user_id, post_id)
      SELECT $1, p.user_id, b.id FROM bench_people p
      CROSS JOIN LATERAL (SELECT 1 + floor(random() * $2)::int AS pick, p.n FROM generate_series(1, 5)) r
      JOIN bench_posts b ON b.n = r.pick
      ON CONFLICT DO NOTHING`, [id, o.posts]);
    await q(`INSERT INTO follows (instance_id, follower_id, followed_id)
      SELECT $1, p.user_id, f.user_id FROM bench_people p
      JOIN memberships m ON m.instance_id = $1 AND m.user_id = p.user_id AND m.role <> 'guest'
      CROSS JOIN LATERAL (SELECT 1 + floor(random() * $2)::int AS pick, p.n FROM generate_series(1, 8)) r
      JOIN bench_people f ON f.n = r.pick
      WHERE f.user_id <> p.user_id
      ON CONFLICT DO NOTHING`, [id, o.users]);
  });
  // The costliest reader for a feed that walks the instance's posts newest first: a newcomer in one quiet group, following nobody.
  const { rows: [newcomer] } = await q(`INSERT INTO users (email, display_name, password_hash) VALUES ('newcomer@bench.test', 'Newcomer', $1) RETURNING id`, [passwordHash]);
  await q("INSERT INTO memberships (instance_id, user_id, role) VALUES ($1, $2, 'member')", [id, newcomer.id]);
  const { rows: [quiet] } = await q("INSERT INTO groups (instance_id, name, visibility, created_by) VALUES ($1, 'Quiet corner', 'private', $2) RETURNING id", [id, newcomer.id]);
  await q("INSERT INTO group_members (instance_id, group_id, user_id, role) VALUES ($1, $2, $3, 'admin')", [id, quiet.id, newcomer.id]);
  await q(`INSERT INTO posts (instance_id, group_id, author_id, body, body_html, created_at)
    SELECT $1, $2, $3, 'Anyone here?', '<p>Anyone here?</p>', now() - interval '200 days' + i * interval '1 day' FROM generate_series(1, 3) i`, [id, quiet.id, newcomer.id]);
  await timed('VACUUM (ANALYZE)', () => q('VACUUM (ANALYZE)'));
  const counts: Record<string, number> = {};
  for (const t of ['users', 'groups', 'group_members', 'posts', 'reactions', 'comments', 'bookmarks', 'follows']) {
    counts[t] = Number((await q(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
  }
  counts.postsMiB = Number((await q("SELECT pg_total_relation_size('posts') / 1048576 AS n")).rows[0].n);
  return { instance: instance as Instance, newcomer: newcomer.id as string, seconds: (performance.now() - started) / 1000, counts };
}

// ---------------------------------------------------------------- writes through createPost
function services(appUrl: string, dataDir: string): Services {
  const config = loadConfig({ PUBLIC_URL: 'http://127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const log = createLogger('warn');
  return { config, pool: createPool(appUrl, 10, 'ruche-bench'), mailer: createMailer({ smtpUrl: undefined, from: config.mailFrom, dataDir, log }), log, bus: createMemoryBus(), presence: createMemoryPresence(), blobs: openBlobStore(config.storage), searches: new SearchTurns(config.search) };
}

async function writePosts(s: Services, db: pg.Client, instance: Instance, count: number, concurrency: number) {
  const { rows: authors } = await db.query<Membership & { groupId: string }>(`
    SELECT m.instance_id AS "instanceId", m.user_id AS "userId", m.role, m.status, m.created_at AS "createdAt", gm.group_id AS "groupId"
    FROM group_members gm JOIN memberships m ON m.instance_id = gm.instance_id AND m.user_id = gm.user_id
    WHERE m.role <> 'guest' ORDER BY random() LIMIT 400`);
  const people = (await db.query<{ id: string }>('SELECT user_id AS id FROM memberships')).rows.map((r) => r.id);
  const openGroups = (await db.query<{ id: string }>("SELECT id FROM groups WHERE visibility = 'open'")).rows.map((r) => r.id);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count && performance.now() - started < 2 * SCENARIO_CAP_MS) {
      const i = next++;
      const { groupId, ...membership } = authors[i % authors.length]!;
      const body = postBody(people, openGroups);
      const t0 = performance.now();
      await createPost(s, { instance, membership }, { groupId: i % 20 === 0 ? undefined : groupId, body });
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { count: latencies.length, concurrency, seconds, perSecond: latencies.length / seconds, ...stats(latencies) };
}

// ---------------------------------------------------------------- the server, in a child process
interface Memory { rss: number; peak: number; heap: number; heapTotal: number; external: number; heapAfterGc: number; rssAfterGc: number }
interface Server { base: string; child: ChildProcess; statements(): Promise<string[]>; memory(): Promise<Memory>; stop(): Promise<void> }

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The child: the real serve(), with the statements sent on behalf of HTTP
 * requests recorded (a request's handling runs in its async context; the job
 * runner's polling does not, and is not counted).
 */
async function runServer(): Promise<void> {
  const inRequest = new AsyncLocalStorage<true>();
  const emit = http.Server.prototype.emit as (this: http.Server, event: string, ...rest: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...rest: unknown[]) {
    return event === 'request' ? inRequest.run(true, () => emit.call(this, event, ...rest)) : emit.call(this, event, ...rest);
  } as typeof http.Server.prototype.emit;
  let statements: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...rest: unknown[]) {
    if (inRequest.getStore()) {
      const text = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { text?: string }).text ?? '?';
      statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 90));
    }
    return (query as (...a: unknown[]) => unknown).apply(this, rest);
  } as typeof query;
  // 'statements': those sent since the previous ask; 'memory': before and after a full collection (MiB).
  process.on('message', (ask) => {
    if (ask === 'statements') {
      process.send!(statements);
      statements = [];
      return;
    }
    const before = process.memoryUsage();
    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    const status = readFileSync('/proc/self/status', 'utf8');
    const peak = Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
    const mib = (bytes: number) => bytes / 1_048_576;
    process.send!({ rss: mib(before.rss), peak, heap: mib(before.heapUsed), heapTotal: mib(before.heapTotal), external: mib(before.external), heapAfterGc: mib(after.heapUsed), rssAfterGc: mib(after.rss) });
  });
  await serve(loadConfig());
}

async function startServer(ownerUrl: string, dataDir: string): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = fork(import.meta.filename, ['--serve'], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, DATABASE_URL: ownerUrl, DATABASE_APP_PASSWORD: TEST_APP_PASSWORD, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: base, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SERVE_WEB: 'false' },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('the server did not become ready');
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, child,
    statements: () => ask<string[]>(child, 'statements'),
    memory: () => ask<Memory>(child, 'memory'),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function ask<T>(child: ChildProcess, question: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(question);
  });
}

// ---------------------------------------------------------------- reading over HTTP
interface Reader { userId: string; groups: string[]; cookie: string }
let requestsSent = 0;

async function signIn(base: string, userId: string, email: string, groups: string[]): Promise<Reader> {
  const res = await fetch(`${base}/api/v1/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ruche_session='))?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return { userId, groups, cookie };
}

async function getPage(base: string, reader: Reader, query: string): Promise<{ ms: number; next: string | null; items: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/i/${SLUG}/feed?${query}`, { headers: { cookie: reader.cookie } });
  const body = await res.json() as { items: unknown[]; nextCursor: string | null };
  const elapsed = performance.now() - t0;
  requestsSent++;
  if (res.status !== 200) throw new Error(`GET feed?${query}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: elapsed, next: body.nextCursor, items: body.items.length };
}

/** Follows nextCursor `depth - 1` times and returns the last page's latency. */
async function pageAt(base: string, reader: Reader, query: string, depth: number): Promise<number> {
  let cursor: string | null = null;
  let elapsed = 0;
  for (let page = 1; page <= depth; page++) {
    const got = await getPage(base, reader, cursor ? `${query}&cursor=${cursor}` : query);
    elapsed = got.ms;
    if (!got.next) break;
    cursor = got.next;
  }
  return elapsed;
}

interface Run extends Stats { label: string; clients: number; requests: number; perSecond: number }

async function scenario(label: string, clients: number, units: number, unit: (i: number) => Promise<number>): Promise<Run> {
  const latencies: number[] = [];
  const sentBefore = requestsSent;
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < units && performance.now() - started < SCENARIO_CAP_MS) latencies.push(await unit(next++));
  }));
  const seconds = (performance.now() - started) / 1000;
  const run = { label, clients, requests: requestsSent - sentBefore, perSecond: (requestsSent - sentBefore) / seconds, ...stats(latencies) };
  console.log(`  ${label.padEnd(34)} ${String(clients).padStart(2)} client(s): p50 ${ms(run.p50)}  p95 ${ms(run.p95)}  p99 ${ms(run.p99)}  max ${ms(run.max)} ms  ${int(run.perSecond)} req/s`);
  return run;
}

// ---------------------------------------------------------------- EXPLAIN of the exact statement
interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Scan Direction'?: string; 'Actual Rows': number; 'Actual Loops': number;
  'Rows Removed by Filter'?: number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number; Plans?: PlanNode[] }

function postsScans(node: PlanNode, found: PlanNode[] = []): PlanNode[] {
  if (node['Relation Name'] === 'posts') found.push(node);
  for (const child of node.Plans ?? []) postsScans(child, found);
  return found;
}

async function explainHome(s: Services, instanceId: string, userId: string, depth: number) {
  return inTransaction(s.pool, { instanceId, userId }, async (tx) => {
    const sent: Array<{ text: string; values: unknown[] }> = [];
    const spy: Tx = {
      query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
        sent.push({ text, values: values ?? [] });
        return tx.query<R>(text, values);
      },
      prepared: <R extends pg.QueryResultRow>(name: string, text: string, values?: unknown[]) => {
        sent.push({ text, values: values ?? [] });
        return tx.prepared<R>(name, text, values);
      },
      afterCommit: (task) => tx.afterCommit(task),
      setScope: (scope) => tx.setScope(scope),
    };
    // As readFeed asks: limit + 1 rows, the keyset of each page's last shown post.
    let after: Keyset | null = null;
    for (let page = 1; page <= depth; page++) {
      sent.length = 0;
      const rows = await feedPage(spy, instanceId, userId, { kind: 'home', guest: false }, 21, after);
      const last = rows[19];
      if (page < depth && last) after = { micros: last.createdAtMicros, id: last.id };
    }
    const statement = sent[0]!;
    const json = await tx.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`, statement.values);
    const text = await tx.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
    const root = (json.rows[0]!['QUERY PLAN'] as Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }>)[0]!;
    return {
      statements: sent.length, statement, executionMs: root['Execution Time'], planningMs: root['Planning Time'],
      buffers: root.Plan['Shared Hit Blocks'] + root.Plan['Shared Read Blocks'], posts: postsScans(root.Plan),
      text: text.rows.map((r) => r['QUERY PLAN'] as string).join('\n'),
    };
  });
}

function describePlan(label: string, plan: Awaited<ReturnType<typeof explainHome>>): string {
  const scans = plan.posts.map((p) => `${p['Node Type']}${p['Scan Direction'] === 'Backward' ? ' Backward' : ''}${p['Index Name'] ? ` using ${p['Index Name']}` : ''}: ` +
    `${int(p['Actual Rows'] * p['Actual Loops'])} rows kept, ${int((p['Rows Removed by Filter'] ?? 0) * p['Actual Loops'])} removed by filter, ${int(p['Shared Hit Blocks'] + p['Shared Read Blocks'])} buffers`);
  return `  ${label}: ${ms(plan.executionMs)} ms execution + ${ms(plan.planningMs)} ms planning, ${int(plan.buffers)} buffers in all; ` +
    `${plan.statements} statement per page\n    posts read by ${scans.join('; ')}`;
}

// ---------------------------------------------------------------- phases
interface Candidate { userId: string; email: string; groups: string[]; reach: number }

/** Statements per feed request, counted in the server, on fresh sessions (no last-seen write yet). */
async function countStatements(live: Server, readers: Reader[]) {
  await live.statements();
  const perRequest = new Map<string, Set<number>>();
  let homeStatements: string[] = [];
  const probe = async (kind: string, reader: Reader, query: string) => {
    const page = await getPage(live.base, reader, query);
    const sent = await live.statements();
    perRequest.set(kind, (perRequest.get(kind) ?? new Set()).add(sent.length));
    return { page, sent };
  };
  for (const reader of readers) {
    let cursor: string | null = null;
    for (let page = 1; page <= 6; page++) {
      const got = await probe('home, pages 1 to 6', reader, cursor ? `limit=20&cursor=${cursor}` : 'limit=20');
      if (page === 1) homeStatements = got.sent;
      cursor = got.page.next;
    }
    await probe('home, limit 100', reader, 'limit=100');
    for (const groupId of reader.groups.slice(0, 3)) await probe('group, page 1', reader, `limit=20&groupId=${groupId}`);
  }
  return { perRequest, homeStatements };
}

async function measureReads(live: Server, readers: Reader[], sparse: Reader, newcomer: Reader): Promise<Run[]> {
  console.log('reads over HTTP (latency of the timed page, ms, client side; req/s counts every request):');
  const reader = (i: number) => readers[i % readers.length]!;
  const group = (i: number) => { const r = reader(i); return r.groups[Math.floor(i / readers.length) % r.groups.length]!; };
  const first = (r: Reader, query: string) => getPage(live.base, r, query).then((p) => p.ms);
  await scenario('warm-up', 10, 200, (i) => first(reader(i), 'limit=20'));
  const runs: Run[] = [];
  for (const clients of [1, 10]) {
    const n = clients === 1 ? 1 : 4;
    runs.push(await scenario('home, first page', clients, 250 * n, (i) => first(reader(i), 'limit=20')));
    runs.push(await scenario('home, page 6 (5 cursors followed)', clients, 50 * n, (i) => pageAt(live.base, reader(i), 'limit=20', 6)));
    runs.push(await scenario('group, first page', clients, 250 * n, (i) => first(reader(i), `limit=20&groupId=${group(i)}`)));
    runs.push(await scenario('group, page 6', clients, 50 * n, (i) => pageAt(live.base, reader(i), `limit=20&groupId=${group(i)}`, 6)));
  }
  runs.push(await scenario('home, sparsest reader, first page', 1, 100, () => first(sparse, 'limit=20')));
  runs.push(await scenario('home, sparsest reader, page 6', 1, 30, () => pageAt(live.base, sparse, 'limit=20', 6)));
  runs.push(await scenario('home, newcomer, first page', 1, 50, () => first(newcomer, 'limit=20')));
  runs.push(await scenario('home, newcomer, first page', 10, 200, () => first(newcomer, 'limit=20')));
  return runs;
}

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  console.log(`feed benchmark: ${int(o.posts)} posts, ${o.groups} groups, ${int(o.users)} users, ${int(o.writes)} writes; node ${process.version}`);
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ruche-bench-'));
  const seeder = new pg.Client({ connectionString: db.ownerUrl, application_name: 'ruche-bench-seed' });
  await seeder.connect();
  const s = services(db.appUrl, dataDir);
  let server: Server | null = null;
  const watchdog = setTimeout(() => {
    console.error('feed benchmark: still running after 15 minutes, giving up');
    server?.child.kill('SIGKILL');
    void db.drop().finally(() => process.exit(1));
  }, 15 * 60_000);
  watchdog.unref();
  try {
    const pgVersion = (await seeder.query('SHOW server_version')).rows[0].server_version as string;
    const sharedBuffers = (await seeder.query('SHOW shared_buffers')).rows[0].shared_buffers as string;
    console.log(`PostgreSQL ${pgVersion}, shared_buffers ${sharedBuffers}\nseeding:`);
    const seeded = await seedDatabase(seeder);
    const c = seeded.counts;
    console.log(`  seeded in ${seeded.seconds.toFixed(1)} s: ${int(c.users!)} users, ${int(c.groups!)} groups, ${int(c.group_members!)} group memberships, ` +
      `${int(c.posts!)} posts (${c.postsMiB} MiB with indexes), ${int(c.reactions!)} reactions, ${int(c.comments!)} comments, ${int(c.bookmarks!)} bookmarks, ${int(c.follows!)} follows` +
      ' (counts include the newcomer, their quiet group and its 3 posts)');
    const sizes = (await seeder.query<{ n: number }>('SELECT count(*)::int AS n FROM group_members GROUP BY group_id ORDER BY n DESC')).rows.map((r) => r.n);
    console.log(`  group sizes: largest ${sizes.slice(0, 5).join(', ')}; median ${sizes[Math.floor(sizes.length / 2)]}; smallest ${sizes.at(-1)}`);

    // Readers: a random sample of members, the member whose home feed is sparsest, and the newcomer.
    const { rows: candidates } = await seeder.query<Candidate>(`
      WITH per_group AS (SELECT group_id, count(*) AS n FROM posts WHERE group_id IS NOT NULL GROUP BY group_id)
      SELECT m.user_id AS "userId", u.email, array_agg(gm.group_id) AS groups, coalesce(sum(c.n), 0)::int AS reach
      FROM memberships m JOIN users u ON u.id = m.user_id JOIN group_members gm ON gm.user_id = m.user_id
      LEFT JOIN per_group c ON c.group_id = gm.group_id
      WHERE m.role = 'member' GROUP BY m.user_id, u.email ORDER BY random()`);
    const sample = candidates.filter((r) => r.userId !== seeded.newcomer);
    const sparsest = sample.reduce((a, b) => (b.reach < a.reach ? b : a));
    const newcomer = candidates.find((r) => r.userId === seeded.newcomer)!;
    const typical = sample.slice(0, READERS).sort((a, b) => a.reach - b.reach)[Math.floor(Math.min(READERS, sample.length) / 2)]!;

    server = await startServer(db.ownerUrl, dataDir);
    const live = server;
    const memoryReady = await live.memory();
    const signInStarted = performance.now();
    const login = (r: Candidate) => signIn(live.base, r.userId, r.email, r.groups);
    const readers: Reader[] = [];
    for (const r of sample.slice(0, 5)) readers.push(await login(r));
    const { perRequest, homeStatements } = await countStatements(live, readers);
    for (let i = readers.length; i < READERS; i += 5) readers.push(...await Promise.all(sample.slice(i, Math.min(i + 5, READERS)).map(login)));
    const sparse = await login(sparsest);
    const quiet = await login(newcomer);
    const memorySignedIn = await live.memory();
    console.log(`server: pid ${live.child.pid} on ${live.base}; ${readers.length + 2} readers signed in through the API in ${((performance.now() - signInStarted) / 1000).toFixed(1)} s; ` +
      `group posts in their home feed: median reader ${int(typical.reach)} (${typical.groups.length} groups), sparsest member ${int(sparsest.reach)} ` +
      `(${sparsest.groups.length} groups), newcomer ${newcomer.reach} (1 group, no follows)`);
    const runs = await measureReads(live, readers, sparse, quiet);
    const memory = await live.memory();

    const instanceId = seeded.instance.id;
    const plans: Array<[string, Awaited<ReturnType<typeof explainHome>>]> = [
      ['median reader, page 1', await explainHome(s, instanceId, typical.userId, 1)],
      ['median reader, page 6', await explainHome(s, instanceId, typical.userId, 6)],
      ['sparsest member, page 1', await explainHome(s, instanceId, sparsest.userId, 1)],
      ['sparsest member, page 6', await explainHome(s, instanceId, sparsest.userId, 6)],
      ['newcomer, page 1', await explainHome(s, instanceId, newcomer.userId, 1)],
    ];
    const [, median] = plans[0]!;
    console.log('home feed statement, as feedPage sends it (app role, under RLS), for the median reader, page 1:');
    console.log(median.statement.text.replace(/^\s+/gm, '    '));
    console.log(`  parameters: ${JSON.stringify(median.statement.values)}`);
    console.log(`EXPLAIN (ANALYZE, BUFFERS), median reader, page 1:\n${median.text}`);
    console.log(`EXPLAIN (ANALYZE, BUFFERS), newcomer, page 1:\n${plans[4]![1].text}`);

    // Last, so the posts written "now" do not sit on top of every feed read above (they have no reactions nor comments yet).
    console.log(`writes: ${int(o.writes)} posts through createPost, 4 at a time`);
    const written = await writePosts(s, seeder, seeded.instance, o.writes, 4);
    console.log(`  ${ms(written.perSecond)} posts/s (${written.seconds.toFixed(1)} s)`);

    console.log(`\n==== summary: ${int(o.posts)} seeded posts, ${o.groups} groups, ${int(o.users)} users; PostgreSQL ${pgVersion}; ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s in all; load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at the end on ${cpus().length} CPUs`);
    console.log(`seed: ${seeded.seconds.toFixed(1)} s (bulk SQL)`);
    console.log(`writes (createPost, ${written.concurrency} writers, ${int(written.count)} posts): ${ms(written.perSecond)} posts/s; ` +
      `per post p50 ${ms(written.p50)} / p95 ${ms(written.p95)} / p99 ${ms(written.p99)} / max ${ms(written.max)} ms`);
    console.log(table(['reads (ms)', 'clients', 'timed', 'p50', 'p95', 'p99', 'max', 'req/s'],
      runs.map((r) => [r.label, String(r.clients), String(r.n), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), int(r.perSecond)])));
    console.log('statements per feed request, counted in the server (5 readers; the gate\'s look-ups, then the feed transaction):');
    for (const [kind, counts] of perRequest) console.log(`  ${kind.padEnd(20)} ${[...counts].join(', ')}${counts.size === 1 ? ' (constant)' : ' (VARIES)'}`);
    console.log('  one home page request sends:');
    for (const text of homeStatements) console.log(`    ${text}`);
    console.log('home feed plans (EXPLAIN ANALYZE of feedPage\'s one statement):');
    for (const [label, plan] of plans) console.log(describePlan(label, plan));
    const mib = (m: Memory) => `RSS ${m.rss.toFixed(0)} MiB (JS heap ${m.heap.toFixed(0)} used of ${m.heapTotal.toFixed(0)}, external ${m.external.toFixed(0)}; after a full GC: heap ${m.heapAfterGc.toFixed(0)}, RSS ${m.rssAfterGc.toFixed(0)})`;
    console.log(`server memory: when ready ${mib(memoryReady)}\n  after ${readers.length + 2} sign-ins (argon2id, 19 MiB each): ${mib(memorySignedIn)}` +
      `\n  after the reads: ${mib(memory)}; peak RSS ${memory.peak.toFixed(0)} MiB`);
  } finally {
    clearTimeout(watchdog);
    await server?.stop();
    await seeder.end();
    await s.pool.end();
    s.mailer.close();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (args.serve) await runServer();
else await main();
