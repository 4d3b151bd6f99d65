// A group's chat room (opened by any member of the group, its membership
// following the group's, read-only once the group is archived, gone with the
// group) and guests, who chat only with people they share a group with.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, addToGroup, makeGroup } from '../feed/fixtures.ts';
import {
  api, assertNothingWritten, assertProblem, conversationUrl, groupChat, inboxEvents, messagesUrl, messageUrl, read, room, send,
} from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
let lead: Person;
let guest: Person;
const groups = {} as Record<'team' | 'secret' | 'beta', string>;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  guest = world.alpha.people.guest;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
  lead = await addMember(h, world.alpha, 'lead@alpha.test', 'Lead');
  groups.team = await makeGroup(lead, 'alpha', 'Team', 'open');
  await addToGroup('alpha', groups.team, ann);
  groups.secret = await makeGroup(lead, 'alpha', 'Covert', 'secret');
  groups.beta = await makeGroup(world.beta.people.member, 'beta', 'Beta team', 'open');
});
after(() => h.close());

const openRoom = (by: Person, groupId: string) => by.client.post(`${api()}/groups/${groupId}/conversation`);
const memberIds = async (conversationId: string) =>
  (await h.owner.query('SELECT user_id FROM conversation_members WHERE conversation_id = $1 AND left_at IS NULL ORDER BY user_id', [conversationId])).rows.map((r) => r.user_id);
const sorted = (ids: string[]) => [...ids].sort();
const startDirect = (a: Person, b: Person) => a.client.post(`${api()}/conversations`, { kind: 'direct', userId: b.user.id });

