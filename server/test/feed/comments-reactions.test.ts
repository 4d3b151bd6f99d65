// Comments (one level of replies), reactions and bookmarks: who is told what,
// what may be changed by whom, idempotence, archived groups, and bookmarks of
// posts that stopped being readable.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, addToGroup, eventsOf, makeGroup, notificationRows, publish } from './fixtures.ts';

let h: Harness;
let world: World;
let author: Person;
let other: Person;
let third: Person;
let lead: Person;
let garden: string;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  author = world.alpha.people.member;
  other = await addMember(h, world.alpha, 'other@alpha.test', 'Olga Other');
  third = await addMember(h, world.alpha, 'third@alpha.test', 'Theo Third');
  lead = await addMember(h, world.alpha, 'lead@alpha.test', 'Lena Lead');
  garden = await makeGroup(lead, 'alpha', 'Garden', 'open');
  for (const who of [author, other, third]) await addToGroup('alpha', garden, who);
});
after(() => h.close());

const postUrl = (id: string) => `/api/v1/i/alpha/posts/${id}`;
const comment = (who: Person, postId: string, body: unknown) => who.client.post(`${postUrl(postId)}/comments`, body);
const commentRows = async (postId: string) => (await h.owner.query('SELECT id, parent_id, author_id, body FROM comments WHERE post_id = $1 ORDER BY created_at, id', [postId])).rows;
const kinds = async (who: Person, postId: string) => (await notificationRows(h, who.user.id, postId)).map((n) => n.kind);

describe('comments and replies', () => {
  let post: any;
  let first: any;

  test('a comment notifies the post author (comment) and publishes comment.created on the group stream', async () => {
    post = await publish(author, 'alpha', 'What should we plant?', garden);
    const answer = await comment(other, post.id, { body: 'Tomatoes, *obviously*' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    first = answer.body;
    assert.deepEqual({ ...first, id: undefined, createdAt: undefined }, {
      id: undefined, createdAt: undefined, parentId: null, author: { id: other.user.id, displayName: 'Olga Other' },
      body: 'Tomatoes, *obviously*', html: '<p>Tomatoes, <em>obviously</em></p>', editedAt: null, attachments: [],
    });
    assert.deepEqual(await notificationRows(h, author.user.id, post.id), [{ kind: 'comment', actor_id: other.user.id, post_id: post.id, comment_id: first.id }]);
    assert.deepEqual(await kinds(other, post.id), []);
    assert.deepEqual(eventsOf(h, 'comment.created', (d) => d.commentId === first.id).map((e) => [e.stream, e.data]),
      [[`group:${garden}`, { postId: post.id, commentId: first.id, groupId: garden, authorId: other.user.id }]]);
    assert.equal((await third.client.get(postUrl(post.id))).body.commentCount, 1);
  });

  test('the author commenting on their own post notifies nobody', async () => {
    const before = h.events.filter((e) => e.type === 'notification.created').length;
    assert.equal((await comment(author, post.id, { body: 'Me too' })).status, 201);
    assert.deepEqual(await kinds(author, post.id), ['comment']);
    assert.equal(h.events.filter((e) => e.type === 'notification.created').length, before);
  });

  test('a reply notifies the parent comment\'s author (reply) and the post author (comment)', async () => {
    const answer = await comment(third, post.id, { body: 'Basil next to them', parentId: first.id });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.parentId, first.id);
    assert.deepEqual(await notificationRows(h, other.user.id, post.id), [{ kind: 'reply', actor_id: third.user.id, post_id: post.id, comment_id: answer.body.id }]);
    assert.deepEqual(await kinds(author, post.id), ['comment', 'comment']);
    assert.deepEqual(await kinds(third, post.id), []);
  });

  test('a reply to a reply: 400 reply_depth; a parent from another post or unknown: 404; nothing stored', async () => {
    const before = await commentRows(post.id);
    const reply = before.find((c) => c.parent_id === first.id)!;
    const deep = await comment(other, post.id, { body: 'too deep', parentId: reply.id });
    assert.equal(deep.status, 400);
    assert.equal(deep.body.code, 'reply_depth');
    const elsewhere = await publish(other, 'alpha', 'another post', garden);
    const foreign = await comment(other, elsewhere.id, { body: 'wrong thread', parentId: first.id });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'not_found');
    assert.equal((await comment(other, post.id, { body: 'ghost', parentId: randomUUID() })).status, 404);
    assert.deepEqual(await commentRows(post.id), before);
    assert.deepEqual(await commentRows(elsewhere.id), []);
    for (const body of [{ body: '' }, { body: ' ' }, { body: 'x'.repeat(5001) }, { body: 'ok', extra: 1 }, { body: 'nul\u0000' }]) {
      assert.equal((await comment(other, post.id, body)).body.code, 'validation_failed');
    }
  });

  test('the list: oldest first, replies with their parent id', async () => {
    const answer = await third.client.get(`${postUrl(post.id)}/comments`);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.items.map((c: any) => [c.author.displayName, c.parentId === null ? null : c.parentId === first.id]),
      [['Olga Other', null], ['alpha member', null], ['Theo Third', true]]);
  });

  test('only the author edits a comment (not the group admin, not an instance admin)', async () => {
    const url = `${postUrl(post.id)}/comments/${first.id}`;
    for (const who of [third, lead, world.alpha.people.owner]) {
      const answer = await who.client.patch(url, { body: 'rewritten by someone else' });
      assert.equal(answer.status, 403, who.email);
    }
    assert.equal((await other.client.patch(url, { body: 'Tomatoes and **peppers**' })).status, 204);
    const listed = (await author.client.get(`${postUrl(post.id)}/comments`)).body.items.find((c: any) => c.id === first.id);
    assert.equal(listed.html, '<p>Tomatoes and <strong>peppers</strong></p>');
    assert.ok(listed.editedAt);
    assert.equal((await h.owner.query('SELECT body FROM comments WHERE id = $1', [first.id])).rows[0].body, 'Tomatoes and **peppers**');
  });

  test('deleting: another member 403; the author; a moderator (group admin), replies and their notifications going too', async () => {
    const own = (await comment(third, post.id, { body: 'delete me' })).body;
    assert.equal((await other.client.delete(`${postUrl(post.id)}/comments/${own.id}`)).status, 403);
    assert.equal((await third.client.delete(`${postUrl(post.id)}/comments/${own.id}`)).status, 204);
    assert.equal((await lead.client.delete(`${postUrl(post.id)}/comments/${first.id}`)).status, 204);
    assert.deepEqual((await commentRows(post.id)).map((c) => c.body), ['Me too']);
    assert.deepEqual(await kinds(other, post.id), [], 'the reply notification went with the reply');
    assert.deepEqual(await kinds(author, post.id), []);
    assert.equal((await author.client.get(postUrl(post.id))).body.commentCount, 1);
  });
});

