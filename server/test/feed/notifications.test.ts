// My notifications in an instance: newest first with the unread count, the
// unread filter, marking some or all read (never someone else's), keyset
// pagination, strict separation between instances, and notifications going
// away with the post they are about.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createInstance } from '../../src/modules/instances/actions.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, publish } from './fixtures.ts';

let h: Harness;
let world: World;
let me: Person;
let olga: Person;
let theo: Person;
/** My notification ids, newest first. */
let mine: string[];

const list = async (who: Person, query = '', slug = 'alpha') => {
  const answer = await who.client.get(`/api/v1/i/${slug}/notifications${query}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
};
const markRead = (who: Person, body: unknown, slug = 'alpha') => who.client.post(`/api/v1/i/${slug}/notifications/read`, body);
const unreadRows = async (who: Person) =>
  (await h.owner.query('SELECT id FROM notifications WHERE user_id = $1 AND read_at IS NULL', [who.user.id])).rowCount;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  me = world.alpha.people.member;
  olga = await addMember(h, world.alpha, 'olga@alpha.test', 'Olga');
  theo = await addMember(h, world.alpha, 'theo@alpha.test', 'Theo');
  // Five notifications for me, from the real actions, in a known order.
  const post = await publish(me, 'alpha', 'my post');
  assert.equal((await olga.client.post(`/api/v1/i/alpha/posts/${post.id}/comments`, { body: 'first' })).status, 201);
  assert.equal((await olga.client.request('PUT', `/api/v1/i/alpha/posts/${post.id}/reactions/like`)).status, 204);
  await publish(theo, 'alpha', `hello <@${me.user.id}>`);
  assert.equal((await theo.client.post(`/api/v1/i/alpha/posts/${post.id}/comments`, { body: 'second' })).status, 201);
  assert.equal((await theo.client.request('PUT', `/api/v1/i/alpha/posts/${post.id}/reactions/love`)).status, 204);
  // And some for Olga, which must never move when I mark mine.
  const hers = await publish(olga, 'alpha', 'her post');
  assert.equal((await theo.client.post(`/api/v1/i/alpha/posts/${hers.id}/comments`, { body: 'to olga' })).status, 201);
});
after(() => h.close());

describe('listing', () => {
  test('newest first, with actor, post and the unread count', async () => {
    const page = await list(me);
    assert.deepEqual(page.items.map((n: any) => [n.kind, n.actor.displayName, n.read]),
      [['reaction', 'Theo', false], ['comment', 'Theo', false], ['mention', 'Theo', false], ['reaction', 'Olga', false], ['comment', 'Olga', false]]);
    assert.equal(page.unreadCount, 5);
    assert.equal(page.nextCursor, null);
    assert.ok(page.items.every((n: any) => n.postId && n.group === null));
    assert.ok(page.items.filter((n: any) => n.kind === 'comment').every((n: any) => n.commentId));
    mine = page.items.map((n: any) => n.id);
    const { rows } = await h.owner.query('SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC', [me.user.id]);
    assert.deepEqual(rows.map((r) => r.id), mine);
  });

  test('limit=2 pages through all of them exactly once; a garbage cursor is 400 invalid_cursor', async () => {
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(me, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length <= 2);
      assert.equal(page.unreadCount, 5, 'the count covers every unread notification, not the page');
      walked.push(...page.items.map((n: any) => n.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    assert.deepEqual(walked, mine);
    assert.equal(pages, 3);
    const bad = await me.client.get('/api/v1/i/alpha/notifications?cursor=nonsense');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'invalid_cursor');
  });
});

describe('marking read', () => {
  test('invalid bodies: both ids and all, neither, an empty list, all:false, unknown fields → 400; nothing changes', async () => {
    for (const body of [{ ids: [mine[0]], all: true }, {}, { ids: [] }, { all: false }, { ids: ['nope'] }, { all: true, extra: 1 }]) {
      const answer = await markRead(me, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, 'validation_failed');
    }
    assert.equal(await unreadRows(me), 5);
  });

  test('some, by id: they are read, the rest not; ?unread=true lists the rest', async () => {
    const answer = await markRead(me, { ids: [mine[0], mine[2]] });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { marked: 2, unreadCount: 3 });
    assert.deepEqual((await markRead(me, { ids: [mine[0]] })).body, { marked: 0, unreadCount: 3 }, 'marking again changes nothing');
    const page = await list(me);
    assert.deepEqual(page.items.map((n: any) => n.read), [true, false, true, false, false]);
    assert.equal(page.unreadCount, 3);
    const unread = await list(me, '?unread=true');
    assert.deepEqual(unread.items.map((n: any) => n.id), [mine[1], mine[3], mine[4]]);
    assert.equal(unread.unreadCount, 3);
  });

  test('ids of someone else\'s notifications are not marked: their count stays', async () => {
    const hers = (await list(olga)).items.map((n: any) => n.id);
    assert.equal(hers.length, 1);
    const answer = await markRead(me, { ids: hers });
    assert.deepEqual(answer.body, { marked: 0, unreadCount: 3 });
    assert.equal((await list(olga)).unreadCount, 1);
    assert.equal(await unreadRows(olga), 1);
  });

  test('all: every one of mine, and only mine', async () => {
    assert.deepEqual((await markRead(me, { all: true })).body, { marked: 3, unreadCount: 0 });
    assert.deepEqual((await list(me, '?unread=true')).items, []);
    assert.equal(await unreadRows(me), 0);
    assert.equal(await unreadRows(olga), 1);
  });
});

describe('boundaries', () => {
  test('a user of beta never sees alpha\'s notifications; one person\'s instances are kept apart', async () => {
    const stranger = world.beta.people.member;
    assert.equal((await stranger.client.get('/api/v1/i/alpha/notifications')).status, 404);
    assert.equal((await markRead(stranger, { ids: mine })).status, 404);
    assert.deepEqual((await list(stranger, '', 'beta')).items, []);
    // Olga also owns an instance of her own: her alpha notification does not show there, nor is it marked from there.
    await createInstance(h.s, olga.user.id, { name: 'Olga corp', slug: 'olga-corp', defaultLocale: 'en' });
    const there = await list(olga, '', 'olga-corp');
    assert.deepEqual([there.items, there.unreadCount], [[], 0]);
    assert.deepEqual((await markRead(olga, { all: true }, 'olga-corp')).body, { marked: 0, unreadCount: 0 });
    assert.equal((await list(olga)).unreadCount, 1);
    const beta = await publish(world.beta.people.owner, 'beta', 'beta post');
    assert.equal((await stranger.client.post(`/api/v1/i/beta/posts/${beta.id}/comments`, { body: 'in beta' })).status, 201);
    assert.deepEqual((await list(world.beta.people.owner, '', 'beta')).items.map((n: any) => [n.kind, n.postId]), [['comment', beta.id]]);
    assert.equal((await list(me)).items.length, 5);
  });

  test('deleting a post removes its notifications (comment, reaction, mention)', async () => {
    const post = await publish(olga, 'alpha', `for <@${me.user.id}>`);
    assert.equal((await me.client.post(`/api/v1/i/alpha/posts/${post.id}/comments`, { body: 'thanks' })).status, 201);
    assert.equal((await theo.client.request('PUT', `/api/v1/i/alpha/posts/${post.id}/reactions/like`)).status, 204);
    const about = async () => (await h.owner.query('SELECT kind FROM notifications WHERE post_id = $1 ORDER BY kind', [post.id])).rows.map((r) => r.kind);
    assert.deepEqual(await about(), ['comment', 'mention', 'reaction']);
    assert.equal((await list(me)).unreadCount, 1);
    assert.equal((await olga.client.delete(`/api/v1/i/alpha/posts/${post.id}`)).status, 204);
    assert.deepEqual(await about(), []);
    assert.equal((await list(me)).unreadCount, 0);
    assert.equal((await list(olga)).unreadCount, 1, 'her notification about another post stays');
  });
});
