// What flows through the gateway besides messages: typing indicators (to the
// other members only, at most one per 2 s, never stored), feed events on group
// streams, notifications on one's inbox, and presence while connected.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addMember, addToGroup, makeGroup, notificationRows, publish } from '../feed/fixtures.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import type { TestSocket } from '../support/socket.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import {
  conversation, eventually, headOf, inbox, openDirect, say, sleep, Sockets, subscribed, withoutMessage,
} from './scene.ts';

let h: Harness;
let world: World;
let ann: Person;
const sockets = new Sockets(() => h);
let counter = 0;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
});
after(async () => {
  sockets.closeAll();
  await h.close();
});

const person = (name: string) => addMember(h, world.alpha, `${name.toLowerCase()}${(counter += 1)}@alpha.test`, name);
const typingFrames = (socket: TestSocket, mark = 0) => socket.since(mark).filter((f) => f.type === 'typing');

describe('typing', () => {
  /** Ann and someone new in a direct conversation, both following it; a third person follows another conversation with Ann. */
  async function scene() {
    const bob = await person('Bob');
    const carol = await person('Carol');
    const id = await openDirect(ann, bob);
    const other = await openDirect(ann, carol);
    const typist = await sockets.following(ann, conversation(id));
    await subscribed(typist, conversation(other));
    const reader = await sockets.following(bob, conversation(id));
    const elsewhere = await sockets.following(carol, conversation(other));
    return { bob, id, stream: conversation(id), otherStream: conversation(other), typist, reader, elsewhere };
  }

  /** Every frame the typing frames caused has arrived: the typist's own frames were handled, then each socket is settled. */
  async function settled(...all: TestSocket[]): Promise<void> {
    for (const socket of all) await socket.settle();
  }

  test('reaches the other member of the conversation, not the typist, and no one outside it', async () => {
    const s = await scene();
    const marks = [s.typist.mark(), s.reader.mark(), s.elsewhere.mark()] as const;
    s.typist.send({ type: 'typing', stream: s.stream });
    await s.reader.next((f) => f.type === 'typing', 5_000, marks[1]);
    await settled(s.typist, s.reader, s.elsewhere);
    assert.deepEqual(s.reader.since(marks[1]), [{ type: 'typing', stream: s.stream, userId: ann.user.id }]);
    assert.deepEqual(s.typist.since(marks[0]), []);
    assert.deepEqual(s.elsewhere.since(marks[2]), []);
  });

  test('at most one per 2 s per stream, then again', async () => {
    const s = await scene();
    const mark = s.reader.mark();
    const sent = Date.now(); // the first typing frame is handled after this…
    for (let i = 0; i < 3; i += 1) s.typist.send({ type: 'typing', stream: s.stream });
    await settled(s.typist, s.reader);
    const handled = Date.now(); // …and before this
    assert.equal(typingFrames(s.reader, mark).length, 1);
    await sleep(1_500 - (Date.now() - sent));
    s.typist.send({ type: 'typing', stream: s.stream });
    await settled(s.typist, s.reader);
    // Handled less than 2 s after the first one, unless the machine stalled: then this check proves nothing.
    if (Date.now() - sent < 2_000) assert.equal(typingFrames(s.reader, mark).length, 1, 'still within 2 s');
    await sleep(2_050 - (Date.now() - handled));
    const again = s.reader.mark();
    s.typist.send({ type: 'typing', stream: s.stream });
    await s.reader.next((f) => f.type === 'typing', 5_000, again);
    await settled(s.typist, s.reader);
    assert.equal(typingFrames(s.reader, mark).length, 2);
  });

  test('the limit is per stream: typing in another conversation goes through at once', async () => {
    const s = await scene();
    const [readerMark, elsewhereMark] = [s.reader.mark(), s.elsewhere.mark()];
    s.typist.send({ type: 'typing', stream: s.stream });
    s.typist.send({ type: 'typing', stream: s.otherStream });
    await settled(s.typist, s.reader, s.elsewhere);
    assert.equal(typingFrames(s.reader, readerMark).length, 1);
    assert.equal(typingFrames(s.elsewhere, elsewhereMark).length, 1);
  });

  test('is never stored: it takes no sequence number', async () => {
    const s = await scene();
    const before = await headOf(h, world.alpha.instance.id, s.stream);
    s.typist.send({ type: 'typing', stream: s.stream });
    await s.reader.next((f) => f.type === 'typing');
    assert.equal(await headOf(h, world.alpha.instance.id, s.stream), before);
    const sent = await say(ann, s.id, 'after typing');
    assert.equal(sent.seq, before + 1);
  });

  test('is refused not_subscribed on a stream one does not follow, on a non-conversation stream, and after unsubscribing', async () => {
    const s = await scene();
    const unfollowed = await openDirect(ann, world.alpha.people.owner);
    await subscribed(s.typist, inbox(ann));
    const mark = s.typist.mark();
    const readerMark = s.reader.mark();
    s.typist.send({ type: 'typing', stream: conversation(unfollowed), ref: 'member-not-following' });
    s.typist.send({ type: 'typing', stream: inbox(ann), ref: 'inbox' });
    s.typist.send({ type: 'unsubscribe', stream: s.stream });
    s.typist.send({ type: 'typing', stream: s.stream, ref: 'after-unsubscribe' });
    await s.typist.next((f) => f.ref === 'after-unsubscribe', 5_000, mark);
    await settled(s.typist, s.reader);
    assert.deepEqual(s.typist.since(mark).map(withoutMessage), [
      { type: 'error', code: 'not_subscribed', ref: 'member-not-following' },
      { type: 'error', code: 'not_subscribed', ref: 'inbox' },
      { type: 'unsubscribed', stream: s.stream, reason: 'requested' },
      { type: 'error', code: 'not_subscribed', ref: 'after-unsubscribe' },
    ]);
    assert.deepEqual(typingFrames(s.reader, readerMark), []);
  });
});

