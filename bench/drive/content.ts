// File content for the drive benchmark: every file is the AES-128-CTR
// keystream of its own seed. It looks random (nothing to deduplicate or
// compress), costs the client little (AES-NI), is never held whole in memory,
// and can be regenerated from any offset, so a downloaded range is checked
// byte for byte without keeping the file.
import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';

const BLOCK = 16;
const CHUNK = 256 * 1024;
const ZEROS = Buffer.alloc(CHUNK);

function cipherAt(seed: string, offset: number) {
  const key = createHash('sha256').update(`ruche-drive-bench:${seed}`).digest().subarray(0, 16);
  const counter = Buffer.alloc(16);
  counter.writeBigUInt64BE(BigInt(Math.floor(offset / BLOCK)), 8);
  return createCipheriv('aes-128-ctr', key, counter);
}

/** The `size` bytes of file `seed`, as a stream of CHUNK-sized buffers. */
export function contentStream(seed: string, size: number): Readable {
  const cipher = cipherAt(seed, 0);
  let left = size;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (left === 0) {
        this.push(null);
        return;
      }
      const n = Math.min(CHUNK, left);
      left -= n;
      this.push(cipher.update(n === CHUNK ? ZEROS : ZEROS.subarray(0, n)));
    },
  });
}

/** Bytes [start, end] (inclusive) of file `seed`. */
export function contentRange(seed: string, start: number, end: number): Buffer {
  const skip = start % BLOCK;
  return cipherAt(seed, start).update(Buffer.alloc(skip + end - start + 1)).subarray(skip);
}

/** The SHA-256 of file `seed` (regenerated: outside any timed phase). */
export async function contentSha256(seed: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of contentStream(seed, size)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
