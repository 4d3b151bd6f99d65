// The application's transactions: a deadlock between two of them is broken by
// PostgreSQL and the aborted one runs again, so both callers succeed; work
// queued for after the commit runs once, for the attempt that committed.
// (Without the retry, this test fails with "deadlock detected".) Statements
// sent together (the pool pipelines them) fail and roll back together.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inTransaction } from '../../src/db/transaction.ts';
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
