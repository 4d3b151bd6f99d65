// Searches take turns (modules/search/turns.ts, decision 0010): a few at a
// time, in turns by instance, a full line answered 503 search_busy, and a
// search whose client left dropped from the line. First the turns alone, then
// through the HTTP route with one search at a time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { availableParallelism } from 'node:os';
import { loadConfig } from '../../src/config.ts';
import { AppError } from '../../src/errors.ts';
import { SearchTurns } from '../../src/modules/search/turns.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type World } from '../support/world.ts';

/** A search that ends when the test says so, noting when it started. */
function held(started: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const ended = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  return { search: () => (started.push(name), ended), finish, fail };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));
async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), what);
}
const code = (error: unknown) => (error instanceof AppError ? `${error.status} ${error.code}` : String(error));

// A turn never given is a hang: each test fails after a few seconds instead.
const LIMIT = { timeout: 5_000 };

describe('turns', LIMIT, () => {
  test('no more searches at once than the concurrency; one that ends or fails passes its turn on', async () => {
    const turns = new SearchTurns({ concurrency: 2, queuePerInstance: 10 });
    const started: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => held(started, name));
    const runs = [a!, b!, c!, d!].map((x) => turns.run('alpha', undefined, x.search));
    await settle();
    assert.deepEqual(started, ['a', 'b']);
    assert.equal(turns.queued, 2);
    a!.fail(new Error('statement failed'));
    await assert.rejects(runs[0]!, /statement failed/);
    await settle();
    assert.deepEqual(started, ['a', 'b', 'c'], 'a failed search passes its turn on');
    b!.finish();
    await settle();
    assert.deepEqual(started, ['a', 'b', 'c', 'd']);
    c!.finish();
    d!.finish();
    assert.deepEqual(await Promise.all(runs.slice(1)), ['b', 'c', 'd']);
    assert.equal(turns.queued, 0);
    // Every turn was given back: two run at once again.
    const [e, f] = ['e', 'f'].map((name) => held(started, name));
    const again = [turns.run('alpha', undefined, e!.search), turns.run('alpha', undefined, f!.search)];
    await settle();
    assert.deepEqual(started.slice(4), ['e', 'f']);
    e!.finish();
    f!.finish();
    await Promise.all(again);
  });

  test('turns go round the instances: a burst from one waits behind another instance\'s single search', async () => {
    const turns = new SearchTurns({ concurrency: 1, queuePerInstance: 10 });
    const started: string[] = [];
    const names = ['alpha 1', 'alpha 2', 'alpha 3', 'alpha 4', 'beta 1', 'gamma 1', 'beta 2'];
    const searches = names.map((name) => held(started, name));
    const runs = searches.map((x, i) => turns.run(names[i]!.split(' ')[0]!, undefined, x.search));
    // Each search ends once started, so the next one starts: the order is the turns'.
    for (const x of searches) x.finish();
    await Promise.all(runs);
    assert.deepEqual(started, ['alpha 1', 'alpha 2', 'beta 1', 'gamma 1', 'alpha 3', 'beta 2', 'alpha 4']);
  });

  test('an instance whose line is full is answered 503 search_busy; another instance still waits its turn', async () => {
    const turns = new SearchTurns({ concurrency: 1, queuePerInstance: 2 });
    const started: string[] = [];
    const running = held(started, 'running');
    const first = turns.run('alpha', undefined, running.search);
    const waiting = [turns.run('alpha', undefined, async () => 'alpha 2'), turns.run('alpha', undefined, async () => 'alpha 3')];
    await assert.rejects(turns.run('alpha', undefined, async () => 'alpha 4'), (error) => code(error) === '503 search_busy');
    const beta = turns.run('beta', undefined, async () => 'beta 1');
    assert.equal(turns.queued, 3);
    running.finish();
    assert.deepEqual(await Promise.all([first, ...waiting, beta]), ['running', 'alpha 2', 'alpha 3', 'beta 1']);
  });

  test('a search whose client left while it waited leaves the line and never runs', async () => {
    const turns = new SearchTurns({ concurrency: 1, queuePerInstance: 10 });
    const started: string[] = [];
    const running = held(started, 'running');
    const first = turns.run('alpha', undefined, running.search);
    const left = new AbortController();
    const abandoned = turns.run('alpha', left.signal, async () => void started.push('abandoned'));
    const next = turns.run('beta', undefined, async () => void started.push('next'));
    assert.equal(turns.queued, 2);
    left.abort();
    await assert.rejects(abandoned, (error) => code(error) === '499 search_abandoned');
    assert.equal(turns.queued, 1);
    running.finish();
    await Promise.all([first, next]);
    assert.deepEqual(started, ['running', 'next']);
    const gone = new AbortController();
    gone.abort();
    const busy = held(started, 'busy');
    const holding = turns.run('alpha', undefined, busy.search);
    await assert.rejects(turns.run('alpha', gone.signal, async () => 'never'), (error) => code(error) === '499 search_abandoned', 'already gone: not even queued');
    assert.equal(turns.queued, 0);
    busy.finish();
    await holding;
  });
});

