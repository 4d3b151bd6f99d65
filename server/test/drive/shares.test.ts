// Sharing a file with a person or a group, as viewer or editor: what the
// sharee may do (open, download; editors also rename and upload versions;
// never move, delete or share), that a share stops working the moment it is
// removed, while the file is in the trash or once the sharee leaves the
// group, and who may share with whom.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, addToGroup, makeGroup } from '../feed/fixtures.ts';
import { assertProblem, contentOf, download, driveUrl, folder, itemRow, itemUrl, newVersion, share, uploaded } from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
let carl: Person;
let dora: Person;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
  carl = await addMember(h, world.alpha, 'carl@alpha.test', 'Carl');
  dora = await addMember(h, world.alpha, 'dora@alpha.test', 'Dora');
});
after(() => h.close());

const sharedWith = async (by: Person) => {
  const answer = await by.client.get(driveUrl('alpha', '/shared'));
  assert.equal(answer.status, 200);
  return answer.body.items;
};
const shareRows = async (itemId: string) =>
  (await h.owner.query('SELECT user_id, group_id, role, created_by FROM drive_shares WHERE item_id = $1 ORDER BY created_at', [itemId])).rows;

describe('a viewer', () => {
  let file: any;
  let box: any;

  test('sees the file in /shared, opens and downloads it, without a path into my drive', async () => {
    box = await folder(ann, 'alpha', 'Private folder');
    file = await uploaded(ann, 'alpha', 'shared.txt', 'shared content', { parentId: box.id });
    const created = await ann.client.post(itemUrl(file.id, '/shares'), { userId: bob.user.id, role: 'viewer' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.user, created.body.group, created.body.role], [{ id: bob.user.id, displayName: 'Bob' }, null, 'viewer']);
    assert.deepEqual(await shareRows(file.id), [{ user_id: bob.user.id, group_id: null, role: 'viewer', created_by: ann.user.id }]);

    const listed = await sharedWith(bob);
    assert.deepEqual(listed.map((i: any) => i.id), [file.id]);
    assert.equal(listed[0].drive, `user:${ann.user.id}`);
    assert.deepEqual(listed[0].permissions, { edit: false, manage: false });
    const read = await bob.client.get(itemUrl(file.id));
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.path, [], 'no path into the owner\'s folders');
    assert.deepEqual(read.body.permissions, { edit: false, manage: false });
    assert.equal((await contentOf(h, bob, file.id)).toString(), 'shared content');
    // The folder around it stays private.
    assertProblem(await bob.client.get(itemUrl(box.id)), 404, 'not_found');
    assertProblem(await bob.client.get(driveUrl('alpha', `/items?drive=me&folderId=${box.id}`)), 404, 'not_found');
    // Others see nothing.
    assert.deepEqual(await sharedWith(carl), []);
    assertProblem(await carl.client.get(itemUrl(file.id, '/content')), 404, 'not_found');
  });

  test('cannot rename, upload a version, move, delete or share (403); nothing changes', async () => {
    assertProblem(await bob.client.patch(itemUrl(file.id), { name: 'mine now.txt' }), 403, 'read_only');
    assertProblem(await newVersion(bob, 'alpha', file.id, 'overwritten'), 403, 'read_only');
    assertProblem(await bob.client.patch(itemUrl(file.id), { parentId: null }), 403, 'read_only');
    assertProblem(await bob.client.delete(itemUrl(file.id)), 403, 'forbidden');
    assertProblem(await bob.client.post(itemUrl(file.id, '/shares'), { userId: carl.user.id, role: 'viewer' }), 403, 'forbidden');
    const row = await itemRow(h, file.id);
    assert.deepEqual([row.name, row.parent_id, row.trashed_at], ['shared.txt', box.id, null]);
    assert.equal((await shareRows(file.id)).length, 1);
  });

  test('may copy it into their own drive', async () => {
    const copy = await bob.client.post(itemUrl(file.id, '/copy'), { drive: 'me' });
    assert.equal(copy.status, 201, JSON.stringify(copy.body));
    assert.deepEqual([copy.body.drive, copy.body.parentId, copy.body.name], ['me', null, 'shared.txt']);
    assert.equal((await itemRow(h, copy.body.id)).owner_id, bob.user.id);
  });

  test('sharing again changes the role (200, the same share)', async () => {
    const first = (await shareRows(file.id))[0];
    const again = await ann.client.post(itemUrl(file.id, '/shares'), { userId: bob.user.id, role: 'editor' });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.role, 'editor');
    const rows = await shareRows(file.id);
    assert.deepEqual(rows.map((r) => [r.user_id, r.role]), [[bob.user.id, 'editor']]);
    assert.equal(rows[0].created_by, first.created_by);
    assert.equal((await ann.client.post(itemUrl(file.id, '/shares'), { userId: bob.user.id, role: 'viewer' })).status, 200);
  });

  test('unsharing: 204, and the sharee gets 404 at once', async () => {
    const shares = await ann.client.get(itemUrl(file.id, '/shares'));
    assert.equal(shares.status, 200);
    const shareId = shares.body.shares[0].id;
    assertProblem(await bob.client.delete(itemUrl(file.id, `/shares/${shareId}`)), 403, 'forbidden');
    assert.equal((await ann.client.delete(itemUrl(file.id, `/shares/${shareId}`))).status, 204);
    assert.deepEqual(await shareRows(file.id), []);
    assertProblem(await bob.client.get(itemUrl(file.id)), 404, 'not_found');
    assertProblem(await bob.client.get(itemUrl(file.id, '/content')), 404, 'not_found');
    assertProblem(await bob.client.get(itemUrl(file.id, '/versions')), 404, 'not_found');
    assert.deepEqual(await sharedWith(bob), []);
    assertProblem(await ann.client.delete(itemUrl(file.id, `/shares/${shareId}`)), 404, 'not_found');
  });
});

