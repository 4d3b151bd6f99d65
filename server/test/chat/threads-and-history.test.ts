// Threads and history: replies (counted on their root, never nested, kept
// out of the timeline), the thread endpoint and its pages, and the history
// pages in both directions with before, after and around, whose
// hasMoreBefore/hasMoreAfter must be right at both edges.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember } from '../feed/fixtures.ts';
import {
  assertConsecutive, assertNothingWritten, assertProblem, conversationEvents, direct, messagesUrl, messageUrl, read, send,
} from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
/** ann and bob: twelve messages t1…t12, replies r1, r2 to t3 and r3 to t10, reactions in between (gaps in the numbers). */
let c: string;
const top: any[] = [];
const replies: any[] = [];

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
  c = (await direct(ann, bob)).id;
  for (let i = 1; i <= 12; i++) {
    top.push(await send(i % 2 ? ann : bob, c, `t${i}`));
    if (i === 3) replies.push(await send(bob, c, 'r1', { parentId: top[2].id }));
    if (i === 5) replies.push(await send(ann, c, 'r2', { parentId: top[2].id }));
    if (i === 7) assert.equal((await bob.client.request('PUT', messageUrl(c, top[6].id, '/reactions/like'))).status, 204);
    if (i === 10) replies.push(await send(ann, c, 'r3', { parentId: top[9].id }));
  }
});
after(() => h.close());

async function page(query: string, who: Person = ann) {
  const answer = await who.client.get(messagesUrl(c, query));
  assert.equal(answer.status, 200, `${query}: ${JSON.stringify(answer.body)}`);
  return { bodies: answer.body.items.map((m: any) => m.body) as string[], before: answer.body.hasMoreBefore as boolean, after: answer.body.hasMoreAfter as boolean, items: answer.body.items as any[] };
}
const names = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `t${from + i}`);

describe('threads', () => {
  test('a reply: its parentId, the root counts it (replyCount, lastReplyAt), message.created then message.updated for the root', async () => {
    const d = (await direct(ann, world.alpha.people.owner)).id;
    await send(world.alpha.people.owner, d, 'before the thread');
    const root = await send(ann, d, 'root of a new thread');
    const reply = await send(world.alpha.people.owner, d, 'a reply', { parentId: root.id });
    assert.equal(reply.parentId, root.id);
    assert.equal(reply.seq, root.seq + 1);
    const events = conversationEvents(h, d).slice(-2);
    assert.deepEqual(events.map((e) => [e.seq, e.type]), [[reply.seq, 'message.created'], [reply.seq + 1, 'message.updated']]);
    assert.deepEqual(events[0]!.data, { message: reply });
    const updatedRoot = (events[1]!.data as any).message;
    assert.equal(updatedRoot.id, root.id);
    assert.equal(updatedRoot.replyCount, 1);
    assert.ok(Date.parse(updatedRoot.lastReplyAt) >= Date.parse(root.createdAt));
    const { rows } = await h.owner.query('SELECT reply_count FROM messages WHERE id = $1', [root.id]);
    assert.equal(rows[0].reply_count, 1);
    // A retried reply is not counted twice.
    await assertNothingWritten(h, async () => {
      const again = await world.alpha.people.owner.client.post(messagesUrl(d), { body: 'a reply', clientId: reply.clientId, parentId: root.id });
      assert.equal(again.status, 200);
      assert.equal(again.body.id, reply.id);
    });
    // The conversation's last message stays the root; the reply is not in the timeline.
    const conversation = await read(ann, d);
    assert.equal(conversation.lastSeq, root.seq);
    assert.equal(conversation.lastMessage.id, root.id);
    assert.equal(conversation.lastMessage.replyCount, 1);
    const timeline = await ann.client.get(messagesUrl(d));
    assert.deepEqual(timeline.body.items.map((m: any) => [m.body, m.replyCount]), [['before the thread', 0], ['root of a new thread', 1]]);
    assertConsecutive(conversationEvents(h, d), 'thread stream');
    assertConsecutive(conversationEvents(h, c), 'the main stream');
  });

  test('the thread endpoint: the root and its replies in order, paged with after and limit', async () => {
    const all = await ann.client.get(messageUrl(c, top[2].id, '/thread'));
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.equal(all.body.root.id, top[2].id);
    assert.equal(all.body.root.replyCount, 2);
    assert.deepEqual(all.body.items.map((m: any) => [m.body, m.parentId]), [['r1', top[2].id], ['r2', top[2].id]]);
    assert.equal(all.body.hasMore, false);
    const first = await bob.client.get(messageUrl(c, top[2].id, '/thread?limit=1'));
    assert.deepEqual([first.body.items.map((m: any) => m.body), first.body.hasMore], [['r1'], true]);
    const next = await bob.client.get(messageUrl(c, top[2].id, `/thread?limit=1&after=${first.body.items[0].seq}`));
    assert.deepEqual([next.body.items.map((m: any) => m.body), next.body.hasMore], [['r2'], false]);
    const none = await bob.client.get(messageUrl(c, top[2].id, `/thread?after=${replies[1].seq}`));
    assert.deepEqual([none.body.items, none.body.hasMore], [[], false]);
    const empty = await bob.client.get(messageUrl(c, top[0].id, '/thread'));
    assert.deepEqual([empty.status, empty.body.items, empty.body.root.replyCount], [200, [], 0]);
  });

  test('no thread of a reply, of another conversation’s message or of an unknown id: 404', async () => {
    const elsewhere = await send(ann, (await direct(ann, world.alpha.people.owner)).id, 'elsewhere');
    for (const id of [replies[0].id, elsewhere.id, randomUUID()]) {
      assertProblem(await ann.client.get(messageUrl(c, id, '/thread')), 404, 'not_found', id);
    }
  });

  test('a reply to a reply is 400 invalid_parent; to another conversation’s message or an unknown one 404; nothing written', async () => {
    const elsewhere = await send(ann, (await direct(ann, world.alpha.people.administrator)).id, 'not here');
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.post(messagesUrl(c), { body: 'nested', clientId: randomUUID(), parentId: replies[0].id }), 400, 'invalid_parent');
      assertProblem(await ann.client.post(messagesUrl(c), { body: 'astray', clientId: randomUUID(), parentId: elsewhere.id }), 404, 'not_found');
      assertProblem(await ann.client.post(messagesUrl(c), { body: 'lost', clientId: randomUUID(), parentId: randomUUID() }), 404, 'not_found');
    });
  });
});

