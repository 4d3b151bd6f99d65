// Attachments on posts, comments and chat messages: uploaded pending (the
// uploader's only), claimed by what their uploader creates, then readable
// exactly by whoever can read that post, comment or message, at the moment of
// the request. Same store and content addressing as the drive.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { sweepDrive } from '../../src/modules/drive/sweep.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, addToGroup, makeGroup } from '../feed/fixtures.ts';
import { assertProblem, conversationUrl, direct, groupChat, messagesUrl, messageUrl } from '../chat/fixtures.ts';
import { uploaded as uploadedToDrive } from '../drive/fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
let cat: Person;

before(async () => {
  h = await startHarness({ DRIVE_USER_QUOTA_BYTES: '100000' });
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
  cat = await addMember(h, world.alpha, 'cat@alpha.test', 'Cat');
});
after(() => h.close());

const url = (rest = '', slug = 'alpha') => `/api/v1/i/${slug}/attachments${rest}`;
const sha = (content: string) => createHash('sha256').update(content).digest('hex');

async function attach(by: Person, name: string, content: string): Promise<any> {
  const answer = await by.client.request('POST', url(`?name=${encodeURIComponent(name)}`), Buffer.from(content), { 'content-type': 'application/octet-stream' });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}
const content = (by: Person, id: string, slug = 'alpha') => by.client.get(url(`/${id}/content`, slug));
const blobCount = async (content: string) => (await h.owner.query('SELECT count(*)::int AS n FROM blobs WHERE sha256 = $1', [sha(content)])).rows[0].n;

describe('pending attachments', () => {
  test('an upload is pending: its uploader reads it, nobody else (404), not even an administrator', async () => {
    const a = await attach(ann, 'plan.txt', 'the plan');
    assert.deepEqual({ ...a, id: undefined }, { id: undefined, name: 'plan.txt', size: 8, mediaType: 'text/plain', preview: false });
    assert.equal((await content(ann, a.id)).body, 'the plan');
    assertProblem(await content(bob, a.id), 404, 'not_found');
    assertProblem(await content(world.alpha.people.administrator, a.id), 404, 'not_found');
    assertProblem(await content(world.beta.people.owner, a.id, 'beta'), 404, 'not_found');
  });

  test('discarding: the uploader only, a pending one only', async () => {
    const a = await attach(ann, 'draft.txt', 'draft');
    assertProblem(await bob.client.request('DELETE', url(`/${a.id}`)), 404, 'not_found');
    assert.equal((await ann.client.request('DELETE', url(`/${a.id}`))).status, 204);
    assertProblem(await content(ann, a.id), 404, 'not_found');
  });

  test('a drive file attached stores nothing new; a file one cannot open cannot be attached', async () => {
    const file = await uploadedToDrive(ann, 'alpha', 'report.txt', 'drive report content');
    const answer = await ann.client.post(url('/from-drive'), { itemId: file.id });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.name, 'report.txt');
    assert.equal(await blobCount('drive report content'), 1);
    assertProblem(await bob.client.post(url('/from-drive'), { itemId: file.id }), 404, 'not_found');
  });

  test('abandoned pending attachments are dropped by the sweep after a day', async () => {
    const a = await attach(ann, 'forgotten.txt', 'forgotten content');
    await sweepDrive(h.s, new Date(Date.now() + 2 * 3_600_000));
    assert.equal((await content(ann, a.id)).status, 200);
    const report = await sweepDrive(h.s, new Date(Date.now() + 25 * 3_600_000));
    assert.ok(report.abandonedAttachments >= 1);
    assertProblem(await content(ann, a.id), 404, 'not_found');
  });
});

