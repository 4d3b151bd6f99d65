// One suite every BlobStore must pass, run against the filesystem store and the
// S3 store (on a real S3 server), so that the drive behaves the same on both.
// Each test gets an empty store: a fresh directory, or a fresh key prefix.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { BlobMissing, BlobTooLarge, HEAD_BYTES, type BlobKey, type BlobStore } from '../../src/storage/blob-store.ts';
import { createFsStore } from '../../src/storage/fs-store.ts';
import { createS3Store } from '../../src/storage/s3-store.ts';
import { startS3Server, type S3TestServer } from '../support/s3.ts';

const MiB = 1024 ** 2;
const FUTURE = () => new Date(Date.now() + 60_000);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const blobOf = (data: Buffer, instanceId: string = randomUUID()): BlobKey => ({ instanceId, sha256: sha256(data) });

/** Streams `data` in 64 KiB chunks, as a request body arrives. */
function body(data: Buffer): Readable {
  return Readable.from((function* () {
    for (let at = 0; at < data.length; at += 64 * 1024) yield data.subarray(at, at + 64 * 1024);
  })());
}

/** Sends `sent` then fails, as a client that goes away halfway. */
function failingBody(sent: Buffer, error: Error): Readable {
  return Readable.from((async function* () {
    yield* body(sent);
    throw error;
  })());
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function keep(s: BlobStore, key: string, data: Buffer, blob = blobOf(data)): Promise<BlobKey> {
  await s.writeTemp(key, body(data), data.length);
  await s.promote(key, blob, data.length);
  return blob;
}

function conformance(name: string, makeStore: () => Promise<{ store: BlobStore; dispose(): Promise<void> }>): void {
  describe(name, () => {
    let s: BlobStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => ({ store: s, dispose } = await makeStore()));
    afterEach(() => dispose());

    async function assertNoTemp(key: string): Promise<void> {
      assert.deepEqual(await collect(s.listTemp(FUTURE())), []);
      await assert.rejects(s.openTemp(key), BlobMissing);
    }

    it('writes, promotes and reads back a blob with its SHA-256, size and head', async () => {
      const data = randomBytes(100_000);
      const written = await s.writeTemp('upload-1', body(data), 1 * MiB);
      assert.deepEqual(written, { size: data.length, sha256: sha256(data), head: data.subarray(0, HEAD_BYTES) });
      assert.deepEqual(await buffer(await s.openTemp('upload-1')), data);
      const blob = blobOf(data);
      assert.equal(await s.exists(blob), false);
      await s.promote('upload-1', blob, data.length);
      assert.equal(await s.exists(blob), true);
      assert.deepEqual(await buffer(await s.open(blob)), data);
      await assertNoTemp('upload-1');
    });

    it('stores a zero-byte blob', async () => {
      const empty = Buffer.alloc(0);
      const written = await s.writeTemp('empty', Readable.from([]), 10);
      assert.deepEqual(written, { size: 0, sha256: sha256(empty), head: empty });
      const blob = blobOf(empty);
      await s.promote('empty', blob, 0);
      assert.deepEqual(await buffer(await s.open(blob)), empty);
    });

    it('streams a 20 MiB body (several parts) and reads it back whole and across a part boundary', async () => {
      const data = randomBytes(20 * MiB + 123);
      const written = await s.writeTemp('big', body(data), 32 * MiB);
      assert.equal(written.size, data.length);
      assert.equal(written.sha256, sha256(data));
      const blob = blobOf(data);
      await s.promote('big', blob, data.length);
      assert.equal(sha256(await buffer(await s.open(blob))), sha256(data));
      const range = { start: 8 * MiB - 10, end: 8 * MiB + 10 };
      assert.deepEqual(await buffer(await s.open(blob, range)), data.subarray(range.start, range.end + 1));
    });

    it('reads inclusive byte ranges: first byte, middle, last byte, whole', async () => {
      const data = randomBytes(10_000);
      const blob = await keep(s, 'ranged', data);
      for (const [start, end] of [[0, 0], [5000, 5009], [9999, 9999], [0, 9999]] as const) {
        assert.deepEqual(await buffer(await s.open(blob, { start, end })), data.subarray(start, end + 1), `bytes ${start}-${end}`);
      }
    });

    it('rejects a body over the limit with BlobTooLarge and keeps nothing', async () => {
      await assert.rejects(s.writeTemp('too-big', body(randomBytes(2000)), 1000), BlobTooLarge);
      await assertNoTemp('too-big');
    });

    it('rejects a multipart-sized body over the limit with BlobTooLarge and keeps nothing', async () => {
      await assert.rejects(s.writeTemp('too-big', body(randomBytes(12 * MiB)), 9 * MiB), (error) => {
        assert.ok(error instanceof BlobTooLarge);
        assert.equal(error.limit, 9 * MiB);
        return true;
      });
      await assertNoTemp('too-big');
    });

    it('keeps nothing when the body fails halfway, and rejects with its error', async () => {
      for (const size of [1000, 10 * MiB]) {
        const gone = new Error('client went away');
        await assert.rejects(s.writeTemp(`cut-${size}`, failingBody(randomBytes(size), gone), 32 * MiB), (error) => error === gone);
        await assertNoTemp(`cut-${size}`);
      }
    });

    it('promotes the same content twice: the second temporary object is dropped, the blob stays', async () => {
      const data = randomBytes(5000);
      const blob = await keep(s, 'first', data);
      await s.writeTemp('second', body(data), data.length);
      await s.promote('second', blob, data.length);
      await assertNoTemp('second');
      assert.deepEqual(await buffer(await s.open(blob)), data);
    });

    it('refuses to promote with a wrong size and leaves the temporary object for the sweep', async () => {
      const data = randomBytes(5000);
      await s.writeTemp('sized', body(data), data.length);
      const blob = blobOf(data);
      await assert.rejects(s.promote('sized', blob, data.length + 1), /5000 bytes/);
      assert.equal(await s.exists(blob), false);
      assert.deepEqual(await buffer(await s.openTemp('sized')), data);
    });

    it('rejects with BlobMissing when the blob is not there', async () => {
      const blob = blobOf(randomBytes(10));
      await assert.rejects(s.open(blob), BlobMissing);
      await assert.rejects(s.open(blob, { start: 0, end: 1 }), BlobMissing);
      await assert.rejects(s.openTemp('never-written'), BlobMissing);
    });

    it('removes a temporary object, or every one under a key, and nothing beside', async () => {
      for (const key of ['solo', 'chunked/part-1', 'chunked/part-2', 'chunked/sub/part-3', 'chunked-other']) {
        await s.writeTemp(key, body(Buffer.from(key)), 100);
      }
      await s.removeTemp('chunked');
      await s.removeTemp('solo');
      await s.removeTemp('never-written');
      assert.deepEqual(await collect(s.listTemp(FUTURE())), ['chunked-other']);
    });

    it('lists the temporary objects written before a date', async () => {
      await s.writeTemp('older', body(Buffer.from('a')), 10);
      // Object stores keep modification times to the second.
      await sleep(1100);
      const middle = new Date();
      await sleep(1100);
      await s.writeTemp('newer/part', body(Buffer.from('b')), 10);
      assert.deepEqual(await collect(s.listTemp(new Date(Date.now() - 60_000))), []);
      assert.deepEqual(await collect(s.listTemp(middle)), ['older']);
      assert.deepEqual((await collect(s.listTemp(FUTURE()))).sort(), ['newer/part', 'older']);
    });

    it('lists every blob of every instance', async () => {
      const started = Date.now() - 5000;
      const a = await keep(s, 'a', Buffer.from('one'));
      const b = await keep(s, 'b', Buffer.from('two'), blobOf(Buffer.from('two'), a.instanceId));
      const c = await keep(s, 'c', Buffer.from('one'));
      const listed = await collect(s.listBlobs());
      const byKey = (x: BlobKey) => `${x.instanceId}/${x.sha256}`;
      assert.deepEqual(listed.map(byKey).sort(), [a, b, c].map(byKey).sort());
      for (const { modifiedAt } of listed) assert.ok(modifiedAt.getTime() > started && modifiedAt.getTime() < Date.now() + 5000);
    });

    it('removes a blob with what was derived from it, and nothing else', async () => {
      const blob = await keep(s, 'x', Buffer.from('with previews'));
      const other = await keep(s, 'y', Buffer.from('another'), blobOf(Buffer.from('another'), blob.instanceId));
      await s.putDerived(blob, 'thumb-320.webp', Buffer.from('small'));
      await s.putDerived(blob, 'thumb-1280.webp', Buffer.from('large'));
      await s.putDerived(other, 'thumb-320.webp', Buffer.from('kept'));
      await s.remove(blob);
      await s.remove(blob);
      assert.equal(await s.exists(blob), false);
      await assert.rejects(s.open(blob), BlobMissing);
      assert.equal(await s.getDerived(blob, 'thumb-320.webp'), null);
      assert.equal(await s.getDerived(blob, 'thumb-1280.webp'), null);
      assert.deepEqual(await s.getDerived(other, 'thumb-320.webp'), Buffer.from('kept'));
      assert.equal(await s.exists(other), true);
    });

    it('stores derived objects and replaces them', async () => {
      const blob = await keep(s, 'x', Buffer.from('source'));
      assert.equal(await s.getDerived(blob, 'thumb-320.webp'), null);
      await s.putDerived(blob, 'thumb-320.webp', Buffer.from('first'));
      await s.putDerived(blob, 'thumb-320.webp', Buffer.from('second'));
      assert.deepEqual(await s.getDerived(blob, 'thumb-320.webp'), Buffer.from('second'));
      await s.putDerived(blob, 'empty.txt', Buffer.alloc(0));
      assert.deepEqual(await s.getDerived(blob, 'empty.txt'), Buffer.alloc(0));
    });

    it('refuses malformed keys, instance ids, SHA-256s and derived names', async () => {
      const good = blobOf(Buffer.from('x'));
      for (const key of ['../x', 'a/../b', '/abs', 'a//b', 'a/', '', 'with space', 'x'.repeat(201)]) {
        await assert.rejects(s.writeTemp(key, body(Buffer.from('x')), 10), /invalid temporary key/, key);
        await assert.rejects(s.openTemp(key), /invalid temporary key/, key);
        await assert.rejects(s.removeTemp(key), /invalid temporary key/, key);
        await assert.rejects(s.promote(key, good, 1), /invalid temporary key/, key);
      }
      const bad: BlobKey[] = [
        { instanceId: good.instanceId, sha256: 'XYZ' },
        { instanceId: good.instanceId, sha256: good.sha256.toUpperCase() },
        { instanceId: good.instanceId, sha256: `../${good.sha256.slice(3)}` },
        { instanceId: '../other', sha256: good.sha256 },
      ];
      for (const blob of bad) {
        await assert.rejects(s.promote('ok', blob, 1), /invalid blob key/);
        await assert.rejects(s.open(blob), /invalid blob key/);
        await assert.rejects(s.exists(blob), /invalid blob key/);
        await assert.rejects(s.remove(blob), /invalid blob key/);
        await assert.rejects(s.putDerived(blob, 'thumb.webp', Buffer.from('x')), /invalid blob key/);
        await assert.rejects(s.getDerived(blob, 'thumb.webp'), /invalid blob key/);
      }
      for (const name of ['../thumb', 'a/b', '.hidden', 'Thumb.webp', '']) {
        await assert.rejects(s.putDerived(good, name, Buffer.from('x')), /invalid derived name/, name);
        await assert.rejects(s.getDerived(good, name), /invalid derived name/, name);
      }
    });
  });
}

