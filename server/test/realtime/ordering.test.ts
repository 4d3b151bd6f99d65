// Order and recovery: every event of a stream reaches a subscriber once, in
// sequence order, with no gap, whether it comes live, from PostgreSQL after a
// reconnect, or out of order on the bus; when the missed events are too many
// or gone, the client is told to reload (reset), then live events continue.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { RucheEvent } from '../../src/realtime/events.ts';
import { addMember } from '../feed/fixtures.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import type { Frame, TestSocket } from '../support/socket.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { conversation, createdSeqs, headOf, inbox, openDirect, say, sleep, Sockets, subscribed, withoutMessage } from './scene.ts';

const RECOVERY_LIMIT = 10;

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
const sockets = new Sockets(() => h);

before(async () => {
  h = await startHarness({ REALTIME_RECOVERY_LIMIT: String(RECOVERY_LIMIT) });
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
});
after(async () => {
  sockets.closeAll();
  await h.close();
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A fresh conversation between Ann and someone new, so that each test starts from its own stream. */
async function freshChat(): Promise<{ id: string; stream: string; other: Person }> {
  const other = await addMember(h, world.alpha, `p${Math.random().toString(36).slice(2)}@alpha.test`, 'Someone');
  const id = await openDirect(ann, other);
  return { id, stream: conversation(id), other };
}

/** Messages sent one after the other; returns their seqs. */
async function sayMany(by: Person, id: string, count: number, prefix: string): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < count; i += 1) seqs.push((await say(by, id, `${prefix} ${i}`)).seq);
  return seqs;
}

const eventsOn = (socket: TestSocket, stream: string, mark = 0): Frame[] =>
  socket.since(mark).filter((f) => f.stream === stream && (f.type === 'event' || f.type === 'reset'));

describe('live delivery', () => {
  test('20 messages sent at once by two people arrive once each, in seq order, with no gap — also to a subscriber who joins with since during the burst', async () => {
    const { id, stream, other } = await freshChat();
    const early = await sockets.following(ann, stream);
    const head = await headOf(h, world.alpha.instance.id, stream);
    const sends = Array.from({ length: 20 }, (_, i) => say(i % 2 === 0 ? ann : other, id, `burst ${i}`));
    const late = await sockets.connect(other);
    const lateAnswer = late.subscribe(stream, head);
    const sent = await Promise.all(sends);
    assert.equal((await lateAnswer).type, 'subscribed');
    assert.deepEqual(sent.map((m) => m.seq).sort((a, b) => a - b), range(head + 1, head + 20), 'the sends took 20 consecutive seqs');
    const last = head + 20;
    for (const socket of [early, late]) {
      await socket.next((f) => f.stream === stream && f.seq === last);
      await socket.settle();
      // The late subscriber may have been more than REALTIME_RECOVERY_LIMIT behind: then one reset, and everything after it.
      const resets = socket.frames.filter((f) => f.type === 'reset');
      const trace = JSON.stringify(socket.frames.map((f) => [f.type, f.seq]));
      assert.ok(resets.length <= (socket === late ? 1 : 0), trace);
      const from = resets[0]?.seq ?? head;
      assert.deepEqual(createdSeqs(socket.frames, stream), range(from + 1, last), trace);
      const ids = new Map(sent.map((m) => [m.seq, m.id]));
      for (const f of socket.events(stream)) assert.equal(f.data.message.id, ids.get(f.seq!), `seq ${f.seq} carries its own message`);
    }
    assert.equal(early.frames.find((f) => f.type === 'reset'), undefined);
  });

  test('a second subscriber of the same stream on another connection gets the same events', async () => {
    const { id, stream, other } = await freshChat();
    const a = await sockets.following(ann, stream);
    const b = await sockets.following(other, stream);
    const seqs = await sayMany(ann, id, 3, 'both');
    for (const socket of [a, b]) {
      await socket.next((f) => f.seq === seqs.at(-1));
      assert.deepEqual(createdSeqs(socket.frames, stream), seqs);
    }
  });
});