describe('settings', () => {
  test('by default, one more than the cores, and always fewer than the pool\'s connections; bad values stop the server', () => {
    assert.deepEqual(loadConfig({}).search, { concurrency: Math.min(availableParallelism() + 1, 9), queuePerInstance: 50 });
    assert.equal(loadConfig({ DATABASE_POOL_SIZE: '3' }).search.concurrency, 2);
    assert.equal(loadConfig({ DATABASE_POOL_SIZE: '1' }).search.concurrency, 1);
    assert.deepEqual(loadConfig({ SEARCH_CONCURRENCY: '6', SEARCH_QUEUE_PER_INSTANCE: '5' }).search, { concurrency: 6, queuePerInstance: 5 });
    assert.throws(() => loadConfig({ SEARCH_CONCURRENCY: '0' }), /SEARCH_CONCURRENCY/);
    assert.throws(() => loadConfig({ SEARCH_QUEUE_PER_INSTANCE: 'many' }), /SEARCH_QUEUE_PER_INSTANCE/);
  });
});

describe('the search route, one search at a time', { timeout: 30_000 }, () => {
  let h: Harness;
  let world: World;
  before(async () => {
    h = await startHarness({ SEARCH_CONCURRENCY: '1', SEARCH_QUEUE_PER_INSTANCE: '1' });
    world = await buildWorld(h);
  });
  after(() => h.close());

  const url = (slug: string) => `/api/v1/i/${slug}/search?q=budget`;

  test('a full line is a 503 problem with Retry-After; the waiting searches are answered once the turn is free', async () => {
    const running = held([], 'running');
    const holding = h.s.searches.run(world.alpha.instance.id, undefined, running.search);
    const waiting = world.alpha.people.member.client.get(url('alpha'));
    await until(() => h.s.searches.queued === 1, 'the first search waits its turn');
    const refused = await world.alpha.people.administrator.client.get(url('alpha'));
    assert.equal(refused.status, 503);
    assert.equal(refused.body.code, 'search_busy');
    assert.equal(refused.headers['retry-after'], '1');
    assert.match(refused.headers['content-type'] as string, /application\/problem\+json/);
    const other = world.beta.people.member.client.get(url('beta'));
    await until(() => h.s.searches.queued === 2, 'another instance still waits its turn');
    running.finish();
    await holding;
    assert.equal((await waiting).status, 200);
    assert.equal((await other).status, 200);
    assert.equal(h.s.searches.queued, 0);
  });

  test('a client that hangs up while its search waits takes it out of the line', async () => {
    const running = held([], 'running');
    const holding = h.s.searches.run(world.alpha.instance.id, undefined, running.search);
    const member = world.alpha.people.member.client;
    const origin = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const leaving = new AbortController();
    const request = fetch(`${origin}${url('alpha')}`, { headers: { cookie: member.cookie ?? '' }, signal: leaving.signal });
    await until(() => h.s.searches.queued === 1, 'the search waits its turn');
    leaving.abort();
    await assert.rejects(request, { name: 'AbortError' });
    await until(() => h.s.searches.queued === 0, 'the search left the line with its client');
    running.finish();
    await holding;
    assert.equal((await member.get(url('alpha'))).status, 200, 'the turn is free again');
  });
});