let root: string;
let s3: S3TestServer;
let stores = 0;

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ruche-blobs-'));
  s3 = await startS3Server();
});

after(async () => {
  await s3.close();
  await rm(root, { recursive: true, force: true });
});

conformance('filesystem store', async () => {
  const store = createFsStore(path.join(root, `store-${++stores}`));
  return { store, dispose: () => store.close() };
});

conformance('S3 store', async () => {
  const store = createS3Store({ ...s3.config, prefix: `env/store-${++stores}` });
  return { store, dispose: () => store.close() };
});

// Two readers asking for a new thumbnail at once write it twice. S3 keeps the last whole PUT; s3rver, the test
// server, writes its file in place and may mix two PUTs up, so this is the filesystem store's own test.
describe('filesystem store, the same derived object written twice at once', () => {
  it('fails neither writer and keeps one of them whole', async () => {
    const store = createFsStore(path.join(root, `store-${++stores}`));
    const blob = await keep(store, 'x', Buffer.from('source'));
    const made = ['first', 'second', 'third'].map((text) => Buffer.from(text));
    await Promise.all(made.map((data) => store.putDerived(blob, 'thumb-320.webp', data)));
    const kept = await store.getDerived(blob, 'thumb-320.webp');
    assert.ok(made.some((data) => kept?.equals(data)), 'one of them, whole');
    await store.close();
  });
});

