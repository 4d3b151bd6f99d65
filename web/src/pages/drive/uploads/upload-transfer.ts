// Sends one file to the server. Up to 16 MiB it is one request; above, a
// chunked upload: parts of 8 MiB sent in order, each retried after a short
// pause when the network or the server fails, and the whole resumable from
// what the server says it received (so "Retry" after a failure, or another
// try after a lost connection, sends only what is missing).
import {
  completeChunkedUpload,
  fetchChunkedUpload,
  sendUploadPart,
  startChunkedUpload,
  uploadFile,
  uploadVersion,
} from '../../../api/drive';
import type { ChunkedUpload, DriveItemDetail, DriveRef, OnConflict } from '../../../api/drive-types';
import { ApiError } from '../../../api/problem';
import { UploadCancelled } from '../../../api/upload';

export const CHUNKED_ABOVE_BYTES = 16 * 1024 * 1024;
export const PART_BYTES = 8 * 1024 * 1024;
/** Pauses before retrying a failed part, in milliseconds; one retry per entry. */
const RETRY_DELAYS = [1000, 3000];

export type UploadTarget =
  | { kind: 'folder'; drive: DriveRef; parentId: string | null }
  | { kind: 'version'; itemId: string };

export interface TransferRequest {
  slug: string;
  file: Blob;
  name: string;
  target: UploadTarget;
  onConflict: OnConflict;
  /** The server's chunked upload from an earlier try, to resume. */
  chunkedId: string | null;
  signal: AbortSignal;
  onProgress: (sent: number) => void;
  onChunkedStarted: (uploadId: string) => void;
  /** All bytes are there; the server assembles them. */
  onCompleting: () => void;
}

export function hasCode(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}

/** Worth trying again as it is: the network, or the server having a bad moment. */
function transient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500) && error.status !== 507;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      window.clearTimeout(timer);
      reject(new UploadCancelled());
    }, { once: true });
  });
}

export function transfer(request: TransferRequest): Promise<DriveItemDetail> {
  const { slug, file, target, signal, onProgress } = request;
  if (file.size > CHUNKED_ABOVE_BYTES) return transferInParts(request);
  const options = { signal, onProgress };
  return target.kind === 'version'
    ? uploadVersion(slug, target.itemId, file, options)
    : uploadFile(slug, { drive: target.drive, parentId: target.parentId, name: request.name, onConflict: request.onConflict }, file, options);
}

async function resumeOrStart(request: TransferRequest): Promise<ChunkedUpload> {
  const { slug, target } = request;
  if (request.chunkedId) {
    try {
      return await fetchChunkedUpload(slug, request.chunkedId);
    } catch (error) {
      // Expired or already completed: start again.
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  const where = target.kind === 'version' ? { itemId: target.itemId } : { drive: target.drive, parentId: target.parentId };
  const upload = await startChunkedUpload(slug, where, request.name, request.file.size);
  request.onChunkedStarted(upload.id);
  return upload;
}

async function transferInParts(request: TransferRequest): Promise<DriveItemDetail> {
  const { slug, file, signal, onProgress } = request;
  let upload = await resumeOrStart(request);
  onProgress(upload.received);
  let failures = 0;
  while (upload.received < upload.size) {
    if (signal.aborted) throw new UploadCancelled();
    const start = upload.received;
    const part = file.slice(start, Math.min(file.size, start + PART_BYTES));
    try {
      upload = await sendUploadPart(slug, upload.id, upload.nextPart, part, { signal, onProgress: (sent) => onProgress(start + sent) });
      failures = 0;
    } catch (error) {
      if (error instanceof UploadCancelled) throw error;
      // The part may have arrived though its answer did not: ask where we are.
      if (hasCode(error, 'part_out_of_order')) {
        upload = await fetchChunkedUpload(slug, upload.id);
        continue;
      }
      const delay = RETRY_DELAYS[failures];
      if (!transient(error) || delay === undefined) throw error;
      failures += 1;
      await pause(delay, signal);
      upload = await fetchChunkedUpload(slug, upload.id);
    }
    onProgress(upload.received);
  }
  request.onCompleting();
  return completeChunkedUpload(slug, upload.id, request.onConflict);
}
