// Start-up benchmark: wall time from `ruche serve` to a 200 on /readyz, and
// the server's memory once ready, on the embedded PostgreSQL — first start on
// an empty data directory (initdb included) and then warm restarts.
// Run: node bench/startup.ts [restarts=3]   (loopback only, stops by itself)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(import.meta.dirname, '..');
const restarts = Number(process.argv[2] ?? 3);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function startOnce(env: Record<string, string>): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/ruche.js', 'serve'], { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('not ready within 120 s');
    try {
      if ((await fetch(`${env.PUBLIC_URL}/readyz`)).status === 200) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 500)); // let start-up garbage settle
  const rss = rssMiB(child.pid!);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { ms, rss };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'ruche-bench-'));
await chmod(dataDir, 0o755);
try {
  const port = await freePort();
  const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: '', LOG_LEVEL: 'warn' };
  const cold = await startOnce(env);
  console.log(`first start (initdb + migrations): ${(cold.ms / 1000).toFixed(2)} s to ready, server RSS ${cold.rss.toFixed(0)} MiB`);
  const warm: Array<{ ms: number; rss: number }> = [];
  for (let i = 0; i < restarts; i++) warm.push(await startOnce(env));
  const times = warm.map((w) => w.ms).sort((a, b) => a - b);
  console.log(`warm restarts (${restarts}): median ${(times[Math.floor(times.length / 2)]! / 1000).toFixed(2)} s to ready, ` +
    `server RSS ${warm.map((w) => w.rss.toFixed(0)).join('/')} MiB`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