describe('feed and notifications', () => {
  test('a post and a comment in a group reach the subscribers of group:<id>', async () => {
    const bob = await person('Bob');
    const groupId = await makeGroup(world.alpha.people.administrator, 'alpha', `Live feed ${(counter += 1)}`, 'private');
    await addToGroup('alpha', groupId, bob, world.alpha.people.administrator);
    const stream = `group:${groupId}`;
    const socket = await sockets.following(bob, stream);
    const head = await headOf(h, world.alpha.instance.id, stream);
    const post = await publish(world.alpha.people.administrator, 'alpha', 'Hello group', groupId);
    const comment = await world.alpha.people.administrator.client.post(`/api/v1/i/alpha/posts/${post.id}/comments`, { body: 'First!' });
    assert.equal(comment.status, 201, JSON.stringify(comment.body));
    await socket.next((f) => f.event === 'comment.created');
    assert.deepEqual(socket.events(stream), [
      { type: 'event', stream, seq: head + 1, event: 'post.created', data: { postId: post.id, groupId, authorId: world.alpha.people.administrator.user.id } },
      { type: 'event', stream, seq: head + 2, event: 'comment.created', data: { postId: post.id, commentId: comment.body.id, groupId, authorId: world.alpha.people.administrator.user.id } },
    ]);
  });

  test('a mention notification reaches inbox:<id>, and only that inbox', async () => {
    const [bob, carol] = [await person('Bob'), await person('Carol')];
    const mentioned = await sockets.following(bob, inbox(bob));
    const bystander = await sockets.following(carol, inbox(carol));
    const post = await publish(ann, 'alpha', `Hello <@${bob.user.id}>, look`);
    const frame = await mentioned.next((f) => f.event === 'notification.created');
    const rows = await notificationRows(h, bob.user.id, post.id);
    assert.equal(rows.length, 1);
    const { rows: ids } = await h.owner.query<{ id: string }>('SELECT id FROM notifications WHERE user_id = $1 AND post_id = $2', [bob.user.id, post.id]);
    assert.deepEqual(frame, { type: 'event', stream: inbox(bob), seq: frame.seq, event: 'notification.created', data: { notificationId: ids[0]!.id, kind: 'mention' } });
    assert.equal(frame.seq, await headOf(h, world.alpha.instance.id, inbox(bob)));
    await bystander.settle();
    assert.deepEqual(bystander.events(), []);
  });
});

describe('presence', () => {
  const onlineAmong = async (...people: Person[]) => {
    const answer = await ann.client.get(`/api/v1/i/alpha/presence?userIds=${people.map((p) => p.user.id).join(',')}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return (answer.body.online as string[]).sort();
  };

  test('online while connected (on any number of connections), not after the last one closes', async () => {
    const [bob, carol] = [await person('Bob'), await person('Carol')];
    assert.deepEqual(await onlineAmong(bob, carol), []);
    const first = await sockets.connect(bob);
    assert.deepEqual(await onlineAmong(bob, carol), [bob.user.id]);
    const second = await sockets.connect(bob);
    first.close();
    await first.waitClosed();
    await sleep(50);
    assert.deepEqual(await onlineAmong(bob, carol), [bob.user.id], 'still connected once');
    second.close();
    await second.waitClosed();
    await eventually(async () => (await onlineAmong(bob, carol)).length === 0, 3_000, 'Bob offline');
  });

  test('presence is per instance: connected to beta is not online in alpha', async () => {
    const betaMember = world.beta.people.member;
    await sockets.connect(betaMember, 'beta');
    assert.deepEqual(await onlineAmong(betaMember), []);
    const inBeta = await betaMember.client.get(`/api/v1/i/beta/presence?userIds=${betaMember.user.id}`);
    assert.deepEqual(inBeta.body, { online: [betaMember.user.id] });
  });
});