describe('on posts and comments', () => {
  test('a post in a private group: members read its attachments, outsiders and other instances get 404, in the given order', async () => {
    const group = await makeGroup(ann, 'alpha', 'Board', 'private');
    await addToGroup('alpha', group, bob, ann);
    const first = await attach(ann, 'b.txt', 'second listed first');
    const second = await attach(ann, 'a.txt', 'first listed second');
    const post = await ann.client.post('/api/v1/i/alpha/posts', { groupId: group, body: 'Minutes attached', attachmentIds: [first.id, second.id] });
    assert.equal(post.status, 201, JSON.stringify(post.body));
    assert.deepEqual(post.body.attachments.map((a: any) => a.name), ['b.txt', 'a.txt']);
    assert.equal((await content(bob, first.id)).body, 'second listed first');
    assertProblem(await content(cat, first.id), 404, 'not_found');
    assertProblem(await content(world.beta.people.owner, first.id, 'beta'), 404, 'not_found');
    // Leaving the group takes the attachment away at once.
    assert.equal((await bob.client.request('DELETE', `/api/v1/i/alpha/groups/${group}/members/${bob.user.id}`)).status, 204);
    assertProblem(await content(bob, first.id), 404, 'not_found');
  });

  test('the attachments of someone removed from the instance stay with their post', async () => {
    const dan = await addMember(h, world.alpha, 'dan@alpha.test', 'Dan');
    const a = await attach(dan, 'handover.txt', 'handover notes');
    assert.equal((await dan.client.post('/api/v1/i/alpha/posts', { body: 'Handover', attachmentIds: [a.id] })).status, 201);
    assert.equal((await world.alpha.people.administrator.client.request('DELETE', `/api/v1/i/alpha/members/${dan.user.id}`)).status, 204);
    assert.equal((await content(bob, a.id)).body, 'handover notes');
  });

  test("someone else's, an already attached or an unknown attachment: 400 invalid_attachment and no post", async () => {
    const mine = await attach(ann, 'mine.txt', 'mine');
    const before = (await h.owner.query('SELECT count(*)::int AS n FROM posts')).rows[0].n;
    assertProblem(await bob.client.post('/api/v1/i/alpha/posts', { body: 'stolen', attachmentIds: [mine.id] }), 400, 'invalid_attachment');
    assert.equal((await ann.client.post('/api/v1/i/alpha/posts', { body: 'mine', attachmentIds: [mine.id] })).status, 201);
    assertProblem(await ann.client.post('/api/v1/i/alpha/posts', { body: 'again', attachmentIds: [mine.id] }), 400, 'invalid_attachment');
    assertProblem(await ann.client.post('/api/v1/i/alpha/posts', { body: 'unknown', attachmentIds: ['00000000-0000-4000-8000-000000000000'] }), 400, 'invalid_attachment');
    const foreign = await world.beta.people.owner.client.request('POST', url('?name=beta.txt', 'beta'), Buffer.from('beta'), { 'content-type': 'application/octet-stream' });
    assert.equal(foreign.status, 201);
    assertProblem(await world.alpha.people.owner.client.post('/api/v1/i/alpha/posts', { body: 'foreign', attachmentIds: [foreign.body.id] }), 400, 'invalid_attachment');
    assert.equal((await h.owner.query('SELECT count(*)::int AS n FROM posts')).rows[0].n, before + 1);
  });

  test('more than 10 attachments, or the same twice: 400 validation_failed', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`);
    assertProblem(await ann.client.post('/api/v1/i/alpha/posts', { body: 'many', attachmentIds: ids }), 400, 'validation_failed');
    assertProblem(await ann.client.post('/api/v1/i/alpha/posts', { body: 'twice', attachmentIds: [ids[0], ids[0]] }), 400, 'validation_failed');
  });

  test('a comment carries its attachments; deleting the post deletes them', async () => {
    const post = await ann.client.post('/api/v1/i/alpha/posts', { body: 'Photos?' });
    const a = await attach(bob, 'photo.txt', 'a photo, in words');
    const comment = await bob.client.post(`/api/v1/i/alpha/posts/${post.body.id}/comments`, { body: 'Here', attachmentIds: [a.id] });
    assert.equal(comment.status, 201, JSON.stringify(comment.body));
    assert.deepEqual(comment.body.attachments.map((x: any) => x.id), [a.id]);
    const listed = await ann.client.get(`/api/v1/i/alpha/posts/${post.body.id}/comments`);
    assert.deepEqual(listed.body.items[0].attachments.map((x: any) => x.id), [a.id]);
    assert.equal((await content(cat, a.id)).status, 200);
    assert.equal((await ann.client.request('DELETE', `/api/v1/i/alpha/posts/${post.body.id}`)).status, 204);
    assertProblem(await content(bob, a.id), 404, 'not_found');
    assert.equal((await h.owner.query('SELECT 1 FROM attachments WHERE id = $1', [a.id])).rowCount, 0);
  });
});

describe('on chat messages', () => {
  test('a message may be only attachments; members download, others get 404; the event carries them', async () => {
    const conversation = await direct(ann, bob);
    const a = await attach(ann, 'notes.txt', 'meeting notes');
    const sent = await ann.client.post(messagesUrl(conversation.id), { attachmentIds: [a.id], clientId: 'att-1' });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.equal(sent.body.body, '');
    assert.deepEqual(sent.body.attachments.map((x: any) => x.name), ['notes.txt']);
    const event = h.events.find((e) => e.type === 'message.created' && (e.data as any).message.id === sent.body.id);
    assert.deepEqual((event?.data as any).message.attachments, sent.body.attachments);
    assert.equal((await content(bob, a.id)).body, 'meeting notes');
    assertProblem(await content(cat, a.id), 404, 'not_found');
  });

  test('neither text nor attachment: 400 validation_failed', async () => {
    const conversation = await direct(ann, bob);
    assertProblem(await ann.client.post(messagesUrl(conversation.id), {}), 400, 'validation_failed');
  });

  test('leaving the conversation, or the message being deleted, takes the attachment away', async () => {
    const chat = await groupChat(ann, [bob, cat], 'Files');
    const a = await attach(ann, 'secret.txt', 'for the three of us');
    const sent = await ann.client.post(messagesUrl(chat.id), { body: 'see attached', attachmentIds: [a.id] });
    assert.equal(sent.status, 201);
    assert.equal((await content(cat, a.id)).status, 200);
    assert.equal((await cat.client.request('DELETE', conversationUrl(chat.id, '/members/me'))).status, 204);
    assertProblem(await content(cat, a.id), 404, 'not_found');
    assert.equal((await ann.client.request('DELETE', messageUrl(chat.id, sent.body.id))).status, 204);
    assertProblem(await content(bob, a.id), 404, 'not_found');
    assert.equal((await h.owner.query('SELECT 1 FROM attachments WHERE id = $1', [a.id])).rowCount, 0);
  });
});

describe('content and limits', () => {
  test('active content is an attachment of opaque type, sandboxed, even when asked inline; an image has a thumbnail', async () => {
    const a = await attach(ann, 'page.html', '<!doctype html><script>alert(1)</script>');
    const answer = await ann.client.get(url(`/${a.id}/content?disposition=inline`));
    assert.equal(answer.headers['content-type'], 'application/octet-stream');
    assert.match(String(answer.headers['content-disposition']), /^attachment;/);
    assert.match(String(answer.headers['content-security-policy']), /sandbox/);
    assert.equal(answer.headers['x-content-type-options'], 'nosniff');
    assertProblem(await ann.client.get(url(`/${a.id}/preview`)), 404, 'not_found');
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#cc6633' } }).png().toBuffer();
    const image = (await ann.client.request('POST', url('?name=photo.png'), png, { 'content-type': 'application/octet-stream' })).body;
    assert.equal(image.preview, true);
    const preview = await h.app.inject({ method: 'GET', url: url(`/${image.id}/preview`), headers: { cookie: ann.client.cookie ?? '' } });
    assert.equal(preview.statusCode, 200);
    assert.deepEqual((await sharp(preview.rawPayload).metadata()).format, 'webp');
  });

  test('attachments count towards the uploader\'s quota: 507 quota_exceeded, nothing stored', async () => {
    const big = 'x'.repeat(60_000);
    await attach(cat, 'big-1.txt', big);
    const before = (await h.owner.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n;
    const answer = await cat.client.request('POST', url('?name=big-2.txt'), Buffer.from(`${big}y`), { 'content-type': 'application/octet-stream' });
    assertProblem(answer, 507, 'quota_exceeded');
    assert.equal((await h.owner.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n, before);
    assert.equal(await blobCount(`${big}y`), 0);
  });
});
