// Stored XSS and mentions. Whatever an author types (raw HTML, script links,
// data: URLs, quotes in link titles, a display name built to look like
// Markdown or HTML), the HTML the server stores and returns is inert. People
// and groups are mentioned as <@id> and <#id>: only members of this instance
// and groups the author can see; only people who can read the post are told.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, addToGroup, assertInert, eventsOf, linksTo, makeGroup, notificationRows, postRowCount, publish } from './fixtures.ts';

let h: Harness;
let world: World;
let author: Person;
let member: Person;
let insider: Person;
let eve: Person;
const groups = {} as Record<'open' | 'inner' | 'secret', string>;

const EVE_NAME = 'Eve](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<svg onload=x> "q" *b* [x](//e.co) &lt;b&gt;';

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  author = world.alpha.people.member;
  member = await addMember(h, world.alpha, 'reader@alpha.test', 'Rita Reader');
  insider = await addMember(h, world.alpha, 'insider@alpha.test', 'Ines Insider');
  eve = await addMember(h, world.alpha, 'eve@alpha.test', EVE_NAME);
  groups.open = await makeGroup(author, 'alpha', 'Open <b>house</b>', 'open');
  groups.inner = await makeGroup(world.alpha.people.administrator, 'alpha', 'Inner circle', 'private');
  await addToGroup('alpha', groups.inner, insider, world.alpha.people.administrator);
  groups.secret = await makeGroup(world.alpha.people.administrator, 'alpha', 'Covert operations', 'secret');
});
after(() => h.close());

async function mentionsOf(who: Person): Promise<number> {
  return (await h.owner.query("SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'mention'", [who.user.id])).rowCount ?? 0;
}

async function storedHtml(postId: string): Promise<string> {
  return (await h.owner.query('SELECT body_html FROM posts WHERE id = $1', [postId])).rows[0].body_html;
}

const ATTACKS: Record<string, string> = {
  'script tag': '<script>alert(document.cookie)</script>',
  'img onerror': '<img src=x onerror=alert(1)>',
  'markdown javascript: link': '[click](javascript:alert(1))',
  'mixed-case, entity and tab javascript: links': '[a](JaVaScRiPt:alert(1)) [b](javascript&#58;alert(1)) [c](java\tscript:alert(1)) [d](&#x6A;avascript:alert(1))',
  'html javascript: link': '<a href="javascript:alert(1)" onclick="alert(2)">x</a>',
  'iframe': '<iframe src="https://evil.example/frame"></iframe>',
  'svg onload': '<svg onload=alert(1)><circle r="1"/></svg>',
  'data: URLs': '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![i](data:image/svg+xml;base64,PHN2Zz4=) ![p](https://evil.example/p.png)',
  'link titles with quotes': '[t](https://example.com "x\\" onmouseover=\\"alert(1)") [u](https://example.com \'y" onfocus="alert(1)\')',
  'quote in a URL': '[q](https://example.com/a"onmouseover="alert(1))',
  'protocol-relative and backslash links': '[a](//evil.example) [b](/\\evil.example) [c](\\\\evil.example)',
  'autolinks': '<javascript:alert(1)> <https://example.com/ok> www.example.com',
  'style and event attributes through markdown': '<p style="x" onmouseover="alert(1)">hi</p>\n\n<details open ontoggle=alert(1)>',
};

