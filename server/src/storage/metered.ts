// The pass-through every store writes through: it hashes and counts the bytes,
// keeps the first ones for sniffing, and fails the stream as soon as it grows
// past the limit, so an oversized upload is cut off while streaming instead of
// being stored first and measured after.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobTooLarge, HEAD_BYTES, type WrittenTemp } from './blob-store.ts';

export class Metered extends Transform {
  readonly limit: number;
  private readonly hash = createHash('sha256');
  private readonly headParts: Buffer[] = [];
  private headLength = 0;
  private count = 0;

  constructor(limit: number) {
    super();
    this.limit = limit;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.limit) {
      done(new BlobTooLarge(this.limit));
      return;
    }
    this.hash.update(chunk);
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headParts.push(part);
      this.headLength += part.length;
    }
    done(null, chunk);
  }

  /** Once the stream has ended. */
  result(): WrittenTemp {
    return { size: this.count, sha256: this.hash.digest('hex'), head: Buffer.concat(this.headParts) };
  }
}