describe('recovery with since', () => {
  test('reconnecting with since gets exactly the missed events, then live ones, no duplicate', async () => {
    const { id, stream, other } = await freshChat();
    const first = await sockets.following(other, stream);
    const seen = await sayMany(ann, id, 2, 'seen');
    await first.next((f) => f.seq === seen.at(-1));
    first.close();
    await first.waitClosed();
    const missed = await sayMany(ann, id, 3, 'missed');
    const again = await sockets.connect(other);
    const head = await subscribed(again, stream, seen.at(-1));
    assert.equal(head, missed.at(-1));
    const live = await sayMany(ann, id, 2, 'live');
    await again.next((f) => f.seq === live.at(-1));
    await again.settle();
    assert.deepEqual(eventsOn(again, stream).map((f) => [f.type, f.seq]), [...missed, ...live].map((seq) => ['event', seq]));
    // Recovered events are the same frames as live ones.
    const recovered = again.events(stream)[0]!;
    assert.deepEqual(Object.keys(recovered).sort(), ['data', 'event', 'seq', 'stream', 'type']);
    assert.equal(recovered.data.message.body, 'missed 0');
  });

  test('the missed events come before the subscribed answer, and it carries the head', async () => {
    const { id, stream } = await freshChat();
    const seqs = await sayMany(ann, id, 3, 'before');
    const socket = await sockets.connect(ann);
    const mark = socket.mark();
    const head = await subscribed(socket, stream, seqs[0]);
    assert.equal(head, seqs[2]);
    assert.deepEqual(socket.since(mark).map((f) => [f.type, f.seq]), [['event', seqs[1]], ['event', seqs[2]], ['subscribed', seqs[2]]]);
  });

  test('since equal to the head: nothing to recover; since 0: everything', async () => {
    const { id, stream } = await freshChat();
    const seqs = await sayMany(ann, id, 3, 'all');
    const upToDate = await sockets.connect(ann);
    await subscribed(upToDate, stream, seqs.at(-1));
    const fromStart = await sockets.connect(ann);
    await subscribed(fromStart, stream, 0);
    await upToDate.settle();
    assert.deepEqual(eventsOn(upToDate, stream), []);
    assert.deepEqual(createdSeqs(fromStart.frames, stream), seqs);
    assert.deepEqual(seqs, [1, 2, 3], 'a new conversation numbers its messages from 1');
  });

  test(`exactly REALTIME_RECOVERY_LIMIT (${RECOVERY_LIMIT}) missed events are recovered; one more is a reset to the head, then live events continue`, async () => {
    const { id, stream } = await freshChat();
    const seqs = await sayMany(ann, id, RECOVERY_LIMIT + 1, 'many');
    const within = await sockets.connect(ann);
    await subscribed(within, stream, seqs[0]);
    assert.deepEqual(createdSeqs(within.frames, stream), seqs.slice(1));
    assert.deepEqual(within.frames.filter((f) => f.type === 'reset'), []);

    const beyond = await sockets.connect(ann);
    const mark = beyond.mark();
    const head = await subscribed(beyond, stream, 0);
    assert.equal(head, seqs.at(-1));
    const live = await say(ann, id, 'after the reset');
    await beyond.next((f) => f.seq === live.seq);
    assert.deepEqual(beyond.since(mark).map((f) => [f.type, f.seq, f.reason]), [
      ['reset', head, 'too_far_behind'],
      ['subscribed', head, undefined],
      ['event', live.seq, undefined],
    ]);
    assert.deepEqual(beyond.since(mark)[0], { type: 'reset', stream, seq: head, reason: 'too_far_behind' });
  });

  test('events pruned from stream_events: a reset, never a silent gap', async () => {
    const { id, stream } = await freshChat();
    const seqs = await sayMany(ann, id, 5, 'old');
    // Only the middle one is gone: 4 of the 5 missed are still there, which is not enough.
    await h.owner.query('DELETE FROM stream_events WHERE instance_id = $1 AND stream = $2 AND seq = $3', [world.alpha.instance.id, stream, seqs[2]]);
    const partly = await sockets.connect(ann);
    const mark = partly.mark();
    await subscribed(partly, stream, seqs[0]);
    assert.deepEqual(partly.since(mark).map((f) => [f.type, f.seq]), [['reset', seqs[4]], ['subscribed', seqs[4]]]);

    await h.owner.query('DELETE FROM stream_events WHERE instance_id = $1 AND stream = $2', [world.alpha.instance.id, stream]);
    const wholly = await sockets.connect(ann);
    const whollyMark = wholly.mark();
    await subscribed(wholly, stream, seqs[3]);
    const live = await say(ann, id, 'fresh');
    await wholly.next((f) => f.seq === live.seq);
    assert.deepEqual(wholly.since(whollyMark).map((f) => [f.type, f.seq]), [['reset', seqs[4]], ['subscribed', seqs[4]], ['event', live.seq]]);
  });

  test('since ahead of the head (a restored database): a reset to the head', async () => {
    const { id, stream } = await freshChat();
    const seqs = await sayMany(ann, id, 2, 'restored');
    const socket = await sockets.connect(ann);
    const mark = socket.mark();
    await subscribed(socket, stream, seqs[1]! + 50);
    const live = await say(ann, id, 'next');
    await socket.next((f) => f.seq === live.seq);
    assert.deepEqual(socket.since(mark).map((f) => [f.type, f.seq]), [['reset', seqs[1]], ['subscribed', seqs[1]], ['event', live.seq]]);
  });

  test('a stream nothing was ever published on has head 0', async () => {
    const socket = await sockets.connect(ann);
    assert.equal(await subscribed(socket, `user:${bob.user.id}`), 0);
  });
});

