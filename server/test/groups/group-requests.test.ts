// Getting into a group through the real API: joining open groups, requests
// to join private ones and their approval, refusal or withdrawal, and
// invitations; with the notification rows and realtime events each step leaves.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { streamHead } from '../support/streams.ts';
import { alphaId, at, bringIn, create, extra, h, ids, membersOf, ok, requestOf, rows, since, useGroupScene, world } from './scene.ts';

useGroupScene();

const notes = (g: string, kind?: string) =>
  rows('SELECT id, user_id, kind, actor_id FROM notifications WHERE group_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY user_id', [g, kind ?? null]);
const sorted = (values: string[]) => [...values].sort();

describe('joining, requests and invitations', () => {
  test('joining an open group, and again: one membership, one event', async () => {
    const g = await create(world.alpha.people.member.client, 'J open', 'open');
    const mark = h.events.length;
    await ok(extra.other.client.post(at(g, '/join')));
    await ok(extra.other.client.post(at(g, '/join')));
    assert.deepEqual(await membersOf(g), sorted([ids.member, extra.other.id]).map((u) => [u, u === ids.member ? 'admin' : 'member']));
    assert.deepEqual(since(mark, 'group.membership.changed'),
      [{ type: 'group.membership.changed', instanceId: alphaId, stream: `group:${g}`, data: { groupId: g, userId: extra.other.id, member: true }, seq: await streamHead(h, `group:${g}`) }]);
  });

  test('a private group: join is 403 join_request_required; a request notifies each group administrator once', async () => {
    const g = await create(world.alpha.people.member.client, 'J private', 'private');
    await bringIn(g, extra.second);
    await ok(world.alpha.people.member.client.patch(at(g, `/members/${extra.second.id}`), { role: 'admin' }));
    await bringIn(g, extra.third);
    const refused = await extra.other.client.post(at(g, '/join'));
    assert.deepEqual([refused.status, refused.body.code], [403, 'join_request_required']);
    assert.equal((await membersOf(g)).length, 3);

    const mark = h.events.length;
    await ok(extra.other.client.post(at(g, '/requests')));
    await ok(extra.other.client.post(at(g, '/requests')));
    assert.equal(await requestOf(g, extra.other.id), 'request');
    const rowsNow = await notes(g, 'join_request');
    assert.deepEqual(rowsNow.map((n) => [n.user_id, n.kind, n.actor_id]), sorted([ids.member, extra.second.id]).map((u) => [u, 'join_request', extra.other.id]));
    assert.deepEqual(since(mark, 'notification.created').map((e) => [e.stream, e.instanceId, e.data]).sort(),
      rowsNow.map((n) => [`inbox:${n.user_id}`, alphaId, { notificationId: n.id, kind: 'join_request' }]).sort());
    const pending = await ok(extra.second.client.get(at(g, '/requests')), 200);
    assert.deepEqual(pending.items.map((r: any) => [r.userId, r.kind]), [[extra.other.id, 'request']]);
    const mine = await ok(extra.other.client.get(at(g)), 200);
    assert.deepEqual([mine.myRequest, mine.can.requestToJoin, mine.can.read], ['request', false, false]);

    const approvedAt = h.events.length;
    await ok(extra.second.client.post(at(g, `/requests/${extra.other.id}/approve`)));
    assert.equal(await requestOf(g, extra.other.id), null);
    assert.deepEqual((await membersOf(g)).find(([u]) => u === extra.other.id), [extra.other.id, 'member']);
    const approved = await notes(g, 'join_approved');
    assert.deepEqual(approved.map((n) => [n.user_id, n.actor_id]), [[extra.other.id, extra.second.id]]);
    assert.deepEqual(since(approvedAt, 'notification.created').map((e) => [e.stream, e.data]), [[`inbox:${extra.other.id}`, { notificationId: approved[0]!.id, kind: 'join_approved' }]]);
    assert.deepEqual(since(approvedAt, 'group.membership.changed').map((e) => [e.stream, e.data]), [[`group:${g}`, { groupId: g, userId: extra.other.id, member: true }]]);
    assert.equal((await extra.second.client.post(at(g, `/requests/${extra.other.id}/approve`))).status, 404);
  });

  test('a request can be refused by an administrator or withdrawn by its author', async () => {
    const g = await create(world.alpha.people.member.client, 'J refused', 'private');
    const third = extra.third;
    await ok(third.client.post(at(g, '/requests')));
    await ok(world.alpha.people.member.client.delete(at(g, `/requests/${third.id}`)));
    assert.equal(await requestOf(g, third.id), null);
    assert.deepEqual(await membersOf(g), [[ids.member, 'admin']]);
    await ok(third.client.post(at(g, '/requests')));
    await ok(third.client.delete(at(g, `/requests/${third.id}`)));
    assert.equal(await requestOf(g, third.id), null);
    assert.equal((await third.client.delete(at(g, `/requests/${third.id}`))).status, 404);
  });

  test('an invitation to a secret group, withdrawn or declined, hides the group again', async () => {
    const member = world.alpha.people.member.client;
    const third = extra.third;
    const g = await create(member, 'J withdrawn', 'secret');
    await ok(member.post(at(g, '/invitations'), { userId: third.id }));
    assert.equal((await third.client.get(at(g))).status, 200);
    await ok(member.delete(at(g, `/requests/${third.id}`)));
    assert.equal((await third.client.get(at(g))).status, 404);
    await ok(member.post(at(g, '/invitations'), { userId: third.id }));
    await ok(third.client.delete(at(g, `/requests/${third.id}`)));
    assert.equal(await requestOf(g, third.id), null);
    assert.equal((await third.client.post(at(g, '/join'))).status, 404);
    assert.deepEqual(await membersOf(g), [[ids.member, 'admin']]);
  });

  test('an invitation notifies the guest, who then sees the secret group and joins it', async () => {
    const g = await create(world.alpha.people.member.client, 'J secret', 'secret');
    const guest = world.alpha.people.guest.client;
    assert.equal((await guest.get(at(g))).status, 404);
    const mark = h.events.length;
    await ok(world.alpha.people.member.client.post(at(g, '/invitations'), { userId: ids.guest }));
    const invited = await notes(g);
    assert.deepEqual(invited.map((n) => [n.user_id, n.kind, n.actor_id]), [[ids.guest, 'group_invitation', ids.member]]);
    assert.deepEqual(since(mark, 'notification.created').map((e) => [e.stream, e.data]), [[`inbox:${ids.guest}`, { notificationId: invited[0]!.id, kind: 'group_invitation' }]]);
    const seen = await ok(guest.get(at(g)), 200);
    assert.deepEqual([seen.myRequest, seen.can.join], ['invitation', true]);
    await ok(guest.post(at(g, '/join')));
    assert.deepEqual((await membersOf(g)).find(([u]) => u === ids.guest), [ids.guest, 'member']);
    assert.equal(await requestOf(g, ids.guest), null);
    assert.equal(since(mark, 'group.membership.changed').length, 1);
    const again = await world.alpha.people.member.client.post(at(g, '/invitations'), { userId: ids.guest });
    assert.deepEqual([again.status, again.body.code], [409, 'already_member']);
  });

  test('someone of another instance, or nobody, cannot be invited: 404 and nothing written', async () => {
    const g = await create(world.alpha.people.member.client, 'J foreign', 'open');
    for (const userId of [world.beta.people.member.user.id, randomUUID()]) {
      const answer = await world.alpha.people.member.client.post(at(g, '/invitations'), { userId });
      assert.deepEqual([answer.status, answer.body.code], [404, 'not_found']);
    }
    assert.equal((await rows('SELECT 1 FROM group_requests WHERE group_id = $1', [g])).length, 0);
    assert.equal((await notes(g)).length, 0);
  });
});
