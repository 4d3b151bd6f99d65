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

/**
 * Read-only work in one round trip: BEGIN, the scope, every statement `read`
 * starts and COMMIT go out together, in one write (the pool pipelines them),
 * and are answered together. For reads whose statements do not wait for each
 * other's answers (a search). `read` must start all its statements before it
 * first awaits: one started later would run after the COMMIT, outside the
 * transaction and its scope, so the transaction refuses it. Should BEGIN or
 * the scope ever fail, the statements behind them run without an instance,
 * and RLS and the search functions then match no row (app_instance_id() is
 * NULL): they fail closed (decision 0011).
 */
export async function readTogether<T>(pool: pg.Pool, scope: Scope, read: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let sending = true;
  const late = () => Promise.reject(new Error('readTogether: a statement started after the reads were sent would run outside the transaction'));
  const tx: Tx = {
    query: (text, values) => (sending ? client.query(text, values) : late()),
    prepared: (name, text, values) => (sending ? client.query({ name, text, values }) : late()),
    afterCommit: () => { throw new Error('readTogether: reads have no work after commit'); },
    setScope: () => late().then(() => undefined),
  };
  const socket = streamOf(client);
  socket?.cork();
  const sent: Array<Promise<unknown>> = [client.query('BEGIN READ ONLY'), sendScope(client, scope)];
  let reading: Promise<T>;
  try {
    reading = read(tx);
  } catch (error) {
    reading = Promise.reject(error);
  } finally {
    sending = false;
  }
  const commit = client.query('COMMIT');
  socket?.uncork();
  // Every answer is awaited before the connection goes back to the pool; the read's own error comes first.
  const [result, ...answers] = await Promise.allSettled([reading, ...sent, commit]);
  const committed = answers.at(-1)!.status === 'fulfilled';
  // A COMMIT that failed may have left the connection mid-transaction: it is closed rather than lent again.
  client.release(committed ? undefined : true);
  for (const answer of [result, ...answers]) if (answer.status === 'rejected') throw answer.reason;
  return (result as PromiseFulfilledResult<T>).value;
}

/**
 * The connection's socket, to cork it while a transaction's statements are
 * written: `pg` writes each statement on its own, and corked they leave in one
 * system call. (`connection.stream` is internal to `pg`: without it, the
 * statements still go out together, one write each.)
 */
function streamOf(client: pg.PoolClient): { cork(): void; uncork(): void } | undefined {
  const stream = (client as unknown as { connection?: { stream?: { cork?: unknown; uncork?: unknown } } }).connection?.stream;
  return typeof stream?.cork === 'function' && typeof stream.uncork === 'function' ? (stream as { cork(): void; uncork(): void }) : undefined;
}
