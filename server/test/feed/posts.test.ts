// Posts end to end: where one may publish (group rules, profiles, guests),
// what a body may be, editing with history, deletion by author or moderator,
// pins, and the realtime events each change publishes on the group's stream.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { streamHead } from '../support/streams.ts';
import { addMember, addToGroup, eventsOf, makeGroup, postRowCount, publish } from './fixtures.ts';

let h: Harness;
let world: World;
let member: Person;
let other: Person;
let lead: Person;
const groups = {} as Record<'team' | 'announcements' | 'archived' | 'hidden' | 'secret' | 'beta', string>;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  member = world.alpha.people.member;
  other = await addMember(h, world.alpha, 'other@alpha.test', 'alpha other');
  lead = await addMember(h, world.alpha, 'lead@alpha.test', 'alpha lead');
  groups.team = await makeGroup(lead, 'alpha', 'Team', 'open');
  groups.announcements = await makeGroup(lead, 'alpha', 'Announcements', 'open', 'admins');
  groups.archived = await makeGroup(lead, 'alpha', 'Bygone', 'open');
  for (const g of [groups.team, groups.announcements, groups.archived]) {
    await addToGroup('alpha', g, member);
    await addToGroup('alpha', g, other);
  }
  assert.equal((await lead.client.patch(`/api/v1/i/alpha/groups/${groups.archived}`, { archived: true })).status, 200);
  groups.hidden = await makeGroup(world.alpha.people.administrator, 'alpha', 'Hidden', 'private');
  groups.secret = await makeGroup(world.alpha.people.administrator, 'alpha', 'Covert', 'secret');
  groups.beta = await makeGroup(world.beta.people.member, 'beta', 'Beta team', 'open');
});
after(() => h.close());

const posts = (by: Person) => postRowCount(h, 'author_id = $1', [by.user.id]);
const url = (id = '') => `/api/v1/i/alpha/posts${id ? `/${id}` : ''}`;