describe('group rooms', () => {
  test('a member of the group opens it: 201 the first time, 200 after for any member; the group’s members are in it', async () => {
    const first = await openRoom(ann, groups.team);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const r = first.body;
    assert.deepEqual([r.kind, r.title, r.group, r.memberCount], ['room', null, { id: groups.team, name: 'Team', archived: false }, 2]);
    assert.deepEqual(await memberIds(r.id), sorted([ann.user.id, lead.user.id]));
    for (const p of [ann, lead]) {
      assert.equal(inboxEvents(h, p.user.id).filter((e) => e.type === 'conversation.added' && (e.data as any).conversationId === r.id).length, 1);
    }
    const again = await openRoom(lead, groups.team);
    assert.deepEqual([again.status, again.body.id], [200, r.id]);
    const { rows } = await h.owner.query('SELECT count(*)::int AS n FROM conversations WHERE group_id = $1', [groups.team]);
    assert.equal(rows[0].n, 1);
  });

  test('two first opens at the same moment make one room', async () => {
    const g = await makeGroup(lead, 'alpha', 'Racers', 'open');
    await addToGroup('alpha', g, bob);
    const [a, b] = await Promise.all([openRoom(lead, g), openRoom(bob, g)]);
    assert.deepEqual([a.status, b.status].sort(), [200, 201], JSON.stringify([a.body, b.body]));
    assert.equal(a.body.id, b.body.id);
  });

  test('a room opened while people join or leave the group has exactly the group’s members', async () => {
    const groupMembers = async (g: string) =>
      (await h.owner.query('SELECT user_id FROM group_members WHERE group_id = $1 ORDER BY user_id', [g])).rows.map((r) => r.user_id);
    for (let i = 0; i < 5; i++) {
      const joining = await makeGroup(lead, 'alpha', `Joining ${i}`, 'open');
      const leaving = await makeGroup(lead, 'alpha', `Leaving ${i}`, 'open');
      await addToGroup('alpha', leaving, bob);
      const [a, joined, b, left] = await Promise.all([
        openRoom(lead, joining), bob.client.post(`${api()}/groups/${joining}/join`),
        openRoom(lead, leaving), bob.client.post(`${api()}/groups/${leaving}/leave`),
      ]);
      assert.deepEqual([a.status, joined.status, b.status, left.status], [201, 204, 201, 204]);
      assert.deepEqual(await memberIds(a.body.id), await groupMembers(joining), `round ${i}: bob joined`);
      assert.deepEqual(await memberIds(b.body.id), await groupMembers(leaving), `round ${i}: bob left`);
    }
  });

  test('outside the group: 403 for an open group, 404 for a secret one, another instance’s or an unknown group; nothing written', async () => {
    await assertNothingWritten(h, async () => {
      assertProblem(await openRoom(bob, groups.team), 403, 'forbidden');
      assertProblem(await openRoom(ann, groups.secret), 404, 'not_found');
      assertProblem(await openRoom(guest, groups.team), 404, 'not_found');
      assertProblem(await openRoom(ann, groups.beta), 404, 'not_found');
      assertProblem(await openRoom(ann, randomUUID()), 404, 'not_found');
      assertProblem(await world.beta.people.member.client.post(`${api('alpha')}/groups/${groups.team}/conversation`), 404, 'not_found');
    });
    // The secret group's own members use its room.
    assert.equal((await openRoom(lead, groups.secret)).status, 201);
  });

  test('membership follows the group: joining lets you in with the history, leaving or being removed takes you out', async () => {
    const r = await room(ann, groups.team);
    const hello = await send(ann, r.id, 'welcome, whoever joins');
    assert.equal((await bob.client.get(conversationUrl(r.id))).status, 404);
    await addToGroup('alpha', groups.team, bob);
    const seen = await read(bob, r.id);
    assert.deepEqual([seen.memberCount, seen.unreadCount], [3, 1]);
    assert.deepEqual((await bob.client.get(messagesUrl(r.id))).body.items.map((m: any) => m.id), [hello.id]);
    assert.ok((await bob.client.get(`${api()}/conversations`)).body.items.some((c: any) => c.id === r.id));
    await send(bob, r.id, 'hi all');

    assert.equal((await bob.client.post(`${api()}/groups/${groups.team}/leave`)).status, 204);
    await assertNothingWritten(h, async () => {
      for (const answer of [
        await bob.client.get(conversationUrl(r.id)),
        await bob.client.get(messagesUrl(r.id)),
        await bob.client.post(messagesUrl(r.id), { body: 'still here?' }),
        await bob.client.post(conversationUrl(r.id, '/read'), { seq: 1 }),
      ]) assertProblem(answer, 404, 'not_found');
    });
    assert.ok(!(await bob.client.get(`${api()}/conversations`)).body.items.some((c: any) => c.id === r.id));
    assert.equal((await read(ann, r.id)).memberCount, 2);

    await addToGroup('alpha', groups.team, bob);
    assert.equal((await read(bob, r.id)).memberCount, 3);
    const removed = await lead.client.delete(`${api()}/groups/${groups.team}/members/${bob.user.id}`);
    assert.equal(removed.status, 204, JSON.stringify(removed.body));
    assertProblem(await bob.client.get(conversationUrl(r.id)), 404, 'not_found');
    assert.deepEqual(await memberIds(r.id), sorted([ann.user.id, lead.user.id]));
  });

  test('a people set moves people in and out of the room with the group, in the same change', async () => {
    const g = await makeGroup(lead, 'alpha', 'Lyon office', 'private');
    const r = await room(lead, g);
    const setLocation = (location: string) => bob.client.patch(`${api()}/people/${bob.user.id}`, { location });
    assert.equal((await setLocation('Lyon')).status, 200);
    const rule = await lead.client.request('PUT', `${api()}/groups/${g}/people-set`, { rule: { attribute: 'location', value: 'Lyon' } });
    assert.equal(rule.status, 200, JSON.stringify(rule.body));
    assert.equal((await read(bob, r.id)).memberCount, 2);
    assert.equal((await setLocation('Paris')).status, 200);
    assertProblem(await bob.client.get(conversationUrl(r.id)), 404, 'not_found');
    assert.deepEqual(await memberIds(r.id), [lead.user.id]);
  });

  test('a room cannot be renamed, left, or added to: 403, nothing written', async () => {
    const r = await room(ann, groups.team);
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.patch(conversationUrl(r.id), { title: 'Renamed' }), 403, 'forbidden');
      assertProblem(await ann.client.delete(conversationUrl(r.id, '/members/me')), 403, 'forbidden');
      assertProblem(await lead.client.post(conversationUrl(r.id, '/members'), { userIds: [bob.user.id] }), 403, 'forbidden');
    });
  });

  test('an archived group’s room is read-only: reads and read markers work, sends, reactions and edits are 403; a retried send still answers 200', async () => {
    const g = await makeGroup(lead, 'alpha', 'Bygone', 'open');
    await addToGroup('alpha', g, ann);
    const r = await room(ann, g);
    const m = await send(lead, r.id, 'last words', { clientId: 'last-words' });
    const mark = h.events.length;
    assert.equal((await lead.client.patch(`${api()}/groups/${g}`, { archived: true })).status, 200);
    // Open rooms learn it at once: conversation.updated on the room's stream.
    assert.deepEqual(h.events.slice(mark).filter((e) => e.stream === `conversation:${r.id}`).map((e) => [e.type, e.data]),
      [['conversation.updated', { conversationId: r.id }]]);
    const seen = await read(ann, r.id);
    assert.equal(seen.group.archived, true);
    assert.equal((await ann.client.get(messagesUrl(r.id))).body.items.length, 1);
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.post(messagesUrl(r.id), { body: 'too late', clientId: randomUUID() }), 403, 'forbidden');
      assertProblem(await ann.client.post(messagesUrl(r.id), { body: 'too late', parentId: m.id }), 403, 'forbidden');
      assertProblem(await ann.client.request('PUT', messageUrl(r.id, m.id, '/reactions/like')), 403, 'forbidden');
      assertProblem(await lead.client.patch(messageUrl(r.id, m.id), { body: 'amended' }), 403, 'forbidden');
      const retry = await lead.client.post(messagesUrl(r.id), { body: 'last words', clientId: 'last-words' });
      assert.deepEqual([retry.status, retry.body.id], [200, m.id]);
    });
    assert.equal((await ann.client.post(conversationUrl(r.id, '/read'), { seq: m.seq })).status, 204);
    assert.equal((await read(ann, r.id)).unreadCount, 0);
    // An archived group without a room does not get one; its existing room still opens.
    const quiet = await makeGroup(lead, 'alpha', 'Quiet', 'open');
    assert.equal((await lead.client.patch(`${api()}/groups/${quiet}`, { archived: true })).status, 200);
    await assertNothingWritten(h, async () => {
      assertProblem(await openRoom(lead, quiet), 403, 'forbidden');
    });
    assert.deepEqual([(await openRoom(ann, g)).status], [200]);
  });

  test('a deleted group takes its room and messages with it', async () => {
    const g = await makeGroup(lead, 'alpha', 'Doomed', 'open');
    const r = await room(lead, g);
    await send(lead, r.id, 'soon gone');
    assert.equal((await lead.client.delete(`${api()}/groups/${g}`)).status, 204);
    assertProblem(await lead.client.get(conversationUrl(r.id)), 404, 'not_found');
    const { rows } = await h.owner.query('SELECT (SELECT count(*) FROM conversations WHERE id = $1)::int AS c, (SELECT count(*) FROM messages WHERE conversation_id = $1)::int AS m', [r.id]);
    assert.deepEqual(rows[0], { c: 0, m: 0 });
  });
});

