// Files and folders of a personal drive: upload, list (folders first, by
// name, paged), nested folders and their path, rename, move, copy, name
// conflicts and the cleaning of names. Each answer is checked against the
// rows and the objects it left in the store.
import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import {
  assertNothingStored, assertProblem, blobObject, blobRows, contentOf, driveCounts, driveUrl, folder, itemRow, itemUrl, listing, racing, raw,
  sha256, storedObjects, upload, uploaded,
} from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
const instanceId = () => world.alpha.instance.id;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = world.alpha.people.administrator;
});
after(() => h.close());

/** Names refused once cleaned: too long, or nothing visible left. */
const BAD_NAMES = [`${'n'.repeat(252)}.txt`, 'x'.repeat(300), '', '\u200B\u200E', '..', '.', '/', 'dir/', '   ', '\u202E'];
const names = (page: any) => page.items.map((i: any) => i.name);

describe('upload', () => {
  test('a file lands in my drive: item, version, blob row and stored object', async () => {
    const content = 'hello drive\n';
    const answer = await upload(ann, 'alpha', 'hello.txt', content);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const item = answer.body;
    assert.equal(item.kind, 'file');
    assert.equal(item.name, 'hello.txt');
    assert.equal(item.drive, 'me');
    assert.equal(item.parentId, null);
    assert.equal(item.size, Buffer.byteLength(content));
    assert.equal(item.mediaType, 'text/plain');
    assert.equal(item.version, 1);
    assert.equal(item.trashedAt, null);
    assert.deepEqual(item.path, []);
    assert.deepEqual(item.permissions, { edit: true, manage: true });
    assert.deepEqual(item.updatedBy, { id: ann.user.id, displayName: ann.user.displayName });

    const row = await itemRow(h, item.id);
    assert.equal(row.owner_id, ann.user.id);
    assert.equal(row.group_id, null);
    assert.equal(row.instance_id, instanceId());
    assert.equal(row.kind, 'file');
    const version = (await h.owner.query('SELECT * FROM drive_versions WHERE id = $1', [row.current_version_id])).rows[0];
    assert.equal(version.number, 1);
    assert.equal(version.sha256, sha256(content));
    assert.equal(Number(version.size), Buffer.byteLength(content));
    assert.equal(version.uploaded_by, ann.user.id);
    assert.equal(await blobRows(h, instanceId(), content), 1);
    const objects = await storedObjects(h);
    assert.ok(objects.blobs.includes(blobObject(instanceId(), content)), 'the bytes are stored under their address');
    assert.deepEqual(objects.tmp, [], 'no temporary object is left');
    assert.equal((await contentOf(h, ann, item.id)).toString(), content);
  });

  test('any Content-Type is accepted and ignored: the body is the content', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['json.txt', { 'content-type': 'application/json' }],
      ['form.txt', { 'content-type': 'multipart/form-data; boundary=x' }],
      ['plain.txt', { 'content-type': 'text/plain' }],
      ['none.txt', {}],
    ];
    for (const [name, headers] of cases) {
      const content = `{"not": "parsed" ${name}`;
      const answer = await ann.client.request('POST', driveUrl('alpha', `/files?drive=me&name=${name}`), Buffer.from(content), headers);
      assert.equal(answer.status, 201, `${name}: ${JSON.stringify(answer.body)}`);
      assert.equal((await contentOf(h, ann, answer.body.id)).toString(), content, name);
    }
  });

  test('into a folder that is not one of the drive\'s live folders: 404, nothing stored', async () => {
    const file = await uploaded(ann, 'alpha', 'not-a-folder.txt', 'x');
    const bobs = await folder(bob, 'alpha', 'Bob only');
    await assertNothingStored(h, async () => {
      for (const parentId of [file.id, bobs.id, '00000000-0000-4000-8000-000000000000']) {
        assertProblem(await upload(ann, 'alpha', 'astray.txt', 'astray', { parentId }), 404, 'not_found', parentId);
      }
    });
  });
});

