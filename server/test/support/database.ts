// Test databases: one migrated template per migration set (its name carries a
// hash of the SQL files), cloned with CREATE DATABASE … TEMPLATE for every
// test file, so files run in parallel and never see each other's rows.
// TEST_DATABASE_URL names a superuser connection to the cluster to use
// (scripts/test.js starts an embedded PostgreSQL and sets it when unset).
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/db/migrate.ts';
import { deriveAppUrl } from '../../src/db/pool.ts';

export const TEST_APP_ROLE = 'ruche_app';
export const TEST_APP_PASSWORD = 'ruche-test-app-password';
const LOCK_KEY = 7_302_115;

export function clusterUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test` (it provides a database).');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function templateName(): Promise<string> {
  const dir = path.join(import.meta.dirname, '../../src/db/migrations');
  const hash = createHash('sha256');
  for (const file of (await readdir(dir)).sort()) hash.update(file).update(await readFile(path.join(dir, file)));
  // The migrator also provisions the app role: a change to it must rebuild the template too.
  hash.update(await readFile(path.join(dir, '../migrate.ts')));
  return `ruche_tpl_${hash.digest('hex').slice(0, 12)}`;
}

async function adminQuery<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(clusterUrl(), 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the migrated template once per migration set (safe to call from parallel processes). */
export async function ensureTemplate(): Promise<string> {
  const name = await templateName();
  await adminQuery(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 1) return;
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS ${building}`);
      await client.query(`CREATE DATABASE ${building}`);
      await migrate(withDatabase(clusterUrl(), building), { name: TEST_APP_ROLE, password: TEST_APP_PASSWORD });
      await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
  return name;
}

export interface TestDatabase {
  name: string;
  /** Superuser connection: for assertions and time travel, never for the code under test. */
  ownerUrl: string;
  /** The unprivileged application role, as the server uses it. */
  appUrl: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplate();
  // The creation time in the name lets a later run drop only what interrupted runs left behind.
  const name = `ruche_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  await adminQuery((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const ownerUrl = withDatabase(clusterUrl(), name);
  return {
    name,
    ownerUrl,
    appUrl: deriveAppUrl(ownerUrl, TEST_APP_ROLE, TEST_APP_PASSWORD),
    drop: () => adminQuery((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * Removes test databases older than three hours (left by interrupted runs;
 * a run in progress elsewhere on the cluster is younger) and templates of
 * older migration sets that no database is using.
 */
export async function dropStaleDatabases(): Promise<void> {
  const keep = await templateName();
  const cutoff = Math.floor(Date.now() / 1000) - 3 * 3600;
  await adminQuery(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'ruche\\_t\\_%' OR (datname LIKE 'ruche\\_tpl\\_%' AND datname <> $1)", [keep]);
    for (const { datname } of rows) {
      const created = Number(/^ruche_t_(\d+)_/.exec(datname)?.[1] ?? 0);
      if (datname.startsWith('ruche_t_') && created > cutoff) continue;
      await client.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined); // a template in use stays
    }
  });
}
