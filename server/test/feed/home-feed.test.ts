// What the home feed, a group's feed and a person's posts contain for each
// reader (my groups, my profile, people I follow — never their posts in a
// group I cannot read), keyset pagination, follows, and the cost of a page:
// a constant number of statements whatever its size, and an index scan on
// posts with thousands of them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, addToGroup, makeGroup, publish } from './fixtures.ts';

let h: Harness;
let world: World;
let me: Person;
let fran: Person;
let gus: Person;
let guest: Person;
const g = {} as Record<'shared' | 'open' | 'private' | 'secret', string>;
const p = {} as Record<string, string>;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ({ member: me, guest } = world.alpha.people);
  fran = await addMember(h, world.alpha, 'fran@alpha.test', 'Fran Followed');
  gus = await addMember(h, world.alpha, 'gus@alpha.test', 'Gus');
  g.shared = await makeGroup(gus, 'alpha', 'Shared', 'private');
  for (const who of [me, fran, guest]) await addToGroup('alpha', g.shared, who, gus);
  g.open = await makeGroup(fran, 'alpha', 'Fran open', 'open');
  await addToGroup('alpha', g.open, gus);
  g.private = await makeGroup(fran, 'alpha', 'Fran private', 'private');
  g.secret = await makeGroup(fran, 'alpha', 'Fran secret', 'secret');
  const plan: Array<[string, Person, string | undefined]> = [
    ['franProfile', fran, undefined], ['franOpen', fran, g.open], ['franPrivate', fran, g.private], ['franSecret', fran, g.secret],
    ['franShared', fran, g.shared], ['gusProfile', gus, undefined], ['gusOpen', gus, g.open], ['gusShared', gus, g.shared],
    ['meProfile', me, undefined], ['meShared', me, g.shared], ['guestShared', guest, g.shared],
  ];
  for (const [key, who, groupId] of plan) p[key] = (await publish(who, 'alpha', key, groupId)).id;
});
after(() => h.close());

const ids = (keys: string[]) => keys.map((k) => p[k]);
async function feed(who: Person, path = '/feed', query = ''): Promise<{ status: number; body: any }> {
  return who.client.get(`/api/v1/i/alpha${path}${query}`);
}
async function feedIds(who: Person, path = '/feed', query = '?limit=100'): Promise<string[]> {
  const answer = await feed(who, path, query);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.items.map((item: any) => item.id);
}
const follow = (who: Person, userId: string, on = true) => who.client.request(on ? 'PUT' : 'DELETE', `/api/v1/i/alpha/people/${userId}/follow`);

describe('what each feed holds', () => {
  test('home: my groups\' posts and my profile posts, newest first; nothing of people I do not follow', async () => {
    assert.deepEqual(await feedIds(me), ids(['guestShared', 'meShared', 'meProfile', 'gusShared', 'franShared']));
  });

  test('following adds their profile and open-group posts, never their private or secret group posts; unfollowing removes them', async () => {
    assert.equal((await follow(me, fran.user.id)).status, 204);
    assert.equal((await follow(me, fran.user.id)).status, 204);
    assert.equal((await h.owner.query('SELECT 1 FROM follows WHERE follower_id = $1 AND followed_id = $2', [me.user.id, fran.user.id])).rowCount, 1);
    assert.deepEqual(await feedIds(me), ids(['guestShared', 'meShared', 'meProfile', 'gusShared', 'franShared', 'franOpen', 'franProfile']));
    assert.equal((await follow(me, fran.user.id, false)).status, 204);
    assert.equal((await h.owner.query('SELECT 1 FROM follows WHERE follower_id = $1', [me.user.id])).rowCount, 0);
    assert.deepEqual(await feedIds(me), ids(['guestShared', 'meShared', 'meProfile', 'gusShared', 'franShared']));
    assert.equal((await follow(me, fran.user.id)).status, 204);
  });

  test('a guest\'s home: the posts of their groups only', async () => {
    assert.deepEqual(await feedIds(guest), ids(['guestShared', 'meShared', 'gusShared', 'franShared']));
  });

  test('?groupId=: an open group I am not in works for a member, is 404 for a guest; private 403, secret 404', async () => {
    assert.deepEqual(await feedIds(me, '/feed', `?groupId=${g.open}`), ids(['gusOpen', 'franOpen']));
    const cases: Array<[Person, string, number]> = [[guest, g.open, 404], [me, g.private, 403], [me, g.secret, 404], [me, randomUUID(), 404], [fran, world.beta.instance.id, 404]];
    for (const [who, groupId, status] of cases) assert.equal((await feed(who, '/feed', `?groupId=${groupId}`)).status, status, `${who.email} ${groupId}`);
    assert.deepEqual(await feedIds(fran, '/feed', `?groupId=${g.secret}`), ids(['franSecret']));
  });

  test('GET /people/:userId/posts: what this reader may read of that person', async () => {
    const path = `/people/${fran.user.id}/posts`;
    assert.deepEqual(await feedIds(me, path, ''), ids(['franShared', 'franOpen', 'franProfile']));
    assert.deepEqual(await feedIds(guest, path, ''), ids(['franShared']));
    assert.deepEqual(await feedIds(fran, path, ''), ids(['franShared', 'franSecret', 'franPrivate', 'franOpen', 'franProfile']));
    assert.deepEqual(await feedIds(gus, `/people/${me.user.id}/posts`, ''), ids(['meShared', 'meProfile']));
    for (const userId of [world.beta.people.member.user.id, randomUUID()]) assert.equal((await feed(me, `/people/${userId}/posts`)).status, 404);
  });
});

