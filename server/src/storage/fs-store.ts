// The default store: files under DATA_DIR/files, laid out as
//   tmp/<key>                                  uploads in progress
//   blobs/<instance>/<sha[0..2]>/<sha>          committed content
//   derived/<instance>/<sha>/<name>             previews made from a blob
// A temporary file is fsynced before it is renamed into place, and rename is
// atomic on one filesystem, so a blob path holds either nothing or the whole
// verified content, whatever the moment the process dies.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertBlobKey, assertDerivedName, assertTempKey, BlobMissing, isBlobKey, isTempKey, type BlobKey, type BlobStore, type ByteRange, type StoredBlob,
  type WrittenTemp,
} from './blob-store.ts';
import { Metered } from './metered.ts';

const isMissing = (error: unknown) => (error as { code?: string }).code === 'ENOENT';

export function createFsStore(dir: string): BlobStore {
  const root = path.resolve(dir);
  const tempPath = (key: string) => path.join(root, 'tmp', key);
  const blobPath = (b: BlobKey) => path.join(root, 'blobs', b.instanceId, b.sha256.slice(0, 2), b.sha256);
  const derivedDir = (b: BlobKey) => path.join(root, 'derived', b.instanceId, b.sha256);

  async function fsyncFile(file: string): Promise<void> {
    const handle = await open(file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  return {
    kind: 'fs',

    async writeTemp(key: string, body: Readable, maxBytes: number): Promise<WrittenTemp> {
      assertTempKey(key);
      const file = tempPath(key);
      await mkdir(path.dirname(file), { recursive: true });
      const meter = new Metered(maxBytes);
      // Opened before the pipeline starts: a stream opening its file lazily could create it
      // after a body that had already failed was cleaned up, leaving it behind.
      const handle = await open(file, 'w');
      try {
        await pipeline(body, meter, handle.createWriteStream());
        await fsyncFile(file);
      } catch (error) {
        await handle.close().catch(() => undefined);
        await rm(file, { force: true });
        throw error;
      }
      return meter.result();
    },

    async openTemp(key: string): Promise<Readable> {
      assertTempKey(key);
      return openFile(tempPath(key));
    },

    async removeTemp(key: string): Promise<void> {
      assertTempKey(key);
      await rm(tempPath(key), { recursive: true, force: true });
    },

    async *listTemp(before: Date): AsyncIterable<string> {
      for (const file of await walk(path.join(root, 'tmp'))) {
        const info = await stat(file).catch(() => null);
        const key = path.relative(path.join(root, 'tmp'), file).split(path.sep).join('/');
        if (info?.isFile() && info.mtime < before && isTempKey(key)) yield key;
      }
    },

    async promote(tempKey: string, blob: BlobKey, size: number): Promise<void> {
      assertTempKey(tempKey);
      assertBlobKey(blob);
      const from = tempPath(tempKey);
      const to = blobPath(blob);
      const written = await stat(from);
      if (written.size !== size) throw new Error(`temporary object ${tempKey} holds ${written.size} bytes, expected ${size}`);
      await mkdir(path.dirname(to), { recursive: true });
      // link() refuses to replace: a blob already there has the same bytes and stays untouched.
      try {
        await link(from, to);
        // The new directory entry must survive a crash once the caller commits the blob's row.
        await fsyncFile(path.dirname(to));
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      }
      await unlink(from);
    },

    async open(blob: BlobKey, range?: ByteRange): Promise<Readable> {
      assertBlobKey(blob);
      return openFile(blobPath(blob), range);
    },

    async exists(blob: BlobKey): Promise<boolean> {
      assertBlobKey(blob);
      return stat(blobPath(blob)).then(() => true, (error: unknown) => {
        if (isMissing(error)) return false;
        throw error;
      });
    },

    async remove(blob: BlobKey): Promise<void> {
      assertBlobKey(blob);
      await rm(blobPath(blob), { force: true });
      await rm(derivedDir(blob), { recursive: true, force: true });
    },

    async *listBlobs(): AsyncIterable<StoredBlob> {
      const base = path.join(root, 'blobs');
      for (const file of await walk(base)) {
        const parts = path.relative(base, file).split(path.sep);
        const [instanceId = '', prefix, sha256 = ''] = parts;
        // Anything else in the tree (a stray file) is not a blob and is left alone.
        if (parts.length !== 3 || !isBlobKey({ instanceId, sha256 }) || prefix !== sha256.slice(0, 2)) continue;
        const info = await stat(file).catch(() => null);
        if (info) yield { instanceId, sha256, modifiedAt: info.mtime };
      }
    },

    async putDerived(blob: BlobKey, name: string, data: Buffer): Promise<void> {
      assertBlobKey(blob);
      assertDerivedName(name);
      const dirPath = derivedDir(blob);
      await mkdir(dirPath, { recursive: true });
      // A name of its own: two readers asking for a new thumbnail at once write it twice (named by pid and time,
      // both wrote one file, and the second rename found it gone: one of them got a 500 and no thumbnail).
      const partial = path.join(dirPath, `.${name}.${randomUUID()}`);
      await writeFile(partial, data);
      await rename(partial, path.join(dirPath, name));
    },

    async getDerived(blob: BlobKey, name: string): Promise<Buffer | null> {
      assertBlobKey(blob);
      assertDerivedName(name);
      return readFile(path.join(derivedDir(blob), name)).catch((error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      });
    },

    async close(): Promise<void> {},
  };
}

/** Opens the file first so that a missing one rejects here, not later as a stream error. */
async function openFile(file: string, range?: ByteRange): Promise<Readable> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw isMissing(error) ? new BlobMissing(path.basename(file)) : error;
  });
  return createReadStream('', { fd: handle, ...(range ? { start: range.start, end: range.end } : {}) });
}

async function walk(dirPath: string): Promise<string[]> {
  const entries = await readdir(dirPath, { withFileTypes: true, recursive: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(e.parentPath, e.name));
}