describe('a subscription being checked', () => {
  test('sends nothing about the stream before it is granted, and nothing at all when refused, however many events come meanwhile', async () => {
    const socket = await sockets.connect(ann);
    const stream = inbox(bob);
    const instanceId = world.alpha.instance.id;
    const mark = socket.mark();
    let answered = false;
    socket.send({ type: 'subscribe', stream, ref: 'peek' });
    const answer = socket.next((f) => f.ref === 'peek', 5_000, mark).finally(() => void (answered = true));
    // More than REALTIME_RECOVERY_LIMIT events on every turn of the event loop while the server checks.
    for (let seq = 1_000; !answered;) {
      for (let i = 0; i <= RECOVERY_LIMIT; i += 1, seq += 1) {
        h.s.bus.publish({ type: 'notification.created', instanceId, stream, seq, data: { notificationId: randomUUID(), kind: 'mention' } });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await answer;
    await socket.settle();
    assert.deepEqual(socket.since(mark).map(withoutMessage), [{ type: 'error', code: 'stream_not_found', ref: 'peek' }]);
  });
});

describe('the bus delivers out of order', () => {
  // Events made by hand on a conversation's stream: the head row and stored events
  // written as an action would, then published in the order each test chooses.
  async function stored(stream: string, marker: string, count: number): Promise<RucheEvent[]> {
    const instanceId = world.alpha.instance.id;
    const { rows } = await h.owner.query<{ seq: string }>(
      'UPDATE stream_heads SET seq = seq + $3 WHERE instance_id = $1 AND stream = $2 RETURNING seq', [instanceId, stream, count]);
    const head = Number(rows[0]!.seq);
    const events: RucheEvent[] = [];
    for (const seq of range(head - count + 1, head)) {
      const conversationId = stream.slice('conversation:'.length);
      await h.owner.query('INSERT INTO stream_events (instance_id, stream, seq, type, data) VALUES ($1, $2, $3, $4, $5)',
        [instanceId, stream, seq, 'conversation.updated', { conversationId, marker: `${marker} ${seq}` }]);
      events.push({ type: 'conversation.updated', instanceId, stream, seq, data: { conversationId, marker: `live ${seq}` } as never });
    }
    return events;
  }

  const markers = (frames: Frame[]) => frames.map((f) => f.type === 'event' ? [f.seq, f.data.marker] : [f.type, f.seq]);

  test('a later event published first waits for the earlier one, which is delivered first when it comes soon', async () => {
    const { id, stream } = await freshChat();
    await say(ann, id, 'start');
    const socket = await sockets.following(ann, stream);
    const mark = socket.mark();
    const [e1, e2] = await stored(stream, 'stored', 2);
    h.s.bus.publish(e2!);
    h.s.bus.publish(e1!);
    await socket.next((f) => f.seq === e2!.seq, 5_000, mark);
    await socket.settle();
    assert.deepEqual(markers(eventsOn(socket, stream, mark)), [[e1!.seq, `live ${e1!.seq}`], [e2!.seq, `live ${e2!.seq}`]]);
  });

  test('an earlier event that never comes on the bus is read from PostgreSQL; its late copy is dropped', async () => {
    const { id, stream } = await freshChat();
    await say(ann, id, 'start');
    const socket = await sockets.following(ann, stream);
    const mark = socket.mark();
    const [e1, e2, e3] = await stored(stream, 'stored', 3);
    h.s.bus.publish(e3!);
    await socket.next((f) => f.seq === e3!.seq, 5_000, mark);
    h.s.bus.publish(e1!);
    h.s.bus.publish(e2!);
    const next = await say(ann, id, 'after the gap');
    await socket.next((f) => f.seq === next.seq, 5_000, mark);
    await socket.settle();
    assert.deepEqual(markers(eventsOn(socket, stream, mark)), [
      [e1!.seq, `stored ${e1!.seq}`], [e2!.seq, `stored ${e2!.seq}`], [e3!.seq, `live ${e3!.seq}`], [next.seq, undefined],
    ]);
  });

  test('an earlier event missing from PostgreSQL too: a reset past the held one, then live events continue', async () => {
    const { id, stream } = await freshChat();
    await say(ann, id, 'start');
    const socket = await sockets.following(ann, stream);
    const mark = socket.mark();
    const [e1, e2] = await stored(stream, 'stored', 2);
    await h.owner.query('DELETE FROM stream_events WHERE instance_id = $1 AND stream = $2 AND seq = $3', [e1!.instanceId, stream, e1!.seq]);
    h.s.bus.publish(e2!);
    await socket.next((f) => f.type === 'reset', 5_000, mark);
    const next = await say(ann, id, 'after the reset');
    await socket.next((f) => f.seq === next.seq, 5_000, mark);
    await socket.settle();
    assert.deepEqual(markers(eventsOn(socket, stream, mark)), [['reset', e2!.seq], [next.seq, undefined]]);
  });

  test(`more than REALTIME_RECOVERY_LIMIT events held behind a gap: a reset at once`, async () => {
    const { id, stream } = await freshChat();
    await say(ann, id, 'start');
    const socket = await sockets.following(ann, stream);
    const mark = socket.mark();
    const events = await stored(stream, 'stored', RECOVERY_LIMIT + 2);
    for (const e of events.slice(1)) h.s.bus.publish(e);
    const last = events.at(-1)!.seq!;
    const reset = await socket.next((f) => f.type === 'reset', 5_000, mark);
    assert.deepEqual(reset, { type: 'reset', stream, seq: last, reason: 'too_far_behind' });
    h.s.bus.publish(events[0]!); // late, and older than the reset: dropped
    await sleep(150); // longer than the gap wait: nothing else is coming
    const next = await say(ann, id, 'after');
    await socket.next((f) => f.seq === next.seq, 5_000, mark);
    await socket.settle();
    assert.deepEqual(markers(eventsOn(socket, stream, mark)), [['reset', last], [next.seq, undefined]]);
  });

  test('a duplicate of a delivered event is dropped', async () => {
    const { id, stream } = await freshChat();
    const socket = await sockets.following(ann, stream);
    const mark = socket.mark();
    const first = await say(ann, id, 'once');
    await socket.next((f) => f.seq === first.seq, 5_000, mark);
    const original = h.events.find((e) => e.stream === stream && e.seq === first.seq)!;
    h.s.bus.publish(original);
    const second = await say(ann, id, 'twice?');
    await socket.next((f) => f.seq === second.seq, 5_000, mark);
    await socket.settle();
    assert.deepEqual(createdSeqs(socket.since(mark), stream), [first.seq, second.seq]);
  });
});
