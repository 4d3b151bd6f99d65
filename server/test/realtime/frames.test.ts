// What the gateway does with what a client sends: oversized, binary, malformed
// and unknown frames, flooding, too many subscriptions, streams one may not
// read, and ping. Every misbehaving connection is checked to leave the others
// alone: a watcher subscribed to the same conversation keeps receiving.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addMember, addToGroup, makeGroup, publish } from '../feed/fixtures.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import type { Frame, TestSocket } from '../support/socket.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { conversation, inbox, openDirect, say, Sockets, subscribed, withoutMessage } from './scene.ts';

const MAX_FRAME_BYTES = 2048;
const MAX_FRAMES_PER_10S = 20;
const MAX_SUBSCRIPTIONS = 3;

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
let chat: string;
let watcher: TestSocket;
const sockets = new Sockets(() => h);

before(async () => {
  h = await startHarness({
    REALTIME_MAX_FRAME_BYTES: String(MAX_FRAME_BYTES),
    REALTIME_MAX_FRAMES_PER_10S: String(MAX_FRAMES_PER_10S),
    REALTIME_MAX_SUBSCRIPTIONS: String(MAX_SUBSCRIPTIONS),
  });
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
  chat = await openDirect(ann, bob);
  watcher = await sockets.following(bob, conversation(chat));
});
after(async () => {
  sockets.closeAll();
  await h.close();
});

/** Ann's socket, following the conversation Bob's watcher follows (so that its index entry is shared). */
async function offender(): Promise<TestSocket> {
  const socket = await sockets.connect(ann);
  await subscribed(socket, conversation(chat));
  return socket;
}

/** The watcher receives the next message exactly once, and nothing else: the misbehaviour touched no one else. */
async function assertOthersUnaffected(): Promise<void> {
  const mark = watcher.mark();
  const sent = await say(ann, chat, `still here ${randomUUID()}`);
  await watcher.next((f) => f.type === 'event' && f.seq === sent.seq, 5_000, mark);
  await watcher.settle();
  const frames = watcher.since(mark);
  assert.deepEqual(frames.map((f) => [f.type, f.stream, f.seq, f.event, f.data?.message?.id]),
    [['event', conversation(chat), sent.seq, 'message.created', sent.id]]);
  assert.equal(watcher.closed, null);
}

/** A ping frame padded (with a property the schema refuses) to exactly `bytes` bytes. */
function paddedFrame(bytes: number, ref: string): string {
  const empty = JSON.stringify({ type: 'ping', ref, pad: '' });
  return JSON.stringify({ type: 'ping', ref, pad: 'x'.repeat(bytes - Buffer.byteLength(empty)) });
}