describe('who hears of it', () => {
  test('people who can no longer read the post (they left its private group) hear nothing of comments, replies or reactions', async () => {
    const shed = await makeGroup(lead, 'alpha', 'Shed', 'private');
    for (const who of [other, third]) await addToGroup('alpha', shed, who, lead);
    const post = await publish(other, 'alpha', 'tools inventory', shed);
    const first = (await comment(third, post.id, { body: 'a rake' })).body;
    assert.deepEqual(await kinds(other, post.id), ['comment']);
    for (const who of [other, third]) assert.equal((await who.client.post(`/api/v1/i/alpha/groups/${shed}/leave`)).status, 204);
    assert.equal((await comment(lead, post.id, { body: 'a spade', parentId: first.id })).status, 201);
    assert.equal((await comment(lead, post.id, { body: 'and a hoe' })).status, 201);
    assert.equal((await lead.client.request('PUT', `${postUrl(post.id)}/reactions/thanks`)).status, 204);
    assert.deepEqual(await kinds(other, post.id), ['comment'], 'nothing after leaving');
    assert.deepEqual(await kinds(third, post.id), []);
    const streams = eventsOf(h, 'notification.created').map((e) => e.stream);
    assert.equal(streams.filter((s) => s === `inbox:${third.user.id}`).length, (await notificationRows(h, third.user.id)).length);
  });
});

test("a reply to the post author's own comment tells them once (reply), not twice", async () => {
  const fresh = await publish(author, 'alpha', 'Own thread', garden);
  const own = await comment(author, fresh.id, { body: 'Starting the thread' });
  assert.equal((await comment(third, fresh.id, { body: 'Agreed', parentId: own.body.id })).status, 201);
  assert.deepEqual(await kinds(author, fresh.id), ['reply']);
});

describe('reactions', () => {
  const react = (who: Person, postId: string, emoji: string, on = true) => who.client.request(on ? 'PUT' : 'DELETE', `${postUrl(postId)}/reactions/${emoji}`);

  test('PUT twice is one reaction, one notification, one event; counts and myReactions in the post', async () => {
    const post = await publish(author, 'alpha', 'React to me', garden);
    assert.equal((await react(other, post.id, 'like')).status, 204);
    assert.equal((await react(other, post.id, 'like')).status, 204);
    assert.equal((await react(third, post.id, 'like')).status, 204);
    assert.equal((await react(third, post.id, 'love')).status, 204);
    assert.equal((await react(author, post.id, 'thanks')).status, 204);
    const rows = (await h.owner.query('SELECT user_id, emoji FROM reactions WHERE post_id = $1 ORDER BY emoji, user_id', [post.id])).rows;
    assert.equal(rows.filter((r) => r.user_id === other.user.id).length, 1);
    assert.equal(rows.length, 4);
    const seen = (await third.client.get(postUrl(post.id))).body;
    assert.deepEqual(seen.reactions, { like: 2, love: 1, thanks: 1 });
    assert.deepEqual(seen.myReactions, ['like', 'love']);
    assert.deepEqual((await author.client.get(postUrl(post.id))).body.myReactions, ['thanks']);
    const fromOther = (await notificationRows(h, author.user.id, post.id)).filter((n) => n.actor_id === other.user.id);
    assert.deepEqual(fromOther.map((n) => n.kind), ['reaction']);
    assert.deepEqual(await kinds(author, post.id), ['reaction', 'reaction'], 'one per person (third added two emoji), not the author\'s own');
    assert.equal((await react(third, post.id, 'love', false)).status, 204);
    assert.equal((await react(third, post.id, 'love')).status, 204);
    assert.deepEqual(await kinds(author, post.id), ['reaction', 'reaction'], 'toggling a reaction does not notify again');
    assert.equal(eventsOf(h, 'reaction.changed', (d) => d.postId === post.id && d.userId === other.user.id).length, 1);
  });

  test('DELETE removes it (and again is harmless); an unknown emoji is 400', async () => {
    const post = await publish(author, 'alpha', 'Take it back', garden);
    await react(other, post.id, 'wow');
    assert.equal((await react(other, post.id, 'wow', false)).status, 204);
    assert.equal((await react(other, post.id, 'wow', false)).status, 204);
    assert.equal((await h.owner.query('SELECT 1 FROM reactions WHERE post_id = $1', [post.id])).rowCount, 0);
    assert.deepEqual((await other.client.get(postUrl(post.id))).body.reactions, {});
    assert.deepEqual(eventsOf(h, 'reaction.changed', (d) => d.postId === post.id).map((e) => e.data.added), [true, false]);
    const unknown = await react(other, post.id, 'poop');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.code, 'validation_failed');
  });
});

