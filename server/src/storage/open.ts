// Picks the store the configuration names: DATA_DIR/files by default, the S3
// bucket when S3_BUCKET is set. Everything above this line sees a BlobStore.
import type { StorageConfig } from '../config.ts';
import type { BlobStore } from './blob-store.ts';
import { createFsStore } from './fs-store.ts';
import { createS3Store } from './s3-store.ts';

export function openBlobStore(config: StorageConfig): BlobStore {
  return config.kind === 's3' ? createS3Store(config.s3) : createFsStore(config.dir);
}
