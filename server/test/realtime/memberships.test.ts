// Permissions over time: a subscription ends as soon as the right to read its
// stream does. Leaving a group conversation, leaving a group or being removed
// from it end the subscriptions they took away — and only those — with an
// `unsubscribed` frame, after which nothing more of the stream arrives.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addMember, addToGroup, makeGroup, publish } from '../feed/fixtures.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import type { TestSocket } from '../support/socket.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { conversation, eventually, inbox, openGroupConversation, openRoom, say, sleep, Sockets, subscribed, withoutMessage } from './scene.ts';

let h: Harness;
let world: World;
let admin: Person;
const sockets = new Sockets(() => h);
let counter = 0;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  admin = world.alpha.people.administrator;
});
after(async () => {
  sockets.closeAll();
  await h.close();
});

const person = (name: string) => addMember(h, world.alpha, `${name.toLowerCase()}${(counter += 1)}@alpha.test`, name);
const group = (visibility: 'open' | 'private' | 'secret') => makeGroup(admin, 'alpha', `${visibility} group ${(counter += 1)}`, visibility);

/** Waits for the `unsubscribed` frame of `stream` and checks it exactly. */
async function assertEnded(socket: TestSocket, stream: string, from: number): Promise<void> {
  const frame = await socket.next((f) => f.type === 'unsubscribed' && f.stream === stream, 5_000, from);
  assert.deepEqual(frame, { type: 'unsubscribed', stream, reason: 'membership_ended' });
}

describe('leaving a group conversation', () => {
  test('ends the leaver’s subscription on every connection, with membership_ended, and nothing of it arrives afterwards', async () => {
    const [bob, carol] = [await person('Bob'), await person('Carol')];
    const id = await openGroupConversation(admin, [bob, carol]);
    const stream = conversation(id);
    const phone = await sockets.following(bob, stream);
    await subscribed(phone, inbox(bob));
    const laptop = await sockets.following(bob, stream);
    const stays = await sockets.following(carol, stream);
    const marks = [phone.mark(), laptop.mark(), stays.mark()] as const;

    assert.equal((await bob.client.delete(`/api/v1/i/alpha/conversations/${id}/members/me`)).status, 204);
    for (const [socket, mark] of [[phone, marks[0]], [laptop, marks[1]]] as const) {
      await assertEnded(socket, stream, mark);
      const onStream = socket.since(mark).filter((f) => f.stream === stream);
      assert.deepEqual(onStream.map((f) => [f.type, f.event ?? f.reason]), [['event', 'conversation.removed'], ['unsubscribed', 'membership_ended']]);
      assert.deepEqual(onStream[0]!.data, { conversationId: id, userId: bob.user.id });
    }
    const left = await phone.next((f) => f.stream === inbox(bob) && f.event === 'conversation.removed', 5_000, marks[0]);
    assert.deepEqual(left.data, { conversationId: id, userId: bob.user.id });

    const after = [phone.mark(), laptop.mark()] as const;
    const sent = await say(admin, id, 'after Bob left');
    // Carol, still a member, gets Bob's departure and the message; she keeps her subscription.
    await stays.next((f) => f.seq === sent.seq, 5_000, marks[2]);
    assert.deepEqual(stays.since(marks[2]).map((f) => [f.type, f.event]), [['event', 'conversation.removed'], ['event', 'message.created']]);
    for (const [socket, mark] of [[phone, after[0]], [laptop, after[1]]] as const) {
      await socket.settle();
      assert.deepEqual(socket.since(mark), [], 'nothing of the conversation after leaving');
    }
    // And it cannot be followed again.
    const again = await phone.subscribe(stream);
    assert.equal(withoutMessage(again).code, 'stream_not_found');
  });

  test('someone else leaving ends nobody else’s subscription', async () => {
    const [bob, carol] = [await person('Bob'), await person('Carol')];
    const id = await openGroupConversation(admin, [bob, carol]);
    const stream = conversation(id);
    const socket = await sockets.following(bob, stream);
    const mark = socket.mark();
    assert.equal((await carol.client.delete(`/api/v1/i/alpha/conversations/${id}/members/me`)).status, 204);
    const sent = await say(admin, id, 'Carol is gone');
    await socket.next((f) => f.seq === sent.seq, 5_000, mark);
    assert.deepEqual(socket.since(mark).map((f) => [f.type, f.event, f.data?.userId]), [
      ['event', 'conversation.removed', carol.user.id],
      ['event', 'message.created', undefined],
    ]);
  });
});

