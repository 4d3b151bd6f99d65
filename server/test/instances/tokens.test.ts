// Personal API tokens: shown once and stored as a SHA-256 only, scoped to one
// instance and to read/write, refused once revoked, expired, or when their
// member leaves; never accepted outside instance routes, never minting tokens.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { setAccountDisabled } from '../../src/modules/operator/actions.ts';
import { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';

let h: Harness;
let world: World;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
});
after(() => h.close());

async function mint(person: Person, slug: string, scopes: string[] = ['read', 'write'], name = 'ci'): Promise<{ id: string; secret: string }> {
  const answer = await person.client.post(`/api/v1/i/${slug}/tokens`, { name, scopes, expiresInDays: 30 });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return { id: answer.body.token.id, secret: answer.body.secret };
}

function bearer(secret: string): Client {
  const client = new Client(h.app);
  client.bearer = secret;
  return client;
}

function assertRefused(answer: { status: number; body: any }, code = 'unauthenticated'): void {
  assert.equal(answer.status, 401, JSON.stringify(answer.body));
  assert.equal(answer.body.code, code);
}

describe('creating a token', () => {
  test('the secret is shown once, and only its SHA-256 is stored', async () => {
    const member = world.alpha.people.member;
    const answer = await member.client.post('/api/v1/i/alpha/tokens', { name: ' deploy bot ', scopes: ['read', 'read'], expiresInDays: 30 });
    assert.equal(answer.status, 201);
    const { secret, token } = answer.body;
    assert.match(secret, /^ruche_pat_[A-Za-z0-9_-]{43}$/);
    const raw = secret.slice('ruche_pat_'.length);
    assert.equal(token.name, 'deploy bot');
    assert.deepEqual(token.scopes, ['read']);
    assert.equal(token.prefix, raw.slice(0, 6));
    assert.equal(token.lastUsedAt, null);
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);

    const list = await member.client.get('/api/v1/i/alpha/tokens');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((t: any) => t.id), [token.id]);
    assert.ok(!JSON.stringify(list.body).includes(raw), 'the list never shows the secret');

    const { rows } = await h.owner.query<{ token_hash: Buffer; row: string }>(
      'SELECT token_hash, row_to_json(t)::text AS row FROM api_tokens t WHERE id = $1', [token.id]);
    assert.ok(rows[0]!.token_hash.equals(hashSecret(raw)), 'token_hash is the SHA-256 of the secret');
    assert.notEqual(rows[0]!.token_hash.toString(), raw);
    assert.ok(!rows[0]!.row.includes(raw), 'no column holds the secret');
    assert.ok(!rows[0]!.row.includes(Buffer.from(raw).toString('hex')), 'not even hex-encoded');
  });

  test('guests cannot create tokens', async () => {
    const answer = await world.alpha.people.guest.client.post('/api/v1/i/alpha/tokens', { name: 'nope', scopes: ['read'], expiresInDays: 1 });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'forbidden');
    assert.equal((await h.owner.query('SELECT 1 FROM api_tokens WHERE user_id = $1', [world.alpha.people.guest.user.id])).rowCount, 0);
  });

  test('invalid scopes or lifetimes are refused', async () => {
    const member = world.alpha.people.member.client;
    for (const body of [
      { name: 'x', scopes: [], expiresInDays: 1 },
      { name: 'x', scopes: ['admin'], expiresInDays: 1 },
      { name: 'x', scopes: ['read'], expiresInDays: 0 },
      { name: 'x', scopes: ['read'], expiresInDays: 366 },
      { name: 'x', scopes: ['read'], expiresInDays: '30' },
    ]) {
      const answer = await member.post('/api/v1/i/alpha/tokens', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, 'validation_failed');
    }
  });
});

