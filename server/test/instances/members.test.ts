// Member management through the real API: accounts created by an
// administrator, roles and status, the owner and oneself out of reach,
// disabling and removal, and keyset pagination of the member list.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createInstance } from '../../src/modules/instances/actions.ts';
import type { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { linkIn } from '../support/smtp.ts';
import { buildWorld, newUser, PASSWORD, signedIn, type World } from '../support/world.ts';

let h: Harness;
let world: World;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
});
after(() => h.close());

async function membership(slug: string, email: string): Promise<{ role: string; status: string } | undefined> {
  const { rows } = await h.owner.query<{ role: string; status: string }>(
    `SELECT m.role, m.status FROM memberships m JOIN users u ON u.id = m.user_id JOIN instances i ON i.id = m.instance_id
     WHERE i.slug = $1 AND u.email = $2`, [slug, email]);
  return rows[0];
}

describe('accounts created by an administrator', () => {
  test('201, and the new person can sign in and sees the instance', async () => {
    const answer = await world.alpha.people.administrator.client.post('/api/v1/i/alpha/members',
      { email: ' New.Hire@Example.test', displayName: 'New Hire', role: 'member', password: PASSWORD });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.email, 'new.hire@example.test');
    assert.equal(answer.body.role, 'member');
    assert.equal(answer.body.status, 'active');
    const client = await signedIn(h, 'new.hire@example.test');
    const me = await client.get('/api/v1/me');
    assert.deepEqual(me.body.instances.map((i: any) => [i.slug, i.role]), [['alpha', 'member']]);
  });

  test('an address that already has an account: 409 email_taken, no membership added', async () => {
    const answer = await world.alpha.people.administrator.client.post('/api/v1/i/alpha/members',
      { email: 'MEMBER@beta.test', displayName: 'Taken', role: 'guest', password: PASSWORD });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.code, 'email_taken');
    assert.equal(await membership('alpha', 'member@beta.test'), undefined);
  });

  test('a weak password or the owner role is refused and no account is created', async () => {
    const admin = world.alpha.people.administrator.client;
    const weak = await admin.post('/api/v1/i/alpha/members', { email: 'weak@example.test', displayName: 'Weak', role: 'member', password: 'password123' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.code, 'password_too_common');
    const owner = await admin.post('/api/v1/i/alpha/members', { email: 'weak@example.test', displayName: 'Weak', role: 'owner', password: PASSWORD });
    assert.equal(owner.status, 400);
    assert.equal(owner.body.code, 'validation_failed');
    assert.equal((await h.owner.query("SELECT 1 FROM users WHERE email = 'weak@example.test'")).rowCount, 0);
  });
});