describe('listing', () => {
  test('folders first, then by name ignoring case; the drive and the folder are described', async () => {
    const box = await folder(ann, 'alpha', 'Listing');
    for (const name of ['b.txt', 'A.txt', 'c.txt']) await uploaded(ann, 'alpha', name, name, { parentId: box.id });
    for (const name of ['Zeta', 'alpha']) await folder(ann, 'alpha', name, { parentId: box.id });
    const page = await listing(ann, { folderId: box.id });
    assert.deepEqual(names(page), ['alpha', 'Zeta', 'A.txt', 'b.txt', 'c.txt']);
    assert.deepEqual(page.items.map((i: any) => i.kind), ['folder', 'folder', 'file', 'file', 'file']);
    assert.deepEqual(page.drive, { ref: 'me', name: '', canWrite: true });
    assert.equal(page.folder.id, box.id);
    assert.deepEqual(page.folder.path, []);
    assert.equal(page.nextCursor, null);
    // Another person's listing of their own drive shows none of it.
    assert.ok(!names(await listing(bob)).includes('Listing'));
  });

  test('pages follow the cursor to the end without a repeat or a gap', async () => {
    const box = await folder(ann, 'alpha', 'Paged');
    const expected: string[] = [];
    for (const name of ['f1', 'f2', 'f3']) expected.push((await folder(ann, 'alpha', name, { parentId: box.id })).name);
    for (let n = 1; n <= 5; n++) expected.push((await uploaded(ann, 'alpha', `file ${n}.txt`, `content ${n}`, { parentId: box.id })).name);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await listing(ann, { folderId: box.id, limit: '3', ...(cursor ? { cursor } : {}) });
      seen.push(...names(page));
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, expected);
    assert.deepEqual(sizes, [3, 3, 2]);
  });

  test('a bad cursor is a 400 invalid_cursor', async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of ['garbage', '!!!', forged([2, 'x', '00000000-0000-4000-8000-000000000000']), forged([0, 'x', 'not-a-uuid']), forged({ a: 1 }), forged([0, 'x'.repeat(1001), '00000000-0000-4000-8000-000000000000'])]) {
      assertProblem(await ann.client.get(driveUrl('alpha', `/items?drive=me&cursor=${encodeURIComponent(cursor)}`)), 400, 'invalid_cursor', cursor);
    }
  });

  test('folderId must be a folder of that drive', async () => {
    const file = await uploaded(ann, 'alpha', 'plain file.txt', 'x');
    assertProblem(await ann.client.get(driveUrl('alpha', `/items?drive=me&folderId=${file.id}`)), 400, 'not_a_folder');
    const bobs = await folder(bob, 'alpha', 'Bob private');
    assertProblem(await ann.client.get(driveUrl('alpha', `/items?drive=me&folderId=${bobs.id}`)), 404, 'not_found');
  });
});

describe('nested folders', () => {
  test('an item tells the folders above it; a folder page tells its own path', async () => {
    const a = await folder(ann, 'alpha', 'Nest A');
    const b = await folder(ann, 'alpha', 'Nest B', { parentId: a.id });
    const c = await folder(ann, 'alpha', 'Nest C', { parentId: b.id });
    const file = await uploaded(ann, 'alpha', 'deep.txt', 'deep', { parentId: c.id });
    assert.deepEqual(file.path, [{ id: a.id, name: 'Nest A' }, { id: b.id, name: 'Nest B' }, { id: c.id, name: 'Nest C' }]);
    const read = await ann.client.get(itemUrl(c.id));
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.path, [{ id: a.id, name: 'Nest A' }, { id: b.id, name: 'Nest B' }]);
    const page = await listing(ann, { folderId: c.id });
    assert.deepEqual(page.folder.path.map((f: any) => f.name), ['Nest A', 'Nest B']);
    assert.deepEqual(names(page), ['deep.txt']);
    assert.equal((await itemRow(h, c.id)).parent_id, b.id);
  });
});

