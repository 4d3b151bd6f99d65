// The processes of the drive benchmark: `ruche serve` as an operator runs it
// (bin/ruche.js, spawned with its settings in the environment), and s3rver in
// a child of its own; plus the one account the benchmark uploads as, seeded
// in SQL (an instance, its owner and a session, as bench/chat/seed.ts does)
// and then given a personal API token through the real API, so every drive
// request carries `Authorization: Bearer` and no CSRF header.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../chat/servers.ts';

const root = path.resolve(import.meta.dirname, '../..');
export const SLUG = 'drive-bench';

export interface Child {
  pid: number;
  /** How it ended, if it did before stop(); the end of its output. */
  exited(): string | null;
  stop(): Promise<void>;
}

function wrap(child: ChildProcess, output: () => string): Child {
  let exit: string | null = null;
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) exit = `exited with ${signal ?? `code ${code}`}:\n${output().slice(-4000)}`;
  });
  return {
    pid: child.pid!,
    exited: () => exit,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface S3Child extends Child {
  env: Record<string, string>;
}

export async function startS3(): Promise<S3Child> {
  const child = fork(path.join(import.meta.dirname, 's3-server.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [message] = await Promise.race([once(child, 'message'), once(child, 'exit').then(() => [null])]) as [{ env: Record<string, string> } | null];
  if (!message) throw new Error('s3rver did not start');
  return { ...wrap(child, () => ''), env: message.env };
}

export interface RucheChild extends Child {
  base: string;
}

export async function startRuche(env: Record<string, string>): Promise<RucheChild> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['bin/ruche.js', 'serve'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: 'warn', SERVE_WEB: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const server = { ...wrap(child, () => output), base, output: () => output };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error(`ruche serve did not become ready:\n${output}`);
    }
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return server;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One instance and its owner with a session (bulk SQL as the database owner); returns the cookie and CSRF token. */
export async function seedOwner(ownerUrl: string): Promise<{ cookie: string; csrf: string }> {
  const db = new pg.Client({ connectionString: ownerUrl, application_name: 'ruche-bench-seed' });
  await db.connect();
  try {
    const { rows: [instance] } = await db.query("INSERT INTO instances (slug, name) VALUES ($1, 'Drive bench') RETURNING id", [SLUG]);
    // Nobody signs in with this password: the session below stands for a sign-in.
    const { rows: [user] } = await db.query("INSERT INTO users (email, display_name, password_hash) VALUES ('drive@bench.test', 'Drive bench', 'unused') RETURNING id");
    await db.query("INSERT INTO memberships (instance_id, user_id, role) VALUES ($1, $2, 'owner')", [instance.id, user.id]);
    const secret = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    await db.query(`INSERT INTO sessions (user_id, token_hash, csrf_token, user_agent, expires_at)
      VALUES ($1, decode($2, 'hex'), $3, 'ruche-bench', now() + interval '12 hours')`,
    [user.id, createHash('sha256').update(secret).digest('hex'), csrf]);
    return { cookie: `ruche_session=${secret}`, csrf };
  } finally {
    await db.end();
  }
}

/** A read/write personal API token, created through POST /tokens with the session. */
export async function createToken(base: string, session: { cookie: string; csrf: string }): Promise<string> {
  const response = await fetch(`${base}/api/v1/i/${SLUG}/tokens`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'drive bench', scopes: ['read', 'write'], expiresInDays: 1 }),
  });
  const body = await response.json() as { secret?: string };
  if (response.status !== 201 || !body.secret) throw new Error(`POST /tokens: ${response.status} ${JSON.stringify(body)}`);
  return body.secret;
}
