// The whole test suite, as CI runs it: lint, type-check, build the web client,
// provide a PostgreSQL (TEST_DATABASE_URL, or an embedded one), prepare the
// migrated template database, then run every test file with Node's test
// runner — server integration tests and browser tests alike.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { dropStaleDatabases, ensureTemplate } from '../server/test/support/database.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const started = performance.now();

function step(title: string, command: string, args: string[]): void {
  const t0 = performance.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

/** A Debian package the tests need (chromium for the browser tests, clamav-daemon for the antivirus ones). */
function ensurePackage(binary: string, pkg: string, purpose: string): void {
  if (existsSync(binary)) return;
  if (process.getuid?.() !== 0) {
    console.error(`${purpose} need Debian's ${pkg}: run \`sudo apt-get install -y ${pkg}\` and try again.`);
    process.exit(1);
  }
  step(`install Debian ${pkg} for ${purpose.toLowerCase()}`, 'bash', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg} >/dev/null`]);
}

step('lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']);
step('type-check server (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
step('type-check web (tsc)', bin('tsc'), ['--noEmit', '-p', 'web/tsconfig.json']);
step('type-check browser tests (tsc)', bin('tsc'), ['--noEmit', '-p', 'web/e2e/tsconfig.json']);
step('build web client (vite)', bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
ensurePackage('/usr/bin/chromium', 'chromium', 'Browser tests');
ensurePackage('/usr/sbin/clamd', 'clamav-daemon', 'Antivirus tests');

let embedded: { stop(): Promise<void> } | null = null;
if (!process.env.TEST_DATABASE_URL) {
  console.log('\n▶ TEST_DATABASE_URL is unset: starting an embedded PostgreSQL for the tests');
  const database = await startEmbeddedPostgres(path.join(root, 'data/test'), 54330, () => undefined);
  embedded = database;
  const url = new URL(database.ownerUrl);
  url.pathname = '/postgres';
  process.env.TEST_DATABASE_URL = url.toString();
}
await dropStaleDatabases();
await ensureTemplate();

const testFiles = ['server/test/**/*.test.ts', 'web/e2e/**/*.test.ts'];
console.log('\n▶ tests (node --test)');
// Not spawnSync: the embedded PostgreSQL writes its log to this process, which must keep reading it. With the
// event loop blocked, its pipe fills up and every backend that logs (a WARNING, a checkpoint) stops for good.
const status = await new Promise<number>((resolve) => {
  spawn(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...testFiles], {
    cwd: root, stdio: 'inherit', env: process.env,
  }).on('exit', (code) => resolve(code ?? 1));
});
await embedded?.stop();
console.log(`\nWhole suite: ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(status);
