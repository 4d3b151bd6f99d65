// The one way the application touches tenant data: a transaction that first
// sets the instance (and the acting user) with transaction-local set_config,
// so the RLS policies see them and nothing leaks to the next borrower of the
// pooled connection. Work registered with afterCommit (emails, events) runs
// only once the transaction has committed.
import type pg from 'pg';

export interface Scope {
  instanceId?: string | null;
  userId?: string | null;
}

export interface Tx {
  /** Statements started without awaiting each other (Promise.all) are sent together, in order: one round trip. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /**
   * A statement prepared once per connection under `name` and planned from then on by PostgreSQL's plan cache:
   * for hot, constant statements whose planning is a good part of their cost (search). One text per name.
   */
  prepared<R extends pg.QueryResultRow = pg.QueryResultRow>(name: string, text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  afterCommit(task: () => Promise<void> | void): void;
  /** Narrows the scope mid-transaction, once the instance is known (the request gate does this). */
  setScope(scope: Scope): Promise<void>;
}

const SET_SCOPE = "SELECT set_config('app.instance_id', $1, true), set_config('app.user_id', $2, true)";
/** Prepared once per connection: every transaction sends it. */
const sendScope = (client: pg.PoolClient, scope: Scope) =>
  client.query({ name: 'set-scope', text: SET_SCOPE, values: [scope.instanceId ?? '', scope.userId ?? ''] });

/** PostgreSQL aborted the transaction to break a lock cycle with another one. */
const DEADLOCK_DETECTED = '40P01';
const ATTEMPTS = 4;

/**
 * Runs `work` in one transaction. Actions take stream heads and rows in a
 * fixed order where they can (chat/actions.ts); when two transactions still
 * end up waiting on each other, PostgreSQL aborts one and it is run again
 * from the start (its after-commit work was never queued), so the caller sees
 * a delay rather than an error.
 */
export async function inTransaction<T>(pool: pg.Pool, scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await attemptTransaction(pool, scope, work);
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= ATTEMPTS) throw error;
      // A short random pause lets the surviving transaction finish before this one takes its locks again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * attempt));
    }
  }
}

async function attemptTransaction<T>(pool: pg.Pool, scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const pending: Array<() => Promise<void> | void> = [];
  let result: T;
  try {
    // Sent together (the pool pipelines them), and both answered before the work starts.
    await Promise.all([client.query('BEGIN'), sendScope(client, scope)]);
    const tx: Tx = {
      query: (text, values) => client.query(text, values),
      prepared: (name, text, values) => client.query({ name, text, values }),
      afterCommit: (task) => void pending.push(task),
      setScope: async (next) => void (await sendScope(client, next)),
    };
    result = await work(tx);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw error;
  }
  client.release();
  for (const task of pending) await task();
  return result;
}
