// Versions (upload, list, download an old one, restore it as a new one) and
// the trash (a folder goes with its content, only its root is listed and
// restored, restoring finds a free name and a live folder, deleting for good
// and emptying), checked against the rows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember } from '../feed/fixtures.ts';
import {
  assertProblem, blobRows, contentOf, driveCounts, driveUrl, folder, itemRow, itemUrl, listing, newVersion, raw, sha256, share, uploaded,
} from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
});
after(() => h.close());

const names = (page: any) => page.items.map((i: any) => i.name);
const trash = async (by: Person, drive = 'me') => {
  const answer = await by.client.get(driveUrl('alpha', `/trash?drive=${drive}`));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.items;
};
const trashIt = async (by: Person, id: string) => assert.equal((await by.client.delete(itemUrl(id))).status, 204);

describe('versions', () => {
  let file: any;
  let versions: any[];

  test('a new version: 201, the item moves to it; the list is newest first with the current one marked', async () => {
    file = await uploaded(ann, 'alpha', 'plan.txt', 'plan v1');
    const second = await newVersion(ann, 'alpha', file.id, 'plan v2, longer');
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.deepEqual([second.body.id, second.body.version, second.body.size], [file.id, 2, 'plan v2, longer'.length]);
    const listed = await ann.client.get(itemUrl(file.id, '/versions'));
    assert.equal(listed.status, 200);
    versions = listed.body.versions;
    assert.deepEqual(versions.map((v: any) => [v.number, v.current, v.size]), [[2, true, 15], [1, false, 7]]);
    assert.deepEqual(versions[0].uploadedBy, { id: ann.user.id, displayName: ann.user.displayName });
    const rows = await h.owner.query('SELECT number, sha256 FROM drive_versions WHERE item_id = $1 ORDER BY number', [file.id]);
    assert.deepEqual(rows.rows, [{ number: 1, sha256: sha256('plan v1') }, { number: 2, sha256: sha256('plan v2, longer') }]);
    assert.equal((await itemRow(h, file.id)).current_version_id, versions[0].id);
    assert.equal((await contentOf(h, ann, file.id)).toString(), 'plan v2, longer');
  });

  test('an old version downloads with its own content', async () => {
    const v1 = versions.find((v: any) => v.number === 1);
    const answer = await raw(h, ann, 'GET', itemUrl(file.id, `/versions/${v1.id}/content`));
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.body, 'plan v1');
    assert.equal(answer.headers['content-length'], '7');
  });

  test('restoring v1 makes a v3 with its content; history is kept; no new blob', async () => {
    const v1 = versions.find((v: any) => v.number === 1);
    const counts = await driveCounts(h);
    const restored = await ann.client.post(itemUrl(file.id, `/versions/${v1.id}/restore`));
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.deepEqual([restored.body.version, restored.body.size], [3, 7]);
    assert.equal((await contentOf(h, ann, file.id)).toString(), 'plan v1');
    const listed = (await ann.client.get(itemUrl(file.id, '/versions'))).body.versions;
    assert.deepEqual(listed.map((v: any) => [v.number, v.current]), [[3, true], [2, false], [1, false]]);
    const after = await driveCounts(h);
    assert.deepEqual([after.blobs, after.versions], [counts.blobs, counts.versions + 1]);
    const v3 = (await h.owner.query('SELECT sha256 FROM drive_versions WHERE item_id = $1 AND number = 3', [file.id])).rows[0];
    assert.equal(v3.sha256, sha256('plan v1'));
  });

  test('restoring the current version changes nothing', async () => {
    const current = (await ann.client.get(itemUrl(file.id, '/versions'))).body.versions[0];
    const again = await ann.client.post(itemUrl(file.id, `/versions/${current.id}/restore`));
    assert.equal(again.status, 200);
    assert.equal(again.body.version, 3);
  });

  test('a viewer cannot restore or upload a version (403 read_only); the file is unchanged', async () => {
    await share(ann, file.id, { userId: bob.user.id }, 'viewer');
    const v2 = versions.find((v: any) => v.number === 2);
    assertProblem(await bob.client.post(itemUrl(file.id, `/versions/${v2.id}/restore`)), 403, 'read_only');
    assertProblem(await newVersion(bob, 'alpha', file.id, 'vandalism'), 403, 'read_only');
    assert.equal(await blobRows(h, world.alpha.instance.id, 'vandalism'), 0);
    assert.equal((await ann.client.get(itemUrl(file.id))).body.version, 3);
    // A viewer may still read the history.
    assert.equal((await bob.client.get(itemUrl(file.id, '/versions'))).status, 200);
  });

  test('a folder has no versions (400 not_a_file)', async () => {
    const box = await folder(ann, 'alpha', 'Versionless');
    assertProblem(await newVersion(ann, 'alpha', box.id, 'x'), 400, 'not_a_file');
  });
});

