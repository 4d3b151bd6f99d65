// Conversations end to end: direct ones (one per pair, note to self, only
// with active members of the same instance), group ones (title, adding
// people, leaving, the 50-people cap, renaming), what direct conversations
// refuse, and the events each change appends to the streams.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { exampleFor } from '../support/examples.ts';
import { linkIn } from '../support/smtp.ts';
import { addMember } from '../feed/fixtures.ts';
import {
  api, assertNothingWritten, assertProblem, conversationEvents, conversationUrl, crowd, deadlocksDuring, direct, groupChat, inboxEvents, messagesUrl,
  messageUrl, read, send,
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

const sorted = (ids: string[]) => [...ids].sort();
const idsOf = (people: Person[]) => sorted(people.map((p) => p.user.id));
const memberRows = async (conversationId: string) =>
  (await h.owner.query('SELECT user_id, left_at IS NOT NULL AS "left" FROM conversation_members WHERE conversation_id = $1 ORDER BY user_id', [conversationId])).rows;
const addPeople = (by: Person, conversationId: string, userIds: string[]) => by.client.post(conversationUrl(conversationId, '/members'), { userIds });

describe('direct conversations', () => {
  test('the first open creates it (201), later opens from either side return it (200); both members get conversation.added once', async () => {
    const first = await ann.client.post(`${api()}/conversations`, { kind: 'direct', userId: bob.user.id });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const c = first.body;
    assert.deepEqual({ ...c, id: undefined, createdAt: undefined, lastActivityAt: undefined, members: undefined, receipts: undefined }, {
      id: undefined, createdAt: undefined, lastActivityAt: undefined, members: undefined, receipts: undefined,
      kind: 'direct', title: null, group: null, memberCount: 2, lastSeq: 0, readSeq: 0, unreadCount: 0, mentionCount: 0, lastMessage: null,
    });
    assert.deepEqual(sorted(c.members.map((m: any) => m.id)), idsOf([ann, bob]));
    assert.deepEqual(c.members.find((m: any) => m.id === bob.user.id), { id: bob.user.id, displayName: 'Bob' });
    assert.deepEqual(sorted(c.receipts.map((r: any) => `${r.userId}:${r.seq}`)), idsOf([ann, bob]).map((id) => `${id}:0`));

    for (const [who, other] of [[ann, bob], [bob, ann]] as const) {
      const again = await who.client.post(`${api()}/conversations`, { kind: 'direct', userId: other.user.id });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.id, c.id);
    }
    const { rows } = await h.owner.query('SELECT kind, direct_key, instance_id FROM conversations WHERE id = $1', [c.id]);
    assert.deepEqual(rows, [{ kind: 'direct', direct_key: idsOf([ann, bob]).join(':'), instance_id: world.alpha.instance.id }]);
    assert.deepEqual(await memberRows(c.id), idsOf([ann, bob]).map((user_id) => ({ user_id, left: false })));
    for (const p of [ann, bob]) {
      assert.deepEqual(inboxEvents(h, p.user.id).filter((e) => e.type === 'conversation.added' && (e.data as any).conversationId === c.id).map((e) => e.data),
        [{ conversationId: c.id }]);
    }
    assert.equal((await read(bob, c.id)).id, c.id);
  });

  test('a note to self: one member, 201 then 200, its own conversation', async () => {
    const first = await dan.client.post(`${api()}/conversations`, { kind: 'direct', userId: dan.user.id });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.memberCount, 1);
    assert.deepEqual(first.body.members, [{ id: dan.user.id, displayName: 'Dan' }]);
    const again = await dan.client.post(`${api()}/conversations`, { kind: 'direct', userId: dan.user.id });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    const note = await send(dan, first.body.id, 'remember the milk');
    assert.equal(note.seq, 1);
    assert.equal((await read(dan, first.body.id)).unreadCount, 0);
    assert.equal((await dan.client.get(conversationUrl(first.body.id))).status, 200);
    assert.equal((await ann.client.get(conversationUrl(first.body.id))).status, 404);
  });

  test('two opens at the same moment make one conversation: one 201 and one 200 with the same id', async () => {
    const [a, b] = await Promise.all([
      cat.client.post(`${api()}/conversations`, { kind: 'direct', userId: dan.user.id }),
      dan.client.post(`${api()}/conversations`, { kind: 'direct', userId: cat.user.id }),
    ]);
    assert.deepEqual(sorted([String(a.status), String(b.status)]), ['200', '201'], JSON.stringify([a.body, b.body]));
    assert.equal(a.body.id, b.body.id);
    const { rows } = await h.owner.query('SELECT count(*)::int AS n FROM conversations WHERE direct_key = $1', [idsOf([cat, dan]).join(':')]);
    assert.equal(rows[0].n, 1);
    assert.equal(inboxEvents(h, cat.user.id).filter((e) => e.type === 'conversation.added' && (e.data as any).conversationId === a.body.id).length, 1);
  });

  test("with someone who is not an active member here: 404 not_found, nothing written", async () => {
    const eve = await addMember(h, world.alpha, 'eve@alpha.test', 'Eve');
    const disabled = await world.alpha.people.administrator.client.patch(`${api()}/members/${eve.user.id}`, { status: 'disabled' });
    assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
    for (const userId of [world.beta.people.member.user.id, world.beta.people.owner.user.id, randomUUID(), eve.user.id]) {
      await assertNothingWritten(h, async () => {
        assertProblem(await ann.client.post(`${api()}/conversations`, { kind: 'direct', userId }), 404, 'not_found', userId);
      });
    }
  });

  test('someone removed from the instance and invited back finds their direct conversation again, from either side', async () => {
    const gus = await addMember(h, world.alpha, 'gus@alpha.test', 'Gus');
    const c = await direct(ann, gus);
    await send(ann, c.id, 'before you left');
    const admin = world.alpha.people.administrator;
    assert.equal((await admin.client.delete(`${api()}/members/${gus.user.id}`)).status, 204);
    assert.deepEqual((await memberRows(c.id)).map((r: any) => r.user_id), [ann.user.id]);
    const invited = await admin.client.post(`${api()}/invitations`, { email: 'gus@alpha.test', role: 'member' });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    await h.mail.waitFor('gus@alpha.test', () => h.mail.received.filter((m) => m.to.includes('gus@alpha.test')).length > 0);
    const token = linkIn(h.mail.received.filter((m) => m.to.includes('gus@alpha.test')).at(-1)!).searchParams.get('token')!;
    assert.equal((await gus.client.post(`${api()}/invitations/accept`, { token })).status, 200);

    const mark = h.events.length;
    const again = await gus.client.post(`${api()}/conversations`, { kind: 'direct', userId: ann.user.id });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual([again.body.id, again.body.memberCount], [c.id, 2]);
    assert.deepEqual(h.events.slice(mark).map((e) => [e.stream, e.type]), [[`inbox:${gus.user.id}`, 'conversation.added']]);
    assert.deepEqual((await gus.client.get(messagesUrl(c.id))).body.items.map((m: any) => m.body), ['before you left']);
    const fromAnn = await direct(ann, gus);
    assert.deepEqual([fromAnn.id, fromAnn.memberCount], [c.id, 2]);
  });

  test('outsiders: another member, and members of other instances on either path, get 404 on every route', async () => {
    const c = await direct(ann, bob);
    const m = await send(ann, c.id, 'private');
    const attempts: Array<[Person, string]> = [[cat, 'alpha'], [world.beta.people.owner, 'beta'], [world.beta.people.owner, 'alpha']];
    for (const [who, slug] of attempts) {
      const base = conversationUrl(c.id, '', slug);
      await assertNothingWritten(h, async () => {
        const answers = await Promise.all([
          who.client.get(base),
          who.client.get(`${base}/messages`),
          who.client.get(`${base}/messages/${m.id}/thread`),
          who.client.post(`${base}/messages`, { body: 'intrusion', clientId: 'x1' }),
          who.client.patch(`${base}/messages/${m.id}`, { body: 'hijacked' }),
          who.client.delete(`${base}/messages/${m.id}`),
          who.client.request('PUT', `${base}/messages/${m.id}/reactions/like`),
          who.client.post(`${base}/read`, { seq: 1 }),
          who.client.patch(base, { title: 'mine now' }),
          who.client.post(`${base}/members`, { userIds: [who.user.id] }),
          who.client.delete(`${base}/members/me`),
        ]);
        for (const answer of answers) assert.equal(answer.status, 404, `${who.email} on ${slug}: ${JSON.stringify(answer.body)}`);
      });
    }
  });

  test('every conversation route of the OpenAPI document answers an outsider exactly as for a conversation that does not exist', async () => {
    const c = await direct(ann, bob);
    const m = await send(bob, c.id, 'for our eyes');
    const doc = (await ann.client.get('/api/v1/openapi.json')).body;
    const operations = Object.entries<any>(doc.paths).filter(([path]) => path.startsWith('/api/v1/i/{slug}/conversations/{conversationId}'))
      .flatMap(([path, item]) => Object.entries<any>(item).map(([method, op]) =>
        ({ method: method.toUpperCase(), path, body: op.requestBody?.content?.['application/json']?.schema })));
    assert.ok(operations.length >= 12, `${operations.length} conversation routes documented`);
    await assertNothingWritten(h, async () => {
      for (const op of operations) {
        const payload = op.body ? exampleFor(op.body, { userIds: [cat.user.id] }) : ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined;
        const at = (conversationId: string) => op.path.replace('{slug}', 'alpha').replace('{conversationId}', conversationId)
          .replace('{messageId}', m.id).replace('{emoji}', 'like');
        const found = await cat.client.request(op.method, at(c.id), payload);
        const missing = await cat.client.request(op.method, at(randomUUID()), payload);
        assert.equal(found.status, 404, `${op.method} ${op.path}: ${JSON.stringify(found.body)}`);
        assert.deepEqual(found.body, missing.body, `${op.method} ${op.path}`);
      }
    });
  });

  test('cannot be renamed, left or added to: 403 forbidden, nothing written', async () => {
    const c = await direct(ann, bob);
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.patch(conversationUrl(c.id), { title: 'Us' }), 403, 'forbidden');
      assertProblem(await ann.client.delete(conversationUrl(c.id, '/members/me')), 403, 'forbidden');
      assertProblem(await addPeople(ann, c.id, [cat.user.id]), 403, 'forbidden');
    });
  });
});