describe('stored XSS attempts are inert', () => {
  for (const [name, body] of Object.entries(ATTACKS)) {
    test(name, async () => {
      const post = await publish(author, 'alpha', body, groups.open);
      assert.equal(post.body, body, 'the source is kept as written');
      assertInert(post.html, `${name} (returned)`);
      assertInert(await storedHtml(post.id), `${name} (stored)`);
      assertInert((await member.client.get(`/api/v1/i/alpha/posts/${post.id}`)).body.html, `${name} (read back)`);
      const comment = await member.client.post(`/api/v1/i/alpha/posts/${post.id}/comments`, { body });
      assert.equal(comment.status, 201);
      assertInert(comment.body.html, `${name} (comment)`);
    });
  }

  test('raw HTML is shown as text, not dropped', async () => {
    const post = await publish(author, 'alpha', '<script>alert(1)</script>');
    assert.equal(post.html, '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  test('external links carry rel="noopener noreferrer nofollow ugc" and open apart; paths of the app do not', async () => {
    const post = await publish(author, 'alpha', `[site](https://example.com/page) https://example.org/bare [mail](mailto:a@example.com) [group](/i/alpha/groups/${groups.open})`);
    const external = [...post.html.matchAll(/<a [^>]*>/g)].map((m) => m[0]).filter((a: string) => !a.includes('href="/'));
    assert.equal(external.length, 3, post.html);
    for (const tag of external) {
      assert.match(tag, / rel="noopener noreferrer nofollow ugc"/);
      assert.match(tag, / target="_blank"/);
    }
    assert.deepEqual(linksTo(post.html, `/i/alpha/groups/${groups.open}`), [`<a href="/i/alpha/groups/${groups.open}">`]);
  });
});

describe('mentions of people', () => {
  test('<@member> renders a "mention" link with the display name and notifies that person', async () => {
    const post = await publish(author, 'alpha', `Hello <@${member.user.id}>, meet <@${insider.user.id}>`, groups.open);
    assert.deepEqual(linksTo(post.html, `/i/alpha/people/${member.user.id}`), [`<a href="/i/alpha/people/${member.user.id}" class="mention">`]);
    assert.match(post.html, new RegExp(`class="mention">@Rita Reader</a>, meet <a href="/i/alpha/people/${insider.user.id}" class="mention">@Ines Insider</a>`));
    for (const who of [member, insider]) {
      assert.deepEqual(await notificationRows(h, who.user.id, post.id), [{ kind: 'mention', actor_id: author.user.id, post_id: post.id, comment_id: null }]);
      const { rows } = await h.owner.query('SELECT id FROM notifications WHERE user_id = $1 AND post_id = $2', [who.user.id, post.id]);
      assert.deepEqual(eventsOf(h, 'notification.created', (d) => d.notificationId === rows[0].id).map((e) => [e.instanceId, e.stream, e.data.kind]),
        [[world.alpha.instance.id, `inbox:${who.user.id}`, 'mention']]);
    }
    assert.deepEqual(await notificationRows(h, author.user.id, post.id), [], 'mentioning oneself or not, the author is not notified');
  });

  test('the name shown is the one at the time of writing: a renamed member appears under the new name in new posts', async () => {
    assert.equal((await member.client.patch('/api/v1/me', { displayName: 'Rita R.' })).status, 200);
    const post = await publish(author, 'alpha', `cc <@${member.user.id}>`);
    assert.match(post.html, new RegExp(`<a href="/i/alpha/people/${member.user.id}" class="mention">@Rita R\\.</a>`));
  });

  test('a display name crafted as Markdown and HTML stays the text of one mention link', async () => {
    const post = await publish(author, 'alpha', `Look: <@${eve.user.id}> !`, groups.open);
    assertInert(post.html, 'crafted name');
    const anchors = post.html.match(/<a /g) ?? [];
    assert.equal(anchors.length, 1, post.html);
    assert.deepEqual(linksTo(post.html, `/i/alpha/people/${eve.user.id}`), [`<a href="/i/alpha/people/${eve.user.id}" class="mention">`]);
    const text = /class="mention">([^<]*)<\/a>/.exec(post.html)?.[1];
    assert.equal(text, '@Eve](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; &lt;svg onload=x&gt; "q" *b* [x](//e.co) &amp;lt;b&amp;gt;');
    assert.deepEqual((await notificationRows(h, eve.user.id, post.id)).map((n) => n.kind), ['mention']);
  });

  test('a hand-written link to a profile is not a mention; inside a link\'s text a mention is plain text', async () => {
    const post = await publish(author, 'alpha', `[@Rita Reader](/i/alpha/people/${insider.user.id}) [see <@${insider.user.id}>](https://example.com/x)`);
    assert.doesNotMatch(post.html, /class=/);
    assert.deepEqual(linksTo(post.html, `/i/alpha/people/${insider.user.id}`), [`<a href="/i/alpha/people/${insider.user.id}">`]);
    assert.match(post.html, /target="_blank">see @Ines Insider<\/a>/);
  });

  test('a member of another instance, or an unknown id: 400 invalid_mention, and no post, notification nor event', async () => {
    for (const id of [world.beta.people.member.user.id, randomUUID()]) {
      const notified = await mentionsOf(member);
      const posts = await postRowCount(h, 'author_id = $1', [author.user.id]);
      const events = h.events.length;
      const answer = await author.client.post('/api/v1/i/alpha/posts', { groupId: groups.open, body: `hey <@${member.user.id}> and <@${id}>` });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, 'invalid_mention');
      assert.equal(await postRowCount(h, 'author_id = $1', [author.user.id]), posts);
      assert.equal(h.events.length, events);
      assert.equal(await mentionsOf(member), notified);
    }
  });

  test('someone who cannot read the post is rendered but not notified (private group, guest on a profile post)', async () => {
    const admin = world.alpha.people.administrator;
    const post = await publish(admin, 'alpha', `Inside only: <@${insider.user.id}> <@${member.user.id}>`, groups.inner);
    assert.equal(linksTo(post.html, `/i/alpha/people/${member.user.id}`).length, 1);
    assert.deepEqual((await notificationRows(h, insider.user.id, post.id)).map((n) => n.kind), ['mention']);
    assert.deepEqual(await notificationRows(h, member.user.id, post.id), []);
    assert.equal(eventsOf(h, 'notification.created').filter((e) => e.stream === `inbox:${member.user.id}` && e.data.kind === 'mention').length,
      await mentionsOf(member), 'no mention event beyond the stored notifications');
    const guest = world.alpha.people.guest;
    const profile = await publish(author, 'alpha', `<@${guest.user.id}>`);
    assert.deepEqual(await notificationRows(h, guest.user.id, profile.id), []);
  });

  test('an edit notifies only the people it newly mentions', async () => {
    const post = await publish(author, 'alpha', `<@${member.user.id}>`, groups.open);
    assert.equal((await author.client.patch(`/api/v1/i/alpha/posts/${post.id}`, { body: `<@${member.user.id}> <@${insider.user.id}>` })).status, 200);
    assert.equal((await notificationRows(h, member.user.id, post.id)).length, 1);
    assert.equal((await notificationRows(h, insider.user.id, post.id)).length, 1);
    const refused = await author.client.patch(`/api/v1/i/alpha/posts/${post.id}`, { body: `<@${world.beta.people.owner.user.id}>` });
    assert.equal(refused.body.code, 'invalid_mention');
    assert.equal((await h.owner.query('SELECT body FROM posts WHERE id = $1', [post.id])).rows[0].body, `<@${member.user.id}> <@${insider.user.id}>`);
  });
});