describe('roles and status', () => {
  test('an administrator changes a role', async () => {
    const { administrator, guest } = world.alpha.people;
    const answer = await administrator.client.patch(`/api/v1/i/alpha/members/${guest.user.id}`, { role: 'member' });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.role, 'member');
    assert.deepEqual(await membership('alpha', guest.email), { role: 'member', status: 'active' });
    assert.equal((await guest.client.get('/api/v1/i/alpha')).body.role, 'member');
    assert.equal((await administrator.client.patch(`/api/v1/i/alpha/members/${guest.user.id}`, { role: 'guest' })).status, 200);
  });

  test('an administrator can neither demote, disable, remove nor sign out the owner', async () => {
    const { administrator, owner } = world.alpha.people;
    const url = `/api/v1/i/alpha/members/${owner.user.id}`;
    for (const answer of [
      await administrator.client.patch(url, { role: 'member' }),
      await administrator.client.patch(url, { status: 'disabled' }),
      await administrator.client.delete(url),
      await administrator.client.post(`${url}/revoke-sessions`),
    ]) {
      assert.equal(answer.status, 403);
      assert.equal(answer.body.code, 'forbidden');
    }
    assert.deepEqual(await membership('alpha', owner.email), { role: 'owner', status: 'active' });
    assert.equal((await owner.client.get('/api/v1/me')).status, 200);
  });

  test('nobody manages their own membership, not even the owner', async () => {
    for (const person of [world.alpha.people.owner, world.alpha.people.administrator]) {
      const url = `/api/v1/i/alpha/members/${person.user.id}`;
      assert.equal((await person.client.patch(url, { role: 'guest' })).status, 403, person.email);
      assert.equal((await person.client.patch(url, { status: 'disabled' })).status, 403, person.email);
      assert.equal((await person.client.delete(url)).status, 403, person.email);
    }
    assert.deepEqual(await membership('alpha', world.alpha.people.administrator.email), { role: 'administrator', status: 'active' });
  });

  test("another instance's member is out of reach: 404", async () => {
    const answer = await world.alpha.people.owner.client.patch(`/api/v1/i/alpha/members/${world.beta.people.member.user.id}`, { role: 'guest' });
    assert.equal(answer.status, 404);
    assert.deepEqual(await membership('beta', world.beta.people.member.email), { role: 'member', status: 'active' });
  });

  test('a disabled member gets 404 from that instance but keeps their other instances', async () => {
    const { administrator, member } = world.alpha.people;
    await createInstance(h.s, member.user.id, { name: 'Side project', slug: 'side-project', defaultLocale: 'en' });
    const disabled = await administrator.client.patch(`/api/v1/i/alpha/members/${member.user.id}`, { status: 'disabled' });
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.status, 'disabled');

    const refused = await member.client.get('/api/v1/i/alpha');
    assert.equal(refused.status, 404);
    assert.equal(refused.body.code, 'not_found');
    assert.equal((await member.client.get('/api/v1/i/side-project')).status, 200);
    const me = await member.client.get('/api/v1/me');
    assert.deepEqual(me.body.instances.map((i: any) => i.slug), ['side-project']);

    assert.equal((await administrator.client.patch(`/api/v1/i/alpha/members/${member.user.id}`, { status: 'active' })).status, 200);
    assert.equal((await member.client.get('/api/v1/i/alpha')).status, 200);
  });

  test('a removed member loses the instance, keeps the account', async () => {
    const person = await newUser(h, 'temp@example.test');
    const added = await world.beta.people.owner.client.post('/api/v1/i/beta/invitations', { email: person.email, role: 'member' });
    assert.equal(added.status, 201);
    const token = linkIn(await h.mail.waitFor(person.email)).searchParams.get('token');
    assert.equal((await person.client.post('/api/v1/i/beta/invitations/accept', { token })).status, 200);

    const removed = await world.beta.people.administrator.client.delete(`/api/v1/i/beta/members/${person.user.id}`);
    assert.equal(removed.status, 204);
    assert.equal(await membership('beta', person.email), undefined);
    assert.equal((await person.client.get('/api/v1/i/beta')).status, 404);
    assert.equal((await person.client.get('/api/v1/me')).status, 200);
    assert.equal((await world.beta.people.administrator.client.delete(`/api/v1/i/beta/members/${person.user.id}`)).status, 404);
  });
});

describe('pagination', () => {
  let owner: Client;
  let expected: string[];
  before(async () => {
    const founder = await newUser(h, 'pager@example.test');
    owner = founder.client;
    await createInstance(h.s, founder.user.id, { name: 'Paged', slug: 'paged', defaultLocale: 'en' });
    for (let i = 1; i <= 8; i++) {
      const answer = await owner.post('/api/v1/i/paged/members', { email: `p${i}@paged.test`, displayName: `P${i}`, role: 'member', password: PASSWORD });
      assert.equal(answer.status, 201);
    }
    // Several members joining in the same microsecond (a bulk import): the cursor must break the tie by user id.
    await h.owner.query(`UPDATE memberships SET created_at = '2026-01-01 12:00:00.123456+00'
      WHERE user_id IN (SELECT id FROM users WHERE email IN ('p3@paged.test', 'p4@paged.test', 'p5@paged.test', 'p6@paged.test'))`);
    const { rows } = await h.owner.query<{ user_id: string }>(
      "SELECT user_id FROM memberships WHERE instance_id = (SELECT id FROM instances WHERE slug = 'paged') ORDER BY created_at, user_id");
    expected = rows.map((r) => r.user_id);
    assert.equal(expected.length, 9);
  });

  test('walking limit=2 pages with the cursor yields every member exactly once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer: any = await owner.get(`/api/v1/i/paged/members?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(answer.status, 200);
      assert.ok(answer.body.items.length <= 2);
      seen.push(...answer.body.items.map((m: any) => m.userId));
      cursor = answer.body.nextCursor;
      pages++;
      assert.ok(pages <= 10, 'pagination does not terminate');
    } while (cursor);
    assert.deepEqual(seen, expected);
    assert.equal(pages, 5);
  });

  test('a bad cursor is 400 invalid_cursor; a limit out of 1..200 is 400 validation_failed', async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of ['garbage', forged([1, 'not-a-uuid']), forged({}), forged(['1', expected[0]]), forged([1.5, expected[0]])]) {
      const answer = await owner.get(`/api/v1/i/paged/members?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(answer.status, 400, cursor);
      assert.equal(answer.body.code, 'invalid_cursor', cursor);
    }
    for (const limit of ['0', '201', '-1', 'ten']) {
      const answer = await owner.get(`/api/v1/i/paged/members?limit=${limit}`);
      assert.equal(answer.status, 400, limit);
      assert.equal(answer.body.code, 'validation_failed', limit);
    }
    assert.equal((await owner.get('/api/v1/i/paged/members?limit=200')).body.items.length, 9);
  });
});