describe('frames a client may not send', () => {
  test('a frame of exactly REALTIME_MAX_FRAME_BYTES is read; one byte more closes the connection with 1009', async () => {
    const socket = await offender();
    const atLimit = paddedFrame(MAX_FRAME_BYTES, 'at-limit');
    assert.equal(Buffer.byteLength(atLimit), MAX_FRAME_BYTES);
    let mark = socket.mark();
    socket.send(atLimit);
    const answer = await socket.next((f) => f.ref === 'at-limit', 5_000, mark);
    assert.deepEqual(withoutMessage(answer), { type: 'error', code: 'invalid_frame', ref: 'at-limit' });

    mark = socket.mark();
    socket.send(paddedFrame(MAX_FRAME_BYTES + 1, 'over'));
    assert.equal((await socket.waitClosed()).code, 1009);
    assert.deepEqual(socket.since(mark), [], 'no answer to the oversized frame');
    await assertOthersUnaffected();
  });

  test('a binary frame closes the connection with 1003', async () => {
    const socket = await offender();
    const mark = socket.mark();
    socket.ws.send(Buffer.from(JSON.stringify({ type: 'ping', ref: 'binary' })), { binary: true });
    assert.equal((await socket.waitClosed()).code, 1003);
    assert.deepEqual(socket.since(mark), [], 'the binary ping is not answered');
    await assertOthersUnaffected();
  });

  test('invalid frames are answered invalid_frame, with the ref when there is a usable one, and the connection stays open', async () => {
    const socket = await offender();
    const cases: Array<[frame: unknown, ref: string | null]> = [
      ['not json', null],
      ['{"type":"ping"', null],
      ['[]', null],
      ['null', null],
      ['42', null],
      ['"ping"', null],
      [{ type: 'subscribe', ref: 'no-stream' }, 'no-stream'],
      [{ type: 'subscribe', stream: 7, ref: 'stream-number' }, 'stream-number'],
      [{ type: 'subscribe', stream: inbox(ann), since: -1, ref: 'since-negative' }, 'since-negative'],
      [{ type: 'subscribe', stream: inbox(ann), since: 1.5, ref: 'since-fraction' }, 'since-fraction'],
      [{ type: 'subscribe', stream: inbox(ann), since: '3', ref: 'since-string' }, 'since-string'],
      [{ type: 'ping', ref: 'unknown-property', extra: true }, 'unknown-property'],
      [{ type: 'ping', ref: 5 }, null],
      [{ type: 'ping', ref: 'x'.repeat(65) }, null],
      [{ type: 'typing', stream: `conversation:${'c'.repeat(101)}`, ref: 'stream-too-long' }, 'stream-too-long'],
      [{ type: 'unsubscribe', ref: 'unsubscribe-nothing' }, 'unsubscribe-nothing'],
      [{ type: 'unsubscribe', stream: null, ref: 'unsubscribe-null' }, 'unsubscribe-null'],
    ];
    assert.ok(cases.length + 2 <= MAX_FRAMES_PER_10S, 'the test stays under the flooding limit');
    const mark = socket.mark();
    for (const [frame] of cases) socket.send(frame);
    await socket.settle();
    assert.deepEqual(socket.since(mark).map(withoutMessage),
      cases.map(([, ref]) => ({ type: 'error', code: 'invalid_frame', ...(ref === null ? {} : { ref }) })));
    assert.equal(socket.closed, null);
    // The connection still delivers: it never lost its subscription.
    const sent = await say(bob, chat, 'after the bad frames');
    await socket.next((f) => f.seq === sent.seq && f.event === 'message.created', 5_000, mark);
    await assertOthersUnaffected();
  });

  test('an unknown frame type is answered unknown_frame_type, and the connection stays open', async () => {
    const socket = await offender();
    const cases: Array<[frame: unknown, ref: string | null]> = [
      [{ type: 'subscribe2', stream: inbox(ann), ref: 'subscribe2' }, 'subscribe2'],
      [{ type: 'Ping', ref: 'capital' }, 'capital'],
      [{ type: 'hello', ref: 'server-frame' }, 'server-frame'],
      [{ type: 'pong' }, null],
      [{ ref: 'no-type' }, 'no-type'],
      [{ type: 5, ref: 'type-number' }, 'type-number'],
      [{}, null],
    ];
    const mark = socket.mark();
    for (const [frame] of cases) socket.send(frame);
    await socket.settle();
    assert.deepEqual(socket.since(mark).map(withoutMessage),
      cases.map(([, ref]) => ({ type: 'error', code: 'unknown_frame_type', ...(ref === null ? {} : { ref }) })));
    assert.equal(socket.closed, null);
    await assertOthersUnaffected();
  });

  test('more than REALTIME_MAX_FRAMES_PER_10S frames closes the connection with 4008, after answering those within the limit', async () => {
    const socket = await offender(); // its subscribe was frame 1
    const mark = socket.mark();
    for (let i = 0; i < MAX_FRAMES_PER_10S; i += 1) socket.send({ type: 'ping', ref: `p${i}` });
    assert.equal((await socket.waitClosed()).code, 4008);
    assert.deepEqual(socket.since(mark), Array.from({ length: MAX_FRAMES_PER_10S - 1 }, (_, i) => ({ type: 'pong', ref: `p${i}` })));
    await assertOthersUnaffected();
  });
});

describe('a client that does not read', () => {
  test('is closed (4009) once more than 8 MiB wait for it, rather than buffered without bound', async () => {
    const stream = `user:${ann.user.id}`;
    const slow = await sockets.following(ann, stream);
    slow.ws.pause();
    const instanceId = world.alpha.instance.id;
    const pad = 'x'.repeat(10_000);
    const published = 3_000; // 30 MB
    for (let seq = 1; seq <= published; seq += 1) {
      h.s.bus.publish({ type: 'post.created', instanceId, stream, seq, data: { postId: `p${seq}`, groupId: null, authorId: ann.user.id, pad } as never });
    }
    slow.ws.resume();
    assert.equal((await slow.waitClosed(15_000)).code, 4009);
    const received = slow.events(stream).length;
    assert.ok(received > 0 && received < published, `${received} of ${published} events before the close`);
    await assertOthersUnaffected();
  });
});

