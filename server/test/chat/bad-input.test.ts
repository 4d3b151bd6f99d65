// Bad input on every chat body, query and path: each gets a 400 (or 413,
// 415) problem with a stable code, never a 500, and writes nothing; ids of
// another instance's conversations and messages are 404 wherever they appear.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember } from '../feed/fixtures.ts';
import { api, assertNothingWritten, assertProblem, conversationUrl, crowd, direct, groupChat, messagesUrl, messageUrl, send } from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
let c: string;
let m: any;
let group: string;
let fifty: string[];
let beta: { conversation: string; message: string };

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
  c = (await direct(ann, bob)).id;
  m = await send(ann, c, 'the message everyone aims at');
  group = (await groupChat(ann, [bob], 'Group')).id;
  fifty = await crowd(h, world.alpha, 'many', 50);
  const betaChat = await direct(world.beta.people.member, world.beta.people.owner, 'beta');
  beta = { conversation: betaChat.id, message: (await send(world.beta.people.member, betaChat.id, 'beta secret', {}, 'beta')).id };
});
after(() => h.close());

type Case = [label: string, body: unknown, code?: string];

/** Sends each body and expects a 400 with the code (validation_failed unless given), nothing written. */
async function refuses(method: string, url: () => string, cases: Case[]): Promise<void> {
  for (const [label, body, code = 'validation_failed'] of cases) {
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.request(method, url(), body), 400, code, `${method} ${label}`);
    });
  }
}

const longText = 'x'.repeat(10_001);
const id = () => randomUUID();
const notJson: Case[] = [
  ['malformed JSON', '{"body": "unterminated', 'malformed_json'],
  ['empty JSON document', '', 'malformed_json'],
  ['a prototype-poisoning key', '{"__proto__": {"admin": true}, "body": "x"}', 'malformed_json'],
  ['JSON null', 'null'],
  ['a number as the whole body', '42'],
  ['a string as the whole body', '"hello"'],
  ['an array as the whole body', '[]'],
];

