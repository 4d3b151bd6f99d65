// The people directory through the real API: active members by name, search
// (case-insensitive, wildcards taken literally), exact filters, keyset
// pagination, guests confined to the people they share a group with, and
// instances kept apart.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, PASSWORD, type World } from '../support/world.ts';

let h: Harness;
let world: World;
const ids: Record<string, string> = {};
// Everyone active in alpha, by lower-cased name; the twins' order (by id) is settled in `before`.
let expected: string[];
let accounts = 0;

async function addMember(admin: Client, slug: string, displayName: string, profile: Record<string, string> = {}): Promise<string> {
  const email = `person${++accounts}@${slug}.test`;
  const created = await admin.post(`/api/v1/i/${slug}/members`, { email, displayName, role: 'member', password: PASSWORD });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  if (Object.keys(profile).length > 0) {
    assert.equal((await admin.patch(`/api/v1/i/${slug}/people/${created.body.userId}`, profile)).status, 200);
  }
  return created.body.userId;
}

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  const admin = world.alpha.people.administrator.client;
  ids.ada = await addMember(admin, 'alpha', 'Ada Lovelace', { jobTitle: 'Engineer', department: 'R&D', location: 'London' });
  ids.bob = await addMember(admin, 'alpha', 'bob Stone', { jobTitle: 'Chief engineer', department: 'Sales', location: 'Paris' });
  ids.carla = await addMember(admin, 'alpha', 'Carla 100% Sure', { department: 'Sales' });
  ids.dan = await addMember(admin, 'alpha', 'dan_the_man', { location: 'paris' });
  ids.eve = await addMember(admin, 'alpha', 'Eve Engineer', { jobTitle: 'Engineer', department: 'R&D' });
  const twins = [await addMember(admin, 'alpha', 'Twin'), await addMember(admin, 'alpha', 'twin')].sort();
  ids.twin1 = twins[0]!;
  ids.twin2 = twins[1]!;
  assert.equal((await admin.patch(`/api/v1/i/alpha/members/${ids.eve}`, { status: 'disabled' })).status, 200);
  const { administrator, guest, member, owner } = world.alpha.people;
  expected = [ids.ada, administrator.user.id, guest.user.id, member.user.id, owner.user.id, ids.bob, ids.carla, ids.dan, ids.twin1, ids.twin2];
});
after(() => h.close());