describe('group conversations', () => {
  test('created with a trimmed title: 201, the creator among the members, conversation.added on every inbox', async () => {
    const c = await groupChat(ann, [bob, cat], '  Weekend trip  ');
    assert.equal(c.kind, 'group');
    assert.equal(c.title, 'Weekend trip');
    assert.equal(c.memberCount, 3);
    assert.deepEqual(sorted(c.members.map((m: any) => m.id)), idsOf([ann, bob, cat]));
    assert.deepEqual(await memberRows(c.id), idsOf([ann, bob, cat]).map((user_id) => ({ user_id, left: false })));
    for (const p of [ann, bob, cat]) {
      assert.equal(inboxEvents(h, p.user.id).filter((e) => e.type === 'conversation.added' && (e.data as any).conversationId === c.id).length, 1);
    }
    assert.equal(inboxEvents(h, dan.user.id).filter((e) => (e.data as any).conversationId === c.id).length, 0);
    // Group conversations are never merged: the same people again make a second one.
    const second = await groupChat(ann, [bob, cat]);
    assert.notEqual(second.id, c.id);
    assert.equal(second.title, null);
  });

  test('two people starting conversations with each other at the same moment: no deadlock on their inboxes', async () => {
    const deadlocks = await deadlocksDuring(async () => {
      for (let i = 0; i < 6; i++) {
        const answers = await Promise.all([
          bob.client.post(`${api()}/conversations`, { kind: 'group', userIds: [cat.user.id, dan.user.id] }),
          cat.client.post(`${api()}/conversations`, { kind: 'group', userIds: [dan.user.id, bob.user.id] }),
          dan.client.post(`${api()}/conversations`, { kind: 'group', userIds: [bob.user.id, cat.user.id] }),
        ]);
        assert.deepEqual(answers.map((a) => a.status), [201, 201, 201], JSON.stringify(answers.map((a) => a.body)));
      }
    });
    assert.equal(deadlocks, 0);
  });

  test('the creator named among the people, or alone, is counted once', async () => {
    const withMe = await groupChat(ann, [ann, bob]);
    assert.equal(withMe.memberCount, 2);
    const alone = await groupChat(ann, [ann], 'Just me');
    assert.equal(alone.memberCount, 1);
  });

  test('renaming: 200 with the title, conversation.updated on its stream; the old title is gone', async () => {
    const c = await groupChat(ann, [bob], 'Old name');
    const renamed = await bob.client.patch(conversationUrl(c.id), { title: ' New name ' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.title, 'New name');
    assert.equal((await read(ann, c.id)).title, 'New name');
    const updates = conversationEvents(h, c.id).filter((e) => e.type === 'conversation.updated');
    assert.deepEqual(updates.map((e) => [e.seq, e.data]), [[1, { conversationId: c.id }]]);
  });

  test('adding people: 200 with the conversation, they read the history, conversation.updated on the stream and conversation.added to the newcomers only', async () => {
    const c = await groupChat(ann, [bob]);
    await send(ann, c.id, 'before cat arrived');
    const mark = h.events.length;
    const added = await addPeople(bob, c.id, [cat.user.id]);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual([added.body.id, added.body.memberCount, sorted(added.body.members.map((m: any) => m.id))], [c.id, 3, idsOf([ann, bob, cat])]);
    const history = await cat.client.get(messagesUrl(c.id));
    assert.equal(history.status, 200);
    assert.deepEqual(history.body.items.map((m: any) => m.body), ['before cat arrived']);
    assert.equal((await read(cat, c.id)).memberCount, 3);
    const published = h.events.slice(mark);
    assert.deepEqual(published.map((e) => [e.stream, e.type, e.data]), [
      [`conversation:${c.id}`, 'conversation.updated', { conversationId: c.id }],
      [`inbox:${cat.user.id}`, 'conversation.added', { conversationId: c.id }],
    ]);
    // Adding current members again changes nothing.
    await assertNothingWritten(h, async () => {
      assert.equal((await addPeople(ann, c.id, [bob.user.id, cat.user.id])).status, 200);
    });
  });

  test("adding someone from another instance, or an unknown id: 404, nobody is added", async () => {
    const c = await groupChat(ann, [bob]);
    for (const userIds of [[world.beta.people.member.user.id], [cat.user.id, randomUUID()]]) {
      await assertNothingWritten(h, async () => {
        assertProblem(await addPeople(ann, c.id, userIds), 404, 'not_found');
      });
    }
  });

  test('a disabled member does not stop the others from adding people', async () => {
    const fay = await addMember(h, world.alpha, 'fay@alpha.test', 'Fay');
    const c = await groupChat(ann, [bob, fay]);
    const disabled = await world.alpha.people.administrator.client.patch(`${api()}/members/${fay.user.id}`, { status: 'disabled' });
    assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
    const added = await addPeople(ann, c.id, [cat.user.id]);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.ok((await memberRows(c.id)).some((r: any) => r.user_id === cat.user.id && !r.left));
  });

  test('leaving: 204, then 404 on every read and write, conversation.removed on the stream and the inbox, out of the list', async () => {
    const c = await groupChat(ann, [bob, cat], 'Leavers');
    const m = await send(ann, c.id, 'hello all');
    const mark = h.events.length;
    const left = await cat.client.delete(conversationUrl(c.id, '/members/me'));
    assert.equal(left.status, 204, JSON.stringify(left.body));
    assert.deepEqual(h.events.slice(mark).map((e) => [e.stream, e.type, e.data]), [
      [`conversation:${c.id}`, 'conversation.removed', { conversationId: c.id, userId: cat.user.id }],
      [`inbox:${cat.user.id}`, 'conversation.removed', { conversationId: c.id, userId: cat.user.id }],
    ]);
    assert.deepEqual((await memberRows(c.id)).find((r: any) => r.user_id === cat.user.id), { user_id: cat.user.id, left: true });
    await assertNothingWritten(h, async () => {
      for (const answer of [
        await cat.client.get(conversationUrl(c.id)),
        await cat.client.get(messagesUrl(c.id)),
        await cat.client.get(messageUrl(c.id, m.id, '/thread')),
        await cat.client.post(messagesUrl(c.id), { body: 'still here?' }),
        await cat.client.post(conversationUrl(c.id, '/read'), { seq: 1 }),
        await cat.client.request('PUT', `${messagesUrl(c.id)}/${m.id}/reactions/like`),
        await cat.client.delete(conversationUrl(c.id, '/members/me')),
      ]) assert.equal(answer.status, 404, JSON.stringify(answer.body));
    });
    const list = await cat.client.get(`${api()}/conversations`);
    assert.ok(!list.body.items.some((x: any) => x.id === c.id));
    assert.equal((await read(ann, c.id)).memberCount, 2);

    // A mention of someone who left counts for nobody; the others go on, and nothing reaches cat's inbox.
    const catInbox = inboxEvents(h, cat.user.id).length;
    await send(ann, c.id, `still thinking of <@${cat.user.id}>`);
    const { rows } = await h.owner.query('SELECT count(*)::int AS n FROM message_mentions WHERE conversation_id = $1', [c.id]);
    assert.equal(rows[0].n, 0);
    assert.equal(inboxEvents(h, cat.user.id).length, catInbox);

    // Brought back, cat is in again, with the history.
    assert.equal((await addPeople(bob, c.id, [cat.user.id])).status, 200);
    assert.equal((await cat.client.get(messagesUrl(c.id))).body.items.length, 2);
  });

  test('leaving twice at the same moment: one leave, one pair of conversation.removed events', async () => {
    const c = await groupChat(ann, [bob, dan]);
    const answers = await Promise.all([1, 2, 3].map(() => dan.client.delete(conversationUrl(c.id, '/members/me'))));
    assert.ok(answers.every((a) => a.status === 204 || a.status === 404), JSON.stringify(answers.map((a) => a.body)));
    assert.ok(answers.some((a) => a.status === 204));
    const removed = h.events.filter((e) => e.type === 'conversation.removed' && (e.data as any).conversationId === c.id);
    assert.deepEqual(removed.map((e) => e.stream), [`conversation:${c.id}`, `inbox:${dan.user.id}`]);
  });

  test('at most 50 people: 49 others at creation, one more is 409 conversation_full until someone leaves; receipts stop above 20', async () => {
    const many = await crowd(h, world.alpha, 'crowd', 49);
    assertProblem(await ann.client.post(`${api()}/conversations`, { kind: 'group', userIds: [...many, bob.user.id] }), 400, 'validation_failed');
    const c = await groupChat(ann, [...many.slice(0, 48), cat]);
    assert.equal(c.memberCount, 50);
    assert.equal(c.members.length, 20);
    assert.equal(c.receipts, null);
    await assertNothingWritten(h, async () => {
      assertProblem(await addPeople(ann, c.id, [bob.user.id]), 409, 'conversation_full');
      assertProblem(await addPeople(ann, c.id, [many[48]!, bob.user.id]), 409, 'conversation_full');
    });
    // Adding only current members is not adding anyone.
    assert.equal((await addPeople(ann, c.id, [cat.user.id])).status, 200);
    assert.equal((await cat.client.delete(conversationUrl(c.id, '/members/me'))).status, 204);
    assert.equal((await addPeople(ann, c.id, [bob.user.id])).status, 200);
    const full = await read(bob, c.id);
    assert.equal(full.memberCount, 50);
    assert.equal(full.receipts, null);
    assertProblem(await addPeople(ann, c.id, [cat.user.id]), 409, 'conversation_full');
  });

  test('two additions at the same moment cannot pass the cap together', async () => {
    const many = await crowd(h, world.alpha, 'racer', 50);
    const c = await groupChat(ann, many.slice(0, 47));
    assert.equal(c.memberCount, 48);
    const answers = await Promise.all([
      addPeople(ann, c.id, [many[47]!, many[48]!]),
      addPeople(ann, c.id, [many[49]!, bob.user.id]),
    ]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409], JSON.stringify(answers.map((a) => a.body)));
    const { rows } = await h.owner.query('SELECT count(*)::int AS n FROM conversation_members WHERE conversation_id = $1 AND left_at IS NULL', [c.id]);
    assert.equal(rows[0].n, 50);
  });
});
