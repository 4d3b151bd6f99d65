// The application's transactions: a deadlock between two of them is broken by
// PostgreSQL and the aborted one runs again, so both callers succeed; work
// queued for after the commit runs once, for the attempt that committed.
// (Without the retry, this test fails with "deadlock detected".) Statements
// sent together (the pool pipelines them) fail and roll back together.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Pool } from '../../src/db/pool.ts';
import { inTransaction, readTogether } from '../../src/db/transaction.ts';
import { nextSeq } from '../../src/realtime/stream-log.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type World } from '../support/world.ts';

let h: Harness;
let world: World;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
});
after(() => h.close());

test('two transactions taking two stream heads in opposite orders both commit', async () => {
  const instanceId = world.alpha.instance.id;
  let arrived = 0;
  let release!: () => void;
  const bothHoldOne = new Promise<void>((resolve) => { release = resolve; });
  const attempts = { ab: 0, ba: 0 };
  const afterCommit = { ab: 0, ba: 0 };
  const run = (order: 'ab' | 'ba') => inTransaction(h.s.pool, { instanceId }, async (tx) => {
    attempts[order] += 1;
    tx.afterCommit(() => void (afterCommit[order] += 1));
    const [first, second] = order === 'ab' ? ['lock:a', 'lock:b'] : ['lock:b', 'lock:a'];
    await nextSeq(tx, instanceId, first);
    if (attempts[order] === 1) {
      arrived += 1;
      if (arrived === 2) release();
      await bothHoldOne;
    }
    return nextSeq(tx, instanceId, second);
  });
  const [ab, ba] = await Promise.all([run('ab'), run('ba')]);
  assert.deepEqual([ab, ba].sort(), [1, 2], 'each head was taken once by each transaction');
  assert.ok(attempts.ab + attempts.ba >= 3, `one of them was aborted and run again: ${JSON.stringify(attempts)}`);
  assert.deepEqual(afterCommit, { ab: 1, ba: 1 });
  const { rows } = await h.owner.query('SELECT stream, seq::int FROM stream_heads WHERE instance_id = $1 AND stream LIKE $2 ORDER BY stream', [instanceId, 'lock:%']);
  assert.deepEqual(rows, [{ stream: 'lock:a', seq: 2 }, { stream: 'lock:b', seq: 2 }]);
});

test('statements sent together: one failing rolls back the others, and the connections serve the next transactions', async () => {
  const instanceId = world.alpha.instance.id;
  await assert.rejects(inTransaction(h.s.pool, { instanceId }, async (tx) => {
    await Promise.all([nextSeq(tx, instanceId, 'together:a'), tx.query('SELECT 1 / 0'), nextSeq(tx, instanceId, 'together:b')]);
  }), /division by zero/);
  const { rows } = await h.owner.query("SELECT count(*)::int AS n FROM stream_heads WHERE instance_id = $1 AND stream LIKE 'together:%'", [instanceId]);
  assert.equal(rows[0].n, 0, 'the statement before the failing one was rolled back');
  const client = await h.s.pool.connect();
  assert.equal(client.pipeline, true, 'the pool sends statements started together without waiting for each answer');
  client.release();
  const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => inTransaction(h.s.pool, { instanceId }, async (tx) => {
    const [sum, scope] = await Promise.all([tx.query('SELECT $1::int + 1 AS n', [i]), tx.query("SELECT current_setting('app.instance_id') AS id")]);
    return [sum.rows[0]!.n, scope.rows[0]!.id];
  })));
  assert.deepEqual(answers, [0, 1, 2, 3].map((i) => [i + 1, instanceId]), 'each answer went to the statement that asked');
});

test('reads together: BEGIN, the scope, the reads and COMMIT leave in one write and are answered in scope, read-only', async () => {
  const instanceId = world.alpha.instance.id;
  const userId = world.alpha.people.owner.user.id;
  // Count the socket writes of one connection.
  let writes = 0;
  const client = await h.s.pool.connect();
  type Write = (this: unknown, ...args: unknown[]) => unknown;
  const socket = (client as unknown as { connection: { stream: { _write: Write; _writev: Write } } }).connection.stream;
  const [write, writev] = [socket._write, socket._writev];
  socket._write = function (...args: unknown[]) { writes += 1; return write.apply(this, args); };
  socket._writev = function (...args: unknown[]) { writes += 1; return writev.apply(this, args); };
  try {
    // readTogether borrows this connection and gives it back.
    const pool = { connect: async () => client } as unknown as Pool;
    const [setting, readOnly] = await readTogether(pool, { instanceId, userId }, (tx) => Promise.all([
      tx.query("SELECT current_setting('app.instance_id') AS i, current_setting('app.user_id') AS u"),
      tx.query('SHOW transaction_read_only'),
    ]));
    assert.deepEqual(setting.rows[0], { i: instanceId, u: userId });
    assert.equal(readOnly.rows[0]?.transaction_read_only, 'on');
    assert.equal(writes, 1, 'one system call for the whole transaction');
  } finally {
    [socket._write, socket._writev] = [write, writev];
  }
});

test('reads together: a statement started after the first await is refused, a failing read rolls back, and the connections serve the next ones', async () => {
  const instanceId = world.alpha.instance.id;
  let afterAwait: Promise<unknown> | null = null;
  await assert.rejects(readTogether(h.s.pool, { instanceId }, async (tx) => {
    await tx.query('SELECT 1');
    afterAwait = tx.query("SELECT current_setting('app.instance_id', true) AS id");
    return afterAwait;
  }), /outside the transaction/);
  assert.ok(afterAwait, 'the late statement was started');
  await assert.rejects(readTogether(h.s.pool, { instanceId }, (tx) => Promise.all([tx.query('SELECT 1'), tx.query('SELECT 1 / 0'), tx.query('SELECT 2')])),
    /division by zero/);
  await assert.rejects(readTogether(h.s.pool, { instanceId }, async (tx) => {
    await tx.query("INSERT INTO stream_heads (instance_id, stream, seq) VALUES ($1, 'read-only', 1)", [instanceId]);
  }), /read-only transaction/);
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => readTogether(h.s.pool, { instanceId }, async (tx) => {
    const [sum, scope] = await Promise.all([tx.query('SELECT $1::int + 1 AS n', [i]), tx.query("SELECT current_setting('app.instance_id', true) AS id")]);
    return [sum.rows[0]!.n, scope.rows[0]!.id];
  })));
  assert.deepEqual(answers, Array.from({ length: 12 }, (_, i) => [i + 1, instanceId]), 'each answer went to the statement that asked, in its transaction');
  const { rows } = await h.owner.query(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ruche-test' AND state LIKE 'idle in transaction%'");
  assert.equal(rows[0].n, 0, 'no connection was left in a transaction');
});
