// Search benchmark (issue 6): seeds 50 instances with generated French and
// English work chat (1M chat messages, 200k posts and their comments, drive
// files; bench/search/), then measures searchEverything, the function behind
// GET /api/v1/i/:slug/search, as real members searching what they may see:
// one word, a prefix, two words, a phrase, an exclusion, no match, one kind
// a page at a time, and filtered by conversation, group, dates and
// attachment, at 1 and 10 concurrent clients, after 2% more messages were
// written as chat writes them: p50/p95/p99 and queries/s,
// EXPLAIN (ANALYZE, BUFFERS) of each shape and of the matching inside the
// search functions, searches taking turns against all at once while a chat
// member sends messages (decision 0010), table and index sizes
// (search_entries by kind), and what the search trigger and index cost writers.
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/search.ts [--messages 1000000] [--posts 200000]
// Loopback only; bounded in count and time; drops its database at the end and on Ctrl-C.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../server/src/config.ts';
import { createPool } from '../server/src/db/pool.ts';
import { createLogger } from '../server/src/http/logging.ts';
import { createMailer } from '../server/src/mail/mailer.ts';
import { SearchTurns } from '../server/src/modules/search/turns.ts';
import { createMemoryBus } from '../server/src/realtime/bus.ts';
import { createMemoryPresence } from '../server/src/realtime/presence.ts';
import type { Services } from '../server/src/services.ts';
import { openBlobStore } from '../server/src/storage/open.ts';
import { clusterUrl, createTestDatabase, type TestDatabase } from '../server/test/support/database.ts';
import { Sampler } from './chat/sampling.ts';
import { describeGauge, GAUGE_ABOUT, gaugeMachine } from './gauge.ts';
import { explainer, explainStatements, recordStatements, type Explained } from './search/explain.ts';
import { runShape, type Run } from './search/measure.ts';
import { buildPopulation } from './search/population.ts';
import { int, printPlans, printRuns, printSeed, printSizes, printTurns, printVerdict, printWrites } from './search/report.ts';
import { seedDatabase } from './search/seed.ts';
import { pickSearchers, SHAPES, wordShares } from './search/workload.ts';
import { measureTurns } from './search/turns.ts';
import { chatBeforeReads, measureWrites, pickWriters } from './search/writes.ts';
import { wholeNumber } from './args.ts';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    posts: { type: 'string', default: '200000' },
    instances: { type: 'string', default: '50' },
    files: { type: 'string' },
    seed: { type: 'string', default: '1' },
    searchers: { type: 'string', default: '40' },
    clients: { type: 'string', default: '1,10' },
    queries: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    'write-seconds': { type: 'string', default: '4' },
    'timeout-minutes': { type: 'string', default: '15' },
  },
});
const whole = (name: keyof typeof args, min: number, max: number, value = args[name]) => wholeNumber(name, value, min, max);
const o = {
  messages: whole('messages', 1_000, 10_000_000), posts: whole('posts', 100, 2_000_000), instances: whole('instances', 1, 200),
  seed: whole('seed', 0, 2 ** 31 - 1), searchers: whole('searchers', 1, 1_000), queries: whole('queries', 1, 100_000),
  seconds: whole('seconds', 1, 600), writeSeconds: whole('write-seconds', 1, 60), timeoutMinutes: whole('timeout-minutes', 1, 240),
  clients: args.clients.split(',').map((c) => whole('clients', 1, 100, c)),
};
const files = args.files === undefined ? Math.round(o.messages / 25) : whole('files', 0, 1_000_000);
const log = (line: string) => console.log(line);
/** The shapes measured with and without turns (4 runs of --seconds each). */
const TURNS_SHAPES = ['one word', 'two words', 'exclusion'];
if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(new URL(clusterUrl()).hostname)) throw new Error('the search benchmark runs against a PostgreSQL on loopback only');