describe('leaving a group, or being removed from it', () => {
  /** Bob follows the group's stream, its room and his inbox; Carol, who stays, follows the same two. */
  async function scene(visibility: 'open' | 'private') {
    const [bob, carol] = [await person('Bob'), await person('Carol')];
    const groupId = await group(visibility);
    await addToGroup('alpha', groupId, bob, admin);
    await addToGroup('alpha', groupId, carol, admin);
    const roomId = await openRoom(admin, groupId);
    const streams = { group: `group:${groupId}`, room: conversation(roomId) };
    const leaver = await sockets.following(bob, streams.group);
    await subscribed(leaver, streams.room);
    await subscribed(leaver, inbox(bob));
    const stays = await sockets.following(carol, streams.group);
    await subscribed(stays, streams.room);
    return { bob, carol, groupId, roomId, streams, leaver, stays };
  }

  /** A post in the group and a message in its room; returns when the member who stayed has both. */
  async function activity(s: Awaited<ReturnType<typeof scene>>) {
    const mark = s.stays.mark();
    const post = await publish(admin, 'alpha', 'news', s.groupId);
    const message = await say(admin, s.roomId, 'hello room');
    await s.stays.next((f) => f.seq === message.seq && f.stream === s.streams.room, 5_000, mark);
    assert.ok(s.stays.since(mark).some((f) => f.event === 'post.created' && f.data.postId === post.id), 'the member who stayed gets the post');
    return { post, message };
  }

  test('leaving a private group ends both its stream and its room', async () => {
    const s = await scene('private');
    const mark = s.leaver.mark();
    assert.equal((await s.bob.client.post(`/api/v1/i/alpha/groups/${s.groupId}/leave`)).status, 204);
    await assertEnded(s.leaver, s.streams.group, mark);
    await assertEnded(s.leaver, s.streams.room, mark);
    const after = s.leaver.mark();
    await activity(s);
    await s.leaver.settle();
    assert.deepEqual(s.leaver.since(after), []);
    assert.deepEqual(s.stays.frames.filter((f) => f.type === 'unsubscribed'), []);
  });

  test('leaving an open group ends its room only: non-members may read an open group', async () => {
    const s = await scene('open');
    const mark = s.leaver.mark();
    assert.equal((await s.bob.client.post(`/api/v1/i/alpha/groups/${s.groupId}/leave`)).status, 204);
    await assertEnded(s.leaver, s.streams.room, mark);
    const after = s.leaver.mark();
    const { post } = await activity(s);
    await s.leaver.next((f) => f.event === 'post.created', 5_000, after);
    await s.leaver.settle();
    assert.deepEqual(s.leaver.since(after).map((f) => [f.stream, f.event, f.data?.postId]), [[s.streams.group, 'post.created', post.id]]);
    assert.deepEqual(s.leaver.frames.filter((f) => f.type === 'unsubscribed').map((f) => f.stream), [s.streams.room]);
  });

  test('removed from a private group by its administrator: both end', async () => {
    const s = await scene('private');
    const mark = s.leaver.mark();
    assert.equal((await admin.client.delete(`/api/v1/i/alpha/groups/${s.groupId}/members/${s.bob.user.id}`)).status, 204);
    await assertEnded(s.leaver, s.streams.group, mark);
    await assertEnded(s.leaver, s.streams.room, mark);
    const after = s.leaver.mark();
    await activity(s);
    await s.leaver.settle();
    assert.deepEqual(s.leaver.since(after), []);
    for (const stream of [s.streams.group, s.streams.room]) assert.equal(withoutMessage(await s.leaver.subscribe(stream)).code, 'stream_not_found');
  });

  test('removed from an open group: its room ends, its stream stays', async () => {
    const s = await scene('open');
    const mark = s.leaver.mark();
    assert.equal((await admin.client.delete(`/api/v1/i/alpha/groups/${s.groupId}/members/${s.bob.user.id}`)).status, 204);
    await assertEnded(s.leaver, s.streams.room, mark);
    await activity(s);
    await s.leaver.settle();
    assert.deepEqual(s.leaver.frames.filter((f) => f.type === 'unsubscribed').map((f) => f.stream), [s.streams.room]);
  });

  test("leaving one group leaves other groups' streams and rooms alone", async () => {
    const s = await scene('private');
    const otherGroup = await group('private');
    await addToGroup('alpha', otherGroup, s.bob, admin);
    const otherRoom = await openRoom(admin, otherGroup);
    await subscribed(s.leaver, `group:${otherGroup}`);
    await subscribed(s.leaver, conversation(otherRoom));
    const mark = s.leaver.mark();
    assert.equal((await s.bob.client.post(`/api/v1/i/alpha/groups/${s.groupId}/leave`)).status, 204);
    await assertEnded(s.leaver, s.streams.room, mark);
    await assertEnded(s.leaver, s.streams.group, mark);
    const post = await publish(admin, 'alpha', 'other news', otherGroup);
    const message = await say(admin, otherRoom, 'other room');
    await s.leaver.next((f) => f.seq === message.seq && f.stream === conversation(otherRoom), 5_000, mark);
    await s.leaver.settle();
    assert.deepEqual(s.leaver.since(mark).filter((f) => f.type !== 'unsubscribed' && f.stream !== s.streams.group).map((f) => [f.stream, f.event]), [
      // The inbox hears that the left group's room is gone from the chat list, and nothing about the other room.
      [`inbox:${s.bob.user.id}`, 'conversation.removed'],
      [`group:${otherGroup}`, 'post.created'],
      [conversation(otherRoom), 'message.created'],
    ]);
    assert.ok(s.leaver.since(mark).some((f) => f.data?.postId === post.id));
  });

  test('someone else leaving the group ends nothing of mine', async () => {
    const s = await scene('private');
    const mark = s.stays.mark();
    assert.equal((await s.bob.client.post(`/api/v1/i/alpha/groups/${s.groupId}/leave`)).status, 204);
    await assertEnded(s.leaver, s.streams.room, 0);
    await activity(s);
    assert.deepEqual(s.stays.since(mark).filter((f) => f.type === 'unsubscribed'), []);
    const change = s.stays.since(mark).find((f) => f.event === 'group.membership.changed');
    assert.deepEqual(change?.data, { groupId: s.groupId, userId: s.bob.user.id, member: false });
  });
});

