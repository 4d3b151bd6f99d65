// Platform operators: created by the action and by the real `ruche` CLI,
// they page through the instance registry, create instances for existing
// accounts, and suspend or reactivate instances, without reading their content.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createOperator } from '../../src/modules/operator/actions.ts';
import { Client } from '../support/client.ts';
import { TEST_APP_PASSWORD } from '../support/database.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, PASSWORD, signedIn, type World } from '../support/world.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let h: Harness;
let world: World;
let operator: Client;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  const { created, user } = await createOperator(h.s, { email: ' Root@Example.test ', displayName: 'Root', password: PASSWORD });
  assert.equal(created, true);
  assert.equal(user.email, 'root@example.test');
  operator = await signedIn(h, 'root@example.test');
});
after(() => h.close());

async function ownerOf(slug: string): Promise<string | undefined> {
  const { rows } = await h.owner.query<{ email: string }>(
    `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id JOIN instances i ON i.id = m.instance_id
     WHERE i.slug = $1 AND m.role = 'owner'`, [slug]);
  return rows[0]?.email;
}

describe('operator accounts', () => {
  test('the operator is flagged as such; other people are not', async () => {
    assert.equal((await operator.get('/api/v1/me')).body.user.isOperator, true);
    assert.equal((await world.alpha.people.owner.client.get('/api/v1/me')).body.user.isOperator, false);
    const refused = await world.alpha.people.owner.client.get('/api/v1/operator/instances');
    assert.equal(refused.status, 403);
  });

  test('promoting an existing account keeps its password', async () => {
    const { created } = await createOperator(h.s, { email: 'guest@beta.test', displayName: 'x', password: 'an unused other passphrase' });
    assert.equal(created, false);
    const client = await signedIn(h, 'guest@beta.test', PASSWORD);
    assert.equal((await client.get('/api/v1/operator/instances')).status, 200);
  });

  test('an operator does not see inside instances they do not belong to', async () => {
    assert.equal((await operator.get('/api/v1/i/alpha')).status, 404);
    assert.equal((await operator.get('/api/v1/i/alpha/members')).status, 404);
  });
});