/** Which Ruche was measured: the commit, and whether server/ had changes not yet committed. */
function revision(): string {
  try {
    const git = (...rest: string[]) => execFileSync('git', rest, { cwd: import.meta.dirname, encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', '../server').length > 0 ? ' + uncommitted changes in server/' : ''}`;
  } catch {
    return 'unknown revision';
  }
}

/** The variable if set, for loadConfig. */
const pick = (env: NodeJS.ProcessEnv, name: string) => (env[name] === undefined ? {} : { [name]: env[name] });

function services(appUrl: string, dataDir: string): Services {
  // Searches take turns as in the server (config.search); SEARCH_CONCURRENCY=10 lets all ten clients run at once, as before decision 0010.
  const config = loadConfig({ PUBLIC_URL: 'http://127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...pick(process.env, 'SEARCH_CONCURRENCY') });
  const logger = createLogger('warn');
  // A pool of 10, the server's default (DATABASE_POOL_SIZE).
  return { config, pool: createPool(appUrl, 10, 'ruche-bench-search'), mailer: createMailer({ smtpUrl: undefined, from: config.mailFrom, dataDir, log: logger }),
    log: logger, bus: createMemoryBus(), presence: createMemoryPresence(), blobs: openBlobStore(config.storage), searches: new SearchTurns(config.search) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  log(`search benchmark (Ruche ${revision()}): ${o.messages.toLocaleString('en')} messages, ${o.posts.toLocaleString('en')} posts, ${files.toLocaleString('en')} files, ` +
    `${o.instances} instances, seed ${o.seed}; node ${process.version}; ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; load average ${loadAtStart.toFixed(2)}`);
  let db: TestDatabase | null = null;
  let s: Services | null = null;
  let dataDir: string | null = null;
  const clients: pg.Client[] = [];
  let cleaning: Promise<void> | null = null;
  let abandoned = false;
  let stopSampler = () => undefined as void;
  const cleanUp = () => (cleaning ??= (async () => {
    stopSampler();
    for (const c of clients) await c.end().catch(() => undefined);
    await s?.pool.end().catch(() => undefined);
    s?.mailer.close();
    await db?.drop().catch((error: Error) => console.error(`could not drop ${db?.name}: ${error.message}`));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  })());
  const abandon = (why: string, code: number) => {
    abandoned = true;
    console.error(`search benchmark: ${why}, cleaning up`);
    void cleanUp().finally(() => process.exit(code));
  };
  const watchdog = setTimeout(() => abandon(`still running after ${o.timeoutMinutes} minutes`, 1), o.timeoutMinutes * 60_000);
  watchdog.unref();
  process.once('SIGINT', () => abandon('interrupted', 130));
  process.once('SIGTERM', () => abandon('terminated', 143));
  try {
    const t0 = performance.now();
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'ruche-bench-search-'));
    const connect = async (name: string) => {
      const client = new pg.Client({ connectionString: db!.ownerUrl, application_name: name });
      client.on('error', () => undefined); // a connection ended by an interrupted run's DROP DATABASE: its query fails instead
      await client.connect();
      clients.push(client);
      return client;
    };
    const owner = await connect('ruche-bench-search');
    const setting = async (name: string) => (await owner.query(`SELECT current_setting('${name}') AS v`)).rows[0].v as string;
    log(`PostgreSQL ${await setting('server_version')}: shared_buffers ${await setting('shared_buffers')}, work_mem ${await setting('work_mem')}, ` +
      `effective_cache_size ${await setting('effective_cache_size')}, random_page_cost ${await setting('random_page_cost')}, jit ${await setting('jit')}, ` +
      `fsync ${await setting('fsync')}, synchronous_commit ${await setting('synchronous_commit')}; ` +
      `database ${db.name} from the migrated template in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const gaugeAtStart = await gaugeMachine(owner);
    log(`${GAUGE_ABOUT} at the start: ${describeGauge(gaugeAtStart)}`);

    log('\n== seeding (bulk SQL as the owner)');
    const population = buildPopulation(o.seed, o.instances);
    const sizes = population.instances.map((i) => i.people.length);
    log(`population: ${population.people.length.toLocaleString('en')} people in ${o.instances} instances (${sizes[0]} to ${sizes.at(-1)} members; ` +
      `${population.instances.filter((i) => i.lang === 'fr').length} French, the rest English), ${population.groups.length} groups, ${population.conversations.length.toLocaleString('en')} conversations`);
    const seeded = await seedDatabase(db.ownerUrl, population, { messages: o.messages, posts: o.posts, files, batch: 5_000, seed: o.seed }, log);
    printSeed(seeded, log);
    log('\n== sizes');
    await printSizes(owner, log);
    log(`words searched, share of messages holding them: ${await wordShares(owner)}`);

    const writers = [await connect('ruche-bench-search-w1'), await connect('ruche-bench-search-w2'), await connect('ruche-bench-search-w3'), await connect('ruche-bench-search-w4')];
    const chat = await chatBeforeReads(owner, writers, Math.round(o.messages / 50), o.seed);
    log(`\nchat before the reads: ${int(chat.messages)} messages written one per transaction in ${chat.seconds.toFixed(1)} s (${int(chat.messages / chat.seconds)}/s), ` +
      `the search trigger on; GIN pages still pending: ${chat.pending ? chat.pending.map((p) => `${p.name} ${p.pages}`).join(', ') : 'not known (no pgstattuple)'}`);

    s = services(db.appUrl, dataDir);
    const searchers = await pickSearchers(owner, o.searchers);
    const bySlug = new Map(population.instances.map((i) => [i.id, i.people.length]));
    const reach = searchers.map((x) => bySlug.get(x.tenant.instance.id)!).sort((a, b) => a - b);
    log(`\n== reads: searchEverything in this process (app role, RLS, pool of 10, ${s.config.search.concurrency} searches at once), ${searchers.length} searchers ` +
      `(${searchers.filter((x) => x.lang === 'fr').length} French; ${searchers.filter((x) => x.tenant.membership.role === 'guest').length} guests; ` +
      `instances of ${reach[0]} to ${reach.at(-1)} members, median ${reach[Math.floor(reach.length / 2)]})`);
    for (const shape of SHAPES) log(`  ${shape.name.padEnd(18)} ${shape.about}`);
    // Warm every connection of the pool, as a running server's are: each one prepares the search statements and
    // plans the search functions' own statements for itself. Warmed by one client only, the 10-client runs paid
    // for nine cold connections (113 against 144 queries/s for "one word" in a trial).
    const warm = performance.now();
    const warmers = Math.max(...o.clients);
    const warmQueries = Math.max(searchers.length, 10 * warmers);
    for (const shape of SHAPES) await runShape(s, searchers, shape, warmers, { queries: warmQueries, seconds: 10 });
    log(`warm-up: ${warmQueries} queries of each shape from ${warmers} clients in ${((performance.now() - warm) / 1000).toFixed(1)} s`);
    const runs: Run[] = [];
    // CPU of PostgreSQL, of this process and of everything else, once a second until the end (reads and writes).
    const sampler = new Sampler(process.pid, db.name);
    sampler.start();
    stopSampler = () => sampler.stop();
    for (const n of o.clients) {
      for (const shape of SHAPES) {
        const run = await runShape(s, searchers, shape, n, { queries: o.queries * Math.min(n, 3), seconds: o.seconds }, sampler);
        runs.push(run);
        log(`  ${shape.name.padEnd(18)} ${String(n).padStart(2)} client(s): p50 ${run.p50.toFixed(1)}  p95 ${run.p95.toFixed(1)}  p99 ${run.p99.toFixed(1)} ms  ` +
          `${run.perSecond.toFixed(1)} queries/s  ${run.hitsPerQuery.toFixed(1)} results/query${run.errors ? `  ${run.errors} ERRORS` : ''}` +
          (run.cpu ? `  CPU: PostgreSQL ${run.cpu.postgres.toFixed(0)}%, bench ${run.cpu.bench.toFixed(0)}%, other ${run.cpu.other.toFixed(0)}%` : ''));
      }
    }

    // Plans, for a searcher of the biggest instance among them (the most rows to sift through).
    const biggest = searchers.reduce((a, b) => (bySlug.get(b.tenant.instance.id)! > bySlug.get(a.tenant.instance.id)! ? b : a));
    log(`\n== plans: each shape once for a searcher of ${biggest.tenant.instance.slug} (${bySlug.get(biggest.tenant.instance.id)} members, ` +
      `${biggest.lang}, in ${biggest.conversations.length}+ busy conversations and ${biggest.groups.length}+ groups), statements as searchEverything sends them`);
    const leakproof = (await owner.query(`SELECT string_agg(format('%s %s', o.oprname, p.proleakproof), ', ') AS v FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode
      WHERE (o.oprname = '@@' AND o.oprleft = 'tsvector'::regtype) OR (o.oprname = '%' AND o.oprleft = 'text'::regtype AND o.oprright = 'text'::regtype)`)).rows[0].v as string;
    log(`operators of the search conditions, leakproof (usable as index conditions under RLS): ${leakproof}; hence the matching in SECURITY DEFINER functions, outside RLS (0013)`);
    // Explained as the application role (RLS on) and as the owner, in a session with auto_explain for the search functions' own plans.
    const explaining = await explainer(db.ownerUrl);
    const appRole = decodeURIComponent(new URL(db.appUrl).username);
    const plans: Array<{ shape: string; request: unknown; explained: Explained[]; asOwner: Explained[] }> = [];
    try {
      // Once for nothing first: the session's caches warm, as the application's pool is.
      await explainStatements(explaining, biggest, await recordStatements(s, biggest, SHAPES[0]!, 0), appRole);
      for (const shape of SHAPES) {
        const statements = await recordStatements(s, biggest, shape, 0);
        plans.push({ shape: shape.name, request: shape.request(biggest, 0), explained: await explainStatements(explaining, biggest, statements, appRole),
          asOwner: await explainStatements(explaining, biggest, statements, null) });
      }
    } finally {
      await explaining.pool.end();
    }
    printPlans(plans, log);

    log(`\n== turns: 10 clients searching, ${s.config.search.concurrency} searches at once (the server's setting) and all 10 at once in turns, ` +
      `${o.seconds} s each, while one chat member sends a message every 10 ms (decision 0010)`);
    const turns = await measureTurns(s, searchers, await pickWriters(owner, 4), SHAPES.filter((x) => TURNS_SHAPES.includes(x.name)), o.seconds, sampler);
    printTurns(turns, log);

    log('\n== writes: what the search trigger and index cost');
    const writes = await measureWrites(s, owner, writers, { bulkRows: Math.min(100_000, Math.round(o.messages / 5)), batch: 5_000, seconds: o.writeSeconds, seed: o.seed }, sampler);
    printWrites(writes, log);

    const gaugeAtEnd = await gaugeMachine(owner);
    log(`\n==== summary: ${o.messages.toLocaleString('en')} messages, ${o.posts.toLocaleString('en')} posts in ${o.instances} instances; ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s in all; load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at the end on ${cpus().length} CPUs`);
    log(`${GAUGE_ABOUT}: at the start ${describeGauge(gaugeAtStart)}, at the end ${describeGauge(gaugeAtEnd)}`);
    printSeed(seeded, log);
    printRuns(runs, log);
    printTurns(turns, log);
    printVerdict(runs, o.messages, log);
  } catch (error) {
    // Once abandoned, the work in progress fails as its database goes away: abandon() ends the process.
    if (!abandoned) throw error;
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
  if (abandoned) await new Promise(() => undefined);
}

await main();