describe('bodies', () => {
  test('POST /conversations', async () => {
    await refuses('POST', () => `${api()}/conversations`, [
      ...notJson,
      ['no kind', { userId: bob.user.id }],
      ['unknown kind', { kind: 'channel', userId: bob.user.id }],
      ['direct without userId', { kind: 'direct' }],
      ['direct with a bad uuid', { kind: 'direct', userId: 'bob' }],
      ['direct with a number', { kind: 'direct', userId: 42 }],
      ['direct with userIds', { kind: 'direct', userId: bob.user.id, userIds: [bob.user.id] }],
      ['direct with a title', { kind: 'direct', userId: bob.user.id, title: 'Us' }],
      ['group without userIds', { kind: 'group', title: 'x' }],
      ['group with no one', { kind: 'group', userIds: [] }],
      ['group with a string', { kind: 'group', userIds: bob.user.id }],
      ['group with a repeated id', { kind: 'group', userIds: [bob.user.id, bob.user.id] }],
      ['group with a bad id', { kind: 'group', userIds: [bob.user.id, 'nobody'] }],
      ['group with 50 others', { kind: 'group', userIds: fifty }],
      ['empty title', { kind: 'group', userIds: [bob.user.id], title: '' }],
      ['blank title', { kind: 'group', userIds: [bob.user.id], title: ' \n\t ' }],
      ['101-character title', { kind: 'group', userIds: [bob.user.id], title: 't'.repeat(101) }],
      ['title with NUL', { kind: 'group', userIds: [bob.user.id], title: 'a\u0000b' }],
      ['title as a number', { kind: 'group', userIds: [bob.user.id], title: 7 }],
      ['unknown property', { kind: 'group', userIds: [bob.user.id], private: true }],
    ]);
  });

  test('PATCH /conversations/:id and POST /conversations/:id/members', async () => {
    await refuses('PATCH', () => conversationUrl(group), [
      ...notJson,
      ['no title', {}],
      ['null title', { title: null }],
      ['empty title', { title: '' }],
      ['blank title', { title: '   ' }],
      ['101-character title', { title: 'é'.repeat(101) }],
      ['NUL in the title', { title: 'Team\u0000' }],
      ['unknown property', { title: 'ok', kind: 'direct' }],
    ]);
    await refuses('POST', () => conversationUrl(group, '/members'), [
      ...notJson,
      ['no userIds', {}],
      ['empty userIds', { userIds: [] }],
      ['repeated id', { userIds: [fifty[0], fifty[0]] }],
      ['bad id', { userIds: ['00000000-0000-0000-0000-00000000000g'] }],
      ['50 people', { userIds: fifty }],
      ['an id, not a list', { userIds: fifty[0] }],
      ['unknown property', { userIds: [fifty[0]], role: 'admin' }],
    ]);
  });

  test('POST /conversations/:id/messages', async () => {
    await refuses('POST', () => messagesUrl(c), [
      ...notJson,
      ['10,001 characters', { body: longText }],
      ['10,001 emoji', { body: '🐝'.repeat(10_001) }],
      ['empty body', { body: '' }],
      ['blank body', { body: ' \n\t\u00a0 ' }],
      ['NUL in the body', { body: 'a\u0000b' }],
      ['NUL at the end of a long body', { body: `${'y'.repeat(9_999)}\u0000` }],
      ['number as body', { body: 42 }],
      ['null body', { body: null }],
      ['array body', { body: ['hello'] }],
      ['object body', { body: { text: 'hello' } }],
      ['no body', { clientId: 'abc' }],
      ['clientId with spaces', { body: 'hi', clientId: 'my client id' }],
      ['empty clientId', { body: 'hi', clientId: '' }],
      ['65-character clientId', { body: 'hi', clientId: 'c'.repeat(65) }],
      ['clientId with an accent', { body: 'hi', clientId: 'café' }],
      ['clientId as a number', { body: 'hi', clientId: 12 }],
      ['NUL in a key', { body: 'hi', ['client\u0000Id']: 'x' }],
      ['bad parentId', { body: 'hi', parentId: 'root' }],
      ['parentId as a number', { body: 'hi', parentId: 1 }],
      ['unknown property', { body: 'hi', authorId: bob.user.id }],
    ]);
  });

  test('PATCH /conversations/:id/messages/:messageId', async () => {
    await refuses('PATCH', () => messageUrl(c, m.id), [
      ...notJson,
      ['10,001 characters', { body: longText }],
      ['empty body', { body: '' }],
      ['blank body', { body: '\n\n' }],
      ['NUL', { body: '\u0000' }],
      ['number as body', { body: 1 }],
      ['no body', {}],
      ['unknown property', { body: 'edited', parentId: m.id }],
    ]);
  });

  test('POST /conversations/:id/read', async () => {
    await refuses('POST', () => conversationUrl(c, '/read'), [
      ...notJson,
      ['no seq', {}],
      ['string as seq', { seq: '1' }],
      ['word as seq', { seq: 'latest' }],
      ['negative seq', { seq: -1 }],
      ['fractional seq', { seq: 1.5 }],
      ['seq beyond 2^53', { seq: 2 ** 53 }],
      ['null seq', { seq: null }],
      ['unknown property', { seq: 1, all: true }],
    ]);
  });

  test('a body over the size limit is 413 body_too_large; a text/plain body is 400', async () => {
    await assertNothingWritten(h, async () => {
      assertProblem(await ann.client.post(messagesUrl(c), { body: 'z'.repeat(1_100_000) }), 413, 'body_too_large');
      assertProblem(await ann.client.request('POST', messagesUrl(c), 'plain words', { 'content-type': 'text/plain' }), 400, 'validation_failed');
      assertProblem(await ann.client.request('POST', messagesUrl(c), '<body>x</body>', { 'content-type': 'application/xml' }), 415, 'unsupported_media_type');
    });
  });
});