describe('subscriptions', () => {
  test('ping is answered pong, echoing the ref', async () => {
    const socket = await sockets.connect(ann);
    const mark = socket.mark();
    const longest = 'r'.repeat(64);
    socket.send({ type: 'ping', ref: 'abc' });
    socket.send({ type: 'ping' });
    socket.send({ type: 'ping', ref: longest });
    await socket.next((f) => f.ref === longest, 5_000, mark);
    assert.deepEqual(socket.since(mark), [{ type: 'pong', ref: 'abc' }, { type: 'pong' }, { type: 'pong', ref: longest }]);
  });

  test('beyond REALTIME_MAX_SUBSCRIPTIONS a subscribe is refused too_many_subscriptions; refused streams take no slot, unsubscribing frees one', async () => {
    const socket = await sockets.connect(ann);
    const openGroup = await makeGroup(world.alpha.people.administrator, 'alpha', 'Open for limits', 'open');
    for (const stream of [inbox(bob), conversation(randomUUID()), 'nonsense']) {
      assert.equal((await socket.subscribe(stream)).code, 'stream_not_found');
    }
    const granted = [inbox(ann), conversation(chat), `user:${bob.user.id}`];
    assert.equal(granted.length, MAX_SUBSCRIPTIONS);
    for (const stream of granted) await subscribed(socket, stream);

    socket.send({ type: 'subscribe', stream: `group:${openGroup}`, ref: 'one-too-many' });
    const refused = await socket.next((f) => f.ref === 'one-too-many');
    assert.deepEqual(withoutMessage(refused), { type: 'error', code: 'too_many_subscriptions', ref: 'one-too-many' });
    // Subscribing again to a stream one holds is no new subscription.
    await subscribed(socket, inbox(ann));

    const mark = socket.mark();
    socket.send({ type: 'unsubscribe', stream: `user:${bob.user.id}`, ref: 'free-one' });
    await socket.next((f) => f.type === 'unsubscribed', 5_000, mark);
    assert.deepEqual(socket.since(mark), [{ type: 'unsubscribed', stream: `user:${bob.user.id}`, reason: 'requested', ref: 'free-one' }]);
    await subscribed(socket, `group:${openGroup}`);
    const post = await publish(world.alpha.people.administrator, 'alpha', 'counted in', openGroup);
    const delivered = await socket.next((f) => f.event === 'post.created');
    assert.equal(delivered.data.postId, post.id);
    await assertOthersUnaffected();
  });

  test('unsubscribing from a stream one does not follow is answered not_subscribed', async () => {
    const socket = await sockets.connect(ann);
    socket.send({ type: 'unsubscribe', stream: inbox(ann), ref: 'never' });
    const answer = await socket.next((f) => f.ref === 'never');
    assert.deepEqual(withoutMessage(answer), { type: 'error', code: 'not_subscribed', ref: 'never' });
  });

  test('an unsubscribed stream delivers nothing more', async () => {
    const socket = await sockets.following(ann, conversation(chat));
    socket.send({ type: 'unsubscribe', stream: conversation(chat) });
    await socket.next((f) => f.type === 'unsubscribed');
    const mark = socket.mark();
    await assertOthersUnaffected(); // a message the watcher receives
    await socket.settle();
    assert.deepEqual(socket.since(mark), []);
  });
});

