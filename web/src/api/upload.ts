// A file's bytes sent as the raw request body, through XMLHttpRequest: the
// one browser API that reports upload progress, which fetch cannot. Used for
// attachments and for the drive's files, versions and upload parts. Like
// every other write (client.ts), it carries the session's CSRF token and
// turns failures into an ApiError.
import { getCsrfToken } from './client';
import { ApiError, NETWORK_ERROR, problemFromBody } from './problem';

export interface UploadOptions {
  /** Bytes of the body sent so far. */
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

/** Thrown when an upload was cancelled through its AbortSignal. */
export class UploadCancelled extends Error {
  constructor() {
    super('Upload cancelled');
    this.name = 'UploadCancelled';
  }
}

/** Sends `body` to `url` (built with apiPath), reporting progress; answers the parsed JSON. */
export function uploadBytes<T>(method: 'POST' | 'PUT', url: string, body: Blob, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new UploadCancelled());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('Accept', 'application/json');
    // The server sniffs the type from the bytes: what we claim is ignored.
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const csrfToken = getCsrfToken();
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
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
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
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
    xhr.send(body);
  });
}