async function directory(client: Client, query = '', slug = 'alpha'): Promise<string[]> {
  const answer = await client.get(`/api/v1/i/${slug}/people?limit=100${query}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.nextCursor, null);
  return answer.body.items.map((p: any) => p.userId);
}

describe('listing and searching', () => {
  test('every active member, by name; a disabled member is absent', async () => {
    const answer = await world.alpha.people.member.client.get('/api/v1/i/alpha/people');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.items.map((p: any) => p.userId), expected);
    assert.deepEqual(answer.body.items[0], {
      userId: ids.ada, displayName: 'Ada Lovelace', jobTitle: 'Engineer', department: 'R&D', location: 'London', avatarUrl: null,
    });
    const { rows } = await h.owner.query('SELECT status FROM memberships WHERE user_id = $1', [ids.eve]);
    assert.deepEqual(rows, [{ status: 'disabled' }]);
    assert.equal((await world.alpha.people.member.client.get(`/api/v1/i/alpha/people/${ids.eve}`)).status, 404);
  });

  test('q matches name, job title, department and location, ignoring case', async () => {
    const member = world.alpha.people.member.client;
    assert.deepEqual(await directory(member, '&q=LOVELACE'), [ids.ada]);
    assert.deepEqual(await directory(member, '&q=engineer'), [ids.ada, ids.bob]);
    assert.deepEqual(await directory(member, '&q=r%26d'), [ids.ada]);
    assert.deepEqual(await directory(member, '&q=PARIS'), [ids.bob, ids.dan]);
    assert.deepEqual(await directory(member, '&q=sales'), [ids.bob, ids.carla]);
    assert.deepEqual(await directory(member, '&q=%20%20'), expected);
    assert.deepEqual(await directory(member, '&q=nobody-has-this'), []);
  });

  test('% and _ in q are plain characters, not wildcards', async () => {
    const member = world.alpha.people.member.client;
    assert.deepEqual(await directory(member, `&q=${encodeURIComponent('%')}`), [ids.carla]);
    assert.deepEqual(await directory(member, `&q=${encodeURIComponent('100%')}`), [ids.carla]);
    assert.deepEqual(await directory(member, '&q=_'), [ids.dan]);
    assert.deepEqual(await directory(member, '&q=a_m'), []);
    assert.deepEqual(await directory(member, `&q=${encodeURIComponent('a%e')}`), []);
    assert.deepEqual(await directory(member, `&q=${encodeURIComponent('\\')}`), []);
  });

  test('department, location and job title filters are exact but ignore case, and combine', async () => {
    const member = world.alpha.people.member.client;
    assert.deepEqual(await directory(member, '&department=r%26D'), [ids.ada]);
    assert.deepEqual(await directory(member, '&department=R'), []);
    assert.deepEqual(await directory(member, '&location=Paris'), [ids.bob, ids.dan]);
    assert.deepEqual(await directory(member, '&jobTitle=ENGINEER'), [ids.ada]);
    assert.deepEqual(await directory(member, '&department=sales&location=paris'), [ids.bob]);
    assert.deepEqual(await directory(member, '&department=sales&q=100'), [ids.carla]);
  });
});

describe('pagination', () => {
  test('walking limit=2 pages yields everyone exactly once, in name order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer: any = await world.alpha.people.member.client.get(`/api/v1/i/alpha/people?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(answer.status, 200);
      assert.ok(answer.body.items.length <= 2);
      seen.push(...answer.body.items.map((p: any) => p.userId));
      cursor = answer.body.nextCursor;
      pages++;
      assert.ok(pages <= 10, 'pagination does not terminate');
    } while (cursor);
    assert.deepEqual(seen, expected);
    assert.equal(pages, 5);
  });

  test('a garbage or forged cursor: 400 invalid_cursor; a limit out of 1..100: 400 validation_failed', async () => {
    const member = world.alpha.people.member.client;
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of ['garbage', forged(['ada', 'not-a-uuid']), forged({}), forged([1, ids.ada]), forged(['x'.repeat(201), ids.ada])]) {
      const answer = await member.get(`/api/v1/i/alpha/people?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(answer.status, 400, cursor);
      assert.equal(answer.body.code, 'invalid_cursor', cursor);
    }
    for (const limit of ['0', '101', 'two']) {
      const answer = await member.get(`/api/v1/i/alpha/people?limit=${limit}`);
      assert.equal(answer.status, 400, limit);
      assert.equal(answer.body.code, 'validation_failed', limit);
    }
  });

  test('long names in any script still page', async () => {
    const admin = world.gamma.people.administrator.client;
    const long = '界'.repeat(100);
    const people = [await addMember(admin, 'gamma', long), await addMember(admin, 'gamma', long), await addMember(admin, 'gamma', '😀'.repeat(100))];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer: any = await admin.get(`/api/v1/i/gamma/people?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      seen.push(...answer.body.items.map((p: any) => p.userId));
      cursor = answer.body.nextCursor;
    } while (cursor && seen.length < 20);
    assert.equal(seen.length, 7);
    assert.deepEqual(new Set(seen), new Set([...people, ...Object.values(world.gamma.people).map((p) => p.user.id)]));
  });
});

describe('who sees whom', () => {
  test('a guest sees only themselves and the people they share a group with', async () => {
    const { administrator, guest, member } = world.alpha.people;
    const profile = (userId: string) => guest.client.get(`/api/v1/i/alpha/people/${userId}`);
    assert.deepEqual(await directory(guest.client), [guest.user.id]);
    assert.deepEqual(await directory(guest.client, '&q=ada'), []);
    const hidden = await profile(member.user.id);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.code, 'not_found');
    assert.equal((await profile(guest.user.id)).status, 200);

    const group = await member.client.post('/api/v1/i/alpha/groups', { name: 'Guests welcome', visibility: 'private' });
    assert.equal(group.status, 201);
    const groups = `/api/v1/i/alpha/groups/${group.body.id}`;
    assert.equal((await member.client.post(`${groups}/invitations`, { userId: guest.user.id })).status, 204);
    // An invitation alone shares nothing yet.
    assert.deepEqual(await directory(guest.client), [guest.user.id]);
    assert.equal((await guest.client.post(`${groups}/join`)).status, 204);

    assert.deepEqual(await directory(guest.client), [guest.user.id, member.user.id]);
    assert.equal((await profile(member.user.id)).status, 200);
    assert.equal((await profile(administrator.user.id)).status, 404);
    assert.equal((await profile(ids.ada!)).status, 404);
  });

  test("another instance's people never appear, and their ids are unknown here", async () => {
    const admin = world.alpha.people.administrator.client;
    const betaIds = new Set(Object.values(world.beta.people).map((p) => p.user.id));
    assert.ok(!(await directory(admin)).some((id) => betaIds.has(id)));
    assert.deepEqual(await directory(admin, '&q=beta'), []);
    const foreign = await admin.get(`/api/v1/i/alpha/people/${world.beta.people.member.user.id}`);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'not_found');
    assert.equal((await world.beta.people.member.client.get('/api/v1/i/alpha/people')).status, 404);
  });
});