describe('S3 store in a shared bucket', () => {
  it('lays keys out as the filesystem store does, under its prefix', async () => {
    const store = createS3Store({ ...s3.config, prefix: 'layout' });
    const { endpoint, region, forcePathStyle } = s3.config;
    const raw = new S3Client({ endpoint, region, forcePathStyle, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      const blob = await keep(store, 'done', Buffer.from('content'));
      await store.writeTemp('pending/part-1', body(Buffer.from('part')), 10);
      await store.putDerived(blob, 'thumb-320.webp', Buffer.from('small'));
      const listed = await raw.send(new ListObjectsV2Command({ Bucket: s3.config.bucket, Prefix: 'layout/' }));
      assert.deepEqual(listed.Contents?.map((o) => o.Key).sort(), [
        `layout/blobs/${blob.instanceId}/${blob.sha256.slice(0, 2)}/${blob.sha256}`,
        `layout/derived/${blob.instanceId}/${blob.sha256}/thumb-320.webp`,
        'layout/tmp/pending/part-1',
      ]);
    } finally {
      raw.destroy();
      await store.close();
    }
  });

  it('does not see the objects of another prefix, nor of no prefix', async () => {
    const a = createS3Store({ ...s3.config, prefix: 'shared/a' });
    const b = createS3Store({ ...s3.config, prefix: 'shared/b' });
    const bare = createS3Store({ ...s3.config, prefix: '' });
    try {
      const blob = await keep(a, 'up', Buffer.from('only in a'));
      await a.writeTemp('pending', body(Buffer.from('x')), 10);
      await bare.writeTemp('pending', body(Buffer.from('y')), 10);
      assert.deepEqual(await collect(b.listTemp(FUTURE())), []);
      assert.deepEqual(await collect(b.listBlobs()), []);
      assert.equal(await b.exists(blob), false);
      assert.deepEqual(await collect(bare.listTemp(FUTURE())), ['pending']);
      assert.deepEqual(await collect(bare.listBlobs()), []);
      await b.removeTemp('pending');
      assert.deepEqual(await collect(a.listTemp(FUTURE())), ['pending']);
    } finally {
      await Promise.all([a.close(), b.close(), bare.close()]);
    }
  });
});