describe('guests', () => {
  test('a direct conversation only with someone sharing a group: 403 guest_chat_restricted otherwise, either way round', async () => {
    await assertNothingWritten(h, async () => {
      assertProblem(await startDirect(guest, bob), 403, 'guest_chat_restricted');
      assertProblem(await startDirect(bob, guest), 403, 'guest_chat_restricted');
      assertProblem(await startDirect(guest, world.alpha.people.owner), 403, 'guest_chat_restricted');
    });
    const noteToSelf = await startDirect(guest, guest);
    assert.equal(noteToSelf.status, 201, JSON.stringify(noteToSelf.body));
    const g = await makeGroup(lead, 'alpha', 'With a guest', 'open');
    await addToGroup('alpha', g, guest, lead);
    const withLead = await startDirect(guest, lead);
    assert.equal(withLead.status, 201, JSON.stringify(withLead.body));
    assert.equal((await send(guest, withLead.body.id, 'hello lead')).author.id, guest.user.id);
    assertProblem(await startDirect(guest, bob), 403, 'guest_chat_restricted');
  });

  test('a group conversation with a guest: everyone must share a group with the guest, at creation and when added', async () => {
    const g = await makeGroup(lead, 'alpha', 'Guest circle', 'open');
    await addToGroup('alpha', g, guest, lead);
    await addToGroup('alpha', g, ann);
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.post(`${api()}/conversations`, { kind: 'group', userIds: [guest.user.id, bob.user.id] }), 403, 'guest_chat_restricted');
      assertProblem(await guest.client.post(`${api()}/conversations`, { kind: 'group', userIds: [ann.user.id, bob.user.id] }), 403, 'guest_chat_restricted');
    });
    const c = await groupChat(ann, [guest, lead], 'With our guest');
    const withoutGuest = await groupChat(bob, [ann]);
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.post(conversationUrl(c.id, '/members'), { userIds: [bob.user.id] }), 403, 'guest_chat_restricted');
      assertProblem(await guest.client.post(conversationUrl(c.id, '/members'), { userIds: [bob.user.id] }), 403, 'guest_chat_restricted');
      assertProblem(await bob.client.post(conversationUrl(withoutGuest.id, '/members'), { userIds: [guest.user.id] }), 403, 'guest_chat_restricted');
    });
    const byGuest = await groupChat(guest, [ann, lead]);
    assert.equal(byGuest.memberCount, 3);
    // Once bob shares the group too, he may be added.
    await addToGroup('alpha', g, bob);
    assert.equal((await ann.client.post(conversationUrl(c.id, '/members'), { userIds: [bob.user.id] })).status, 200);
  });

  test('a guest in a group takes part in its room like any member', async () => {
    const g = await makeGroup(lead, 'alpha', 'Guest room', 'private');
    await addToGroup('alpha', g, guest, lead);
    const r = await openRoom(guest, g);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal((await send(guest, r.body.id, 'a guest speaks')).author.id, guest.user.id);
    assert.equal((await read(lead, r.body.id)).unreadCount, 1);
  });
});