describe('streams one may not read answer stream_not_found, like streams that do not exist', () => {
  /** One at a time: subscribes still being checked hold a slot, and this file allows three. */
  async function assertRefused(socket: TestSocket, streams: string[]): Promise<void> {
    for (const [i, stream] of streams.entries()) {
      const mark = socket.mark();
      socket.send({ type: 'subscribe', stream, ref: `s${i}` });
      await socket.next((f) => f.ref === `s${i}`, 5_000, mark);
      assert.deepEqual(socket.since(mark).map(withoutMessage), [{ type: 'error', code: 'stream_not_found', ref: `s${i}` }], JSON.stringify(stream));
    }
  }

  test("another instance's conversation, group, person and inbox", async () => {
    const beta = world.beta.people;
    const betaChat = await openDirect(beta.owner, beta.member, 'beta');
    const betaGroup = await makeGroup(beta.owner, 'beta', 'Beta open', 'open');
    await say(beta.owner, betaChat, 'beta only', 'beta');
    const socket = await sockets.connect(ann);
    await assertRefused(socket, [conversation(betaChat), `group:${betaGroup}`, `user:${beta.member.user.id}`, inbox(beta.member)]);
    // Nothing of beta's arrives afterwards either.
    const mark = socket.mark();
    await say(beta.owner, betaChat, 'still beta only', 'beta');
    await publish(beta.owner, 'beta', 'beta post', betaGroup);
    await socket.settle();
    assert.deepEqual(socket.since(mark), []);
    await assertOthersUnaffected();
  });

  test("a secret or private group one is not in, someone else's inbox, a conversation one is not in", async () => {
    const administrator = world.alpha.people.administrator;
    const secret = await makeGroup(administrator, 'alpha', 'Secret council', 'secret');
    const closed = await makeGroup(administrator, 'alpha', 'Private circle', 'private');
    const open = await makeGroup(administrator, 'alpha', 'Open square', 'open');
    const theirs = await openDirect(bob, administrator);
    const socket = await sockets.connect(ann);
    await assertRefused(socket, [`group:${secret}`, `group:${closed}`, inbox(bob), inbox(administrator), conversation(theirs)]);
    // The refusals left nothing behind: posts there do not arrive; the open group, which members may read, does.
    await subscribed(socket, `group:${open}`);
    const mark = socket.mark();
    await publish(administrator, 'alpha', 'private news', closed);
    await publish(administrator, 'alpha', 'secret news', secret);
    await say(administrator, theirs, 'between us');
    const visible = await publish(administrator, 'alpha', 'open news', open);
    await socket.next((f) => f.event === 'post.created', 5_000, mark);
    await socket.settle();
    assert.deepEqual(socket.since(mark).map((f) => [f.stream, f.event, f.data?.postId]), [[`group:${open}`, 'post.created', visible.id]]);
    // Once in the private group, its stream may be followed.
    await addToGroup('alpha', closed, ann, administrator);
    await subscribed(socket, `group:${closed}`);
  });

  test("a guest may follow neither an open group they are not in nor someone else's profile", async () => {
    const guest = world.alpha.people.guest;
    const open = await makeGroup(world.alpha.people.administrator, 'alpha', 'Open to members', 'open');
    const socket = await sockets.connect(guest);
    await assertRefused(socket, [`group:${open}`, `user:${ann.user.id}`]);
    await subscribed(socket, `user:${guest.user.id}`);
    await subscribed(socket, inbox(guest));
  });

  test('malformed stream names', async () => {
    const me = ann.user.id;
    const socket = await sockets.connect(ann);
    await assertRefused(socket, [
      '', 'inbox', 'inbox:', `inbox:${me.slice(0, 35)}`, `inbox:${me.toUpperCase()}`, `Inbox:${me}`, `room:${me}`,
      `inbox:${me} `, ` inbox:${me}`, `inbox:${me}\n`, `inbox:${me}:x`, `inbox:{${me}}`, `inbox:${me.replaceAll('-', '')}`,
    ]);
    await subscribed(socket, `inbox:${me}`);
    await assertOthersUnaffected();
  });
});

describe('frames about one stream, sent back to back, are answered as if sent one at a time', () => {
  test('two subscribes to a stream one may not read are both refused', async () => {
    const socket = await sockets.connect(ann);
    const mark = socket.mark();
    socket.send({ type: 'subscribe', stream: inbox(bob), ref: 'first' });
    socket.send({ type: 'subscribe', stream: inbox(bob), ref: 'second' });
    await socket.next((f) => f.ref === 'first', 5_000, mark);
    await socket.next((f) => f.ref === 'second', 5_000, mark);
    assert.deepEqual(socket.since(mark).map(withoutMessage), [
      { type: 'error', code: 'stream_not_found', ref: 'first' },
      { type: 'error', code: 'stream_not_found', ref: 'second' },
    ]);
  });

  test('subscribe then unsubscribe: subscribed, then unsubscribed, then nothing', async () => {
    const socket = await sockets.connect(ann);
    const mark = socket.mark();
    socket.send({ type: 'subscribe', stream: conversation(chat), ref: 'in' });
    socket.send({ type: 'unsubscribe', stream: conversation(chat), ref: 'out' });
    await socket.next((f) => f.ref === 'in', 5_000, mark);
    await socket.next((f) => f.ref === 'out', 5_000, mark);
    await assertOthersUnaffected();
    await socket.settle();
    const frames: Frame[] = socket.since(mark);
    assert.deepEqual(frames.map((f) => [f.type, f.ref]), [['subscribed', 'in'], ['unsubscribed', 'out']]);
  });

  test('two subscribes to one stream: one subscription, each event once', async () => {
    const socket = await sockets.connect(ann);
    const mark = socket.mark();
    socket.send({ type: 'subscribe', stream: conversation(chat), ref: 'one' });
    socket.send({ type: 'subscribe', stream: conversation(chat), ref: 'two' });
    const one = await socket.next((f) => f.ref === 'one', 5_000, mark);
    const two = await socket.next((f) => f.ref === 'two', 5_000, mark);
    assert.deepEqual([one.type, two.type, two.seq], ['subscribed', 'subscribed', one.seq]);
    const sent = await say(bob, chat, 'once');
    await socket.next((f) => f.seq === sent.seq, 5_000, mark);
    await socket.settle();
    assert.equal(socket.since(mark).filter((f) => f.type === 'event').length, 1);
  });
});
