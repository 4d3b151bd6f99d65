// The life of a group through the real API: creation and its limits, the
// three list filters, leaving, roles and the last administrator, removal,
// archiving and deletion, with the rows and realtime events each step leaves.
// Joining and requests: group-requests.test.ts; secrecy: secret-groups.test.ts.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Client } from '../support/client.ts';
import { streamHead } from '../support/streams.ts';
import { alphaId, at, base, bringIn, create, extra, h, ids, membersOf, ok, requestOf, rows, since, useGroupScene, world } from './scene.ts';

useGroupScene();

const names = async (client: Client, filter: string, prefix: string) =>
  (await ok(client.get(`${base}?filter=${filter}`), 200)).items.map((g: any) => g.name).filter((n: string) => n.startsWith(prefix));

describe('creating a group', () => {
  test('the creator becomes its administrator', async () => {
    const body = await ok(world.alpha.people.member.client.post(base, { name: '  Gardening ', description: ' Seeds ', visibility: 'open' }), 201);
    assert.deepEqual([body.name, body.description, body.visibility, body.posting, body.archived, body.memberCount, body.myRole],
      ['Gardening', 'Seeds', 'open', 'everyone', false, 1, 'admin']);
    assert.deepEqual(body.can, { read: true, post: true, join: false, requestToJoin: false, manage: true });
    assert.deepEqual(await membersOf(body.id), [[ids.member, 'admin']]);
    assert.equal((await rows('SELECT instance_id FROM groups WHERE id = $1', [body.id]))[0].instance_id, alphaId);
  });

  test('names of visible groups are unique per instance whatever the case: 409 group_name_taken', async () => {
    const taken = await world.alpha.people.administrator.client.post(base, { name: 'GARDENING ', visibility: 'private' });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'group_name_taken');
    assert.equal((await rows("SELECT 1 FROM groups WHERE lower(name) = 'gardening' AND instance_id = $1", [alphaId])).length, 1);
    await ok(world.beta.people.member.client.post('/api/v1/i/beta/groups', { name: 'Gardening', visibility: 'open' }), 201);
    const cooking = await create(world.alpha.people.member.client, 'Cooking', 'open');
    const renamed = await world.alpha.people.member.client.patch(at(cooking), { name: 'gardening' });
    assert.equal(renamed.status, 409);
    assert.equal(renamed.body.code, 'group_name_taken');
    assert.equal((await rows('SELECT name FROM groups WHERE id = $1', [cooking]))[0].name, 'Cooking');
  });

  test('guests cannot create groups: 403', async () => {
    const answer = await world.alpha.people.guest.client.post(base, { name: 'Guest club', visibility: 'open' });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'forbidden');
    assert.equal((await rows("SELECT 1 FROM groups WHERE name = 'Guest club'")).length, 0);
  });

  test('a too long name or description, a blank name or an unknown field: 400, nothing created', async () => {
    const member = world.alpha.people.member.client;
    for (const body of [
      { name: 'n'.repeat(101), visibility: 'open' },
      { name: 'Long description', description: 'd'.repeat(2001), visibility: 'open' },
      { name: '   ', visibility: 'open' },
      { name: 'Coloured', visibility: 'open', colour: 'red' },
      { name: 'Hidden?', visibility: 'hidden' },
    ]) {
      const answer = await member.post(base, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, 'validation_failed');
    }
    assert.match((await member.post(base, { name: 'Coloured', visibility: 'open', colour: 'red' })).body.detail, /colour/);
    assert.equal((await rows("SELECT 1 FROM groups WHERE name IN ('Long description', 'Coloured', 'Hidden?') OR length(name) > 100")).length, 0);
    await ok(member.post(base, { name: 'n'.repeat(100), description: 'd'.repeat(2000), visibility: 'open' }), 201);
  });
});

