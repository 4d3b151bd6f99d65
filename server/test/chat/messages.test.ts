// Messages end to end: sending (Markdown rendered and sanitised, mentions of
// members only), idempotent sends with a clientId (retried and concurrent),
// editing by the author, soft deletion by the author or an administrator,
// reactions, and the events each change appends to the conversation's stream.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, assertInert, linksTo, makeGroup } from '../feed/fixtures.ts';
import {
  assertConsecutive, assertNothingWritten, assertProblem, conversationEvents, deadlocksDuring, direct, groupChat, messagesUrl, messageUrl,
  read, send, storedEvents, streamHead,
} from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
let cat: Person;
let admin: Person;
/** ann, bob, cat and the instance administrator. */
let chat: string;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  admin = world.alpha.people.administrator;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
  cat = await addMember(h, world.alpha, 'cat@alpha.test', 'Cat');
  chat = (await groupChat(ann, [bob, cat, admin], 'Team')).id;
});
after(() => h.close());

const messageRows = async (where: string, params: unknown[]) =>
  (await h.owner.query(`SELECT id, seq::int, author_id, client_id, body, body_html, parent_id, deleted_at IS NOT NULL AS deleted FROM messages WHERE ${where} ORDER BY seq`, params)).rows;
const mentionRows = async (messageId: string) =>
  (await h.owner.query('SELECT user_id, seq::int FROM message_mentions WHERE message_id = $1 ORDER BY user_id', [messageId])).rows;
const react = (by: Person, conversationId: string, messageId: string, emoji: string, on = true) =>
  by.client.request(on ? 'PUT' : 'DELETE', messageUrl(conversationId, messageId, `/reactions/${emoji}`));
const historyOf = async (by: Person, conversationId: string) => {
  const answer = await by.client.get(messagesUrl(conversationId, '?limit=100'));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.items as any[];
};

