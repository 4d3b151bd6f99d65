// Search over everything the reader may open (docs/search.md). Unlike the
// other modules it takes an AbortSignal: search runs as one types, and an
// answer to an older query must be cancelled, not just ignored.
import { apiPath } from './client';
import { ApiError, NETWORK_ERROR, problemFromBody } from './problem';
import type { SearchAnswer, SearchFilter } from './search-types';

export const SEARCH_PAGE_SIZE = 20;

export async function search(
  slug: string,
  q: string,
  filter: SearchFilter = {},
  options: { offset?: number; limit?: number; signal?: AbortSignal } = {},
): Promise<SearchAnswer> {
  const url = apiPath(`/i/${encodeURIComponent(slug)}/search`, {
    q,
    kind: filter.kind,
    groupId: filter.groupId,
    conversationId: filter.conversationId,
    authorId: filter.authorId,
    from: filter.from,
    to: filter.to,
    hasAttachment: filter.hasAttachment === undefined ? undefined : String(filter.hasAttachment),
    limit: filter.kind ? (options.limit ?? SEARCH_PAGE_SIZE) : undefined,
    offset: filter.kind && options.offset ? options.offset : undefined,
  });
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError({ status: 0, code: NETWORK_ERROR, title: 'Network error' });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw problemFromBody(response.status, body);
  return body as SearchAnswer;
}

/** True for the rejection of a request cancelled on purpose. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