describe('publishing', () => {
  test('a member posts in a group they belong to: 201, rendered HTML, the row, post.created on the group stream', async () => {
    const answer = await member.client.post(url(), { groupId: groups.team, body: '**Hello** team\nsame paragraph\n\nnext' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const post = answer.body;
    assert.deepEqual({ ...post, id: undefined, createdAt: undefined }, {
      id: undefined, createdAt: undefined,
      group: { id: groups.team, name: 'Team' },
      author: { id: member.user.id, displayName: 'alpha member' },
      body: '**Hello** team\nsame paragraph\n\nnext',
      html: '<p><strong>Hello</strong> team<br />\nsame paragraph</p>\n<p>next</p>',
      editedAt: null, pinned: false, reactions: {}, myReactions: [], commentCount: 0, bookmarked: false, attachments: [],
    });
    const { rows } = await h.owner.query('SELECT instance_id, group_id, author_id, body, body_html FROM posts WHERE id = $1', [post.id]);
    assert.deepEqual(rows, [{ instance_id: world.alpha.instance.id, group_id: groups.team, author_id: member.user.id, body: post.body, body_html: post.html }]);
    assert.deepEqual(eventsOf(h, 'post.created', (d) => d.postId === post.id), [{
      type: 'post.created', instanceId: world.alpha.instance.id, stream: `group:${groups.team}`,
      data: { postId: post.id, groupId: groups.team, authorId: member.user.id },
      seq: await streamHead(h, `group:${groups.team}`),
    }]);
    assert.equal((await other.client.get(url(post.id))).body.html, post.html);
  });

  test('refused: admins-only or archived group 403, a group one is not in 403, one that cannot be seen 404', async () => {
    const cases: Array<[Person, string, number, string]> = [
      [member, groups.announcements, 403, 'forbidden'],
      [member, groups.archived, 403, 'forbidden'],
      [lead, groups.archived, 403, 'forbidden'],
      // A private group is visible to every member of the instance (its name, not its posts): posting is refused.
      [member, groups.hidden, 403, 'forbidden'],
      [member, groups.secret, 404, 'not_found'],
      [world.alpha.people.guest, groups.team, 404, 'not_found'],
      [world.alpha.people.guest, groups.hidden, 404, 'not_found'],
      [member, groups.beta, 404, 'not_found'],
      [member, randomUUID(), 404, 'not_found'],
    ];
    for (const [who, groupId, status, code] of cases) {
      const before = await posts(who);
      const events = h.events.length;
      const answer = await who.client.post(url(), { groupId, body: 'should not exist' });
      assert.equal(answer.status, status, `${who.email} in ${groupId}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.code, code);
      assert.equal(await posts(who), before);
      assert.equal(h.events.length, events);
    }
    const allowed = await publish(lead, 'alpha', 'Only admins post here', groups.announcements);
    assert.equal(allowed.group.id, groups.announcements);
  });

  test('profile posts: a member may (group null, stream user:<id>), a guest may not', async () => {
    const post = await publish(member, 'alpha', 'On my profile');
    assert.equal(post.group, null);
    assert.equal(eventsOf(h, 'post.created', (d) => d.postId === post.id)[0]!.stream, `user:${member.user.id}`);
    const guest = world.alpha.people.guest;
    const answer = await guest.client.post(url(), { body: 'guest profile post' });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'forbidden');
    assert.equal(await posts(guest), 0);
  });

  test('the body: at most 20000 characters, not blank, no NUL (PostgreSQL text cannot hold one), no unknown field', async () => {
    const before = await posts(member);
    const refused: unknown[] = [
      { body: 'x'.repeat(20001) }, { body: '' }, { body: '   \n\t  ' }, { body: 'hi', title: 'extra' }, { body: 42 }, {},
      { groupId: 'not-a-uuid', body: 'hi' }, { body: 'a\u0000b' }, { body: `${' '.repeat(19999)}\u0000` },
    ];
    for (const body of refused) {
      const answer = await member.client.post(url(), body);
      assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(answer.body.code, 'validation_failed');
    }
    assert.match((await member.client.post(url(), { body: 'hi', title: 'extra' })).body.detail, /title/);
    assert.equal(await posts(member), before);
    const longest = await publish(member, 'alpha', 'é'.repeat(20000));
    assert.equal(longest.body.length, 20000);
  });
});

describe('editing', () => {
  test('the author edits: the previous text goes to /revisions, editedAt is set, post.updated is published', async () => {
    const post = await publish(member, 'alpha', 'first draft', groups.team);
    const edited = await member.client.patch(url(post.id), { body: 'second *draft*' });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.body, 'second *draft*');
    assert.equal(edited.body.html, '<p>second <em>draft</em></p>');
    assert.ok(edited.body.editedAt && Date.parse(edited.body.editedAt) >= Date.parse(post.createdAt));
    assert.equal((await member.client.patch(url(post.id), { body: 'third' })).status, 200);
    const revisions = await other.client.get(`${url(post.id)}/revisions`);
    assert.equal(revisions.status, 200);
    assert.deepEqual(revisions.body.items.map((r: any) => r.body), ['second *draft*', 'first draft']);
    const { rows } = await h.owner.query('SELECT body, edited_at IS NOT NULL AS edited FROM posts WHERE id = $1', [post.id]);
    assert.deepEqual(rows, [{ body: 'third', edited: true }]);
    const updates = eventsOf(h, 'post.updated', (d) => d.postId === post.id);
    assert.deepEqual(updates.map((e) => [e.stream, e.data]), [1, 2].map(() => [`group:${groups.team}`, { postId: post.id, groupId: groups.team }]));
  });

  test('saving the same text again adds no revision and no event', async () => {
    const post = await publish(member, 'alpha', 'unchanged');
    const events = h.events.length;
    const answer = await member.client.patch(url(post.id), { body: 'unchanged' });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.editedAt, null);
    assert.equal((await member.client.get(`${url(post.id)}/revisions`)).body.items.length, 0);
    assert.equal(h.events.length, events);
  });

  test('nobody else edits: another member, the group admin, an instance admin 403; a guest 404; the text stays', async () => {
    const post = await publish(member, 'alpha', 'mine to edit', groups.team);
    for (const [who, status] of [[other, 403], [lead, 403], [world.alpha.people.owner, 403], [world.alpha.people.guest, 404]] as const) {
      const answer = await who.client.patch(url(post.id), { body: 'hijacked' });
      assert.equal(answer.status, status, who.email);
    }
    const { rows } = await h.owner.query('SELECT body, edited_at FROM posts WHERE id = $1', [post.id]);
    assert.deepEqual(rows, [{ body: 'mine to edit', edited_at: null }]);
    assert.equal(eventsOf(h, 'post.updated', (d) => d.postId === post.id).length, 0);
  });
});

describe('deleting', () => {
  async function assertDeletes(author: Person, by: Person, groupId?: string) {
    const post = await publish(author, 'alpha', `deleted by ${by.email}`, groupId);
    const answer = await by.client.delete(url(post.id));
    assert.equal(answer.status, 204, `${by.email}: ${JSON.stringify(answer.body)}`);
    assert.equal(await postRowCount(h, 'id = $1', [post.id]), 0);
    assert.equal((await author.client.get(url(post.id))).status, 404);
    assert.deepEqual(eventsOf(h, 'post.deleted', (d) => d.postId === post.id).map((e) => [e.stream, e.data]),
      [[groupId ? `group:${groupId}` : `user:${author.user.id}`, { postId: post.id, groupId: groupId ?? null }]]);
  }

  async function assertCannotDelete(author: Person, by: Person, status: number, groupId?: string) {
    const post = await publish(author, 'alpha', `not deleted by ${by.email}`, groupId);
    const answer = await by.client.delete(url(post.id));
    assert.equal(answer.status, status, `${by.email}: ${JSON.stringify(answer.body)}`);
    assert.equal(await postRowCount(h, 'id = $1', [post.id]), 1);
    assert.equal(eventsOf(h, 'post.deleted', (d) => d.postId === post.id).length, 0);
  }

  test('the author, in a group and on the profile', async () => {
    await assertDeletes(member, member, groups.team);
    await assertDeletes(member, member);
  });

  test('the group administrator, and instance administrators, in a group', async () => {
    await assertDeletes(member, lead, groups.team);
    await assertDeletes(member, world.alpha.people.administrator, groups.team);
  });

  test('an instance administrator on a profile', async () => {
    await assertDeletes(member, world.alpha.people.administrator);
    await assertDeletes(other, world.alpha.people.owner);
  });

  test('nobody else: another member 403 (group and profile), a group admin on a profile 403, a guest 404', async () => {
    await assertCannotDelete(member, other, 403, groups.team);
    await assertCannotDelete(member, other, 403);
    await assertCannotDelete(member, lead, 403);
    await assertCannotDelete(member, world.alpha.people.guest, 404);
    await assertCannotDelete(member, world.beta.people.owner, 404);
  });
});

describe('pinning', () => {
  const pinnedFeed = (who: Person) => who.client.get(`/api/v1/i/alpha/feed?groupId=${groups.team}&pinned=true`);

  test('the group administrator pins and unpins; the pinned feed lists exactly the pinned posts', async () => {
    const post = await publish(member, 'alpha', 'pin me', groups.team);
    await publish(member, 'alpha', 'not pinned', groups.team);
    assert.equal((await lead.client.request('PUT', `${url(post.id)}/pin`, { pinned: true })).status, 204);
    const pinned = await pinnedFeed(other);
    assert.equal(pinned.status, 200);
    assert.deepEqual(pinned.body.items.map((p: any) => [p.id, p.pinned]), [[post.id, true]]);
    assert.ok((await h.owner.query('SELECT pinned_at FROM posts WHERE id = $1', [post.id])).rows[0].pinned_at);
    assert.equal((await lead.client.request('PUT', `${url(post.id)}/pin`, { pinned: false })).status, 204);
    assert.deepEqual((await pinnedFeed(other)).body.items, []);
    assert.equal((await other.client.get(url(post.id))).body.pinned, false);
  });

  test('a member may not pin (403); nor may anyone pin a profile post (403)', async () => {
    const post = await publish(member, 'alpha', 'members cannot pin', groups.team);
    const answer = await member.client.request('PUT', `${url(post.id)}/pin`, { pinned: true });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'forbidden');
    const profile = await publish(member, 'alpha', 'profile posts have no pins');
    assert.equal((await world.alpha.people.administrator.client.request('PUT', `${url(profile.id)}/pin`, { pinned: true })).status, 403);
    const { rows } = await h.owner.query('SELECT count(*)::int AS n FROM posts WHERE id = ANY($1) AND pinned_at IS NOT NULL', [[post.id, profile.id]]);
    assert.equal(rows[0].n, 0);
    assert.deepEqual((await pinnedFeed(member)).body.items, []);
  });
});