describe('sending', () => {
  test('Markdown is rendered and sanitised, a member mention links to them; the row, and message.created carrying the message with its seq', async () => {
    const head = await streamHead(h, `conversation:${chat}`);
    const body = `**Hello** <@${bob.user.id}> <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>`;
    const answer = await ann.client.post(messagesUrl(chat), { body, clientId: 'first-1' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const m = answer.body;
    assertInert(m.html);
    assert.match(m.html, /^<p><strong>Hello<\/strong> <a href="[^"]+" class="mention">@Bob<\/a> /);
    assert.equal(linksTo(m.html, `/i/alpha/people/${bob.user.id}`).length, 1);
    assert.ok(m.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), m.html);
    assert.deepEqual({ ...m, id: undefined, createdAt: undefined, html: undefined }, {
      id: undefined, createdAt: undefined, html: undefined,
      conversationId: chat, seq: head + 1, clientId: 'first-1', author: { id: ann.user.id, displayName: 'alpha member' }, body,
      parentId: null, replyCount: 0, lastReplyAt: null, reactions: [], editedAt: null, deletedAt: null, attachments: [],
    });
    assert.deepEqual(await messageRows('id = $1', [m.id]), [{
      id: m.id, seq: m.seq, author_id: ann.user.id, client_id: 'first-1', body, body_html: m.html, parent_id: null, deleted: false,
    }]);
    const created = conversationEvents(h, chat).filter((e) => e.type === 'message.created' && (e.data as any).message.id === m.id);
    assert.deepEqual(created, [{ type: 'message.created', instanceId: world.alpha.instance.id, stream: `conversation:${chat}`, seq: m.seq, data: { message: m } }]);
    assert.equal(await streamHead(h, `conversation:${chat}`), m.seq);
  });

  test('mentions count for mentioned members only: not the author, not someone outside the conversation', async () => {
    const dan = world.alpha.people.owner;
    const before = await Promise.all([bob, ann, cat].map(async (p) => (await read(p, chat)).mentionCount));
    const m = await send(ann, chat, `<@${bob.user.id}> <@${ann.user.id}> <@${dan.user.id}> <@${bob.user.id}>`);
    assert.deepEqual(await mentionRows(m.id), [{ user_id: bob.user.id, seq: m.seq }]);
    const after = await Promise.all([bob, ann, cat].map(async (p) => (await read(p, chat)).mentionCount));
    assert.deepEqual(after, [before[0]! + 1, 0, 0]);
    // The owner is named in the text but is not told: the link is rendered, nothing is counted.
    assert.equal(linksTo(m.html, `/i/alpha/people/${dan.user.id}`).length, 1);
    assert.equal((await dan.client.get('/api/v1/i/alpha/conversations/unread')).body.mentions, 0);
  });

  test('a mention of someone outside the instance or unknown is 400 invalid_mention: no row, no event, the stream head stays', async () => {
    const head = await streamHead(h, `conversation:${chat}`);
    for (const id of [world.beta.people.member.user.id, randomUUID()]) {
      await assertNothingWritten(h, async () => {
        assertProblem(await ann.client.post(messagesUrl(chat), { body: `hi <@${id}>`, clientId: randomUUID() }), 400, 'invalid_mention');
      });
    }
    assert.equal(await streamHead(h, `conversation:${chat}`), head);
    // The next message takes the very next number: the refused ones left no gap.
    assert.equal((await send(ann, chat, 'after the refusals')).seq, head + 1);
  });

  test('a group mention links to a group the author can see; a secret group they are not in is 400 invalid_mention', async () => {
    const open = await makeGroup(bob, 'alpha', 'Open group', 'open');
    const secret = await makeGroup(world.alpha.people.owner, 'alpha', 'Hidden group', 'secret');
    const m = await send(ann, chat, `see <#${open}>`);
    assert.equal(m.html, `<p>see <a href="/i/alpha/groups/${open}" class="mention-group">#Open group</a></p>`);
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.post(messagesUrl(chat), { body: `see <#${secret}>` }), 400, 'invalid_mention');
    });
  });

  test('the longest body, 10,000 characters (an emoji counts as one), is kept whole', async () => {
    for (const body of ['x'.repeat(10_000), '🐝'.repeat(10_000)]) {
      const m = await send(ann, chat, body);
      assert.equal(m.body, body);
      assert.equal((await messageRows('id = $1', [m.id]))[0].body, body);
    }
  });

  test('without a clientId every send is a new message', async () => {
    const first = await ann.client.post(messagesUrl(chat), { body: 'same words' });
    const second = await ann.client.post(messagesUrl(chat), { body: 'same words' });
    assert.deepEqual([first.status, second.status], [201, 201]);
    assert.notEqual(first.body.id, second.body.id);
    assert.equal(first.body.clientId, null);
    assert.equal(second.body.seq, first.body.seq + 1);
  });
});

describe('idempotent sends', () => {
  test('the same clientId again: 200 with the first message, one row, one event, the head moved once', async () => {
    const clientId = `retry-${randomUUID()}`;
    const first = await ann.client.post(messagesUrl(chat), { body: 'once only', clientId });
    assert.equal(first.status, 201);
    const head = await streamHead(h, `conversation:${chat}`);
    await assertNothingWritten(h, async () => {
      // A retry returns the first message whatever it carries now.
      for (const retry of [{ body: 'once only', clientId }, { body: 'changed my mind', clientId }]) {
        const again = await ann.client.post(messagesUrl(chat), retry);
        assert.equal(again.status, 200, JSON.stringify(again.body));
        assert.deepEqual(again.body, first.body);
      }
    });
    assert.equal((await messageRows('conversation_id = $1 AND client_id = $2', [chat, clientId])).length, 1);
    assert.equal(await streamHead(h, `conversation:${chat}`), head);
    assert.equal(conversationEvents(h, chat).filter((e) => e.type === 'message.created' && (e.data as any).message.clientId === clientId).length, 1);
  });

  test('two sends with one clientId at the same moment: one 201, one 200, the same message, one row', async () => {
    for (let round = 0; round < 3; round++) {
      const clientId = `race-${round}-${randomUUID()}`;
      const answers = await Promise.all([1, 2, 3].map(() => ann.client.post(messagesUrl(chat), { body: 'racing', clientId })));
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 201], JSON.stringify(answers.map((a) => a.body)));
      assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
      assert.equal((await messageRows('conversation_id = $1 AND client_id = $2', [chat, clientId])).length, 1);
    }
    assertConsecutive(conversationEvents(h, chat), 'stream after racing sends');
  });

  test("a clientId belongs to its author and conversation: bob's same clientId, or ann's in another conversation, is a new message", async () => {
    const clientId = `shared-${randomUUID()}`;
    const mine = await send(ann, chat, 'from ann', { clientId });
    const bobs = await send(bob, chat, 'from bob', { clientId });
    const elsewhere = await send(ann, (await direct(ann, bob)).id, 'in private', { clientId });
    assert.equal(new Set([mine.id, bobs.id, elsewhere.id]).size, 3);
  });

  test('concurrent sends with different clientIds all land, numbered without gaps', async () => {
    const c = await direct(ann, cat);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? ann : cat).client.post(messagesUrl(c.id), { body: `n${i}`, clientId: `c${i}` })));
    assert.deepEqual(answers.map((a) => a.status), Array(8).fill(201));
    const history = await historyOf(ann, c.id);
    assert.equal(history.length, 8);
    const seqs = history.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assertConsecutive(conversationEvents(h, c.id), 'concurrent sends');
    assert.deepEqual(await storedEvents(h, `conversation:${c.id}`), conversationEvents(h, c.id).map((e) => [e.seq, e.type]));
  });
});