describe('archived groups, bookmarks', () => {
  test('commenting and reacting in an archived group: 403, nothing stored; reading still works', async () => {
    const old = await makeGroup(lead, 'alpha', 'Old plot', 'open');
    await addToGroup('alpha', old, other);
    const post = await publish(lead, 'alpha', 'Last season', old);
    assert.equal((await lead.client.patch(`/api/v1/i/alpha/groups/${old}`, { archived: true })).status, 200);
    const commented = await comment(other, post.id, { body: 'late' });
    assert.equal(commented.status, 403);
    assert.equal(commented.body.code, 'forbidden');
    assert.equal((await other.client.request('PUT', `${postUrl(post.id)}/reactions/like`)).status, 403);
    assert.equal((await h.owner.query('SELECT 1 FROM comments WHERE post_id = $1 UNION ALL SELECT 1 FROM reactions WHERE post_id = $1', [post.id])).rowCount, 0);
    assert.deepEqual(await kinds(lead, post.id), []);
    assert.equal((await other.client.get(postUrl(post.id))).status, 200);
  });

  const bookmarks = async (who: Person, query = '') => {
    const answer = await who.client.get(`/api/v1/i/alpha/bookmarks${query}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };

  test('PUT (twice: one row) and DELETE; GET /bookmarks lists them newest first, marked bookmarked', async () => {
    const a = await publish(author, 'alpha', 'keep a', garden);
    const b = await publish(other, 'alpha', 'keep b');
    for (const p of [a, b, b]) assert.equal((await third.client.request('PUT', `${postUrl(p.id)}/bookmark`)).status, 204);
    assert.equal((await h.owner.query('SELECT 1 FROM bookmarks WHERE user_id = $1', [third.user.id])).rowCount, 2);
    const listed = await bookmarks(third);
    assert.deepEqual(listed.items.map((p: any) => [p.id, p.bookmarked]), [[b.id, true], [a.id, true]]);
    assert.equal((await author.client.get(postUrl(a.id))).body.bookmarked, false, 'a bookmark is personal');
    assert.equal((await third.client.delete(`${postUrl(a.id)}/bookmark`)).status, 204);
    assert.deepEqual((await bookmarks(third)).items.map((p: any) => p.id), [b.id]);
    assert.equal((await third.client.delete(`${postUrl(b.id)}/bookmark`)).status, 204);
  });

  test('a bookmark of a post in a private group I then leave is no longer listed, and pages still reach older ones', async () => {
    const inner = await makeGroup(lead, 'alpha', 'Greenhouse', 'private');
    await addToGroup('alpha', inner, third, lead);
    const older = await publish(other, 'alpha', 'profile post, oldest');
    const hidden = await publish(lead, 'alpha', 'members only', inner);
    const newer = await publish(author, 'alpha', 'newest', garden);
    for (const p of [older, hidden, newer]) assert.equal((await third.client.request('PUT', `${postUrl(p.id)}/bookmark`)).status, 204);
    assert.deepEqual((await bookmarks(third)).items.map((p: any) => p.id), [newer.id, hidden.id, older.id]);
    assert.equal((await third.client.post(`/api/v1/i/alpha/groups/${inner}/leave`)).status, 204);
    assert.deepEqual((await bookmarks(third)).items.map((p: any) => p.id), [newer.id, older.id]);
    assert.equal((await third.client.get(postUrl(hidden.id))).status, 404);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await bookmarks(third, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length <= 1);
      walked.push(...page.items.map((p: any) => p.id));
      cursor = page.nextCursor;
    } while (cursor && walked.length < 10);
    assert.deepEqual(walked, [newer.id, older.id]);
    assert.equal((await third.client.request('PUT', `${postUrl(hidden.id)}/bookmark`)).status, 404);
  });
});
