// The store for deployments that keep file bytes in an S3-compatible bucket
// (AWS, MinIO, Garage, Ceph…), with the filesystem store's layout under an
// optional prefix so that environments can share a bucket.
//
// S3 has no rename, so `promote` is a server-side copy then a delete: a copy
// appears whole or not at all, which gives the same guarantee as rename on disk.
// One CopyObject is limited to 5 GiB; larger blobs are copied in parts.
//
// Bodies arrive without a known length, so they stream through lib-storage's
// Upload: small ones go up in one PUT, large ones as a multipart upload holding
// at most QUEUE_SIZE parts in memory, whatever the size of the file. When an
// upload fails, Upload aborts its multipart upload once every part in flight has
// settled; the parts of an upload cut by a crash are removed only by a bucket
// lifecycle rule (AbortIncompleteMultipartUpload).
//
// Checksums are sent and checked only when S3 requires them: many compatible
// stores reject the SDK's default trailing checksums. For the same reason
// objects are deleted one by one: DeleteObjects wants a Content-MD5 header on
// many of them, which the SDK no longer sends, and what is deleted together
// here (the parts of one upload, the previews of one blob) is a handful.
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CopyObjectCommand, CreateMultipartUploadCommand,
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, type HeadObjectCommandOutput, paginateListObjectsV2,
  PutObjectCommand, S3Client, UploadPartCopyCommand, type _Object,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Config } from '../config.ts';
import {
  assertBlobKey, assertDerivedName, assertTempKey, BlobMissing, isBlobKey, isTempKey, type BlobKey, type BlobStore, type ByteRange, type StoredBlob,
  type WrittenTemp,
} from './blob-store.ts';
import { Metered } from './metered.ts';

const PART_SIZE = 8 * 1024 ** 2;
const QUEUE_SIZE = 2;
const MAX_SINGLE_COPY = 5 * 1024 ** 3;
const COPY_PART_SIZE = 512 * 1024 ** 2;
const MAX_PARTS = 10_000;
/** Requests at once when deleting or copying several objects. */
const PARALLEL = 4;