describe('trash', () => {
  test('a folder goes to the trash with everything in it: not listed, not readable, not downloadable', async () => {
    const box = await folder(ann, 'alpha', 'Doomed');
    const inner = await folder(ann, 'alpha', 'Inner', { parentId: box.id });
    const a = await uploaded(ann, 'alpha', 'a.txt', 'a', { parentId: box.id });
    const b = await uploaded(ann, 'alpha', 'b.txt', 'b', { parentId: inner.id });
    await trashIt(ann, box.id);
    const rows = await h.owner.query('SELECT id, trashed_at, trashed_root, trashed_by FROM drive_items WHERE id = ANY($1::uuid[])', [[box.id, inner.id, a.id, b.id]]);
    assert.equal(rows.rows.length, 4);
    for (const row of rows.rows) {
      assert.ok(row.trashed_at, 'every item is trashed');
      assert.equal(row.trashed_root, row.id === box.id);
      assert.equal(row.trashed_by, ann.user.id);
    }
    assert.ok(!names(await listing(ann)).includes('Doomed'));
    for (const id of [box.id, inner.id, a.id, b.id]) assertProblem(await ann.client.get(itemUrl(id)), 404, 'not_found', id);
    for (const id of [a.id, b.id]) assertProblem(await ann.client.get(itemUrl(id, '/content')), 404, 'not_found');
    assertProblem(await ann.client.get(driveUrl('alpha', `/items?drive=me&folderId=${inner.id}`)), 404, 'not_found');
    assertProblem(await ann.client.patch(itemUrl(a.id), { name: 'renamed in the trash.txt' }), 404, 'not_found');
    assertProblem(await ann.client.post(itemUrl(a.id, '/copy'), {}), 404, 'not_found');
    assertProblem(await newVersion(ann, 'alpha', a.id, 'new'), 404, 'not_found');
    // The trash lists the folder only, with its trashedAt.
    const listed = await trash(ann);
    const doomed = listed.filter((i: any) => [box.id, inner.id, a.id, b.id].includes(i.id));
    assert.deepEqual(doomed.map((i: any) => i.name), ['Doomed']);
    assert.ok(doomed[0].trashedAt);

    // Restoring the folder brings its content back.
    const restored = await ann.client.post(itemUrl(box.id, '/restore'));
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.equal(restored.body.trashedAt, null);
    const after = await h.owner.query('SELECT count(*)::int AS n FROM drive_items WHERE id = ANY($1::uuid[]) AND trashed_at IS NULL AND NOT trashed_root', [[box.id, inner.id, a.id, b.id]]);
    assert.equal(after.rows[0].n, 4);
    assert.deepEqual(names(await listing(ann, { folderId: box.id })), ['Inner', 'a.txt']);
    assert.equal((await contentOf(h, ann, b.id)).toString(), 'b');
    assert.ok(!(await trash(ann)).some((i: any) => i.id === box.id));
  });

  test('an item trashed before its folder stays in the trash when the folder is restored', async () => {
    const box = await folder(ann, 'alpha', 'Half doomed');
    const early = await uploaded(ann, 'alpha', 'early.txt', 'early', { parentId: box.id });
    await uploaded(ann, 'alpha', 'late.txt', 'late', { parentId: box.id });
    await trashIt(ann, early.id);
    await trashIt(ann, box.id);
    assert.deepEqual((await trash(ann)).filter((i: any) => [box.id, early.id].includes(i.id)).map((i: any) => i.name), ['Half doomed', 'early.txt']);
    assert.equal((await ann.client.post(itemUrl(box.id, '/restore'))).status, 200);
    assert.deepEqual(names(await listing(ann, { folderId: box.id })), ['late.txt']);
    assert.ok((await trash(ann)).some((i: any) => i.id === early.id));
  });

  test('restoring onto a taken name renames it "name (2)"', async () => {
    const old = await uploaded(ann, 'alpha', 'dup.txt', 'old');
    await trashIt(ann, old.id);
    await uploaded(ann, 'alpha', 'DUP.txt', 'new');
    const restored = await ann.client.post(itemUrl(old.id, '/restore'));
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.equal(restored.body.name, 'dup (2).txt');
    assert.equal((await itemRow(h, old.id)).name, 'dup (2).txt');
    const box = await folder(ann, 'alpha', 'Twin');
    await trashIt(ann, box.id);
    await folder(ann, 'alpha', 'twin');
    assert.equal((await ann.client.post(itemUrl(box.id, '/restore'))).body.name, 'Twin (2)');
  });

  test('a restore that fails leaves the item in the trash', async () => {
    const old = await uploaded(ann, 'alpha', 'clash.txt', 'old');
    await trashIt(ann, old.id);
    await uploaded(ann, 'alpha', 'clash.txt', 'new');
    const answer = await ann.client.post(itemUrl(old.id, '/restore'));
    if (answer.status === 200) return;
    assert.ok((await itemRow(h, old.id)).trashed_at, 'still in the trash');
    assert.ok((await trash(ann)).some((i: any) => i.id === old.id));
  });

  test('an item whose folder is in the trash comes back at the root', async () => {
    const box = await folder(ann, 'alpha', 'Gone parent');
    const orphan = await uploaded(ann, 'alpha', 'orphan.txt', 'orphan', { parentId: box.id });
    await trashIt(ann, orphan.id);
    await trashIt(ann, box.id);
    const restored = await ann.client.post(itemUrl(orphan.id, '/restore'));
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.equal(restored.body.parentId, null);
    assert.deepEqual(restored.body.path, []);
    assert.equal((await itemRow(h, orphan.id)).parent_id, null);
    assert.ok(names(await listing(ann)).includes('orphan.txt'));
  });

  test('only a trashed root can be restored or deleted for good; a live item cannot be deleted for good', async () => {
    const box = await folder(ann, 'alpha', 'Roots only');
    const child = await uploaded(ann, 'alpha', 'child.txt', 'child', { parentId: box.id });
    const live = await uploaded(ann, 'alpha', 'live.txt', 'live');
    assertProblem(await ann.client.delete(itemUrl(live.id, '/forever')), 404, 'not_found');
    assertProblem(await ann.client.post(itemUrl(live.id, '/restore')), 404, 'not_found');
    await trashIt(ann, box.id);
    assertProblem(await ann.client.post(itemUrl(child.id, '/restore')), 404, 'not_found');
    assertProblem(await ann.client.delete(itemUrl(child.id, '/forever')), 404, 'not_found');
    assertProblem(await ann.client.delete(itemUrl(box.id)), 404, 'not_found', 'trashed twice');
    assert.ok(await itemRow(h, live.id));
  });

  test('deleting for good removes the items and their versions; the blob is left to the sweep', async () => {
    const box = await folder(ann, 'alpha', 'Forever');
    const file = await uploaded(ann, 'alpha', 'forever.txt', 'forever content', { parentId: box.id });
    assert.equal((await newVersion(ann, 'alpha', file.id, 'forever content v2')).status, 201);
    await trashIt(ann, box.id);
    assert.equal((await ann.client.delete(itemUrl(box.id, '/forever'))).status, 204);
    assert.equal(await itemRow(h, box.id), undefined);
    assert.equal(await itemRow(h, file.id), undefined);
    assert.equal((await h.owner.query('SELECT 1 FROM drive_versions WHERE item_id = $1', [file.id])).rowCount, 0);
    assert.equal(await blobRows(h, world.alpha.instance.id, 'forever content'), 1);
    assert.ok(!(await trash(ann)).some((i: any) => i.id === box.id));
    assertProblem(await ann.client.post(itemUrl(box.id, '/restore')), 404, 'not_found');
  });

  test('deleting a folder for good also deletes what was trashed from inside it earlier', async () => {
    const box = await folder(ann, 'alpha', 'Parent gone for good');
    const inside = await uploaded(ann, 'alpha', 'trashed first.txt', 'first', { parentId: box.id });
    await trashIt(ann, inside.id);
    await trashIt(ann, box.id);
    assert.equal((await ann.client.delete(itemUrl(box.id, '/forever'))).status, 204);
    assert.equal(await itemRow(h, inside.id), undefined);
    assert.ok(!(await trash(ann)).some((i: any) => i.id === inside.id));
    assertProblem(await ann.client.post(itemUrl(inside.id, '/restore')), 404, 'not_found');
  });

  test('emptying the trash deletes every trashed item of that drive only', async () => {
    const mine = [await uploaded(ann, 'alpha', 'empty-1.txt', '1'), await folder(ann, 'alpha', 'Empty folder')];
    for (const item of mine) await trashIt(ann, item.id);
    const bobs = await uploaded(bob, 'alpha', 'bob trashed.txt', 'bob');
    await trashIt(bob, bobs.id);
    assert.equal((await ann.client.delete(driveUrl('alpha', '/trash?drive=me'))).status, 204);
    assert.deepEqual(await trash(ann), []);
    assert.equal((await h.owner.query('SELECT count(*)::int AS n FROM drive_items WHERE owner_id = $1 AND trashed_at IS NOT NULL', [ann.user.id])).rows[0].n, 0);
    assert.deepEqual((await trash(bob)).map((i: any) => i.id), [bobs.id]);
  });

  test("someone else's trash is out of reach", async () => {
    const bobs = await uploaded(bob, 'alpha', 'bob secret trash.txt', 'bob');
    await trashIt(bob, bobs.id);
    assert.ok(!(await trash(ann)).some((i: any) => i.id === bobs.id));
    for (const intruder of [ann, world.alpha.people.administrator, world.alpha.people.owner]) {
      assertProblem(await intruder.client.post(itemUrl(bobs.id, '/restore')), 404, 'not_found');
      assertProblem(await intruder.client.delete(itemUrl(bobs.id, '/forever')), 404, 'not_found');
      assertProblem(await intruder.client.get(itemUrl(bobs.id)), 404, 'not_found');
    }
    const row = await itemRow(h, bobs.id);
    assert.ok(row.trashed_at, 'still in the trash');
  });

  test('deleting needs the drive: a share editor cannot trash (403)', async () => {
    const file = await uploaded(ann, 'alpha', 'not yours to delete.txt', 'keep');
    await share(ann, file.id, { userId: bob.user.id }, 'editor');
    assertProblem(await bob.client.delete(itemUrl(file.id)), 403, 'forbidden');
    assert.equal((await itemRow(h, file.id)).trashed_at, null);
  });
});