describe('rename and move', () => {
  test('rename: the row changes; a taken name (any case) is a 409; my own name in another case is fine', async () => {
    const file = await uploaded(ann, 'alpha', 'draft.txt', 'draft');
    await uploaded(ann, 'alpha', 'Final.txt', 'final');
    const renamed = await ann.client.patch(itemUrl(file.id), { name: 'report.txt' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.name, 'report.txt');
    assert.equal((await itemRow(h, file.id)).name, 'report.txt');
    assertProblem(await ann.client.patch(itemUrl(file.id), { name: 'FINAL.TXT' }), 409, 'name_taken');
    assert.equal((await itemRow(h, file.id)).name, 'report.txt');
    const recased = await ann.client.patch(itemUrl(file.id), { name: 'Report.TXT' });
    assert.equal(recased.status, 200, JSON.stringify(recased.body));
    assert.equal((await itemRow(h, file.id)).name, 'Report.TXT');
  });

  test('move into a folder and back to the root', async () => {
    const target = await folder(ann, 'alpha', 'Move target');
    const file = await uploaded(ann, 'alpha', 'mover.txt', 'moving');
    const moved = await ann.client.patch(itemUrl(file.id), { parentId: target.id });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.parentId, target.id);
    assert.deepEqual(moved.body.path, [{ id: target.id, name: 'Move target' }]);
    assert.equal((await itemRow(h, file.id)).parent_id, target.id);
    assert.deepEqual(names(await listing(ann, { folderId: target.id })), ['mover.txt']);
    const back = await ann.client.patch(itemUrl(file.id), { parentId: null });
    assert.equal(back.status, 200);
    assert.equal((await itemRow(h, file.id)).parent_id, null);
  });

  test('a folder cannot move into itself or a descendant (400 invalid_move)', async () => {
    const top = await folder(ann, 'alpha', 'Cycle top');
    const middle = await folder(ann, 'alpha', 'Cycle middle', { parentId: top.id });
    const bottom = await folder(ann, 'alpha', 'Cycle bottom', { parentId: middle.id });
    for (const parentId of [top.id, middle.id, bottom.id]) {
      assertProblem(await ann.client.patch(itemUrl(top.id), { parentId }), 400, 'invalid_move', parentId);
    }
    assert.equal((await itemRow(h, top.id)).parent_id, null);
  });

  test("into another drive's folder, a file or a missing folder: 404", async () => {
    const file = await uploaded(ann, 'alpha', 'stay.txt', 'stay');
    const other = await uploaded(ann, 'alpha', 'not a folder.txt', 'x');
    const bobs = await folder(bob, 'alpha', 'Bob target');
    for (const parentId of [bobs.id, other.id, '00000000-0000-4000-8000-000000000000']) {
      assertProblem(await ann.client.patch(itemUrl(file.id), { parentId }), 404, 'not_found', parentId);
    }
    assert.equal((await itemRow(h, file.id)).parent_id, null);
  });

  test('a folder in the trash takes nothing new: no move, folder or upload into it (404)', async () => {
    const binned = await folder(ann, 'alpha', 'Binned');
    assert.equal((await ann.client.delete(itemUrl(binned.id))).status, 204);
    const file = await uploaded(ann, 'alpha', 'not into the bin.txt', 'x');
    assertProblem(await ann.client.patch(itemUrl(file.id), { parentId: binned.id }), 404, 'not_found');
    assertProblem(await ann.client.post(driveUrl('alpha', '/folders'), { drive: 'me', parentId: binned.id, name: 'sub' }), 404, 'not_found');
    await assertNothingStored(h, async () => {
      assertProblem(await upload(ann, 'alpha', 'binned.txt', 'x', { parentId: binned.id }), 404, 'not_found');
    });
  });

  test('a move onto a taken name is a 409 and moves nothing', async () => {
    const target = await folder(ann, 'alpha', 'Occupied');
    await uploaded(ann, 'alpha', 'same.txt', 'inside', { parentId: target.id });
    const file = await uploaded(ann, 'alpha', 'SAME.txt', 'outside');
    assertProblem(await ann.client.patch(itemUrl(file.id), { parentId: target.id }), 409, 'name_taken');
    assert.equal((await itemRow(h, file.id)).parent_id, null);
  });
});

describe('copy', () => {
  test('a copy is a new item over the same blob: no new blob row, no new object', async () => {
    const content = 'copy me, once stored';
    const file = await uploaded(ann, 'alpha', 'original.txt', content);
    const target = await folder(ann, 'alpha', 'Copies');
    const counts = await driveCounts(h);
    const objects = await storedObjects(h);
    const copy = await ann.client.post(itemUrl(file.id, '/copy'), { parentId: target.id });
    assert.equal(copy.status, 201, JSON.stringify(copy.body));
    assert.notEqual(copy.body.id, file.id);
    assert.equal(copy.body.name, 'original.txt');
    assert.equal(copy.body.parentId, target.id);
    assert.equal(copy.body.version, 1);
    const again = await ann.client.post(itemUrl(file.id, '/copy'), {});
    assert.equal(again.status, 201);
    assert.equal(again.body.name, 'original (2).txt', 'a copy beside the original is numbered');
    const after = await driveCounts(h);
    assert.deepEqual([after.blobs, after.items, after.versions], [counts.blobs, counts.items + 2, counts.versions + 2]);
    assert.deepEqual(await storedObjects(h), objects);
    const versions = await h.owner.query('SELECT sha256 FROM drive_versions WHERE item_id = ANY($1::uuid[])', [[copy.body.id, again.body.id]]);
    assert.deepEqual(versions.rows.map((r) => r.sha256), [sha256(content), sha256(content)]);
    assert.equal((await contentOf(h, ann, copy.body.id)).toString(), content);
  });

  test('a folder cannot be copied (400 not_a_file); a copy under a new name is named so', async () => {
    const box = await folder(ann, 'alpha', 'Uncopiable');
    assertProblem(await ann.client.post(itemUrl(box.id, '/copy'), {}), 400, 'not_a_file');
    const file = await uploaded(ann, 'alpha', 'named.txt', 'named');
    const copy = await ann.client.post(itemUrl(file.id, '/copy'), { name: '../renamed.txt' });
    assert.equal(copy.status, 201);
    assert.equal(copy.body.name, 'renamed.txt');
  });
});

