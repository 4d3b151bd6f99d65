// Chunked, resumable uploads: start, send parts strictly in order, read the
// progress to resume, complete into a file (or a new version), or abandon.
// Each step is checked against the upload's row and its part objects in the
// store (tmp/uploads/<id>/…); an upload is its starter's alone.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, addToGroup, makeGroup } from '../feed/fixtures.ts';
import {
  assertNothingStored, assertProblem, chunksOf, contentOf, driveCounts, driveUrl, folder, itemRow, overSocket, raw, sha256, share, storedObjects,
  uploaded,
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

const uploadUrl = (id: string, rest = '') => driveUrl('alpha', `/uploads/${id}${rest}`);

async function start(by: Person, body: Record<string, unknown>): Promise<any> {
  const answer = await by.client.post(driveUrl('alpha', '/uploads'), body);
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

async function part(by: Person, id: string, n: number, content: Buffer) {
  const answer = await raw(h, by, 'PUT', uploadUrl(id, `/parts/${n}`), { payload: content, headers: { 'content-type': 'application/octet-stream' } });
  return { status: answer.statusCode, body: answer.json() };
}

const uploadRow = async (id: string) => (await h.owner.query('SELECT * FROM drive_uploads WHERE id = $1', [id])).rows[0];
const partObjects = async (id: string) => (await storedObjects(h)).tmp.filter((o) => o.startsWith(`uploads/${id}/`));

describe('a chunked upload from start to finish', () => {
  const content = randomBytes(3 * 1024 * 1024 + 17);
  const pieces = [content.subarray(0, 1024 * 1024), content.subarray(1024 * 1024, 2 * 1024 * 1024), content.subarray(2 * 1024 * 1024)];
  let upload: any;

  test('start: 201 with the progress; a row for me', async () => {
    upload = await start(ann, { drive: 'me', name: 'big.bin', size: content.length });
    assert.equal(upload.size, content.length);
    assert.deepEqual([upload.received, upload.nextPart, upload.maxPartBytes], [0, 0, 64 * 1024 * 1024]);
    const hours = (Date.parse(upload.expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 23.9 && hours <= 24, `expires in ${hours} h`);
    const row = await uploadRow(upload.id);
    assert.deepEqual([row.user_id, row.owner_id, row.group_id, row.name, Number(row.size), Number(row.received)], [ann.user.id, ann.user.id, null, 'big.bin', content.length, 0]);
  });

  test('parts in order: each is recorded with its own object', async () => {
    const first = await part(ann, upload.id, 0, pieces[0]!);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual([first.body.received, first.body.nextPart], [pieces[0]!.length, 1]);
    assert.equal((await partObjects(upload.id)).length, 1);
    assert.equal(Number((await uploadRow(upload.id)).received), pieces[0]!.length);
  });

  test('a part out of order, or the same part again: 409 part_out_of_order naming the next one, nothing stored', async () => {
    await assertNothingStored(h, async () => {
      for (const n of [2, 0, 5]) {
        const answer = await part(ann, upload.id, n, pieces[1]!);
        assertProblem(answer, 409, 'part_out_of_order', String(n));
        assert.match(answer.body.detail, /next one is number 1/);
      }
    });
  });

  test('GET tells where to resume', async () => {
    const progress = await ann.client.get(uploadUrl(upload.id));
    assert.equal(progress.status, 200);
    assert.deepEqual([progress.body.received, progress.body.nextPart, progress.body.name], [pieces[0]!.length, 1, 'big.bin']);
  });

  test('completing before every byte arrived: 409 upload_incomplete', async () => {
    assert.equal((await part(ann, upload.id, 1, pieces[1]!)).status, 200);
    const counts = await driveCounts(h);
    const answer = await ann.client.post(uploadUrl(upload.id, '/complete'));
    assertProblem(answer, 409, 'upload_incomplete');
    assert.match(answer.body.detail, new RegExp(`${2 * 1024 * 1024} of ${content.length}`));
    assert.deepEqual(await driveCounts(h), counts);
  });

  test('a part going past the announced size: 413 part_too_large, not recorded', async () => {
    // Over a socket: app.inject() never settles when the server stops reading a Buffer body.
    await assertNothingStored(h, async () => {
      const tooLong = Buffer.concat([pieces[2]!, Buffer.from('x')]);
      for (const headers of [{ 'content-length': String(tooLong.length) }, {}] as Array<Record<string, string>>) {
        const answer = await overSocket(h, ann, 'PUT', uploadUrl(upload.id, '/parts/2'), chunksOf(tooLong, 256 * 1024), { headers });
        assertProblem(answer ?? { status: 0, body: null }, 413, 'part_too_large', JSON.stringify(headers));
      }
    });
    assert.equal((await ann.client.get(uploadUrl(upload.id))).body.nextPart, 2);
  });

  test('complete: a file with exactly the bytes and their SHA-256; the upload and its parts are gone', async () => {
    assert.equal((await part(ann, upload.id, 2, pieces[2]!)).status, 200);
    assert.equal((await partObjects(upload.id)).length, 3);
    const done = await ann.client.post(uploadUrl(upload.id, '/complete'));
    assert.equal(done.status, 201, JSON.stringify(done.body));
    assert.deepEqual([done.body.name, done.body.size, done.body.version, done.body.drive], ['big.bin', content.length, 1, 'me']);
    assert.ok((await contentOf(h, ann, done.body.id)).equals(content), 'the bytes differ');
    const row = await itemRow(h, done.body.id);
    const version = (await h.owner.query('SELECT sha256, size FROM drive_versions WHERE id = $1', [row.current_version_id])).rows[0];
    assert.deepEqual([version.sha256, Number(version.size)], [sha256(content), content.length]);
    assert.equal(await uploadRow(upload.id), undefined);
    assert.deepEqual(await partObjects(upload.id), []);
    assert.deepEqual((await storedObjects(h)).tmp, []);
    assertProblem(await ann.client.get(uploadUrl(upload.id)), 404, 'not_found');
    assertProblem(await ann.client.post(uploadUrl(upload.id, '/complete')), 404, 'not_found');
  });
});

describe('targets and conflicts', () => {
  test('a zero-byte upload completes without parts', async () => {
    const upload = await start(ann, { drive: 'me', name: 'nothing.txt', size: 0 });
    const done = await ann.client.post(uploadUrl(upload.id, '/complete'));
    assert.equal(done.status, 201, JSON.stringify(done.body));
    assert.equal(done.body.size, 0);
    assert.equal((await contentOf(h, ann, done.body.id)).length, 0);
  });

  test('into a folder; the name is cleaned', async () => {
    const box = await folder(ann, 'alpha', 'Chunked target');
    const upload = await start(ann, { drive: 'me', parentId: box.id, name: '../../etc/report\u202E.txt', size: 5 });
    assert.equal(upload.name, 'report.txt');
    assert.equal((await part(ann, upload.id, 0, Buffer.from('hello'))).status, 200);
    const done = await ann.client.post(uploadUrl(upload.id, '/complete'));
    assert.equal(done.status, 201);
    assert.deepEqual([done.body.name, done.body.parentId], ['report.txt', box.id]);
  });

  test('a name taken by completion time: 409, the upload stays to retry with onConflict=rename', async () => {
    const upload = await start(ann, { drive: 'me', name: 'contested.txt', size: 3 });
    assert.equal((await part(ann, upload.id, 0, Buffer.from('new'))).status, 200);
    await uploaded(ann, 'alpha', 'Contested.txt', 'old');
    assertProblem(await ann.client.post(uploadUrl(upload.id, '/complete')), 409, 'name_taken');
    assert.ok(await uploadRow(upload.id), 'the upload is kept');
    assert.deepEqual((await storedObjects(h)).tmp.filter((o) => !o.startsWith('uploads/')), [], 'the staged copy is removed');
    const renamed = await ann.client.post(uploadUrl(upload.id, '/complete?onConflict=rename'));
    assert.equal(renamed.status, 201, JSON.stringify(renamed.body));
    assert.equal(renamed.body.name, 'contested (2).txt');
  });

  test('onConflict=version on completion adds a version to the file of that name (200)', async () => {
    const file = await uploaded(ann, 'alpha', 'versioned by upload.txt', 'one');
    const upload = await start(ann, { drive: 'me', name: 'versioned by upload.txt', size: 3 });
    assert.equal((await part(ann, upload.id, 0, Buffer.from('two'))).status, 200);
    const done = await ann.client.post(uploadUrl(upload.id, '/complete?onConflict=version'));
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual([done.body.id, done.body.version], [file.id, 2]);
  });

  test('itemId: a new version of that file, wherever it is', async () => {
    const box = await folder(ann, 'alpha', 'Versions by upload');
    const file = await uploaded(ann, 'alpha', 'target.bin', 'version one', { parentId: box.id });
    const upload = await start(ann, { itemId: file.id, name: 'ignored name.bin', size: 11 });
    assert.equal((await uploadRow(upload.id)).item_id, file.id);
    assert.equal((await part(ann, upload.id, 0, Buffer.from('version two'))).status, 200);
    const done = await ann.client.post(uploadUrl(upload.id, '/complete'));
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual([done.body.id, done.body.version, done.body.name, done.body.parentId], [file.id, 2, 'target.bin', box.id]);
    assert.equal((await contentOf(h, ann, file.id)).toString(), 'version two');
  });

  test('itemId of a file I can only view: 403 read_only; of a file I cannot see: 404', async () => {
    const file = await uploaded(bob, 'alpha', 'bob shares.txt', 'view only');
    await share(bob, file.id, { userId: ann.user.id }, 'viewer');
    assertProblem(await ann.client.post(driveUrl('alpha', '/uploads'), { itemId: file.id, name: 'x', size: 1 }), 403, 'read_only');
    const hidden = await uploaded(bob, 'alpha', 'bob private.txt', 'private');
    assertProblem(await ann.client.post(driveUrl('alpha', '/uploads'), { itemId: hidden.id, name: 'x', size: 1 }), 404, 'not_found');
    const box = await folder(ann, 'alpha', 'Not a file');
    assertProblem(await ann.client.post(driveUrl('alpha', '/uploads'), { itemId: box.id, name: 'x', size: 1 }), 403, 'read_only');
  });

  test("a group's drive: members may, others may not", async () => {
    const group = await makeGroup(ann, 'alpha', 'Chunked group', 'open');
    const upload = await start(ann, { drive: `group:${group}`, name: 'shared.bin', size: 4 });
    assert.equal((await uploadRow(upload.id)).group_id, group);
    assert.equal((await part(ann, upload.id, 0, Buffer.from('team'))).status, 200);
    const done = await ann.client.post(uploadUrl(upload.id, '/complete'));
    assert.equal(done.status, 201);
    assert.equal(done.body.drive, `group:${group}`);
    assertProblem(await bob.client.post(driveUrl('alpha', '/uploads'), { drive: `group:${group}`, name: 'x', size: 1 }), 403, 'read_only');
    const secret = await makeGroup(ann, 'alpha', 'Chunked secret', 'secret');
    assertProblem(await bob.client.post(driveUrl('alpha', '/uploads'), { drive: `group:${secret}`, name: 'x', size: 1 }), 404, 'not_found');
    await addToGroup('alpha', group, bob);
    assert.equal((await bob.client.post(driveUrl('alpha', '/uploads'), { drive: `group:${group}`, name: 'x', size: 1 })).status, 201);
  });

  test('a drive is needed unless itemId names the file', async () => {
    assertProblem(await ann.client.post(driveUrl('alpha', '/uploads'), { name: 'nowhere.bin', size: 1 }), 404, 'not_found');
  });

  test('a parentId that is not a folder of the drive is refused when the upload starts, not after every part was sent', async () => {
    const bobs = await folder(bob, 'alpha', 'Bob folder for uploads');
    assertProblem(await ann.client.post(driveUrl('alpha', '/uploads'), { drive: 'me', parentId: bobs.id, name: 'astray.bin', size: 1 }), 404, 'not_found');
  });
});

describe('abandoning and owning', () => {
  test('abort: 204, the row and every part object are gone', async () => {
    const upload = await start(ann, { drive: 'me', name: 'abandoned.bin', size: 2000 });
    assert.equal((await part(ann, upload.id, 0, randomBytes(1000))).status, 200);
    assert.equal((await part(ann, upload.id, 1, randomBytes(500))).status, 200);
    assert.equal((await partObjects(upload.id)).length, 2);
    assert.equal((await ann.client.delete(uploadUrl(upload.id))).status, 204);
    assert.equal(await uploadRow(upload.id), undefined);
    assert.deepEqual(await partObjects(upload.id), []);
    assertProblem(await ann.client.get(uploadUrl(upload.id)), 404, 'not_found');
    assertProblem(await part(ann, upload.id, 2, randomBytes(10)), 404, 'not_found');
    assertProblem(await ann.client.delete(uploadUrl(upload.id)), 404, 'not_found');
  });

  test("someone else's upload id is not found, whatever the route, and stays untouched", async () => {
    const upload = await start(ann, { drive: 'me', name: 'mine alone.bin', size: 10 });
    assert.equal((await part(ann, upload.id, 0, Buffer.from('12345'))).status, 200);
    for (const intruder of [bob, world.alpha.people.owner, world.alpha.people.administrator]) {
      assertProblem(await intruder.client.get(uploadUrl(upload.id)), 404, 'not_found');
      assertProblem(await part(intruder, upload.id, 1, Buffer.from('67890')), 404, 'not_found');
      assertProblem(await intruder.client.post(uploadUrl(upload.id, '/complete')), 404, 'not_found');
      assertProblem(await intruder.client.delete(uploadUrl(upload.id)), 404, 'not_found');
    }
    const row = await uploadRow(upload.id);
    assert.deepEqual([Number(row.received), row.part_keys.length], [5, 1]);
    assert.equal((await partObjects(upload.id)).length, 1);
  });

  test('an expired upload is not found', async () => {
    const upload = await start(ann, { drive: 'me', name: 'expired.bin', size: 5 });
    assert.equal((await part(ann, upload.id, 0, Buffer.from('12345'))).status, 200);
    await h.owner.query("UPDATE drive_uploads SET expires_at = now() - interval '1 second' WHERE id = $1", [upload.id]);
    assertProblem(await ann.client.get(uploadUrl(upload.id)), 404, 'not_found');
    assertProblem(await ann.client.post(uploadUrl(upload.id, '/complete')), 404, 'not_found');
  });

  test('a part index that is not a small non-negative integer: 400', async () => {
    const upload = await start(ann, { drive: 'me', name: 'indexes.bin', size: 5 });
    for (const index of ['-1', 'one', '1.5', '100001']) {
      assertProblem(await part(ann, upload.id, index as unknown as number, Buffer.from('x')), 400, 'validation_failed', index);
    }
  });
});