describe('using a token', () => {
  test('it authenticates as its member on its instance, without a CSRF token', async () => {
    const { id, secret } = await mint(world.alpha.people.administrator, 'alpha');
    const api = bearer(secret);
    const read = await api.get('/api/v1/i/alpha');
    assert.equal(read.status, 200);
    assert.equal(read.body.role, 'administrator');
    const write = await api.patch('/api/v1/i/alpha', { name: 'Alpha via API' });
    assert.equal(write.status, 200);
    assert.equal(write.body.name, 'Alpha via API');
    const { rows } = await h.owner.query<{ used: boolean }>('SELECT last_used_at IS NOT NULL AS used FROM api_tokens WHERE id = $1', [id]);
    assert.equal(rows[0]!.used, true);
  });

  test('a read-only token cannot write: 403 insufficient_scope, nothing changes', async () => {
    const { secret } = await mint(world.alpha.people.owner, 'alpha', ['read']);
    const api = bearer(secret);
    assert.equal((await api.get('/api/v1/i/alpha/members')).status, 200);
    const answer = await api.patch('/api/v1/i/alpha', { name: 'Read-only write' });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'insufficient_scope');
    assert.equal((await h.owner.query("SELECT 1 FROM instances WHERE name = 'Read-only write'")).rowCount, 0);
  });

  test('a token cannot create tokens', async () => {
    const { secret } = await mint(world.alpha.people.owner, 'alpha');
    const before = (await h.owner.query('SELECT 1 FROM api_tokens')).rowCount;
    const answer = await bearer(secret).post('/api/v1/i/alpha/tokens', { name: 'child', scopes: ['read', 'write'], expiresInDays: 365 });
    assert.equal(answer.status, 403);
    assert.equal((await h.owner.query('SELECT 1 FROM api_tokens')).rowCount, before);
  });

  test('a token is refused outside instance routes: 401 token_not_accepted', async () => {
    const { secret } = await mint(world.beta.people.member, 'beta');
    assertRefused(await bearer(secret).get('/api/v1/me'), 'token_not_accepted');
    assertRefused(await bearer(secret).get('/api/v1/me/sessions'), 'token_not_accepted');
    assertRefused(await bearer(secret).post('/api/v1/instances', { name: 'Via token', slug: 'via-token', defaultLocale: 'en' }), 'token_not_accepted');
    assert.equal((await h.owner.query("SELECT 1 FROM instances WHERE slug = 'via-token'")).rowCount, 0);
  });

  test('malformed or unknown bearer secrets are refused', async () => {
    for (const header of ['Bearer not-a-ruche-token', 'Basic dXNlcjpwYXNz', `Bearer ruche_pat_${'A'.repeat(43)}`]) {
      const answer = await new Client(h.app).request('GET', '/api/v1/i/alpha', undefined, { authorization: header });
      assertRefused(answer);
    }
  });
});

describe('tokens that stop working', () => {
  test('a revoked token is refused', async () => {
    const member = world.beta.people.member;
    const { id, secret } = await mint(member, 'beta');
    assert.equal((await bearer(secret).get('/api/v1/i/beta')).status, 200);
    assert.equal((await member.client.delete(`/api/v1/i/beta/tokens/${id}`)).status, 204);
    assertRefused(await bearer(secret).get('/api/v1/i/beta'));
    assert.ok(!(await member.client.get('/api/v1/i/beta/tokens')).body.items.some((t: any) => t.id === id));
    assert.equal((await member.client.delete(`/api/v1/i/beta/tokens/${id}`)).status, 404, 'revoking twice');
  });

  test("nobody revokes someone else's token", async () => {
    const { id, secret } = await mint(world.beta.people.member, 'beta');
    assert.equal((await world.beta.people.owner.client.delete(`/api/v1/i/beta/tokens/${id}`)).status, 404);
    assert.equal((await bearer(secret).get('/api/v1/i/beta')).status, 200);
  });

  test('an expired token is refused', async () => {
    const { id, secret } = await mint(world.gamma.people.member, 'gamma');
    await h.owner.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    assertRefused(await bearer(secret).get('/api/v1/i/gamma'));
  });

  test("removing the member revokes their tokens", async () => {
    const { member, administrator } = world.gamma.people;
    const { id, secret } = await mint(member, 'gamma');
    assert.equal((await administrator.client.delete(`/api/v1/i/gamma/members/${member.user.id}`)).status, 204);
    const { rows } = await h.owner.query<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM api_tokens WHERE id = $1', [id]);
    assert.equal(rows[0]!.revoked, true);
    assertRefused(await bearer(secret).get('/api/v1/i/gamma'));
  });

  test('a member demoted to guest can no longer use their tokens', async () => {
    const { member, owner } = world.alpha.people;
    const { secret } = await mint(member, 'alpha', ['read']);
    assert.equal((await bearer(secret).get('/api/v1/i/alpha')).status, 200);
    assert.equal((await owner.client.patch(`/api/v1/i/alpha/members/${member.user.id}`, { role: 'guest' })).status, 200);
    const answer = await bearer(secret).get('/api/v1/i/alpha');
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'forbidden');
    assert.equal((await member.client.get('/api/v1/i/alpha')).status, 200, 'the guest keeps their browser session');
    assert.equal((await owner.client.patch(`/api/v1/i/alpha/members/${member.user.id}`, { role: 'member' })).status, 200);
    assert.equal((await bearer(secret).get('/api/v1/i/alpha')).status, 200);
  });

  test("disabling the account stops its tokens", async () => {
    const { secret } = await mint(world.gamma.people.administrator, 'gamma');
    await setAccountDisabled(h.s, world.gamma.people.administrator.email, true);
    assertRefused(await bearer(secret).get('/api/v1/i/gamma'));
  });
});