describe('mentions of groups', () => {
  test('<#group> of a visible group renders a "mention-group" link with its (escaped) name', async () => {
    const post = await publish(author, 'alpha', `See <#${groups.open}> and <#${groups.inner}>`);
    assert.deepEqual(linksTo(post.html, `/i/alpha/groups/${groups.open}`), [`<a href="/i/alpha/groups/${groups.open}" class="mention-group">`]);
    assert.match(post.html, /class="mention-group">#Open &lt;b&gt;house&lt;\/b&gt;<\/a>/);
    assert.match(post.html, /class="mention-group">#Inner circle<\/a>/);
    assertInert(post.html);
  });

  test('a secret group the author cannot see: 400 invalid_mention, exactly as for a group that does not exist', async () => {
    const posts = await postRowCount(h, 'author_id = $1', [author.user.id]);
    const secret = await author.client.post('/api/v1/i/alpha/posts', { body: `<#${groups.secret}>` });
    const unknown = await author.client.post('/api/v1/i/alpha/posts', { body: `<#${randomUUID()}>` });
    assert.equal(secret.status, 400);
    assert.equal(secret.body.code, 'invalid_mention');
    assert.deepEqual(secret.body, unknown.body);
    assert.doesNotMatch(JSON.stringify(secret.body), /Covert|operations/i);
    assert.equal(await postRowCount(h, 'author_id = $1', [author.user.id]), posts);
    const admin = await publish(world.alpha.people.administrator, 'alpha', `<#${groups.secret}>`);
    assert.match(admin.html, /class="mention-group">#Covert operations<\/a>/);
  });
});