describe('the instance registry', () => {
  test('paging with limit=2 lists every instance exactly once, oldest first', async () => {
    const { rows } = await h.owner.query<{ slug: string }>('SELECT slug FROM instances ORDER BY created_at, id');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer: any = await operator.get(`/api/v1/operator/instances?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(answer.status, 200);
      assert.ok(answer.body.items.length <= 2);
      for (const item of answer.body.items) assert.deepEqual(Object.keys(item).sort(), ['createdAt', 'defaultLocale', 'id', 'name', 'slug', 'status']);
      seen.push(...answer.body.items.map((i: any) => i.slug));
      cursor = answer.body.nextCursor;
    } while (cursor && seen.length < 50);
    assert.deepEqual(seen, rows.map((r) => r.slug));
    assert.equal((await operator.get('/api/v1/operator/instances?cursor=nope')).body.code, 'invalid_cursor');
  });

  test('creating an instance for an existing account makes it the owner', async () => {
    const answer = await operator.post('/api/v1/operator/instances', { name: 'Delta', slug: 'delta', defaultLocale: 'fr', ownerEmail: 'MEMBER@beta.test' });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.status, 'active');
    assert.equal(await ownerOf('delta'), 'member@beta.test');
    const me = await world.beta.people.member.client.get('/api/v1/me');
    assert.ok(me.body.instances.some((i: any) => i.slug === 'delta' && i.role === 'owner'));
    assert.equal((await operator.get('/api/v1/i/delta')).status, 404, 'the operator did not join it');
  });

  test('an unknown owner email: 404 owner_not_found and no instance; a taken slug: 409', async () => {
    const unknown = await operator.post('/api/v1/operator/instances', { name: 'Echo', slug: 'echo', defaultLocale: 'en', ownerEmail: 'nobody@example.test' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'owner_not_found');
    assert.equal((await h.owner.query("SELECT 1 FROM instances WHERE slug = 'echo'")).rowCount, 0);
    const taken = await operator.post('/api/v1/operator/instances', { name: 'Alpha 2', slug: 'alpha', defaultLocale: 'en', ownerEmail: 'member@beta.test' });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'slug_taken');
  });
});

describe('suspension', () => {
  test("suspending alpha shuts its members out with 403 instance_suspended; beta is unaffected; unsuspending restores", async () => {
    const minted = await world.alpha.people.member.client.post('/api/v1/i/alpha/tokens', { name: 'bot', scopes: ['read'], expiresInDays: 1 });
    const bot = new Client(h.app);
    bot.bearer = minted.body.secret;

    const suspended = await operator.post(`/api/v1/operator/instances/${world.alpha.instance.id}/suspend`);
    assert.equal(suspended.status, 200);
    assert.equal(suspended.body.status, 'suspended');
    for (const client of [...Object.values(world.alpha.people).map((p) => p.client), bot]) {
      const answer = await client.get('/api/v1/i/alpha');
      assert.equal(answer.status, 403);
      assert.equal(answer.body.code, 'instance_suspended');
    }
    const me = await world.alpha.people.owner.client.get('/api/v1/me');
    assert.equal(me.body.instances.find((i: any) => i.slug === 'alpha').status, 'suspended');
    assert.equal((await world.beta.people.member.client.get('/api/v1/i/beta')).status, 200);
    const { rows } = await h.owner.query<{ status: string; suspended: boolean }>(
      'SELECT status, suspended_at IS NOT NULL AS suspended FROM instances WHERE id = $1', [world.alpha.instance.id]);
    assert.deepEqual(rows[0], { status: 'suspended', suspended: true });

    const restored = await operator.post(`/api/v1/operator/instances/${world.alpha.instance.id}/unsuspend`);
    assert.equal(restored.status, 200);
    assert.equal(restored.body.status, 'active');
    assert.equal((await world.alpha.people.guest.client.get('/api/v1/i/alpha')).status, 200);
    assert.equal((await bot.get('/api/v1/i/alpha')).status, 200);
  });

  test('suspending an unknown instance: 404', async () => {
    const answer = await operator.post('/api/v1/operator/instances/00000000-0000-4000-8000-000000000000/suspend');
    assert.equal(answer.status, 404);
  });
});

describe('the ruche CLI', () => {
  const run = promisify(execFile);
  let dataDir: string;
  before(async () => { dataDir = await mkdtemp(path.join(tmpdir(), 'ruche-cli-')); });
  after(() => rm(dataDir, { recursive: true, force: true }));
  const cli = (...args: string[]) => run(path.join(ROOT, 'node_modules/.bin/node'), ['bin/ruche.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: h.db.ownerUrl, DATABASE_APP_PASSWORD: TEST_APP_PASSWORD, DATA_DIR: dataDir },
    timeout: 60_000,
  });

  test('create-operator prints a generated password that signs in', async () => {
    const { stdout } = await cli('create-operator', '--email', 'ops@example.test');
    const match = /^Operator ops@example\.test created\. Password \(shown once\): (\S+)$/m.exec(stdout);
    assert.ok(match, `unexpected output: ${stdout}`);
    const password = match[1]!;
    assert.ok(password.length >= 20, 'a strong generated password');
    const client = new Client(h.app);
    const answer = await client.post('/api/v1/auth/signin', { email: 'ops@example.test', password });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.user.isOperator, true);
    assert.equal((await client.get('/api/v1/operator/instances')).status, 200);

    const again = await cli('create-operator', '--email', 'ops@example.test');
    assert.match(again.stdout, /existing account, password unchanged/);
    assert.ok(!again.stdout.includes(password));
    assert.equal((await new Client(h.app).post('/api/v1/auth/signin', { email: 'ops@example.test', password })).status, 200);
  });
});
