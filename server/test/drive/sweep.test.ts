// The hourly drive sweep: trash past its retention, expired chunked uploads,
// unreferenced blobs, temporary objects left by a crash and stored blobs
// without a row are removed; anything still referenced or recent stays.
// The sweep takes `now`, so these tests run it "later" instead of waiting.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { sweepDrive } from '../../src/modules/drive/sweep.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { driveUrl, uploaded } from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR);

before(async () => {
  h = await startHarness({ DRIVE_TRASH_DAYS: '7' });
  world = await buildWorld(h);
  ann = world.alpha.people.member;
});
after(() => h.close());

const instanceId = () => world.alpha.instance.id;
const sha = (content: string) => createHash('sha256').update(content).digest('hex');
const blobRow = async (content: string) =>
  (await h.owner.query('SELECT 1 FROM blobs WHERE instance_id = $1 AND sha256 = $2', [instanceId(), sha(content)])).rowCount;
const stored = (content: string) => h.s.blobs.exists({ instanceId: instanceId(), sha256: sha(content) });

describe('trash retention', () => {
  test('an item trashed longer ago than DRIVE_TRASH_DAYS is deleted with its blob; a recent one stays', async () => {
    const old = await uploaded(ann, 'alpha', 'old.txt', 'trashed long ago');
    const recent = await uploaded(ann, 'alpha', 'recent.txt', 'trashed yesterday');
    for (const item of [old, recent]) assert.equal((await ann.client.request('DELETE', driveUrl('alpha', `/items/${item.id}`))).status, 204);
    await h.owner.query("UPDATE drive_items SET trashed_at = now() - interval '8 days' WHERE id = $1", [old.id]);
    await h.owner.query("UPDATE drive_items SET trashed_at = now() - interval '6 days' WHERE id = $1", [recent.id]);

    // The blob of the purged file is kept for the grace hour, then goes.
    const first = await sweepDrive(h.s);
    assert.equal(first.purgedItems, 1);
    assert.equal((await h.owner.query('SELECT 1 FROM drive_items WHERE id = $1', [old.id])).rowCount, 0);
    assert.equal((await h.owner.query('SELECT 1 FROM drive_items WHERE id = $1', [recent.id])).rowCount, 1);
    assert.equal(await blobRow('trashed long ago'), 1);

    const later = await sweepDrive(h.s, inHours(2));
    assert.ok(later.removedBlobs >= 1);
    assert.equal(await blobRow('trashed long ago'), 0);
    assert.equal(await stored('trashed long ago'), false);
    assert.equal(await blobRow('trashed yesterday'), 1);
    assert.equal(await stored('trashed yesterday'), true);
  });

  test('a blob still referenced by another file (same content) is kept when one copy is purged', async () => {
    const a = await uploaded(ann, 'alpha', 'twin-a.txt', 'shared content');
    await uploaded(ann, 'alpha', 'twin-b.txt', 'shared content');
    await ann.client.request('DELETE', driveUrl('alpha', `/items/${a.id}`));
    await ann.client.request('DELETE', driveUrl('alpha', `/items/${a.id}/forever`));
    await sweepDrive(h.s, inHours(2));
    assert.equal(await blobRow('shared content'), 1);
    assert.equal(await stored('shared content'), true);
  });
});

describe('what a crash leaves behind', () => {
  test('a promoted blob whose row was never committed is removed after the grace hour, not before', async () => {
    const content = `orphan ${randomUUID()}`;
    const key = `upload-${randomUUID()}`;
    const written = await h.s.blobs.writeTemp(key, Readable.from([Buffer.from(content)]), 1000);
    await h.s.blobs.promote(key, { instanceId: instanceId(), sha256: written.sha256 }, written.size);
    assert.equal(await stored(content), true);
    assert.equal((await sweepDrive(h.s)).removedOrphans, 0);
    assert.equal(await stored(content), true);
    assert.ok((await sweepDrive(h.s, inHours(2))).removedOrphans >= 1);
    assert.equal(await stored(content), false);
  });

  test("a deleted instance's files leave the store with its rows (data destruction)", async () => {
    const gamma = world.gamma.people.member;
    await uploaded(gamma, 'gamma', 'gamma.txt', 'gamma content');
    const key = { instanceId: world.gamma.instance.id, sha256: sha('gamma content') };
    assert.equal(await h.s.blobs.exists(key), true);
    await h.owner.query('DELETE FROM instances WHERE id = $1', [world.gamma.instance.id]);
    await sweepDrive(h.s, inHours(2));
    assert.equal(await h.s.blobs.exists(key), false);
    assert.equal(await stored('trashed yesterday'), true);
  });

  test('temporary objects older than a day are removed; younger ones (uploads in progress) stay', async () => {
    const key = `upload-${randomUUID()}`;
    await h.s.blobs.writeTemp(key, Readable.from([Buffer.from('half an upload')]), 1000);
    await sweepDrive(h.s, inHours(2));
    assert.ok(await h.s.blobs.openTemp(key));
    const report = await sweepDrive(h.s, inHours(26));
    assert.ok(report.removedTemp >= 1);
    await assert.rejects(h.s.blobs.openTemp(key));
  });

  test('an expired chunked upload is dropped with its parts', async () => {
    const started = await ann.client.post(driveUrl('alpha', '/uploads'), { drive: 'me', name: 'big.bin', size: 10 });
    assert.equal(started.status, 201);
    const part = await ann.client.request('PUT', driveUrl('alpha', `/uploads/${started.body.id}/parts/0`), Buffer.from('01234'), { 'content-type': 'application/octet-stream' });
    assert.equal(part.status, 200);
    const report = await sweepDrive(h.s, inHours(25));
    assert.equal(report.expiredUploads, 1);
    assert.equal((await h.owner.query('SELECT 1 FROM drive_uploads WHERE id = $1', [started.body.id])).rowCount, 0);
    const left = [];
    for await (const key of h.s.blobs.listTemp(inHours(100))) if (key.startsWith(`uploads/${started.body.id}`)) left.push(key);
    assert.deepEqual(left, []);
    assert.equal((await ann.client.get(driveUrl('alpha', `/uploads/${started.body.id}`))).status, 404);
  });
});