describe('listing groups', () => {
  before(async () => {
    const member = world.alpha.people.member.client;
    for (const v of ['open', 'private', 'secret']) await create(member, `L ${v}`, v);
    await ok(member.patch(at(await create(member, 'L archived', 'open')), { archived: true }), 200);
  });

  test('a member outside them sees open and private groups; archived ones only under archived', async () => {
    const other = extra.other.client;
    assert.deepEqual(await names(other, 'visible', 'L '), ['L open', 'L private']);
    assert.deepEqual(await names(other, 'mine', 'L '), []);
    assert.deepEqual(await names(other, 'archived', 'L '), ['L archived']);
  });

  test('instance administrators see secret groups too; members see theirs under mine', async () => {
    for (const role of ['owner', 'administrator'] as const) {
      assert.deepEqual(await names(world.alpha.people[role].client, 'visible', 'L '), ['L open', 'L private', 'L secret'], role);
    }
    assert.deepEqual(await names(world.alpha.people.member.client, 'mine', 'L '), ['L open', 'L private', 'L secret']);
  });

  test('guests see only the groups they belong or are invited to', async () => {
    const guest = world.alpha.people.guest.client;
    assert.deepEqual(await names(guest, 'visible', 'L '), []);
    const secret = (await rows("SELECT id FROM groups WHERE name = 'L secret'"))[0].id;
    await ok(world.alpha.people.member.client.post(at(secret, '/invitations'), { userId: ids.guest }));
    const listed = (await ok(guest.get(base), 200)).items.filter((g: any) => g.name.startsWith('L '));
    assert.deepEqual(listed.map((g: any) => [g.name, g.myRole, g.myRequest, g.can.join]), [['L secret', null, 'invitation', true]]);
    assert.deepEqual(await names(guest, 'mine', 'L '), []);
    await ok(guest.post(at(secret, '/join')));
    assert.deepEqual(await names(guest, 'mine', 'L '), ['L secret']);
  });
});


describe('leaving, roles and removal', () => {
  test('a member leaves, once', async () => {
    const g = await create(world.alpha.people.member.client, 'R open', 'open');
    await ok(extra.other.client.post(at(g, '/join')));
    const mark = h.events.length;
    await ok(extra.other.client.post(at(g, '/leave')));
    assert.deepEqual(await membersOf(g), [[ids.member, 'admin']]);
    assert.deepEqual(since(mark, 'group.membership.changed'),
      [{ type: 'group.membership.changed', instanceId: alphaId, stream: `group:${g}`, data: { groupId: g, userId: extra.other.id, member: false }, seq: await streamHead(h, `group:${g}`) }]);
    const again = await extra.other.client.post(at(g, '/leave'));
    assert.deepEqual([again.status, again.body.code], [409, 'not_a_member']);
  });

  test('the last administrator can neither leave, nor be demoted or removed, while others remain', async () => {
    const member = world.alpha.people.member.client;
    const owner = world.alpha.people.owner.client;
    const g = await create(member, 'R last', 'open');
    await ok(extra.other.client.post(at(g, '/join')));
    const before = await membersOf(g);
    const mark = h.events.length;
    for (const answer of [
      await member.post(at(g, '/leave')),
      await member.delete(at(g, `/members/${ids.member}`)),
      await member.patch(at(g, `/members/${ids.member}`), { role: 'member' }),
      await owner.patch(at(g, `/members/${ids.member}`), { role: 'member' }),
      await owner.delete(at(g, `/members/${ids.member}`)),
    ]) assert.deepEqual([answer.status, answer.body.code], [409, 'last_group_admin']);
    assert.deepEqual(await membersOf(g), before);
    assert.deepEqual(since(mark, 'group.membership.changed'), []);
    await ok(member.patch(at(g, `/members/${extra.other.id}`), { role: 'admin' }));
    await ok(member.post(at(g, '/leave')));
    assert.deepEqual(await membersOf(g), [[extra.other.id, 'admin']]);
  });

  test('two administrators leaving or demoting each other at once: one of them stays', async () => {
    const member = world.alpha.people.member.client;
    const other = extra.other.client;
    for (let trial = 0; trial < 8; trial++) {
      const g = await create(member, `R race ${trial}`, 'open');
      await bringIn(g, extra.other);
      await bringIn(g, extra.third);
      await ok(member.patch(at(g, `/members/${extra.other.id}`), { role: 'admin' }));
      const answers = await Promise.all(trial % 2 === 0
        ? [member.post(at(g, '/leave')), other.post(at(g, '/leave'))]
        : [member.patch(at(g, `/members/${extra.other.id}`), { role: 'member' }), other.patch(at(g, `/members/${ids.member}`), { role: 'member' })]);
      // The loser is refused as the last administrator or, once demoted, as no administrator at all.
      const [won, lost] = answers.map((a) => a.status).sort();
      assert.equal(won, 204, `trial ${trial}`);
      assert.ok((trial % 2 === 0 ? [409] : [403, 409]).includes(lost!), `trial ${trial}: ${lost}`);
      assert.equal((await membersOf(g)).filter(([, role]) => role === 'admin').length, 1, `trial ${trial}`);
    }
  });

  test('an administrator removes a member', async () => {
    const member = world.alpha.people.member.client;
    const g = await create(member, 'R removal', 'private');
    await bringIn(g, extra.other);
    const mark = h.events.length;
    await ok(member.delete(at(g, `/members/${extra.other.id}`)));
    assert.deepEqual(await membersOf(g), [[ids.member, 'admin']]);
    assert.deepEqual(since(mark, 'group.membership.changed').map((e) => [e.stream, e.data]), [[`group:${g}`, { groupId: g, userId: extra.other.id, member: false }]]);
    assert.equal((await member.delete(at(g, `/members/${extra.other.id}`))).status, 404);
    assert.equal((await extra.other.client.get(at(g, '/members'))).status, 403, 'no longer a member of the private group');
  });
});