describe('a membership ending while the subscription is being checked', () => {
  test("leaving the group after the room's check read the membership, before the subscription started: it still ends", async () => {
    const bob = await person('Bob');
    const groupId = await group('private');
    await addToGroup('alpha', groupId, bob, admin);
    const roomId = await openRoom(admin, groupId);
    const socket = await sockets.connect(bob);
    const mark = socket.mark();
    // Hold the subscribe between its permission check and its start: its head read waits on this lock.
    const lock = await h.owner.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE stream_heads IN ACCESS EXCLUSIVE MODE');
      socket.send({ type: 'subscribe', stream: conversation(roomId), ref: 'room' });
      await eventually(async () => (await h.owner.query(
        `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM stream_heads%'`)).rows.length > 0, 5_000, 'the head read waits');
      // Bob leaves the group meanwhile (as leaveGroup does, its event published by hand: emitting needs the locked table).
      await h.owner.query('DELETE FROM group_members WHERE group_id = $1 AND user_id = $2', [groupId, bob.user.id]);
      h.s.bus.publish({ type: 'group.membership.changed', instanceId: world.alpha.instance.id, stream: `group:${groupId}`, seq: 1_000_000, data: { groupId, userId: bob.user.id, member: false } });
      await sleep(100);
    } finally {
      await lock.query('COMMIT');
      lock.release();
    }
    await socket.next((f) => f.ref === 'room', 5_000, mark);
    await say(admin, roomId, 'members only');
    await socket.settle();
    const frames = socket.since(mark);
    assert.deepEqual(frames.filter((f) => f.type === 'event'), [], `nothing of the room reaches Bob after he left: ${JSON.stringify(frames)}`);
    // Whichever came first, the last word on the stream tells the client it is not subscribed.
    const last = withoutMessage(frames.at(-1)!);
    assert.ok(last.type === 'unsubscribed' || (last.type === 'error' && last.code === 'stream_not_found'), JSON.stringify(frames));
  });
});

