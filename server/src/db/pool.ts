// Connection pools. The application pool logs in as the unprivileged role
// (no ownership, NOBYPASSRLS), so Row Level Security applies to every query it
// runs; the owner pool is only opened for migrations and role provisioning.
import pg from 'pg';

// Return timestamps as Date and bigint counts as numbers within safe range.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Pool = pg.Pool;

// Pipelined: statements a transaction sends without waiting for each other's answers (Promise.all) go out
// together and cost one round trip, not one each. A round trip is a wake-up and a few system calls on both
// sides: sending a search's statements together saved 13% of its CPU (docs/decisions/0009).
export function createPool(connectionString: string, max: number, applicationName: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: applicationName, idleTimeoutMillis: 30_000, pipeline: true });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** The app role's URL: same server and database as the owner URL, other credentials. */
export function deriveAppUrl(ownerUrl: string, role: string, password: string | undefined): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password ?? '';
  return url.toString();
}