describe('archiving and deleting', () => {
  test('an archived group takes no posts and no newcomers until it is unarchived', async () => {
    const member = world.alpha.people.member.client;
    const [other, third] = [extra.other.client, extra.third.client];
    const g = await create(member, 'A open', 'open');
    await ok(other.post(at(g, '/join')));
    assert.equal((await ok(other.get(at(g)), 200)).can.post, true);
    assert.equal((await ok(member.patch(at(g), { archived: true }), 200)).archived, true);
    assert.notEqual((await rows('SELECT archived_at FROM groups WHERE id = $1', [g]))[0].archived_at, null);
    const seen = await ok(other.get(at(g)), 200);
    assert.deepEqual([seen.archived, seen.can.post], [true, false]);
    assert.equal((await ok(third.get(at(g)), 200)).can.join, false);
    const join = await third.post(at(g, '/join'));
    assert.deepEqual([join.status, join.body.code], [403, 'forbidden']);
    assert.equal((await member.post(at(g, '/invitations'), { userId: extra.third.id })).status, 403);
    assert.equal((await membersOf(g)).length, 2);
    assert.equal(await requestOf(g, extra.third.id), null);
    assert.deepEqual([await names(third, 'visible', 'A '), await names(third, 'archived', 'A ')], [[], ['A open']]);
    assert.deepEqual(await names(other, 'mine', 'A '), [], 'mine lists live groups');

    assert.equal((await ok(member.patch(at(g), { archived: false }), 200)).archived, false);
    assert.equal((await ok(other.get(at(g)), 200)).can.post, true);
    await ok(third.post(at(g, '/join')));
    assert.deepEqual(await names(third, 'visible', 'A '), ['A open']);
  });

  test('deleting a group deletes its members, requests, invitations and notifications', async () => {
    const member = world.alpha.people.member.client;
    const g = await create(member, 'D private', 'private');
    await bringIn(g, extra.second);
    await ok(extra.other.client.post(at(g, '/requests')));
    await ok(member.post(at(g, '/invitations'), { userId: extra.third.id }));
    const count = async (table: string) => (await rows(`SELECT count(*)::int AS n FROM ${table} WHERE ${table === 'groups' ? 'id' : 'group_id'} = $1`, [g]))[0].n;
    assert.deepEqual([await count('groups'), await count('group_members'), await count('group_requests'), await count('notifications')], [1, 2, 2, 3]);
    await ok(member.delete(at(g)));
    assert.deepEqual([await count('groups'), await count('group_members'), await count('group_requests'), await count('notifications')], [0, 0, 0, 0]);
    const gone = await member.get(at(g));
    assert.deepEqual([gone.status, gone.body.code], [404, 'not_found']);
  });
});
