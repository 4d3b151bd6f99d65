// Applies the numbered SQL files in migrations/ in order, each in its own
// transaction, under an advisory lock so that several nodes starting at once
// do not race. Runs as the owner role; then grants the application role the
// data rights it needs and nothing more (it owns nothing, cannot bypass RLS).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
const LOCK_KEY = 7_302_114; // arbitrary, stable: "ruche migrations"

export interface Migration {
  version: number;
  name: string;
  file: string;
}

export async function listMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return files.map((file) => ({ version: Number(file.slice(0, 4)), name: file.slice(5, -4), file }));
}

export async function latestMigrationVersion(): Promise<number> {
  const all = await listMigrations();
  return all.at(-1)?.version ?? 0;
}

export interface AppRole {
  name: string;
  password: string | undefined;
}

/** Migrates the database at ownerUrl and provisions the application role. Returns applied versions. */
export async function migrate(ownerUrl: string, appRole: AppRole): Promise<number[]> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'ruche-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const migration of await listMigrations()) {
      if (done.has(migration.version)) continue;
      const sql = await readFile(path.join(MIGRATIONS_DIR, migration.file), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.file} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.version);
    }
    await provisionAppRole(client, appRole);
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function provisionAppRole(client: pg.Client, role: AppRole): Promise<void> {
  const name = client.escapeIdentifier(role.name);
  const password = role.password === undefined ? '' : ` PASSWORD ${client.escapeLiteral(role.password)}`;
  const attributes = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION${password}`;
  const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name])).rowCount === 1;
  try {
    await client.query(exists ? `ALTER ROLE ${name} ${attributes}` : `CREATE ROLE ${name} ${attributes}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42501' && exists) {
      // The owner may lack CREATEROLE where an operator created the role by hand: verify instead.
      const check = await client.query('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [role.name]);
      if (check.rows[0]?.rolsuper || check.rows[0]?.rolbypassrls) {
        throw new Error(`role ${role.name} must not be superuser nor BYPASSRLS`, { cause: error });
      }
    } else if (code === '23505' || code === '42710') {
      // Created concurrently by another process (tests start in parallel): fine.
    } else {
      throw new Error(`cannot provision database role ${role.name}: ${(error as Error).message}. ` +
        'Create it yourself (LOGIN NOSUPERUSER NOBYPASSRLS) or give the DATABASE_URL user CREATEROLE.', { cause: error });
    }
  }
  await client.query(`GRANT USAGE ON SCHEMA public TO ${name}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name}`);
  await client.query(`REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${name}`);
  // Read and written only by the owner's SECURITY DEFINER functions (migration 0013, decision 0008).
  await client.query(`REVOKE ALL ON search_entries, search_words FROM ${name}`);
}
