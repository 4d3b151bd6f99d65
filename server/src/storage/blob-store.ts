// Where file bytes live: a content-addressed store with two implementations,
// the filesystem (default, DATA_DIR/files) and any S3-compatible object store.
// Callers never name an object by a user-supplied string: blobs are addressed
// by (instance, SHA-256) and temporary objects by keys the server makes up.
//
// Writing is two steps so a crash never leaves a half-written blob under its
// final name: `writeTemp` streams the bytes to a temporary object while hashing
// and counting them, then `promote` moves the verified object to its content
// address. What a crash leaves behind (temporary objects, or blobs whose
// metadata row was never committed) is removed by the sweep in drive/sweep.ts.
import type { Readable } from 'node:stream';

export interface BlobKey {
  instanceId: string;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
}

export interface WrittenTemp {
  size: number;
  sha256: string;
  /** The first bytes (up to HEAD_BYTES), for sniffing the content type. */
  head: Buffer;
}

/** Inclusive byte range, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredBlob extends BlobKey {
  modifiedAt: Date;
}

export const HEAD_BYTES = 4100;

/** The body grew past the limit it was written with; nothing was kept. */
export class BlobTooLarge extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`content is larger than ${limit} bytes`);
    this.limit = limit;
  }
}

/** The object is not in the store. */
export class BlobMissing extends Error {}

export interface BlobStore {
  readonly kind: 'fs' | 's3';
  /**
   * Streams `body` into the temporary object `key` (letters, digits, '-', '_', '/'),
   * hashing it on the way. Past `maxBytes` the write stops, the partial object is
   * removed and the promise rejects with BlobTooLarge. A failing or aborted body
   * also leaves nothing behind.
   */
  writeTemp(key: string, body: Readable, maxBytes: number): Promise<WrittenTemp>;
  /** Reads a temporary object back (chunked uploads are assembled from their parts). */
  openTemp(key: string): Promise<Readable>;
  /** Removes the temporary object `key` and every temporary object under `key/`. Missing is fine. */
  removeTemp(key: string): Promise<void>;
  /** Temporary objects last written before `before`, for the sweep. */
  listTemp(before: Date): AsyncIterable<string>;
  /**
   * Moves a written temporary object to its content address and checks the
   * stored size. If the blob is already there (same bytes), the temporary
   * object is simply removed.
   */
  promote(tempKey: string, blob: BlobKey, size: number): Promise<void>;
  /** Streams a blob, or the inclusive `range` of it. Rejects with BlobMissing. */
  open(blob: BlobKey, range?: ByteRange): Promise<Readable>;
  exists(blob: BlobKey): Promise<boolean>;
  /** Removes a blob and what was derived from it (previews). Missing is fine. */
  remove(blob: BlobKey): Promise<void>;
  /** Every blob of every instance, for the sweep. */
  listBlobs(): AsyncIterable<StoredBlob>;
  /** A small object computed from a blob (e.g. a thumbnail named 'thumb-320.webp'). */
  putDerived(blob: BlobKey, name: string, data: Buffer): Promise<void>;
  /** The derived object, or null when it was not made yet. */
  getDerived(blob: BlobKey, name: string): Promise<Buffer | null>;
  close(): Promise<void>;
}

const TEMP_KEY = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;
const SHA256 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DERIVED_NAME = /^[a-z0-9][a-z0-9.-]{0,63}$/;

export const isTempKey = (key: string) => TEMP_KEY.test(key) && key.length <= 200;
export const isBlobKey = (blob: BlobKey) => UUID.test(blob.instanceId) && SHA256.test(blob.sha256);

/** Guards every store entry point: a malformed key is a bug, never a path to follow. */
export function assertTempKey(key: string): void {
  if (!isTempKey(key)) throw new Error(`invalid temporary key "${key}"`);
}

export function assertBlobKey(blob: BlobKey): void {
  if (!isBlobKey(blob)) throw new Error('invalid blob key');
}

export function assertDerivedName(name: string): void {
  if (!DERIVED_NAME.test(name)) throw new Error(`invalid derived name "${name}"`);
}