describe('name conflicts', () => {
  test('the same name, in any case, is a 409 name_taken and stores nothing', async () => {
    await uploaded(ann, 'alpha', 'notes.txt', 'first notes');
    await assertNothingStored(h, async () => {
      assertProblem(await upload(ann, 'alpha', 'notes.txt', 'second notes'), 409, 'name_taken');
      assertProblem(await upload(ann, 'alpha', 'NOTES.TXT', 'third notes'), 409, 'name_taken');
      assertProblem(await upload(ann, 'alpha', 'notes.txt', 'fourth notes', { onConflict: 'fail' }), 409, 'name_taken');
    });
    assertProblem(await ann.client.post(driveUrl('alpha', '/folders'), { drive: 'me', name: 'Notes.txt' }), 409, 'name_taken');
  });

  test('onConflict=rename numbers the name before its extension', async () => {
    await uploaded(ann, 'alpha', 'photo.png.txt', 'one');
    const second = await upload(ann, 'alpha', 'photo.png.txt', 'two', { onConflict: 'rename' });
    assert.equal(second.status, 201);
    assert.equal(second.body.name, 'photo.png (2).txt');
    const third = await upload(ann, 'alpha', 'PHOTO.png.txt', 'three', { onConflict: 'rename' });
    assert.equal(third.body.name, 'PHOTO.png (3).txt');
    await folder(ann, 'alpha', 'README');
    const bare = await upload(ann, 'alpha', 'readme', 'no extension', { onConflict: 'rename' });
    assert.equal(bare.body.name, 'readme (2)');
  });

  test('onConflict=version adds a version to the file of that name (200, same item)', async () => {
    const first = await uploaded(ann, 'alpha', 'budget.txt', 'budget v1');
    const second = await upload(ann, 'alpha', 'Budget.txt', 'budget v2', { onConflict: 'version' });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.id, first.id);
    assert.equal(second.body.version, 2);
    assert.equal(second.body.name, 'budget.txt', 'the file keeps its name');
    const versions = await h.owner.query('SELECT number, sha256 FROM drive_versions WHERE item_id = $1 ORDER BY number', [first.id]);
    assert.deepEqual(versions.rows, [{ number: 1, sha256: sha256('budget v1') }, { number: 2, sha256: sha256('budget v2') }]);
    assert.equal((await contentOf(h, ann, first.id)).toString(), 'budget v2');
  });

  test('onConflict=version onto a folder of that name is a 409', async () => {
    await folder(ann, 'alpha', 'Taken by a folder');
    await assertNothingStored(h, async () => {
      assertProblem(await upload(ann, 'alpha', 'taken by a folder', 'x', { onConflict: 'version' }), 409, 'name_taken');
    });
  });

  test('uploads of one name at the same time: one file, the others 409 name_taken (never a 500)', async () => {
    const contents = [0, 1, 2, 3].map((n) => Buffer.from(`simultaneous ${n}`));
    const answers = await racing(contents.map(() => (body: Readable) => raw(h, ann, 'POST', driveUrl('alpha', '/files?drive=me&name=simultaneous.txt'), { payload: body })), contents);
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409], answers.map((a) => a.body).join(' | '));
    assert.ok(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'name_taken'));
    const rows = await h.owner.query("SELECT count(*)::int AS n FROM drive_items WHERE owner_id = $1 AND lower(name) = 'simultaneous.txt'", [ann.user.id]);
    assert.equal(rows.rows[0].n, 1);
  });

  test('uploads of one name at the same time with onConflict=rename: every one is kept under a free name', async () => {
    const contents = [0, 1, 2, 3].map((n) => Buffer.from(`renamed at once ${n}`));
    const answers = await racing(contents.map(() => (body: Readable) =>
      raw(h, ann, 'POST', driveUrl('alpha', '/files?drive=me&name=at%20once.txt&onConflict=rename'), { payload: body })), contents);
    assert.deepEqual(answers.map((a) => a.statusCode), [201, 201, 201, 201], answers.map((a) => a.body).join(' | '));
    assert.deepEqual(answers.map((a) => a.json().name).sort(), ['at once (2).txt', 'at once (3).txt', 'at once (4).txt', 'at once.txt']);
  });

  test('the same name in another folder or another drive is fine', async () => {
    const box = await folder(ann, 'alpha', 'Elsewhere');
    assert.equal((await upload(ann, 'alpha', 'notes.txt', 'in a folder', { parentId: box.id })).status, 201);
    assert.equal((await upload(bob, 'alpha', 'notes.txt', "in bob's drive")).status, 201);
  });
});