export function createS3Store(config: S3Config): BlobStore {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: config.accessKeyId && config.secretAccessKey
      ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
      : undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;
  const root = config.prefix ? `${config.prefix}/` : '';
  const tempKey = (key: string) => `${root}tmp/${key}`;
  const blobKey = (b: BlobKey) => `${root}blobs/${b.instanceId}/${b.sha256.slice(0, 2)}/${b.sha256}`;
  const derivedPrefix = (b: BlobKey) => `${root}derived/${b.instanceId}/${b.sha256}/`;

  async function head(Key: string): Promise<HeadObjectCommandOutput | null> {
    return client.send(new HeadObjectCommand({ Bucket, Key })).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
  }

  async function get(Key: string, range?: ByteRange): Promise<Readable> {
    const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
    const response = await client.send(new GetObjectCommand({ Bucket, Key, Range })).catch((error: unknown) => {
      throw isMissing(error) ? new BlobMissing(Key) : error;
    });
    const body = response.Body;
    if (!(body instanceof Readable)) throw new Error(`S3 answered GetObject ${Key} without a stream`);
    // A store that ignores or widens the range would otherwise serve the wrong bytes as if they were right.
    if (range && !rangeMatches(response.ContentRange, range)) {
      body.destroy();
      throw new Error(`S3 answered range ${Range} of ${Key} with "${response.ContentRange ?? 'the whole object'}"`);
    }
    return body;
  }

  async function* list(Prefix: string): AsyncIterable<_Object> {
    for await (const page of paginateListObjectsV2({ client }, { Bucket, Prefix })) yield* page.Contents ?? [];
  }

  const remove = (Key: string) => client.send(new DeleteObjectCommand({ Bucket, Key }));

  /** Lists first, deletes after: deleting while paging through a listing is not safe on every store. */
  async function removeUnder(prefix: string): Promise<void> {
    const keys: string[] = [];
    for await (const object of list(prefix)) if (object.Key) keys.push(object.Key);
    await inParallel(keys, remove);
  }

  async function copyInParts(from: string, to: string, size: number): Promise<void> {
    const partSize = Math.max(COPY_PART_SIZE, Math.ceil(size / MAX_PARTS));
    const numbers = Array.from({ length: Math.ceil(size / partSize) }, (_, i) => i + 1);
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: to }));
    try {
      const parts = await inParallel(numbers, async (PartNumber) => {
        const start = (PartNumber - 1) * partSize;
        const end = Math.min(size, start + partSize) - 1;
        const { CopyPartResult } = await client.send(new UploadPartCopyCommand({
          Bucket, Key: to, UploadId, PartNumber, CopySource: copySource(Bucket, from), CopySourceRange: `bytes=${start}-${end}`,
        }));
        return { PartNumber, ETag: CopyPartResult?.ETag };
      });
      await client.send(new CompleteMultipartUploadCommand({ Bucket, Key: to, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (error) {
      await client.send(new AbortMultipartUploadCommand({ Bucket, Key: to, UploadId })).catch(() => {});
      throw error;
    }
  }

  return {
    kind: 's3',

    async writeTemp(key: string, body: Readable, maxBytes: number): Promise<WrittenTemp> {
      assertTempKey(key);
      const meter = new Metered(maxBytes);
      const upload = new Upload({
        client, params: { Bucket, Key: tempKey(key), Body: meter }, partSize: PART_SIZE, queueSize: QUEUE_SIZE,
      });
      const piping = pipeline(body, meter);
      // A failed upload stops reading the meter: fail the pipeline too, so the body is not left hanging.
      const uploading = upload.done().catch((error: unknown) => {
        meter.destroy(error as Error);
        throw error;
      });
      // Waiting for done() rather than calling upload.abort(), which settles at once,
      // lets every part in flight finish first: nothing is written after the cleanup below.
      const [piped, uploaded] = await Promise.allSettled([piping, uploading]);
      if (piped.status === 'fulfilled' && uploaded.status === 'fulfilled') return meter.result();
      // Only a completed upload creates the object; this removes one an earlier write left under the same key.
      // If it fails too, the sweep removes what is left.
      await remove(tempKey(key)).catch(() => {});
      // The body's error first: it is the cause (BlobTooLarge, a client gone), the upload's is its consequence.
      throw piped.status === 'rejected' ? piped.reason : (uploaded as PromiseRejectedResult).reason;
    },

    async openTemp(key: string): Promise<Readable> {
      assertTempKey(key);
      return get(tempKey(key));
    },

    async removeTemp(key: string): Promise<void> {
      assertTempKey(key);
      await remove(tempKey(key));
      await removeUnder(`${tempKey(key)}/`);
    },

    async *listTemp(before: Date): AsyncIterable<string> {
      const prefix = tempKey('');
      for await (const object of list(prefix)) {
        const key = object.Key?.slice(prefix.length);
        if (key && isTempKey(key) && object.LastModified && object.LastModified < before) yield key;
      }
    },

    async promote(fromKey: string, blob: BlobKey, size: number): Promise<void> {
      assertTempKey(fromKey);
      assertBlobKey(blob);
      const from = tempKey(fromKey);
      const to = blobKey(blob);
      // Same address, same bytes: the blob is already there. A wrong size means a damaged copy, replaced below.
      if ((await head(to))?.ContentLength === size) {
        await remove(from);
        return;
      }
      const written = await head(from);
      if (!written) throw new BlobMissing(from);
      if (written.ContentLength !== size) throw new Error(`temporary object ${fromKey} holds ${written.ContentLength} bytes, expected ${size}`);
      if (size > MAX_SINGLE_COPY) await copyInParts(from, to, size);
      else await client.send(new CopyObjectCommand({ Bucket, Key: to, CopySource: copySource(Bucket, from) }));
      const copied = await head(to);
      if (copied?.ContentLength !== size) {
        await remove(to);
        throw new Error(`blob ${blob.sha256} holds ${copied?.ContentLength} bytes after the copy, expected ${size}`);
      }
      await remove(from);
    },

    async open(blob: BlobKey, range?: ByteRange): Promise<Readable> {
      assertBlobKey(blob);
      return get(blobKey(blob), range);
    },

    async exists(blob: BlobKey): Promise<boolean> {
      assertBlobKey(blob);
      return (await head(blobKey(blob))) !== null;
    },

    async remove(blob: BlobKey): Promise<void> {
      assertBlobKey(blob);
      await remove(blobKey(blob));
      await removeUnder(derivedPrefix(blob));
    },

    async *listBlobs(): AsyncIterable<StoredBlob> {
      const prefix = `${root}blobs/`;
      for await (const object of list(prefix)) {
        const [instanceId, shard, sha256, ...rest] = object.Key?.slice(prefix.length).split('/') ?? [];
        if (!instanceId || !sha256 || rest.length > 0 || shard !== sha256.slice(0, 2) || !object.LastModified) continue;
        if (isBlobKey({ instanceId, sha256 })) yield { instanceId, sha256, modifiedAt: object.LastModified };
      }
    },

    async putDerived(blob: BlobKey, name: string, data: Buffer): Promise<void> {
      assertBlobKey(blob);
      assertDerivedName(name);
      await client.send(new PutObjectCommand({ Bucket, Key: derivedPrefix(blob) + name, Body: data, ContentLength: data.length }));
    },

    async getDerived(blob: BlobKey, name: string): Promise<Buffer | null> {
      assertBlobKey(blob);
      assertDerivedName(name);
      try {
        const response = await client.send(new GetObjectCommand({ Bucket, Key: derivedPrefix(blob) + name }));
        return response.Body ? Buffer.from(await response.Body.transformToByteArray()) : Buffer.alloc(0);
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async close(): Promise<void> {
      client.destroy();
    },
  };
}

/** HeadObject answers a bare 404 ('NotFound'); a missing bucket must not pass for a missing object. */
function isMissing(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || ($metadata?.httpStatusCode === 404 && name !== 'NoSuchBucket');
}

function rangeMatches(contentRange: string | undefined, range: ByteRange): boolean {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange ?? '');
  if (!match) return false;
  const total = match[3] === '*' ? Infinity : Number(match[3]);
  return Number(match[1]) === range.start && Number(match[2]) === Math.min(range.end, total - 1);
}

function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** Runs `task` on every item, PARALLEL at a time, in order of results; after a failure no new task starts. */
async function inParallel<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  async function worker(): Promise<void> {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  }
  const settled = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}
