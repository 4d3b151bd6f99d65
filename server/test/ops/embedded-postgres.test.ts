// `ruche serve` with no DATABASE_URL, as a user runs it: the embedded
// PostgreSQL initialises, the server gets ready, data survives a restart,
// SIGTERM stops both cleanly, a busy port or a stale pid file is handled, and
// PostgreSQL's shared buffers are sized to the machine.
// (CI runs as root, so this also proves the run-as-`postgres` path.)
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { sharedBuffersMb } from '../../src/db/embedded.ts';

const root = path.resolve(import.meta.dirname, '../../..');
let dataDir: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Every server started: one a failed assertion left running is stopped (with its PostgreSQL) after the tests. */
const started: Running[] = [];

function startRuche(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['bin/ruche.js', 'serve'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', SERVE_WEB: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running = { child, output: () => output, exited };
  started.push(running);
  return running;
}

async function waitForReady(running: Running): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!running.output().includes('Ruche is ready')) {
    if (running.child.exitCode !== null) throw new Error(`ruche exited early:\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`ruche not ready within 60 s:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let env: Record<string, string>;
before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'ruche-embedded-'));
  await chmod(dataDir, 0o755); // the `postgres` user must reach it when the tests run as root
  const port = await freePort();
  env = { DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(await freePort()) };
});
after(async () => {
  for (const running of started) if (running.child.exitCode === null && running.child.kill('SIGTERM')) await running.exited;
  await rm(dataDir, { recursive: true, force: true });
});

test('starts on the embedded database, keeps data across a restart, stops cleanly on SIGTERM', async () => {
  const first = startRuche(env);
  await waitForReady(first);
  const ready = await fetch(`${env.PUBLIC_URL}/readyz`);
  assert.equal(ready.status, 200);
  const signup = await fetch(`${env.PUBLIC_URL}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'keep@example.test', password: 'survives a restart', displayName: 'Keep' }),
  });
  assert.equal(signup.status, 201);
  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0, first.output());
  assert.ok(!existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'PostgreSQL left its pid file: not stopped cleanly');

  // A pid file whose process is gone (a crash) must not prevent the next start.
  await writeFile(path.join(dataDir, 'pg', 'postmaster.pid'), '999999\n');
  const second = startRuche(env);
  await waitForReady(second);
  const signin = await fetch(`${env.PUBLIC_URL}/api/v1/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'keep@example.test', password: 'survives a restart' }),
  });
  assert.equal(signin.status, 200);
  // Its shared buffers are sized to the machine, not PostgreSQL's default 128 MB.
  const { ownerPassword } = JSON.parse(await readFile(path.join(dataDir, 'pg-credentials.json'), 'utf8')) as { ownerPassword: string };
  const owner = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(ownerPassword)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/ruche` });
  await owner.connect();
  try {
    const { rows: [buffers] } = await owner.query("SELECT setting::bigint * 8 / 1024 AS mb FROM pg_settings WHERE name = 'shared_buffers'");
    assert.equal(Number(buffers.mb), sharedBuffersMb(totalmem(), process.constrainedMemory()));
  } finally {
    await owner.end();
  }
  second.child.kill('SIGINT');
  assert.equal(await second.exited, 0, second.output());
});

test("shared buffers: a quarter of the memory, or of the container's limit, from 128 MB to 8 GB", () => {
  const GB = 2 ** 30;
  assert.equal(sharedBuffersMb(24 * GB), 6144);
  assert.equal(sharedBuffersMb(24 * GB, 2 ** 64), 6144, 'no limit: cgroups report the largest number');
  assert.equal(sharedBuffersMb(64 * GB, 2 * GB), 512, "a container's limit");
  assert.equal(sharedBuffersMb(GB / 4), 128, "never under PostgreSQL's default");
  assert.equal(sharedBuffersMb(256 * GB), 8192, 'at most 8 GB');
});

test('a busy database port stops start-up with a clear message', async () => {
  const blocker = net.createServer().listen(Number(env.EMBEDDED_PG_PORT), '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  try {
    const running = startRuche(env);
    assert.equal(await running.exited, 1);
    assert.match(running.output(), /port \d+ is already in use.*EMBEDDED_PG_PORT/s);
  } finally {
    blocker.close();
  }
});