describe('queries and paths', () => {
  const tenKilobytes = 'q'.repeat(10_240);

  test('GET /conversations/:id/messages', async () => {
    const cases = [
      'before=abc', 'before=-1', 'before=1.5', 'before=9007199254740992', 'after=x', 'after=', 'around=not-a-uuid', `around=${m.id}x`,
      'limit=0', 'limit=101', 'limit=ten', 'before=1&before=2', 'unknown=1', `pad=${tenKilobytes}`, `around=${tenKilobytes}`,
      'before=5&after=2', 'after=2&before=5', `before=5&around=${m.id}`, `after=0&around=${m.id}`,
    ];
    for (const query of cases) {
      assertProblem(await ann.client.get(messagesUrl(c, `?${query}`)), 400, 'validation_failed', query.slice(0, 60));
    }
  });

  test('GET …/thread, GET /conversations, GET /presence', async () => {
    for (const query of ['after=abc', 'after=-5', 'limit=0', 'limit=1000', 'before=3', `x=${tenKilobytes}`]) {
      assertProblem(await ann.client.get(messageUrl(c, m.id, `/thread?${query}`)), 400, 'validation_failed', query.slice(0, 60));
    }
    for (const query of ['limit=0', 'limit=-1', 'limit=abc', `cursor=${tenKilobytes}`, 'kind=direct']) {
      assertProblem(await ann.client.get(`${api()}/conversations?${query}`), 400, 'validation_failed', query.slice(0, 60));
    }
    for (const cursor of ['!!!', 'bm90IGpzb24', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      assertProblem(await ann.client.get(`${api()}/conversations?cursor=${cursor}`), 400, 'invalid_cursor', cursor);
    }
    const many = Array.from({ length: 101 }, () => randomUUID()).join(',');
    for (const query of ['', 'userIds=', 'userIds=bob', `userIds=${bob.user.id},`, `userIds=${many}`, `userIds=${tenKilobytes}`, `userIds=${bob.user.id}&extra=1`]) {
      assertProblem(await ann.client.get(`${api()}/presence?${query}`), 400, 'validation_failed', query.slice(0, 60));
    }
    assert.deepEqual((await ann.client.get(`${api()}/presence?userIds=${bob.user.id},${bob.user.id}`)).body, { online: [] });
  });

  test('bad ids and emoji in paths are 400; an unknown but well-formed id is 404', async () => {
    await assertNothingWritten(h, async () => {
      const cases: Array<[string, string, unknown?]> = [
        ['GET', conversationUrl('not-a-uuid')],
        ['GET', messagesUrl('1234')],
        ['POST', messagesUrl('c0nversation'), { body: 'hi' }],
        ['POST', conversationUrl("'; DROP TABLE messages; --", '/read'), { seq: 1 }],
        ['GET', messageUrl(c, 'not-a-uuid', '/thread')],
        ['PATCH', messageUrl(c, 'nope'), { body: 'x' }],
        ['DELETE', messageUrl(c, 'nope')],
        ['PUT', messageUrl(c, m.id, '/reactions/thumbsup')],
        ['PUT', messageUrl(c, m.id, '/reactions/LIKE')],
        ['DELETE', messageUrl(c, m.id, '/reactions/%20like')],
        ['POST', `${api()}/groups/not-a-group/conversation`],
      ];
      for (const [method, url, body] of cases) {
        assertProblem(await ann.client.request(method, url, body), 400, 'validation_failed', `${method} ${url}`);
      }
      for (const [method, url, body] of [
        ['GET', conversationUrl(randomUUID())], ['GET', messageUrl(c, randomUUID(), '/thread')], ['PATCH', messageUrl(c, id()), { body: 'x' }],
        ['DELETE', messageUrl(c, id())], ['PUT', messageUrl(c, id(), '/reactions/like')], ['POST', `${api()}/groups/${id()}/conversation`],
      ] as Array<[string, string, unknown?]>) {
        assertProblem(await ann.client.request(method, url, body), 404, 'not_found', `${method} ${url}`);
      }
    });
  });
});

describe("another instance's ids", () => {
  test("beta's conversation and message named on alpha's routes by an alpha member: 404 everywhere, nothing written", async () => {
    const b = beta;
    await assertNothingWritten(h, async () => {
      const answers = [
        await ann.client.get(conversationUrl(b.conversation)),
        await ann.client.get(messagesUrl(b.conversation)),
        await ann.client.post(messagesUrl(b.conversation), { body: 'hello beta' }),
        await ann.client.post(conversationUrl(b.conversation, '/read'), { seq: 1 }),
        await ann.client.patch(conversationUrl(b.conversation), { title: 'x' }),
        await ann.client.post(conversationUrl(b.conversation, '/members'), { userIds: [ann.user.id] }),
        await ann.client.delete(conversationUrl(b.conversation, '/members/me')),
        // beta's message inside alpha's own conversation
        await ann.client.get(messagesUrl(c, `?around=${b.message}`)),
        await ann.client.get(messageUrl(c, b.message, '/thread')),
        await ann.client.post(messagesUrl(c), { body: 'reply', parentId: b.message }),
        await ann.client.patch(messageUrl(c, b.message), { body: 'edited' }),
        await ann.client.delete(messageUrl(c, b.message)),
        await ann.client.request('PUT', messageUrl(c, b.message, '/reactions/like')),
        // alpha's conversation on beta's path
        await ann.client.get(conversationUrl(c, '', 'beta')),
      ];
      for (const [i, answer] of answers.entries()) assertProblem(answer, 404, 'not_found', `#${i}`);
    });
    // The administrator of alpha cannot reach into beta either, and beta's data is untouched.
    assertProblem(await world.alpha.people.owner.client.delete(messageUrl(b.conversation, b.message, '', 'alpha')), 404, 'not_found');
    const { rows } = await h.owner.query('SELECT body, deleted_at FROM messages WHERE id = $1', [b.message]);
    assert.deepEqual(rows, [{ body: 'beta secret', deleted_at: null }]);
  });
});