describe('editing', () => {
  test('the author edits: 200 with the new text and editedAt, message.updated; the same text again changes nothing', async () => {
    const m = await send(ann, chat, 'first *draft*');
    const edited = await ann.client.patch(messageUrl(chat, m.id), { body: 'second **draft**' });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.body, 'second **draft**');
    assert.equal(edited.body.html, '<p>second <strong>draft</strong></p>');
    assert.equal(edited.body.seq, m.seq);
    assert.ok(Date.parse(edited.body.editedAt) >= Date.parse(m.createdAt));
    const updates = conversationEvents(h, chat).filter((e) => e.type === 'message.updated' && (e.data as any).message.id === m.id);
    assert.deepEqual(updates.map((e) => e.data), [{ message: edited.body }]);
    assert.deepEqual((await messageRows('id = $1', [m.id]))[0].body, 'second **draft**');
    await assertNothingWritten(h, async () => {
      const same = await ann.client.patch(messageUrl(chat, m.id), { body: 'second **draft**' });
      assert.equal(same.status, 200);
      assert.deepEqual(same.body, edited.body);
    });
  });

  test('nobody else edits: another member or an administrator 403, someone outside 404; the text stays', async () => {
    const m = await send(ann, chat, 'mine');
    await assertNothingWritten(h, async () => {
      assertProblem(await bob.client.patch(messageUrl(chat, m.id), { body: 'hijacked' }), 403, 'forbidden');
      assertProblem(await admin.client.patch(messageUrl(chat, m.id), { body: 'moderated' }), 403, 'forbidden');
      assertProblem(await world.alpha.people.owner.client.patch(messageUrl(chat, m.id), { body: 'owned' }), 404, 'not_found');
    });
  });

  test('an edit that adds a mention counts it, one that removes it takes it back', async () => {
    const m = await send(bob, chat, 'no one yet');
    await ann.client.post(`/api/v1/i/alpha/conversations/${chat}/read`, { seq: m.seq - 1 });
    const before = (await read(ann, chat)).mentionCount;
    assert.equal((await bob.client.patch(messageUrl(chat, m.id), { body: `now <@${ann.user.id}>` })).status, 200);
    assert.deepEqual(await mentionRows(m.id), [{ user_id: ann.user.id, seq: m.seq }]);
    assert.equal((await read(ann, chat)).mentionCount, before + 1);
    assert.equal((await bob.client.patch(messageUrl(chat, m.id), { body: 'never mind' })).status, 200);
    assert.deepEqual(await mentionRows(m.id), []);
    assert.equal((await read(ann, chat)).mentionCount, before);
  });
});

