// A secret group must not leak its existence to those who may not see it
// (members outside it, guests, even someone who asked to join while it was
// still private): every group route answers them exactly as for an id that
// does not exist, list answers never name it, probing leaves no trace, and
// its notifications only ever reach its administrators.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Client } from '../support/client.ts';
import { exampleFor } from '../support/examples.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, PASSWORD, signedIn, type World } from '../support/world.ts';

const NAME = 'Hidden lair';
let h: Harness;
let world: World;
let secret: string;
const people = {} as Record<'admin' | 'coAdmin' | 'outsider' | 'guest' | 'asker', { id: string; client: Client }>;

const base = '/api/v1/i/alpha/groups';
const rows = async (sql: string, params: unknown[] = []) => (await h.owner.query(sql, params)).rows;

async function ok(answer: Promise<{ status: number; body: any }>, status = 204) {
  const { status: got, body } = await answer;
  assert.equal(got, status, JSON.stringify(body));
  return body;
}

/** Every route under a group in the OpenAPI document, so that a new one is probed without anyone remembering. */
let operations: Array<{ method: string; path: string; body: unknown }>;
/** One call of an operation aimed at group `g`; the same body serves the secret group and the control. */
function probe(op: { method: string; path: string; body: any }, g: string, body: unknown): [string, string, unknown] {
  return [op.method, op.path.replace('{slug}', 'alpha').replace('{groupId}', g).replace('{userId}', people.asker.id), body];
}

/** What probing must not change. */
const trace = async () => rows(`SELECT
    (SELECT row_to_json(g) FROM (SELECT name, description, visibility, archived_at FROM groups WHERE id = $1) g) AS "group",
    (SELECT json_agg(json_build_array(user_id, role) ORDER BY user_id) FROM group_members WHERE group_id = $1) AS members,
    (SELECT json_agg(json_build_array(user_id, kind) ORDER BY user_id) FROM group_requests WHERE group_id = $1) AS requests,
    (SELECT json_agg(json_build_array(user_id, kind) ORDER BY user_id, kind) FROM notifications WHERE group_id = $1) AS notifications`, [secret]);

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  const alpha = world.alpha.people;
  people.admin = { id: alpha.member.user.id, client: alpha.member.client };
  people.guest = { id: alpha.guest.user.id, client: alpha.guest.client };
  for (const name of ['coAdmin', 'outsider', 'asker'] as const) {
    const email = `${name.toLowerCase()}@alpha.test`;
    const body = await ok(alpha.administrator.client.post('/api/v1/i/alpha/members', { email, displayName: name, role: 'member', password: PASSWORD }), 201);
    people[name] = { id: body.userId, client: await signedIn(h, email) };
  }
  // Private at first, so that someone can ask to join (which notifies the administrators); secret afterwards.
  secret = (await ok(people.admin.client.post(base, { name: NAME, visibility: 'private' }), 201)).id;
  await ok(people.admin.client.post(`${base}/${secret}/invitations`, { userId: people.coAdmin.id }));
  await ok(people.coAdmin.client.post(`${base}/${secret}/join`));
  await ok(people.admin.client.patch(`${base}/${secret}/members/${people.coAdmin.id}`, { role: 'admin' }));
  await ok(people.asker.client.post(`${base}/${secret}/requests`));
  await ok(people.admin.client.patch(`${base}/${secret}`, { visibility: 'secret' }), 200);
  const doc = await ok(new Client(h.app).get('/api/v1/openapi.json'), 200);
  operations = Object.entries<any>(doc.paths).filter(([path]) => path.startsWith('/api/v1/i/{slug}/groups/{groupId}'))
    .flatMap(([path, item]) => Object.entries<any>(item).map(([method, op]) =>
      ({ method: method.toUpperCase(), path, body: op.requestBody?.content?.['application/json']?.schema })));
});
after(() => h.close());

