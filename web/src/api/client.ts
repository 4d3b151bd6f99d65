// The one place the web client talks HTTP. It sends the session cookie,
// attaches the CSRF token to every state-changing request, and turns any
// failure into an ApiError so pages only deal with one error type.
import { ApiError, NETWORK_ERROR, problemFromBody } from './problem';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

// Held in memory only: it comes from /me or the sign-in response, and a reload
// fetches /me again, so there is nothing worth persisting.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For the requests that cannot go through `send` (uploads, which need XMLHttpRequest for their progress). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

export type QueryValue = string | number | null | undefined;

/** Builds `/api/v1<path>?…`, leaving out empty query values. */
export function apiPath(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function send<T>(method: Method, url: string, body?: BodyInit, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR, title: 'Network error' });
  }

  const parsed = await readBody(response);
  if (!response.ok) throw problemFromBody(response.status, parsed);
  return parsed as T;
}

function request<T>(method: Method, url: string, body?: unknown): Promise<T> {
  return body === undefined
    ? send<T>(method, url)
    : send<T>(method, url, JSON.stringify(body), 'application/json');
}

export function apiGet<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
  return request<T>('GET', apiPath(path, query));
}

export function apiPost<T = void>(path: string, body?: unknown): Promise<T> {
  return request<T>('POST', apiPath(path), body);
}

export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return request<T>('PATCH', apiPath(path), body);
}

export function apiPut<T = void>(path: string, body?: unknown): Promise<T> {
  return request<T>('PUT', apiPath(path), body);
}

export function apiDelete(path: string): Promise<void> {
  return request<void>('DELETE', apiPath(path));
}

/** Sends a file's bytes as they are (an image upload), typed by `contentType`. */
export function apiPutBytes(path: string, bytes: Blob, contentType: string): Promise<void> {
  return send<void>('PUT', apiPath(path), bytes, contentType);
}

/** Encodes one path segment taken from user data or the URL. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