describe('deleting', () => {
  test('the author deletes: 204, text and mentions gone, deletedAt set, it keeps its place in history, reactions hidden; message.updated', async () => {
    const kept = await send(bob, chat, 'before');
    const m = await send(ann, chat, `secret for <@${bob.user.id}>`);
    assert.equal((await react(bob, chat, m.id, 'like')).status, 204);
    const gone = await ann.client.delete(messageUrl(chat, m.id));
    assert.equal(gone.status, 204, JSON.stringify(gone.body));
    const history = await historyOf(cat, chat);
    const shown = history.find((x) => x.id === m.id);
    assert.deepEqual({ ...shown, deletedAt: undefined }, { ...m, body: '', html: '', reactions: [], deletedAt: undefined });
    assert.ok(Date.parse(shown.deletedAt) >= Date.parse(m.createdAt));
    assert.equal(history.indexOf(shown), history.findIndex((x) => x.id === kept.id) + 1);
    assert.deepEqual(await messageRows('id = $1', [m.id]), [{
      id: m.id, seq: m.seq, author_id: ann.user.id, client_id: m.clientId, body: '', body_html: '', parent_id: null, deleted: true,
    }]);
    assert.deepEqual(await mentionRows(m.id), []);
    const updated = conversationEvents(h, chat).filter((e) => e.type === 'message.updated' && (e.data as any).message.id === m.id).at(-1)!;
    assert.deepEqual(updated.data, { message: shown });
    // Deleting it again is done already.
    await assertNothingWritten(h, async () => {
      assert.equal((await ann.client.delete(messageUrl(chat, m.id))).status, 204);
    });
  });

  test('two deletions at the same moment: both 204, one message.updated', async () => {
    const m = await send(ann, chat, 'delete me twice');
    const answers = await Promise.all([ann.client.delete(messageUrl(chat, m.id)), admin.client.delete(messageUrl(chat, m.id))]);
    assert.deepEqual(answers.map((a) => a.status), [204, 204]);
    const updates = conversationEvents(h, chat).filter((e) => e.type === 'message.updated' && (e.data as any).message.id === m.id);
    assert.equal(updates.length, 1);
  });

  test('an administrator in the conversation deletes anyone’s message; another member 403; an administrator outside it 404', async () => {
    const m = await send(bob, chat, 'off-topic');
    await assertNothingWritten(h, async () => {
      assertProblem(await cat.client.delete(messageUrl(chat, m.id)), 403, 'forbidden');
      assertProblem(await world.alpha.people.owner.client.delete(messageUrl(chat, m.id)), 404, 'not_found');
    });
    assert.equal((await admin.client.delete(messageUrl(chat, m.id))).status, 204);
    assert.equal((await messageRows('id = $1', [m.id]))[0].deleted, true);
    // The owner moderates too, in a conversation they are in.
    const c = await groupChat(world.alpha.people.owner, [bob]);
    const n = await send(bob, c.id, 'spam');
    assert.equal((await world.alpha.people.owner.client.delete(messageUrl(c.id, n.id))).status, 204);
  });

  test('a deleted message cannot be edited (403), reacted to (404) or replied to (400 invalid_parent)', async () => {
    const m = await send(ann, chat, 'short-lived');
    assert.equal((await ann.client.delete(messageUrl(chat, m.id))).status, 204);
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.patch(messageUrl(chat, m.id), { body: 'resurrected' }), 403, 'forbidden');
      assertProblem(await react(bob, chat, m.id, 'like'), 404, 'not_found');
      assertProblem(await bob.client.post(messagesUrl(chat), { body: 'reply', parentId: m.id }), 400, 'invalid_parent');
    });
  });
});

