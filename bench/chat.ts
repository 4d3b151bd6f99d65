// Realtime chat benchmark (issue 4): N WebSocket clients, each subscribed to
// its own inbox stream and to one 10-member group conversation, and M
// messages a second published through the HTTP API. It measures
// publish→receive latency, deliveries/s, lost, duplicated and out-of-order
// deliveries, the server's CPU and RSS (and RSS per idle connection), and
// does the same, with the same load generator, against a bare `ws` server
// doing the same fan-out (bench/chat/baseline-server.ts), the baseline.
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/chat.ts [--clients 5000] [--rate 500] [--seconds 30]
// (--rate 100,250,500 runs one step per rate on the same connections.)
// Loopback only; bounded in count and time; drops its database at the end.
// Each server runs in a child process; the load generator is this process
// (publisher on the main thread, clients in worker threads).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTestDatabase, TEST_APP_PASSWORD, type TestDatabase } from '../server/test/support/database.ts';
import { runLoad, type LoadOptions, type RunResult, type Target } from './chat/load.ts';
import { printComparison, printRun, printTargets } from './chat/report.ts';
import { createConversations, GROUP_SIZE, rucheClients, rucheConversations, seedPeople, SLUG } from './chat/seed.ts';
import { machineBusy } from './chat/sampling.ts';
import { startBaseline, startRuche, type ServerChild } from './chat/servers.ts';
import { wholeNumber } from './args.ts';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    idle: { type: 'string', default: '80' },
    drain: { type: 'string', default: '10' },
    workers: { type: 'string', default: '1' },
    sockets: { type: 'string', default: '64' },
    'connect-concurrency': { type: 'string', default: '100' },
    target: { type: 'string', default: 'both' },
    profile: { type: 'boolean', default: false },
    env: { type: 'string', multiple: true, default: [] },
  },
});