describe('following', () => {
  test('a guest may not follow (403); nobody follows themself (400); people of other instances do not exist here (404)', async () => {
    const refused: Array<[Person, string, number, string]> = [
      [guest, fran.user.id, 403, 'forbidden'], [me, me.user.id, 400, 'cannot_follow_self'],
      [me, world.beta.people.member.user.id, 404, 'not_found'], [me, randomUUID(), 404, 'not_found'],
    ];
    for (const [who, userId, status, code] of refused) {
      const answer = await follow(who, userId);
      assert.equal(answer.status, status, `${who.email} → ${userId}`);
      assert.equal(answer.body.code, code);
    }
    assert.equal((await h.owner.query('SELECT 1 FROM follows WHERE follower_id = ANY($1)', [[guest.user.id]])).rowCount, 0);
    assert.equal((await h.owner.query('SELECT 1 FROM follows WHERE followed_id = ANY($1)', [[me.user.id, world.beta.people.member.user.id]])).rowCount, 0);
  });
});

describe('pagination', () => {
  test('limit=2 walks every post exactly once, ties on created_at included; a garbage cursor is 400 invalid_cursor', async () => {
    // Three posts sharing one instant: the keyset must break the tie by id.
    await h.owner.query('UPDATE posts SET created_at = (SELECT created_at FROM posts WHERE id = $1) WHERE id = ANY($2)', [p.meProfile, ids(['gusShared', 'meShared'])]);
    const everything = await feedIds(me);
    assert.equal(everything.length, 7);
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await feed(me, '/feed', `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(answer.status, 200);
      assert.ok(answer.body.items.length <= 2);
      walked.push(...answer.body.items.map((item: any) => item.id));
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    assert.deepEqual(walked, everything);
    assert.equal(pages, 4);
    const forged = Buffer.from(JSON.stringify(['soon', p.meProfile])).toString('base64url');
    for (const bad of ['garbage', forged, Buffer.from('[1,"not-a-uuid"]').toString('base64url')]) {
      const answer = await feed(me, '/feed', `?cursor=${bad}`);
      assert.equal(answer.status, 400, bad);
      assert.equal(answer.body.code, 'invalid_cursor');
    }
  });
});

/** Runs `work` and returns every statement sent to PostgreSQL meanwhile (text and values). */
async function statements(work: () => Promise<unknown>): Promise<Array<{ text: string; values: unknown[] }>> {
  const seen: Array<{ text: string; values: unknown[] }> = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    seen.push(typeof first === 'string' ? { text: first, values: values ?? [] } : { text: first.text, values: first.values ?? values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}

function planNodes(node: any): any[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

describe('cost of a page', () => {
  test('a page of 20 posts with reactions, comments and bookmarks runs as many statements as a page of 2', async () => {
    for (let i = 0; i < 22; i++) {
      const post = await publish(fran, 'alpha', `busy ${i}`, g.shared);
      for (const [who, emoji] of [[me, 'like'], [gus, 'love'], [fran, 'like']] as const) await who.client.request('PUT', `/api/v1/i/alpha/posts/${post.id}/reactions/${emoji}`);
      assert.equal((await gus.client.post(`/api/v1/i/alpha/posts/${post.id}/comments`, { body: `comment ${i}` })).status, 201);
      assert.equal((await me.client.request('PUT', `/api/v1/i/alpha/posts/${post.id}/bookmark`)).status, 204);
    }
    // The session's last-seen write happens at most once a minute: keep it out of the counts.
    const measured = async (path: string) => {
      await h.owner.query('UPDATE sessions SET last_seen_at = now() WHERE user_id = $1', [me.user.id]);
      let answer: any;
      const sent = await statements(async () => { answer = await feed(me, path); });
      assert.equal(answer.status, 200, path);
      return { sent, items: answer.body.items };
    };
    const [small, large] = [await measured('/feed?limit=2'), await measured('/feed?limit=20')];
    assert.deepEqual([small.items.length, large.items.length], [2, 20]);
    for (const item of large.items) {
      assert.deepEqual([item.reactions, item.myReactions, item.commentCount, item.bookmarked], [{ like: 2, love: 1 }, ['like'], 1, true]);
    }
    assert.equal(large.sent.length, small.sent.length, large.sent.map((s) => s.text.slice(0, 40)).join(' | '));
    const feedStatements = large.sent.filter((s) => /\b(posts|reactions|comments|bookmarks)\b/.test(s.text));
    assert.equal(feedStatements.length, 1, 'the page, its reactions, comments and bookmarks come in one statement');
    for (const path of ['/bookmarks?', `/people/${fran.user.id}/posts?`, `/feed?groupId=${g.shared}&`]) {
      const [two, twenty] = [await measured(`${path}limit=2`), await measured(`${path}limit=20`)];
      assert.deepEqual([two.items.length, twenty.items.length], [2, 20], path);
      assert.equal(twenty.sent.length, two.sent.length, path);
    }
  });

  test('with 2,000 posts, the home feed (first page and next) uses an index scan on posts, never a sequential scan', async () => {
    const alpha = world.alpha.instance.id;
    await h.owner.query(
      `INSERT INTO posts (instance_id, group_id, author_id, body, body_html, created_at)
       SELECT $1, (ARRAY[$2, $3, $4, $5, NULL]::uuid[])[1 + i % 5], (ARRAY[$6, $7, $8]::uuid[])[1 + i % 3], 'seeded ' || i, '<p>seeded</p>',
              now() - i * interval '1 minute'
       FROM generate_series(1, 2000) AS i`,
      [alpha, g.shared, g.open, g.private, g.secret, fran.user.id, gus.user.id, me.user.id]);
    await h.owner.query(
      `INSERT INTO posts (instance_id, author_id, body, body_html, created_at)
       SELECT $1, $2, 'beta ' || i, '<p>beta</p>', now() - i * interval '1 minute' FROM generate_series(1, 2000) AS i`,
      [world.beta.instance.id, world.beta.people.member.user.id]);
    // Reactions, comments and bookmarks (of several people) on them, so per-post look-ups are planned against real volumes.
    await h.owner.query(
      `INSERT INTO reactions (instance_id, post_id, user_id, emoji)
       SELECT p.instance_id, p.id, u.id, 'like' FROM posts p CROSS JOIN unnest($2::uuid[]) AS u(id) WHERE p.instance_id = $1
       ON CONFLICT DO NOTHING`,
      [alpha, [fran.user.id, gus.user.id, me.user.id]]);
    await h.owner.query(
      `INSERT INTO comments (instance_id, post_id, author_id, body, body_html)
       SELECT instance_id, id, $2, 'seeded', '<p>seeded</p>' FROM posts WHERE instance_id = $1`, [alpha, gus.user.id]);
    await h.owner.query(
      `INSERT INTO bookmarks (instance_id, user_id, post_id)
       SELECT p.instance_id, u.id, p.id FROM posts p CROSS JOIN unnest($2::uuid[]) AS u(id)
       WHERE p.instance_id = $1 AND (u.id <> $3 OR p.body LIKE '%0') ON CONFLICT DO NOTHING`,
      [alpha, [fran.user.id, gus.user.id, me.user.id], me.user.id]);
    await h.owner.query('ANALYZE');
    let next: string | null = null;
    const first = await statements(async () => { next = (await feed(me, '/feed', '?limit=20')).body.nextCursor; });
    const second = await statements(() => feed(me, '/feed', `?limit=20&cursor=${next}`));
    for (const sent of [first, second]) {
      const statement = sent.find((s) => s.text.includes('FROM posts p'))!;
      assert.ok(statement, 'the feed statement was captured');
      const client = await h.s.pool.connect();
      let plan: any;
      try {
        await client.query('BEGIN');
        await client.query("SELECT set_config('app.instance_id', $1, true), set_config('app.user_id', $2, true)", [alpha, me.user.id]);
        plan = (await client.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values)).rows[0]['QUERY PLAN'][0].Plan;
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
      const onPosts = planNodes(plan).filter((n) => n['Relation Name'] === 'posts');
      assert.ok(onPosts.length > 0);
      assert.deepEqual(onPosts.filter((n) => n['Node Type'] === 'Seq Scan'), [], JSON.stringify(plan));
      assert.ok(onPosts.some((n) => ['Index Scan', 'Index Only Scan'].includes(n['Node Type'])), JSON.stringify(onPosts.map((n) => n['Node Type'])));
      // A post's reactions, comments and my bookmark are looked up through their indexes, not by scanning those tables.
      const perPost = planNodes(plan).filter((n) => ['reactions', 'comments', 'bookmarks'].includes(n['Relation Name']));
      assert.deepEqual([...new Set(perPost.map((n) => n['Relation Name']))].sort(), ['bookmarks', 'comments', 'reactions']);
      assert.deepEqual(perPost.filter((n) => n['Node Type'] === 'Seq Scan'), [], 'per-post look-ups go through an index');
    }
  });
});