describe('a secret group seen from outside', () => {
  test('every group route answers non-members exactly as for a group that does not exist', async () => {
    const before = await trace();
    const mark = h.events.length;
    const nowhere = randomUUID();
    assert.ok(operations.length >= 15, 'the group routes are documented');
    for (const who of ['outsider', 'guest', 'asker'] as const) {
      const client = people[who].client;
      for (const op of operations) {
        const payload = op.body ? exampleFor(op.body, { userId: people.outsider.id }) : ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined;
        const found = await client.request(...probe(op, secret, payload));
        const missing = await client.request(...probe(op, nowhere, payload));
        const where = `${who}: ${op.method} ${op.path}`;
        assert.equal(found.status, 404, where);
        assert.deepEqual(found.body, missing.body, where);
        assert.equal(found.headers['content-type'], missing.headers['content-type'], where);
      }
    }
    assert.deepEqual(await trace(), before, 'probing changed the group');
    assert.deepEqual(h.events.slice(mark), [], 'probing published events');
  });

  test('its name and id never appear in the list answers of non-members, live or archived', async () => {
    const owner = world.alpha.people.owner.client;
    const control = await ok(owner.get(base), 200);
    assert.ok(control.items.some((g: any) => g.id === secret && g.name === NAME), 'an instance administrator lists it');
    for (const archived of [false, true]) {
      await ok(people.admin.client.patch(`${base}/${secret}`, { archived }), 200);
      for (const who of ['outsider', 'guest', 'asker'] as const) {
        for (const filter of ['visible', 'mine', 'archived']) {
          const answer = await people[who].client.get(`${base}?filter=${filter}`);
          assert.equal(answer.status, 200);
          const text = JSON.stringify(answer.body);
          assert.ok(!text.includes(NAME) && !text.includes(secret), `${who} sees it under ${filter} (archived: ${archived})`);
        }
      }
      const mine = await ok(people.coAdmin.client.get(`${base}?filter=${archived ? 'archived' : 'mine'}`), 200);
      assert.ok(mine.items.some((g: any) => g.id === secret), 'its members list it');
    }
    await ok(people.admin.client.patch(`${base}/${secret}`, { archived: false }), 200);
  });

  test('asking to join it notifies no one; its notification rows are its administrators\' only', async () => {
    const before = await rows('SELECT count(*)::int AS n FROM notifications');
    const mark = h.events.length;
    assert.equal((await people.outsider.client.post(`${base}/${secret}/requests`)).status, 404);
    assert.equal((await people.guest.client.post(`${base}/${secret}/requests`)).status, 404);
    // Instance administrators see it, but a secret group takes invitations, not requests.
    const overseer = await world.alpha.people.administrator.client.post(`${base}/${secret}/requests`);
    assert.deepEqual([overseer.status, overseer.body.code], [403, 'forbidden']);
    assert.deepEqual(await rows('SELECT count(*)::int AS n FROM notifications'), before);
    assert.deepEqual(h.events.slice(mark), []);
    const admins = [people.admin.id, people.coAdmin.id].sort();
    const notes = await rows('SELECT user_id, kind, actor_id FROM notifications WHERE group_id = $1 ORDER BY user_id', [secret]);
    assert.deepEqual(notes.map((n) => n.user_id).filter((u) => !admins.includes(u)), [], 'a notification of the secret group reached a non-administrator');
    assert.deepEqual(notes.filter((n) => n.kind === 'join_request').map((n) => [n.user_id, n.actor_id]), admins.map((u) => [u, people.asker.id]));
  });

  test('its administrators still see the request made while it was private, and may approve it', async () => {
    const pending = await ok(people.coAdmin.client.get(`${base}/${secret}/requests`), 200);
    assert.deepEqual(pending.items.map((r: any) => [r.userId, r.kind]), [[people.asker.id, 'request']]);
    await ok(people.coAdmin.client.post(`${base}/${secret}/requests/${people.asker.id}/approve`));
    const seen = await ok(people.asker.client.get(`${base}/${secret}`), 200);
    assert.deepEqual([seen.name, seen.myRole], [NAME, 'member']);
  });
});

test("a secret group's name is never \"taken\": creating or renaming to it reveals nothing", async () => {
  const insider = world.alpha.people.member.client;
  const secret = await insider.post('/api/v1/i/alpha/groups', { name: 'Project Nightjar', visibility: 'secret' });
  assert.equal(secret.status, 201);
  const outsider = world.alpha.people.administrator.client;
  const same = await outsider.post('/api/v1/i/alpha/groups', { name: 'project nightjar', visibility: 'open' });
  assert.equal(same.status, 201, 'an open group may bear the name of a secret one');
  const another = await world.alpha.people.owner.client.post('/api/v1/i/alpha/groups', { name: 'Project Nightjar', visibility: 'secret' });
  assert.equal(another.status, 201, 'and so may another secret group');
});