const whole = (name: keyof typeof args, min: number, max: number) => wholeNumber(name, args[name] as string | undefined, min, max);
const clients = whole('clients', GROUP_SIZE, 20_000);
if (clients % GROUP_SIZE !== 0) throw new Error(`--clients must be a multiple of ${GROUP_SIZE} (one conversation per ${GROUP_SIZE} people)`);
const options: LoadOptions = {
  rates: args.rate.split(',').map((r) => {
    const rate = Number(r);
    if (!Number.isSafeInteger(rate) || rate < 1 || rate > 5_000) throw new Error('--rate takes whole numbers from 1 to 5000, separated by commas');
    return rate;
  }),
  seconds: whole('seconds', 1, 300), warmupSeconds: whole('warmup', 0, 60), idleSeconds: whole('idle', 1, 600),
  drainSeconds: whole('drain', 1, 60), workers: whole('workers', 1, 8), sockets: whole('sockets', 1, 1_000),
  connectConcurrency: whole('connect-concurrency', 1, 1_000), profile: args.profile,
};
if (!['both', 'baseline', 'ruche'].includes(args.target)) throw new Error('--target must be both, baseline or ruche');
const serverEnv = Object.fromEntries(args.env.map((pair) => {
  const at = pair.indexOf('=');
  if (at < 1) throw new Error(`--env takes KEY=VALUE, got "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}));

/** Each side holds one descriptor per client (plus the pool, the publisher's sockets, files): the soft limit must allow it. */
async function checkDescriptors(): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const limit = Number(/Max open files\s+(\d+)/.exec(await readFile('/proc/self/limits', 'utf8'))?.[1] ?? Infinity);
  if (limit < clients + 500) throw new Error(`the open files limit is ${limit}: raise it (ulimit -n ${clients + 1000}) before running ${clients} clients`);
}

const log = (line: string) => console.log(line);

/** Which Ruche was measured: the commit, and whether server/ had changes not yet committed. */
function revision(): string {
  try {
    const git = (...rest: string[]) => execFileSync('git', rest, { cwd: import.meta.dirname, encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', '../server').length > 0 ? ' + uncommitted changes in server/' : ''}`;
  } catch {
    return 'unknown revision';
  }
}

async function baselineRun(): Promise<RunResult> {
  log('baseline: raw ws server (bench/chat/baseline-server.ts)');
  const server = await startBaseline();
  try {
    const conversations = Array.from({ length: clients / GROUP_SIZE }, (_, c) => ({ path: `/conversations/c${c}/messages`, senders: [{}] }));
    const target: Target = {
      name: 'baseline', server, wsUrl: `${server.base.replace('http', 'ws')}/realtime`, conversations, recipients: GROUP_SIZE, countsStatements: false, database: null,
      clients: Array.from({ length: clients }, (_, i) => ({ headers: {}, streams: [`inbox:u${i}`, `conversation:c${Math.floor(i / GROUP_SIZE)}`] })),
    };
    return await runLoad(target, options, log);
  } finally {
    await server.stop();
  }
}

async function rucheRun(db: TestDatabase, dataDir: string, started: (server: ServerChild) => void): Promise<RunResult> {
  log(`Ruche: seeding ${clients} people with sessions…`);
  const t0 = performance.now();
  const people = await seedPeople(db.ownerUrl, clients);
  const server = await startRuche({ ownerUrl: db.ownerUrl, appPassword: TEST_APP_PASSWORD, dataDir, env: serverEnv });
  started(server);
  try {
    const ids = await createConversations(server.base, people);
    log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${ids.length} conversations through POST /conversations); server pid ${server.pid}`);
    const target: Target = {
      name: 'Ruche', server, wsUrl: `${server.base.replace('http', 'ws')}/api/v1/i/${SLUG}/realtime`,
      clients: rucheClients(people, ids), conversations: rucheConversations(people, ids), recipients: GROUP_SIZE, countsStatements: true, database: db.name,
    };
    const result = await runLoad(target, options, log);
    const crashed = server.exited();
    if (crashed) log(`  the Ruche server ${crashed} during the run`);
    return result;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  await checkDescriptors();
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const busyAtStart = await machineBusy(2000);
  log(`chat benchmark (Ruche ${revision()}): ${clients} clients (${clients / GROUP_SIZE} conversations of ${GROUP_SIZE}), ${options.rates.join(', ')} messages/s, ` +
    `${options.warmupSeconds} s warm-up + ${options.seconds} s measured; node ${process.version}; ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ` +
    `${busyAtStart.toFixed(0)}% busy (of ${cpus().length * 100}%) over the 2 s before starting`);
  const results: RunResult[] = [];
  let db: TestDatabase | null = null;
  let dataDir: string | null = null;
  let ruche: ServerChild | null = null;
  // Seeding and connecting, then per target: idle, and per step: warm-up, window, answers still in flight (30 s at most), drain.
  const capMinutes = 10 + Math.ceil((2 * (options.idleSeconds + options.rates.length * (options.warmupSeconds + options.seconds + 30 + options.drainSeconds))) / 60);
  const watchdog = setTimeout(() => {
    console.error(`chat benchmark: still running after ${capMinutes} minutes, giving up`);
    void ruche?.stop();
    void (db?.drop() ?? Promise.resolve()).finally(() => process.exit(1));
  }, capMinutes * 60_000);
  watchdog.unref();
  try {
    if (args.target !== 'ruche') results.push(await baselineRun());
    if (args.target !== 'baseline') {
      db = await createTestDatabase();
      dataDir = await mkdtemp(path.join(tmpdir(), 'ruche-bench-'));
      results.push(await rucheRun(db, dataDir, (server) => { ruche = server; }));
    }
  } finally {
    clearTimeout(watchdog);
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
  log(`\n==== summary: ${clients} clients, ${options.rates.join(', ')} messages/s asked, ${options.seconds} s measured per step; ` +
    `${((performance.now() - started) / 1000).toFixed(0)} s in all; load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at the end on ${cpus().length} CPUs`);
  log(`the servers ran in child processes, the load tool here (publisher on the main thread, clients in ${options.workers} worker thread(s)), ` +
    'PostgreSQL on this machine too: all shared these cores (see the CPU columns)');
  for (const r of results) printRun(r);
  if (results.length === 2) printComparison(results[0]!, results[1]!);
  printTargets(results);
}

await main();