describe('reactions', () => {
  test('PUT adds once, DELETE takes back once; userIds in order of reaction; message.updated only on a change', async () => {
    const m = await send(ann, chat, 'react to me');
    const updates = () => conversationEvents(h, chat).filter((e) => e.type === 'message.updated' && (e.data as any).message.id === m.id);
    assert.equal((await react(bob, chat, m.id, 'like')).status, 204);
    assert.equal((await react(cat, chat, m.id, 'like')).status, 204);
    assert.equal((await react(cat, chat, m.id, 'eyes')).status, 204);
    await assertNothingWritten(h, async () => {
      assert.equal((await react(bob, chat, m.id, 'like')).status, 204);
      assert.equal((await react(ann, chat, m.id, 'sad', false)).status, 204);
    });
    const expected = [{ emoji: 'like', userIds: [bob.user.id, cat.user.id] }, { emoji: 'eyes', userIds: [cat.user.id] }];
    assert.deepEqual((await historyOf(ann, chat)).find((x) => x.id === m.id).reactions, expected);
    assert.deepEqual((updates().at(-1)!.data as any).message.reactions, expected);
    assert.equal(updates().length, 3);
    assert.equal((await react(bob, chat, m.id, 'like', false)).status, 204);
    await assertNothingWritten(h, async () => {
      assert.equal((await react(bob, chat, m.id, 'like', false)).status, 204);
    });
    assert.deepEqual((updates().at(-1)!.data as any).message.reactions, [{ emoji: 'like', userIds: [cat.user.id] }, { emoji: 'eyes', userIds: [cat.user.id] }]);
    const { rows } = await h.owner.query('SELECT user_id, emoji FROM message_reactions WHERE message_id = $1 ORDER BY created_at', [m.id]);
    assert.deepEqual(rows, [{ user_id: cat.user.id, emoji: 'like' }, { user_id: cat.user.id, emoji: 'eyes' }]);
  });

  test('an unknown emoji is 400, a message of another conversation 404', async () => {
    const m = await send(ann, chat, 'emoji test');
    const other = await direct(ann, bob);
    await assertNothingWritten(h, async () => {
      assertProblem(await react(bob, chat, m.id, 'poop'), 400, 'validation_failed');
      assertProblem(await react(bob, chat, m.id, '%F0%9F%91%8D'), 400, 'validation_failed');
      assertProblem(await react(bob, other.id, m.id, 'like'), 404, 'not_found');
    });
  });
});

describe('concurrent changes', () => {
  /** Runs `rounds` pairs of requests at the same moment; each must succeed. */
  async function together(rounds: number, pair: (i: number) => [Promise<{ status: number; body: any }>, Promise<{ status: number; body: any }>]) {
    for (let i = 0; i < rounds; i++) {
      const answers = await Promise.all(pair(i));
      for (const answer of answers) assert.ok(answer.status < 300, `round ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }

  test('editing a message while someone replies to it, marking read while sending, renaming while sending: no deadlock', async () => {
    const c = (await groupChat(ann, [bob], 'Busy')).id;
    const root = await send(ann, c, 'root');
    const deadlocks = await deadlocksDuring(async () => {
      await together(6, (i) => [
        ann.client.patch(messageUrl(c, root.id), { body: `edit ${i}` }),
        bob.client.post(messagesUrl(c), { body: `reply ${i}`, parentId: root.id }),
      ]);
      await together(6, (i) => [
        ann.client.post(`/api/v1/i/alpha/conversations/${c}/read`, { seq: root.seq + i }),
        ann.client.post(messagesUrl(c), { body: `send ${i}` }),
      ]);
      await together(6, (i) => [
        bob.client.patch(`/api/v1/i/alpha/conversations/${c}`, { title: `Busy ${i}` }),
        ann.client.post(messagesUrl(c), { body: `more ${i}` }),
      ]);
    });
    assert.equal(deadlocks, 0);
    assert.equal((await messageRows('id = $1', [root.id]))[0].body, 'edit 5');
    assert.equal((await ann.client.get(messageUrl(c, root.id, '/thread'))).body.root.replyCount, 6);
    assertConsecutive(conversationEvents(h, c), 'busy stream');
  });
});

describe('the stream', () => {
  test("every change is one event, numbered 1, 2, 3… as stored; the published events are the stored ones", async () => {
    const events = conversationEvents(h, chat);
    assertConsecutive(events, 'team stream');
    assert.deepEqual(await storedEvents(h, `conversation:${chat}`), events.map((e) => [e.seq, e.type]));
    const { rows } = await h.owner.query('SELECT seq::int, data FROM stream_events WHERE stream = $1 ORDER BY seq', [`conversation:${chat}`]);
    assert.deepEqual(rows.map((r) => r.data), events.map((e) => e.data));
    // Each message's seq is its message.created event's.
    const created = events.filter((e) => e.type === 'message.created').map((e) => [e.seq, (e.data as any).message.seq]);
    assert.ok(created.length > 10);
    for (const [eventSeq, messageSeq] of created) assert.equal(eventSeq, messageSeq);
  });
});