describe('events committed after a membership ended', () => {
  test("never reach the former member, even while the gateway is still re-checking the room's subscription", async () => {
    const [bob, carol] = [await person('Bob'), await person('Carol')];
    const groupId = await group('private');
    await addToGroup('alpha', groupId, bob, admin);
    await addToGroup('alpha', groupId, carol, admin);
    const roomId = await openRoom(admin, groupId);
    const room = conversation(roomId);
    const leaver = await sockets.following(bob, room);
    const stays = await sockets.following(carol, room);
    const [mark, staysMark] = [leaver.mark(), stays.mark()];
    const instanceId = world.alpha.instance.id;
    // Bob leaves (as leaveGroup does); the gateway's re-check of his room subscription is held on a lock.
    await h.owner.query('DELETE FROM group_members WHERE group_id = $1 AND user_id = $2', [groupId, bob.user.id]);
    const lock = await h.owner.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE conversations IN ACCESS EXCLUSIVE MODE');
      h.s.bus.publish({ type: 'group.membership.changed', instanceId, stream: `group:${groupId}`, seq: 1_000_000, data: { groupId, userId: bob.user.id, member: false } });
      // A message committed after Bob left (another node's, say), published while the re-check waits.
      const { rows } = await h.owner.query<{ seq: string }>(
        `INSERT INTO stream_heads (instance_id, stream, seq) VALUES ($1, $2, 1)
         ON CONFLICT (instance_id, stream) DO UPDATE SET seq = stream_heads.seq + 1 RETURNING seq`, [instanceId, room]);
      const seq = Number(rows[0]!.seq);
      const data = { conversationId: roomId, marker: 'after Bob left' };
      await h.owner.query('INSERT INTO stream_events (instance_id, stream, seq, type, data) VALUES ($1, $2, $3, $4, $5)', [instanceId, room, seq, 'conversation.updated', data]);
      h.s.bus.publish({ type: 'conversation.updated', instanceId, stream: room, seq, data: data as never });
      await stays.next((f) => f.seq === seq, 5_000, staysMark);
      await sleep(50);
    } finally {
      await lock.query('COMMIT');
      lock.release();
    }
    await assertEnded(leaver, room, mark);
    await leaver.settle();
    assert.deepEqual(leaver.since(mark), [{ type: 'unsubscribed', stream: room, reason: 'membership_ended' }]);
  });
});

describe('a subscription kept by the re-check', () => {
  test('gets the events published while it was re-checked, once each and in order', async () => {
    const bob = await person('Bob');
    const groupId = await group('open');
    await addToGroup('alpha', groupId, bob);
    const stream = `group:${groupId}`;
    const socket = await sockets.following(bob, stream);
    const mark = socket.mark();
    const instanceId = world.alpha.instance.id;
    await h.owner.query('DELETE FROM group_members WHERE group_id = $1 AND user_id = $2', [groupId, bob.user.id]);
    const lock = await h.owner.connect();
    const seqs: number[] = [];
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE groups IN ACCESS EXCLUSIVE MODE'); // the re-check of an open group's stream reads it
      h.s.bus.publish({ type: 'group.membership.changed', instanceId, stream, seq: 1_000_000, data: { groupId, userId: bob.user.id, member: false } });
      for (const marker of ['first', 'second']) {
        const { rows } = await h.owner.query<{ seq: string }>(
          `INSERT INTO stream_heads (instance_id, stream, seq) VALUES ($1, $2, 1)
           ON CONFLICT (instance_id, stream) DO UPDATE SET seq = stream_heads.seq + 1 RETURNING seq`, [instanceId, stream]);
        const seq = Number(rows[0]!.seq);
        const data = { postId: marker, groupId, authorId: admin.user.id };
        await h.owner.query('INSERT INTO stream_events (instance_id, stream, seq, type, data) VALUES ($1, $2, $3, $4, $5)', [instanceId, stream, seq, 'post.created', data]);
        h.s.bus.publish({ type: 'post.created', instanceId, stream, seq, data });
        seqs.push(seq);
      }
      await sleep(150); // longer than the gap wait: nothing may come out while held
      await socket.settle();
      assert.deepEqual(socket.since(mark), [], 'held while the re-check waits');
    } finally {
      await lock.query('COMMIT');
      lock.release();
    }
    await socket.next((f) => f.seq === seqs[1], 5_000, mark);
    await socket.settle();
    assert.deepEqual(socket.since(mark).map((f) => [f.type, f.seq, f.data?.postId]), [['event', seqs[0], 'first'], ['event', seqs[1], 'second']]);
  });
});

describe("a group's room in the chat list", () => {
  test('joining a group that has a room announces the room on the inbox; leaving it, its removal', async () => {
    const dana = await person('Dana');
    const groupId = await group('open');
    const roomId = await openRoom(admin, groupId);
    const socket = await sockets.following(dana, inbox(dana));
    const mark = socket.mark();
    assert.equal((await dana.client.post(`/api/v1/i/alpha/groups/${groupId}/join`)).status, 204);
    const added = await socket.next((f) => f.event === 'conversation.added', 5_000, mark);
    assert.deepEqual(added.data, { conversationId: roomId });
    assert.equal((await dana.client.post(`/api/v1/i/alpha/groups/${groupId}/leave`)).status, 204);
    const removed = await socket.next((f) => f.event === 'conversation.removed', 5_000, mark);
    assert.deepEqual(removed.data, { conversationId: roomId, userId: dana.user.id });
    assert.equal(added.seq! + 1, removed.seq);
  });
});
