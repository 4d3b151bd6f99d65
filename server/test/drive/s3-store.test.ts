// The drive end to end on the S3 store (a real S3 server on loopback): the
// same API as on the filesystem, so the paths that touch the store are run
// again here: single-request and chunked uploads, dedup, downloads with
// Range, versions, previews, a refused upload leaving nothing, and the sweep.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { sweepDrive } from '../../src/modules/drive/sweep.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { startS3Server, type S3TestServer } from '../support/s3.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { driveUrl, newVersion, upload, uploaded } from './fixtures.ts';

let s3: S3TestServer;
let h: Harness;
let world: World;
let ann: Person;

before(async () => {
  s3 = await startS3Server();
  h = await startHarness({ ...s3.env, DRIVE_MAX_FILE_BYTES: String(20 * 1024 * 1024) });
  world = await buildWorld(h);
  ann = world.alpha.people.member;
});
after(async () => {
  await h.close();
  await s3.close();
});

const sha = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');
/** Bytes as sent, not decoded as text as the test client does. */
const raw = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers: { cookie: ann.client.cookie ?? '', ...headers } });
const temporaryObjects = async () => {
  const keys = [];
  for await (const key of h.s.blobs.listTemp(new Date(Date.now() + 3_600_000))) keys.push(key);
  return keys;
};

describe('drive on S3', () => {
  test('the harness really runs on the S3 store', () => {
    assert.equal(h.s.blobs.kind, 's3');
  });

  test('a 12 MiB file (multipart) round-trips byte for byte, once in the bucket however often it is uploaded', async () => {
    const content = randomBytes(12 * 1024 * 1024);
    const a = await uploaded(ann, 'alpha', 'a.bin', content);
    await uploaded(ann, 'alpha', 'b.bin', content);
    const download = await raw(driveUrl('alpha', `/items/${a.id}/content`));
    assert.equal(download.statusCode, 200);
    assert.equal(sha(download.rawPayload), sha(content));
    assert.equal((await h.owner.query('SELECT count(*)::int AS n FROM blobs WHERE sha256 = $1', [sha(content)])).rows[0].n, 1);
    assert.equal(await h.s.blobs.exists({ instanceId: world.alpha.instance.id, sha256: sha(content) }), true);
    const range = await raw(driveUrl('alpha', `/items/${a.id}/content`), { range: 'bytes=1000-1009' });
    assert.equal(range.statusCode, 206);
    assert.equal(range.headers['content-range'], `bytes 1000-1009/${content.length}`);
    assert.deepEqual(range.rawPayload, content.subarray(1000, 1010));
  });

  test('versions: upload, list, restore', async () => {
    const file = await uploaded(ann, 'alpha', 'notes.txt', 'first');
    assert.equal((await newVersion(ann, 'alpha', file.id, 'second')).status, 201);
    const versions = (await ann.client.get(driveUrl('alpha', `/items/${file.id}/versions`))).body.versions;
    assert.deepEqual(versions.map((v: any) => v.number), [2, 1]);
    const restored = await ann.client.post(driveUrl('alpha', `/items/${file.id}/versions/${versions[1].id}/restore`));
    assert.equal(restored.body.version, 3);
    assert.equal((await ann.client.get(driveUrl('alpha', `/items/${file.id}/content`))).body, 'first');
  });

  test('an image gets a WebP thumbnail kept beside its blob', async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const image = await uploaded(ann, 'alpha', 'photo.png', png);
    assert.equal(image.preview, true);
    const preview = await ann.client.request('GET', driveUrl('alpha', `/items/${image.id}/preview`));
    assert.equal(preview.status, 200);
    assert.equal(preview.headers['content-type'], 'image/webp');
    assert.ok(await h.s.blobs.getDerived({ instanceId: world.alpha.instance.id, sha256: sha(png) }, 'thumb-320.webp'));
  });

  test('a chunked upload assembles its parts into the file and removes them', async () => {
    const content = randomBytes(11 * 1024 * 1024);
    const started = await ann.client.post(driveUrl('alpha', '/uploads'), { drive: 'me', name: 'chunked.bin', size: content.length });
    assert.equal(started.status, 201);
    const half = 6 * 1024 * 1024;
    for (const [index, part] of [content.subarray(0, half), content.subarray(half)].entries()) {
      const answer = await ann.client.request('PUT', driveUrl('alpha', `/uploads/${started.body.id}/parts/${index}`), part, { 'content-type': 'application/octet-stream' });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    const done = await ann.client.post(driveUrl('alpha', `/uploads/${started.body.id}/complete`));
    assert.equal(done.status, 201, JSON.stringify(done.body));
    assert.equal(done.body.size, content.length);
    assert.equal((await h.owner.query('SELECT sha256 FROM drive_versions WHERE item_id = $1', [done.body.id])).rows[0].sha256, sha(content));
    assert.deepEqual((await temporaryObjects()).filter((k) => k.startsWith('uploads/')), []);
  });

  test('an oversized upload is refused (413) and leaves nothing in the bucket', async () => {
    const before = (await h.owner.query('SELECT count(*)::int AS n FROM blobs')).rows[0].n;
    const answer = await upload(ann, 'alpha', 'huge.bin', randomBytes(21 * 1024 * 1024));
    assert.equal(answer.status, 413);
    assert.equal(answer.body.code, 'file_too_large');
    assert.equal((await h.owner.query('SELECT count(*)::int AS n FROM blobs')).rows[0].n, before);
    assert.deepEqual(await temporaryObjects(), []);
  });

  test('the sweep removes a purged file\'s bytes from the bucket', async () => {
    const content = `to be purged ${Date.now()}`;
    const file = await uploaded(ann, 'alpha', 'purge.txt', content);
    await ann.client.request('DELETE', driveUrl('alpha', `/items/${file.id}`));
    await ann.client.request('DELETE', driveUrl('alpha', `/items/${file.id}/forever`));
    const report = await sweepDrive(h.s, new Date(Date.now() + 2 * 3_600_000));
    assert.ok(report.removedBlobs >= 1);
    assert.equal(await h.s.blobs.exists({ instanceId: world.alpha.instance.id, sha256: sha(content) }), false);
  });
});
