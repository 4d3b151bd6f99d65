// Attachments over HTTP: upload one (pending until a post, comment or
// message claims it through `attachmentIds`), discard a pending one, and the
// URLs that read one (the session cookie authorises them, with the
// permission of what the attachment belongs to). Uploads go through
// XMLHttpRequest, the one browser API that reports upload progress.
import type { Attachment } from './attachment-types';
import { apiDelete, apiGet, apiPath, segment } from './client';
import { ApiError, NETWORK_ERROR, problemFromBody } from './problem';

function attachmentsPath(slug: string): string {
  return `/i/${segment(slug)}/attachments`;
}

function attachmentPath(slug: string, attachmentId: string): string {
  return `${attachmentsPath(slug)}/${segment(attachmentId)}`;
}

/** The file itself: downloaded, or shown by the browser with `inline` (images, PDF, plain text). */
export function attachmentContentUrl(slug: string, attachmentId: string, inline = false): string {
  return apiPath(`${attachmentPath(slug, attachmentId)}/content`, { disposition: inline ? 'inline' : undefined });
}

/** A WebP thumbnail (at most 320×320), when `preview` is true. */
export function attachmentPreviewUrl(slug: string, attachmentId: string): string {
  return apiPath(`${attachmentPath(slug, attachmentId)}/preview`);
}

/** Only a pending attachment (uploaded, not yet attached) can be discarded. */
export function discardAttachment(slug: string, attachmentId: string): Promise<void> {
  return apiDelete(attachmentPath(slug, attachmentId));
}

/**
 * The largest file the instance accepts (the drive's limit applies to
 * attachments too): checked before sending, so a file too large is refused at
 * once instead of after its bytes went up.
 */
export async function fetchMaxFileBytes(slug: string): Promise<number> {
  const usage = await apiGet<{ maxFileBytes: number }>(`/i/${segment(slug)}/drive/usage`);
  return usage.maxFileBytes;
}

/** Thrown when an upload was cancelled through its AbortSignal. */
export class UploadCancelled extends Error {
  constructor() {
    super('Upload cancelled');
    this.name = 'UploadCancelled';
  }
}

export interface UploadOptions {
  /** The session's CSRF token, required on every write. */
  csrfToken: string;
  /** Bytes of the file sent so far. */
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

/** Sends the file's bytes as the raw body; answers the pending attachment. */
export function uploadAttachment(slug: string, file: Blob, name: string, options: UploadOptions): Promise<Attachment> {
  return new Promise<Attachment>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new UploadCancelled());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiPath(attachmentsPath(slug), { name }));
    xhr.setRequestHeader('Accept', 'application/json');
    // The server sniffs the type from the bytes: what we claim is ignored.
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', options.csrfToken);
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded);
    const onAbort = () => xhr.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => options.signal?.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      settle();
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as Attachment);
      else reject(problemFromBody(xhr.status, parsed));
    };
    xhr.onerror = () => {
      settle();
      reject(new ApiError({ status: 0, code: NETWORK_ERROR, title: 'Network error' }));
    };
    xhr.onabort = () => {
      settle();
      reject(new UploadCancelled());
    };
    xhr.send(file);
  });
}
