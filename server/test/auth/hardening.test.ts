// What a review of the foundation found, held in place: failures from
// elsewhere cannot lock a user out of the network they sign in from; IPv6
// clients are throttled per /64; wrong current passwords are throttled; a
// proxy's Basic auth header is not mistaken for ours; TRUST_PROXY refuses to
// trust everyone; concurrent ownership changes never leave an instance
// without exactly one active owner.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { clientNetwork } from '../../src/modules/auth/throttle.ts';
import { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, newUser, PASSWORD, type World } from '../support/world.ts';

const WRONG = 'definitely not the password';
let h: Harness;
let world: World;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
});
after(() => h.close());

function from(ip: string): Client {
  const client = new Client(h.app);
  client.remoteAddress = ip;
  return client;
}

describe('sign-in throttling', () => {
  test('failures from many networks lock new networks out, never the one the user signs in from', async () => {
    const { email } = await newUser(h, 'regular@hardening.test');
    assert.equal((await from('192.0.2.1').post('/api/v1/auth/signin', { email, password: PASSWORD })).status, 200);
    for (let i = 10; i < 22; i++) {
      const answer = await from(`198.51.100.${i}`).post('/api/v1/auth/signin', { email, password: WRONG });
      assert.ok([401, 429].includes(answer.status));
    }
    const elsewhere = await from('203.0.113.9').post('/api/v1/auth/signin', { email, password: PASSWORD });
    assert.equal(elsewhere.status, 429, 'a new network is held back by the account-wide lock');
    const home = await from('192.0.2.1').post('/api/v1/auth/signin', { email, password: PASSWORD });
    assert.equal(home.status, 200, 'the network the user signed in from is not locked by failures from elsewhere');
  });

  test('IPv6 clients are counted per /64: changing the last bits does not reset the count', async () => {
    assert.equal(clientNetwork('2001:db8:1:2::1'), clientNetwork('2001:db8:1:2:ffff::9'));
    assert.notEqual(clientNetwork('2001:db8:1:2::1'), clientNetwork('2001:db8:1:3::1'));
    const { email } = await newUser(h, 'v6@hardening.test');
    for (let i = 1; i <= 5; i++) {
      assert.equal((await from(`2001:db8:1:2::${i}`).post('/api/v1/auth/signin', { email, password: WRONG })).status, 401);
    }
    const same64 = await from('2001:db8:1:2::abcd').post('/api/v1/auth/signin', { email, password: PASSWORD });
    assert.equal(same64.status, 429);
  });

  test('wrong current passwords are throttled like sign-ins', async () => {
    const person = await newUser(h, 'change@hardening.test');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await person.client.post('/api/v1/me/password', { currentPassword: WRONG, newPassword: 'a brand new passphrase' })).status);
    }
    assert.deepEqual(statuses.slice(0, 5), [400, 400, 400, 400, 400]);
    assert.ok(statuses.slice(5).every((status) => status === 429), `got ${statuses.join(',')}`);
  });
});

describe('requests through a proxy', () => {
  test("an Authorization header of another scheme (a proxy's Basic auth) is ignored", async () => {
    const health = await h.app.inject({ method: 'GET', url: '/healthz', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    assert.equal(health.statusCode, 200);
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Basic dXNlcjpwYXNz', cookie: world.alpha.people.member.client.cookie! } });
    assert.equal(me.statusCode, 200);
  });

  test('TRUST_PROXY takes a hop count or addresses, and refuses "true"', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).trustProxy, ['10.0.0.5', '10.1.0.0/16']);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY must be the number of proxies/);
  });
});

describe('concurrent ownership changes', () => {
  async function owners(slug: string) {
    const { rows } = await h.owner.query<{ role: string; status: string }>(
      "SELECT m.role, m.status FROM memberships m JOIN instances i ON i.id = m.instance_id WHERE i.slug = $1 AND m.role = 'owner'", [slug]);
    return rows;
  }

  test('a transfer racing the removal of its target leaves exactly one active owner, and no 500', async () => {
    const { alpha } = world;
    for (let round = 0; round < 5; round++) {
      const target = await newUser(h, `target${round}@hardening.test`);
      // The superuser connection adds the membership directly: only the race below is under test.
      await h.owner.query("INSERT INTO memberships (instance_id, user_id, role) VALUES ($1, $2, 'member')", [alpha.instance.id, target.user.id]);
      const currentOwner = (await h.owner.query<{ email: string }>(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.instance_id = $1 AND m.role = 'owner'", [alpha.instance.id])).rows[0]!.email;
      const ownerClient = currentOwner === alpha.people.owner.email ? alpha.people.owner.client : (await signedInAs(currentOwner));
      const [transfer, removal] = await Promise.all([
        ownerClient.post('/api/v1/i/alpha/ownership', { userId: target.user.id }),
        alpha.people.administrator.client.delete(`/api/v1/i/alpha/members/${target.user.id}`),
      ]);
      assert.ok(![transfer.status, removal.status].includes(500), `transfer ${transfer.status}, removal ${removal.status}`);
      const now = await owners('alpha');
      assert.equal(now.length, 1, 'exactly one owner');
      assert.equal(now[0]!.status, 'active');
    }
  });

  test('two concurrent transfers: one wins, the other is refused without a 500', async () => {
    const { gamma } = world;
    const [first, second] = await Promise.all([
      gamma.people.owner.client.post('/api/v1/i/gamma/ownership', { userId: gamma.people.member.user.id }),
      gamma.people.owner.client.post('/api/v1/i/gamma/ownership', { userId: gamma.people.administrator.user.id }),
    ]);
    const statuses = [first.status, second.status].sort();
    assert.equal(statuses[0], 204);
    assert.ok([403, 404, 409].includes(statuses[1]!), `the loser answered ${statuses[1]}`);
    assert.equal((await owners('gamma')).length, 1);
  });
});

async function signedInAs(email: string): Promise<Client> {
  const client = new Client(h.app);
  const answer = await client.post('/api/v1/auth/signin', { email, password: PASSWORD });
  assert.equal(answer.status, 200);
  return client;
}