describe('history', () => {
  test('the latest page, oldest first: top-level messages only, in seq order, hasMoreBefore as far as it goes', async () => {
    const all = await page('');
    assert.deepEqual([all.bodies, all.before, all.after], [names(1, 12), false, false]);
    const seqs = all.items.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.ok(all.items.every((m) => m.parentId === null));
    const latest = await page('?limit=5');
    assert.deepEqual([latest.bodies, latest.before, latest.after], [names(8, 12), true, false]);
    const whole = await page(`?limit=100&before=${top[11].seq + 1}`);
    assert.deepEqual([whole.bodies, whole.before, whole.after], [names(1, 12), false, false]);
  });

  test('walking back with before and forward with after visits every message once, in order, with the right edges', async () => {
    const end = top[11].seq + 1;
    const back: string[][] = [];
    let cursor = end;
    for (let guard = 0; guard < 10; guard++) {
      const p = await page(`?limit=5&before=${cursor}`);
      back.unshift(p.bodies);
      assert.equal(p.after, cursor !== end, `before=${cursor}`);
      if (!p.before) break;
      cursor = p.items[0].seq;
    }
    assert.deepEqual(back, [names(1, 2), names(3, 7), names(8, 12)]);

    const forward: string[][] = [];
    cursor = 0;
    for (let guard = 0; guard < 10; guard++) {
      const p = await page(`?limit=5&after=${cursor}`);
      forward.push(p.bodies);
      assert.equal(p.before, cursor > 0, `after=${cursor}`);
      if (!p.after) break;
      cursor = p.items.at(-1).seq;
    }
    assert.deepEqual(forward, [names(1, 5), names(6, 10), names(11, 12)]);
    const lastPage = await page(`?limit=5&after=${top[9].seq}`);
    assert.deepEqual([lastPage.bodies, lastPage.before, lastPage.after], [names(11, 12), true, false]);
  });

  test('past the edges: nothing, and hasMore pointing back at the messages', async () => {
    const last = top[11].seq;
    for (const query of [`?after=${last}`, `?after=${last + 1000}`, `?after=${Number.MAX_SAFE_INTEGER}`]) {
      const p = await page(query);
      assert.deepEqual([p.bodies, p.before, p.after], [[], true, false], query);
    }
    for (const query of [`?before=${top[0].seq}`, '?before=1', '?before=0']) {
      const p = await page(query);
      assert.deepEqual([p.bodies, p.before, p.after], [[], false, true], query);
    }
    const first = await page(`?before=${top[0].seq + 1}`);
    assert.deepEqual([first.bodies, first.before, first.after], [['t1'], false, true]);
  });

  test('around a message: the page centred on it; at the edges hasMore is false', async () => {
    const mid = await page(`?around=${top[5].id}&limit=5`);
    assert.deepEqual([mid.bodies, mid.before, mid.after], [names(4, 8), true, true]);
    const start = await page(`?around=${top[0].id}&limit=4`);
    assert.deepEqual([start.bodies, start.before, start.after], [names(1, 3), false, true]);
    const one = await page(`?around=${top[6].id}&limit=1`);
    assert.deepEqual([one.bodies, one.before, one.after], [['t7'], true, true]);
    assert.deepEqual(one.items[0].reactions, [{ emoji: 'like', userIds: [bob.user.id] }]);
  });

  test('around the latest message: the older half of the page, nothing after it', async () => {
    const fresh = (await direct(bob, world.alpha.people.owner)).id;
    const sent = [];
    for (const body of ['a', 'b', 'c', 'd']) sent.push(await send(bob, fresh, body));
    const answer = await bob.client.get(messagesUrl(fresh, `?around=${sent[3].id}&limit=4`));
    assert.deepEqual([answer.body.items.map((m: any) => m.body), answer.body.hasMoreBefore, answer.body.hasMoreAfter], [['c', 'd'], true, false]);
  });

  test('around a thread reply jumps to its root', async () => {
    const p = await page(`?around=${replies[1].id}&limit=3`);
    assert.deepEqual([p.bodies, p.before, p.after], [['t2', 't3', 't4'], true, true]);
    const q = await page(`?around=${replies[2].id}&limit=1`);
    assert.deepEqual(q.bodies, ['t10']);
  });

  test('around a message of another conversation or an unknown one: 404', async () => {
    const elsewhere = await send(bob, (await direct(bob, world.alpha.people.owner)).id, 'elsewhere');
    for (const id of [elsewhere.id, randomUUID()]) assertProblem(await ann.client.get(messagesUrl(c, `?around=${id}`)), 404, 'not_found', id);
  });

  test('a conversation without messages: an empty page, nothing before or after', async () => {
    const empty = (await direct(bob, bob)).id;
    for (const query of ['', '?before=10', '?after=0', '?after=10', '?limit=1']) {
      const answer = await bob.client.get(messagesUrl(empty, query));
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, { items: [], hasMoreBefore: false, hasMoreAfter: false }, query);
    }
  });
});