describe('names', () => {
  test('a path keeps its last segment; invisible characters go; reserved ones become _', async () => {
    const cases: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\windows\\system.ini', 'system.ini'],
      ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
      ['\u200Bzero\u200Dwidth\uFEFF.txt', 'zerowidth.txt'],
      ['bell\u0007\u001b[31mred.txt', 'bell[31mred.txt'],
      ['isolate\u2066d\u2069.txt', 'isolated.txt'],
      ['a<b>:c"d|e?f*.txt', 'a_b__c_d_e_f_.txt'],
      ['  spaced   out  .txt', 'spaced out .txt'],
      ['trailing dots...', 'trailing dots'],
      ['e\u0301cole.txt', '\u00e9cole.txt'],
    ];
    for (const [raw, clean] of cases) {
      const answer = await upload(ann, 'alpha', raw, raw);
      assert.equal(answer.status, 201, `${JSON.stringify(raw)}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.name, clean, JSON.stringify(raw));
      assert.equal((await itemRow(h, answer.body.id)).name, clean);
      assert.equal(answer.body.parentId, null, 'a path never places the file elsewhere');
    }
  });

  test('the same cleaning applies to folders, renames and copies', async () => {
    const box = await folder(ann, 'alpha', '../Folder\u202E');
    assert.equal(box.name, 'Folder');
    const renamed = await ann.client.patch(itemUrl(box.id), { name: 'x/y/Renamed\u0000'.replace('\u0000', '\u0001') });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.name, 'Renamed');
  });

  test('an upload refused for its name leaves no temporary object (the name is refused before the body is read)', async () => {
    await assertNothingStored(h, async () => {
      for (const name of BAD_NAMES) assertProblem(await upload(ann, 'alpha', name, 'refused'), 400, 'validation_failed', JSON.stringify(name));
    });
  });

  test('255 characters are fine; 256 or 300 are a 400; an empty or invisible name is a 400', async () => {
    const long = `${'n'.repeat(251)}.txt`;
    const ok = await upload(ann, 'alpha', long, 'long');
    assert.equal(ok.status, 201);
    assert.equal(ok.body.name, long);
    const emoji = '\u{1F600}'.repeat(255);
    assert.equal((await ann.client.post(driveUrl('alpha', '/folders'), { drive: 'me', name: emoji })).status, 201, '255 characters, not 255 UTF-16 units');
    const counts = await driveCounts(h);
    for (const name of BAD_NAMES) assertProblem(await upload(ann, 'alpha', name, 'refused'), 400, 'validation_failed', JSON.stringify(name));
    assertProblem(await ann.client.post(driveUrl('alpha', '/folders'), { drive: 'me', name: 'y'.repeat(300) }), 400, 'validation_failed');
    assertProblem(await ann.client.post(driveUrl('alpha', '/folders'), { drive: 'me', name: '' }), 400, 'validation_failed');
    assertProblem(await ann.client.post(driveUrl('alpha', '/folders'), { drive: 'me', name: 'nul\u0000byte' }), 400, 'validation_failed');
    assert.deepEqual(await driveCounts(h), counts, 'a refused name wrote a row');
    const file = await uploaded(ann, 'alpha', 'keep my name.txt', 'x');
    for (const name of ['', 'z'.repeat(300), '../']) {
      assertProblem(await ann.client.patch(itemUrl(file.id), { name }), 400, 'validation_failed', JSON.stringify(name));
    }
    assert.equal((await itemRow(h, file.id)).name, 'keep my name.txt');
  });
});
