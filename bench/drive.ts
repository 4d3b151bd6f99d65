// Drive benchmark: upload and download throughput of `ruche serve` through the
// real HTTP API, on the filesystem store and on S3 (a real s3rver on loopback
// in a process of its own), with the server's RSS sampled every 50 ms, to show
// that uploads and downloads stream (the RSS stays flat whatever the size).
// Phases per store: N small uploads (POST /files) and their downloads, large
// uploads in one request, large uploads through the chunked API (8 MiB parts),
// the large downloads (SHA-256 checked), Range requests (bytes checked).
// Run: node_modules/.bin/node bench/drive.ts [--store both|fs|s3] [--small-count 50] [--large-count 3] [--large-mb 200] [--chunked-count 1] [--trace]
// Loopback only; bounded in count and time; drops its databases and removes its files at the end.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineBusy } from './chat/sampling.ts';
import { runStore, type StoreResult } from './drive/phases.ts';
import { printStore, printSummary, printTrace } from './drive/report.ts';
import { startS3, type S3Child } from './drive/servers.ts';
import { wholeNumber } from './args.ts';

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const { createTestDatabase, TEST_APP_PASSWORD } = await import('../server/test/support/database.ts');

const { values: args } = parseArgs({
  options: {
    store: { type: 'string', default: 'both' },
    'small-count': { type: 'string', default: '50' },
    'small-mb': { type: 'string', default: '1' },
    'large-count': { type: 'string', default: '3' },
    'large-mb': { type: 'string', default: '200' },
    'chunked-count': { type: 'string', default: '1' },
    ranges: { type: 'string', default: '50' },
    'timeout-minutes': { type: 'string', default: '15' },
    trace: { type: 'boolean', default: false },
  },
});

const whole = (name: keyof typeof args, min: number, max: number) => wholeNumber(name, args[name] as string | undefined, min, max);
if (!['both', 'fs', 's3'].includes(args.store)) throw new Error('--store must be both, fs or s3');
const stores = args.store === 'both' ? ['fs', 's3'] as const : [args.store as 'fs' | 's3'];
const options = {
  smallCount: whole('small-count', 1, 1000), smallBytes: whole('small-mb', 1, 100) * 1e6,
  largeCount: whole('large-count', 1, 20), largeBytes: whole('large-mb', 1, 4000) * 1e6,
  chunkedCount: whole('chunked-count', 0, 20), rangeCount: whole('ranges', 1, 1000), rangeBytes: 64 * 1024,
};
const timeoutMinutes = whole('timeout-minutes', 1, 120);
const database = new URL(process.env.TEST_DATABASE_URL);
if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(database.hostname)) throw new Error(`TEST_DATABASE_URL must point at this machine (loopback), not ${database.hostname}`);

const log = (line: string) => console.log(line);

function sh(command: string, ...rest: string[]): string {
  try {
    return execFileSync(command, rest, { cwd: import.meta.dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** Which Ruche was measured: the commit, and whether server/ had changes not yet committed. */
function revision(): string {
  const head = sh('git', 'rev-parse', '--short', 'HEAD');
  return `${head}${sh('git', 'status', '--porcelain', '--', '../server').length > 0 ? ' + uncommitted changes in server/' : ''}`;
}

// Everything to undo, most recent first; run on success, failure, the watchdog or Ctrl-C.
const cleanups: Array<() => Promise<unknown>> = [];
let cleaning: Promise<void> = Promise.resolve();
/** Chained, so that an interruption waits for a clean-up already under way before the process exits. */
function cleanUp(): Promise<void> {
  cleaning = cleaning.then(async () => {
    while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => console.error('clean-up:', error));
  });
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`drive benchmark: ${signal}, cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function runOne(store: 'fs' | 's3'): Promise<StoreResult> {
  log(`\n${store === 'fs' ? 'filesystem store' : 'S3 store'}: starting…`);
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  log(`  database ${db.name} (dropped at the end)`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ruche-bench-drive-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  let s3: S3Child | null = null;
  if (store === 's3') {
    s3 = await startS3();
    cleanups.push(() => s3!.stop());
    log(`  s3rver pid ${s3.pid} at ${s3.env.S3_ENDPOINT}, bucket ${s3.env.S3_BUCKET}`);
  }
  try {
    const result = await runStore({ store, ownerUrl: db.ownerUrl, appPassword: TEST_APP_PASSWORD, dataDir, ...(s3 ? { s3Env: s3.env, s3Pid: s3.pid } : {}), ...options, log,
      started: (server) => cleanups.push(() => server.stop()),
    });
    const s3Crashed = s3?.exited();
    if (s3Crashed) throw new Error(`s3rver ${s3Crashed}`);
    return result;
  } finally {
    await cleanUp();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const busy = await machineBusy(2000);
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Linux ${release()}, ` +
    `node ${process.version}, ${tmpdir()} on ${sh('stat', '-f', '-c', '%T', tmpdir())}`;
  log(`drive benchmark (Ruche ${revision()}), ${new Date().toISOString().slice(0, 10)}: ${machine}; ` +
    `${busy.toFixed(0)}% busy (of ${cpus().length * 100}%) over the 2 s before starting`);
  log(`files: ${options.smallCount} × ${options.smallBytes / 1e6} MB, ${options.largeCount} × ${options.largeBytes / 1e6} MB in one request, ` +
    `${options.chunkedCount} × ${options.largeBytes / 1e6} MB chunked; ${options.rangeCount} ranges of ${options.rangeBytes / 1024} KiB; ` +
    'content: AES-CTR keystream of a seed per file (distinct, incompressible, generated while sending)');
  const watchdog = setTimeout(() => {
    console.error(`drive benchmark: still running after ${timeoutMinutes} minutes, giving up`);
    void cleanUp().finally(() => process.exit(1));
  }, timeoutMinutes * 60_000);
  watchdog.unref();
  const results: StoreResult[] = [];
  try {
    for (const store of stores) {
      const result = await runOne(store);
      printStore(result, log);
      if (args.trace) printTrace(result, options.largeBytes, log);
      results.push(result);
    }
  } finally {
    clearTimeout(watchdog);
  }
  printSummary(results, options, log);
  log(`\n${((performance.now() - started) / 1000).toFixed(0)} s in all; load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at the end. ` +
    'Client, server, PostgreSQL and s3rver shared these cores.');
  log(`repeat: node_modules/.bin/node bench/drive.ts${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).join(' ')}` : ''}`);
}

await main();
