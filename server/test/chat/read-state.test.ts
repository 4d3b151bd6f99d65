// Read state: unread and mention counts (per conversation, and the badge
// totals), read markers that only move forward and never past the stream's
// head, read receipts up to 20 members, and my conversation list: ordered by
// last activity, paged with a cursor, with its last message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, makeGroup } from '../feed/fixtures.ts';
import {
  api, assertNothingWritten, assertProblem, conversationEvents, conversationUrl, crowd, direct, groupChat, inboxEvents, joinAs,
  messageUrl, read, room, send, streamHead,
} from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
let cat: Person;
let dan: Person;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
  cat = await addMember(h, world.alpha, 'cat@alpha.test', 'Cat');
  dan = await addMember(h, world.alpha, 'dan@alpha.test', 'Dan');
});
after(() => h.close());

const markRead = (by: Person, conversationId: string, seq: number) => by.client.post(conversationUrl(conversationId, '/read'), { seq });
const counts = async (by: Person, conversationId: string) => {
  const c = await read(by, conversationId);
  return { unread: c.unreadCount, mentions: c.mentionCount, readSeq: c.readSeq };
};
const badge = async (by: Person) => {
  const answer = await by.client.get(`${api()}/conversations/unread`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
};
const list = async (by: Person, query = '') => {
  const answer = await by.client.get(`${api()}/conversations${query}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
};

describe('unread and mention counts', () => {
  test("others' messages after my marker are unread; my own never; deleted messages and thread replies do not count", async () => {
    const c = (await groupChat(ann, [bob, cat])).id;
    const [b1, b2, b3] = [await send(bob, c, 'one'), await send(bob, c, 'two'), await send(bob, c, 'three')];
    assert.deepEqual(await counts(ann, c), { unread: 3, mentions: 0, readSeq: 0 });
    assert.deepEqual(await counts(bob, c), { unread: 0, mentions: 0, readSeq: b3.seq });
    assert.equal((await bob.client.delete(messageUrl(c, b2.id))).status, 204);
    await send(bob, c, 'in a thread', { parentId: b1.id });
    assert.equal((await counts(ann, c)).unread, 2);
    // Sending reads what came before.
    const mine = await send(ann, c, 'answer');
    assert.deepEqual(await counts(ann, c), { unread: 0, mentions: 0, readSeq: mine.seq });
    assert.deepEqual(await counts(cat, c), { unread: 3, mentions: 0, readSeq: 0 });
    const inList = (await list(cat)).items.find((x: any) => x.id === c);
    assert.deepEqual([inList.unreadCount, inList.mentionCount, inList.lastMessage.id], [3, 0, mine.id]);
  });

  test('mentions count until read past them; a mention in a thread reply is cleared by reading up to the reply', async () => {
    const c = (await groupChat(bob, [dan])).id;
    const plain = await send(bob, c, 'hello');
    const m = await send(bob, c, `ping <@${dan.user.id}>`);
    const reply = await send(bob, c, `in the thread <@${dan.user.id}>`, { parentId: plain.id });
    assert.deepEqual(await counts(dan, c), { unread: 2, mentions: 2, readSeq: 0 });
    assert.equal((await markRead(dan, c, m.seq - 1)).status, 204);
    assert.deepEqual(await counts(dan, c), { unread: 1, mentions: 2, readSeq: m.seq - 1 });
    assert.equal((await markRead(dan, c, m.seq)).status, 204);
    assert.deepEqual(await counts(dan, c), { unread: 0, mentions: 1, readSeq: m.seq });
    assert.equal((await markRead(dan, c, reply.seq)).status, 204);
    assert.deepEqual(await counts(dan, c), { unread: 0, mentions: 0, readSeq: reply.seq });
  });

  test('the badge: how many conversations have unread messages, and all unread mentions', async () => {
    const before = await badge(cat);
    const one = (await direct(bob, cat)).id;
    const two = (await groupChat(dan, [cat])).id;
    await send(bob, one, `hi <@${cat.user.id}>`);
    await send(bob, one, 'are you there?');
    await send(dan, two, `<@${cat.user.id}> <@${cat.user.id}> look`);
    await send(dan, two, `<@${cat.user.id}> again`);
    assert.deepEqual(await badge(cat), { conversations: before.conversations + 2, mentions: before.mentions + 3 });
    assert.equal((await markRead(cat, one, 1_000_000)).status, 204);
    assert.deepEqual(await badge(cat), { conversations: before.conversations + 1, mentions: before.mentions + 2 });
    // A message to myself is never unread.
    await send(cat, one, `note <@${cat.user.id}>`);
    assert.deepEqual(await badge(cat), { conversations: before.conversations + 1, mentions: before.mentions + 2 });
  });
});

describe('read markers', () => {
  test('forward only: 204 each time, a step back or in place changes nothing and publishes nothing', async () => {
    const c = (await direct(ann, dan)).id;
    for (const body of ['a', 'b', 'c']) await send(ann, c, body);
    const head = await streamHead(h, `conversation:${c}`);
    const inboxHead = await streamHead(h, `inbox:${dan.user.id}`);
    const mark = h.events.length;
    assert.equal((await markRead(dan, c, 2)).status, 204);
    assert.deepEqual(h.events.slice(mark).map((e) => [e.stream, e.type, e.seq, e.data]), [
      [`inbox:${dan.user.id}`, 'conversation.read', inboxHead + 1, { conversationId: c, userId: dan.user.id, seq: 2 }],
      [`conversation:${c}`, 'conversation.read', head + 1, { conversationId: c, userId: dan.user.id, seq: 2 }],
    ]);
    await assertNothingWritten(h, async () => {
      for (const seq of [1, 2, 0]) assert.equal((await markRead(dan, c, seq)).status, 204);
    });
    assert.equal((await counts(dan, c)).readSeq, 2);
    const receipts = (await read(ann, c)).receipts;
    assert.deepEqual(receipts.find((r: any) => r.userId === dan.user.id), { userId: dan.user.id, seq: 2 });
  });

  test('a marker past the head stops at the head: everything is read, and a later message is unread again', async () => {
    const c = (await direct(bob, dan)).id;
    await send(bob, c, 'first');
    const head = await streamHead(h, `conversation:${c}`);
    assert.equal((await markRead(dan, c, Number.MAX_SAFE_INTEGER)).status, 204);
    assert.deepEqual(await counts(dan, c), { unread: 0, mentions: 0, readSeq: head });
    assert.equal((inboxEvents(h, dan.user.id).at(-1)!.data as any).seq, head);
    const later = await send(bob, c, 'second');
    assert.deepEqual(await counts(dan, c), { unread: 1, mentions: 0, readSeq: head });
    assert.ok(later.seq > head);
  });

  test('receipts: every member’s marker in a conversation of up to 20; none above, and no conversation.read on its stream', async () => {
    const lead = await addMember(h, world.alpha, 'lead@alpha.test', 'Lead');
    const groupId = await makeGroup(lead, 'alpha', 'Big group', 'open');
    const r = await room(lead, groupId);
    const people = await crowd(h, world.alpha, 'reader', 20);
    for (const id of people.slice(0, 19)) await joinAs(h, world.alpha, id, groupId);
    const twenty = await read(lead, r.id);
    assert.equal(twenty.memberCount, 20);
    assert.equal(twenty.receipts.length, 20);
    assert.deepEqual(twenty.receipts.find((x: any) => x.userId === people[0]), { userId: people[0], seq: 0 });
    await joinAs(h, world.alpha, people[19]!, groupId);
    const big = await read(lead, r.id);
    assert.deepEqual([big.memberCount, big.members.length, big.receipts], [21, 20, null]);
    // lead reads someone's message: lead's other devices are told, the room is not.
    assertProblem(await ann.client.post(conversationUrl(r.id, '/messages'), { body: 'not in the group yet' }), 404, 'not_found');
    await joinAs(h, world.alpha, ann.user.id, groupId);
    const hello = await send(ann, r.id, 'hello room');
    const mark = h.events.length;
    assert.equal((await markRead(lead, r.id, hello.seq)).status, 204);
    assert.deepEqual(h.events.slice(mark).map((e) => [e.stream, e.type]), [[`inbox:${lead.user.id}`, 'conversation.read']]);
    assert.equal(conversationEvents(h, r.id).filter((e) => e.type === 'conversation.read').length, 0);
  });
});

describe('my conversation list', () => {
  test('most recent activity first (a message or a thread reply moves a conversation up), paged with a cursor, each page complete', async () => {
    const eve = await addMember(h, world.alpha, 'eve@alpha.test', 'Eve');
    const made: string[] = [];
    for (const other of [ann, bob, cat, dan]) made.push((await direct(eve, other)).id);
    made.push((await groupChat(eve, [ann, bob], 'Five')).id);
    const order = async () => (await list(eve, '?limit=100')).items.map((c: any) => c.id);
    assert.deepEqual(await order(), [...made].reverse());
    const root = await send(ann, made[0]!, 'wake up');
    assert.deepEqual((await order())[0], made[0]);
    await send(cat, made[2]!, 'me too');
    assert.deepEqual((await order()).slice(0, 2), [made[2], made[0]]);
    await send(ann, made[0]!, 'a reply', { parentId: root.id });
    const expected = [made[0], made[2], made[4], made[3], made[1]];
    assert.deepEqual(await order(), expected);

    const pages: string[][] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: any = await list(eve, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.items.map((c: any) => c.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(pages, [expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);
    const exact = await list(eve, '?limit=5');
    assert.equal(exact.nextCursor, null);
    const first = (await list(eve)).items[0];
    assert.deepEqual([first.lastMessage.id, first.lastMessage.body, first.unreadCount], [root.id, 'wake up', 1]);
  });

  test('a conversation I left is not listed; an unusable cursor is 400 invalid_cursor', async () => {
    const c = (await groupChat(dan, [bob], 'Short-lived')).id;
    assert.equal((await dan.client.delete(conversationUrl(c, '/members/me'))).status, 204);
    assert.ok(!(await list(dan, '?limit=100')).items.some((x: any) => x.id === c));
    assert.ok((await list(bob, '?limit=100')).items.some((x: any) => x.id === c));
    const forged = Buffer.from(JSON.stringify(['soon', 'not-a-uuid'])).toString('base64url');
    for (const cursor of ['garbage', forged, Buffer.from('[1.5,"00000000-0000-0000-0000-000000000000"]').toString('base64url')]) {
      assertProblem(await dan.client.get(`${api()}/conversations?cursor=${cursor}`), 400, 'invalid_cursor', cursor);
    }
  });
});