describe('an editor', () => {
  let file: any;
  before(async () => {
    const box = await folder(ann, 'alpha', 'Editors folder');
    file = await uploaded(ann, 'alpha', 'editable.txt', 'v1', { parentId: box.id });
    await share(ann, file.id, { userId: carl.user.id }, 'editor');
  });

  test('uploads a version (counted as theirs) and renames', async () => {
    const version = await newVersion(carl, 'alpha', file.id, 'v2 by carl');
    assert.equal(version.status, 201, JSON.stringify(version.body));
    assert.equal(version.body.version, 2);
    assert.deepEqual(version.body.permissions, { edit: true, manage: false });
    const uploader = (await h.owner.query('SELECT uploaded_by FROM drive_versions WHERE item_id = $1 AND number = 2', [file.id])).rows[0];
    assert.equal(uploader.uploaded_by, carl.user.id);
    assert.equal((await carl.client.get(driveUrl('alpha', '/usage'))).body.usedBytes, 'v2 by carl'.length);
    const renamed = await carl.client.patch(itemUrl(file.id), { name: 'edited.txt' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal((await itemRow(h, file.id)).name, 'edited.txt');
    assert.equal((await contentOf(h, ann, file.id)).toString(), 'v2 by carl');
    const v1 = (await carl.client.get(itemUrl(file.id, '/versions'))).body.versions.find((v: any) => v.number === 1);
    const restored = await carl.client.post(itemUrl(file.id, `/versions/${v1.id}/restore`));
    assert.equal(restored.status, 200);
    assert.equal(restored.body.version, 3);
  });

  test('cannot move, delete or share (403)', async () => {
    const target = await folder(ann, 'alpha', 'Move target for editors');
    assertProblem(await carl.client.patch(itemUrl(file.id), { parentId: target.id }), 403, 'forbidden');
    assertProblem(await carl.client.patch(itemUrl(file.id), { parentId: null }), 403, 'forbidden');
    assertProblem(await carl.client.delete(itemUrl(file.id)), 403, 'forbidden');
    assertProblem(await carl.client.post(itemUrl(file.id, '/shares'), { userId: dora.user.id, role: 'viewer' }), 403, 'forbidden');
    const row = await itemRow(h, file.id);
    assert.notEqual(row.parent_id, target.id);
    assert.equal(row.trashed_at, null);
  });

  test('a file in the trash is not found for its sharees, and comes back with it', async () => {
    assert.equal((await ann.client.delete(itemUrl(file.id))).status, 204);
    assertProblem(await carl.client.get(itemUrl(file.id)), 404, 'not_found');
    assertProblem(await carl.client.get(itemUrl(file.id, '/content')), 404, 'not_found');
    assertProblem(await newVersion(carl, 'alpha', file.id, 'while trashed'), 404, 'not_found');
    assertProblem(await carl.client.post(itemUrl(file.id, '/restore')), 404, 'not_found');
    assert.deepEqual(await sharedWith(carl), []);
    assert.deepEqual((await carl.client.get(driveUrl('alpha', '/trash?drive=me'))).body.items.filter((i: any) => i.id === file.id), []);
    // Restoring it brings the share back.
    assert.equal((await ann.client.post(itemUrl(file.id, '/restore'))).status, 200);
    assert.equal((await carl.client.get(itemUrl(file.id))).status, 200);
  });
});

describe('sharing with a group', () => {
  test("its members see the file; others don't; a member who leaves loses it", async () => {
    const group = await makeGroup(dora, 'alpha', 'Readers', 'private');
    await addToGroup('alpha', group, bob, dora);
    const file = await uploaded(ann, 'alpha', 'for the readers.txt', 'for readers');
    const created = await ann.client.post(itemUrl(file.id, '/shares'), { groupId: group, role: 'viewer' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.group, { id: group, name: 'Readers' });
    assert.deepEqual(await shareRows(file.id), [{ user_id: null, group_id: group, role: 'viewer', created_by: ann.user.id }]);
    for (const member of [dora, bob]) {
      assert.ok((await sharedWith(member)).some((i: any) => i.id === file.id));
      assert.equal((await contentOf(h, member, file.id)).toString(), 'for readers');
    }
    assertProblem(await carl.client.get(itemUrl(file.id)), 404, 'not_found');
    assert.equal((await bob.client.post(`/api/v1/i/alpha/groups/${group}/leave`)).status, 204);
    assertProblem(await bob.client.get(itemUrl(file.id, '/content')), 404, 'not_found');
    assert.ok(!(await sharedWith(bob)).some((i: any) => i.id === file.id));
  });

  test('a person share and a group share: the stronger role wins', async () => {
    const group = await makeGroup(dora, 'alpha', 'Editors', 'open');
    await addToGroup('alpha', group, carl);
    const file = await uploaded(ann, 'alpha', 'two ways.txt', 'two');
    await share(ann, file.id, { userId: carl.user.id }, 'viewer');
    await share(ann, file.id, { groupId: group }, 'editor');
    const seen = (await sharedWith(carl)).find((i: any) => i.id === file.id);
    assert.deepEqual(seen.permissions, { edit: true, manage: false });
    assert.equal((await newVersion(carl, 'alpha', file.id, 'edited through the group')).status, 201);
    assert.equal((await ann.client.get(itemUrl(file.id, '/shares'))).body.shares.length, 2);
  });

  test('a group the sharer cannot see is not found', async () => {
    const secret = await makeGroup(dora, 'alpha', 'Hidden from ann', 'secret');
    const file = await uploaded(ann, 'alpha', 'to a secret group.txt', 'x');
    assertProblem(await ann.client.post(itemUrl(file.id, '/shares'), { groupId: secret, role: 'viewer' }), 404, 'not_found');
    assert.deepEqual(await shareRows(file.id), []);
  });
});

describe('who may share with whom', () => {
  test('guests cannot share, even their own files (403)', async () => {
    const guest = world.alpha.people.guest;
    const file = await uploaded(guest, 'alpha', 'guest file.txt', 'guest');
    assertProblem(await guest.client.post(itemUrl(file.id, '/shares'), { userId: ann.user.id, role: 'viewer' }), 403, 'forbidden');
    assert.deepEqual(await shareRows(file.id), []);
  });

  test('a guest may receive a share', async () => {
    const guest = world.alpha.people.guest;
    const file = await uploaded(ann, 'alpha', 'for the guest.txt', 'guest may read');
    await share(ann, file.id, { userId: guest.user.id }, 'viewer');
    assert.equal((await contentOf(h, guest, file.id)).toString(), 'guest may read');
  });

  test('someone of another instance, or nobody, is not found; myself is refused', async () => {
    const file = await uploaded(ann, 'alpha', 'stays home.txt', 'alpha only');
    for (const userId of [world.beta.people.member.user.id, world.beta.people.owner.user.id, '00000000-0000-4000-8000-000000000000']) {
      assertProblem(await ann.client.post(itemUrl(file.id, '/shares'), { userId, role: 'viewer' }), 404, 'not_found', userId);
    }
    const betaGroup = await makeGroup(world.beta.people.member, 'beta', 'Beta group', 'open');
    assertProblem(await ann.client.post(itemUrl(file.id, '/shares'), { groupId: betaGroup, role: 'viewer' }), 404, 'not_found');
    assertProblem(await ann.client.post(itemUrl(file.id, '/shares'), { userId: ann.user.id, role: 'viewer' }), 400, 'invalid_share');
    assert.deepEqual(await shareRows(file.id), []);
  });

  test('one person or one group: both or neither is a 400 invalid_share; a folder cannot be shared', async () => {
    const file = await uploaded(ann, 'alpha', 'one target.txt', 'x');
    const group = await makeGroup(ann, 'alpha', 'Some group', 'open');
    assertProblem(await ann.client.post(itemUrl(file.id, '/shares'), { userId: bob.user.id, groupId: group, role: 'viewer' }), 400, 'invalid_share');
    assertProblem(await ann.client.post(itemUrl(file.id, '/shares'), { role: 'viewer' }), 400, 'invalid_share');
    assertProblem(await ann.client.post(itemUrl(file.id, '/shares'), { userId: bob.user.id, role: 'owner' }), 400, 'validation_failed');
    const box = await folder(ann, 'alpha', 'Unshareable');
    assertProblem(await ann.client.post(itemUrl(box.id, '/shares'), { userId: bob.user.id, role: 'viewer' }), 400, 'not_a_file');
  });

  test("an instance administrator cannot open a member's personal files", async () => {
    const file = await uploaded(ann, 'alpha', 'not for admins.txt', 'private');
    for (const admin of [world.alpha.people.administrator, world.alpha.people.owner]) {
      assertProblem(await admin.client.get(itemUrl(file.id)), 404, 'not_found');
      assertProblem(await download(h, admin, file.id).then((r) => ({ status: r.statusCode, body: r.json() })), 404, 'not_found');
      assertProblem(await admin.client.post(itemUrl(file.id, '/shares'), { userId: bob.user.id, role: 'viewer' }), 404, 'not_found');
    }
  });

  test('a share ends when the sharee leaves the instance', async () => {
    const eve = await addMember(h, world.alpha, 'eve@alpha.test', 'Eve');
    const file = await uploaded(ann, 'alpha', 'for eve.txt', 'eve');
    await share(ann, file.id, { userId: eve.user.id }, 'viewer');
    const removed = await world.alpha.people.administrator.client.delete(`/api/v1/i/alpha/members/${eve.user.id}`);
    assert.ok([200, 204].includes(removed.status), JSON.stringify(removed.body));
    const left = await eve.client.get(itemUrl(file.id));
    assert.ok([401, 403, 404].includes(left.status), `a former member got ${left.status}`);
  });
});
