// What the search page's address says: ?q=…&kind=…&from=…&to=…&authorId=…
// &groupId=…&conversationId=…&hasAttachment=true, so a search can be shared,
// bookmarked or come back to. Values that make no sense are ignored.
import { SEARCH_KINDS, type SearchFilter, type SearchKind } from '../../api/search-types';

export interface SearchLocation {
  q: string;
  filter: SearchFilter;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function id(params: URLSearchParams, key: string): string | undefined {
  const value = params.get(key);
  return value && UUID.test(value) ? value : undefined;
}

function day(params: URLSearchParams, key: string): string | undefined {
  const value = params.get(key);
  return value && DAY.test(value) ? value : undefined;
}

export function readSearchLocation(params: URLSearchParams): SearchLocation {
  const kind = params.get('kind');
  return {
    q: params.get('q') ?? '',
    filter: {
      kind: SEARCH_KINDS.includes(kind as SearchKind) ? (kind as SearchKind) : undefined,
      groupId: id(params, 'groupId'),
      conversationId: id(params, 'conversationId'),
      authorId: id(params, 'authorId'),
      from: day(params, 'from'),
      to: day(params, 'to'),
      hasAttachment: params.get('hasAttachment') === 'true' ? true : undefined,
    },
  };
}

export function searchLocationParams({ q, filter }: SearchLocation): URLSearchParams {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q);
  for (const key of ['kind', 'from', 'to', 'authorId', 'groupId', 'conversationId'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.hasAttachment) params.set('hasAttachment', 'true');
  return params;
}

/** Which filters a kind of result takes (the server leaves a kind out when given one it does not). */
export function filtersOf(kind: SearchKind | undefined) {
  const text = kind === undefined || kind === 'posts' || kind === 'messages' || kind === 'files';
  return {
    dates: text,
    author: text,
    group: kind === undefined || kind === 'posts' || kind === 'files',
    hasAttachment: kind === undefined || kind === 'posts' || kind === 'messages',
  };
}

export function hasFilters(filter: SearchFilter): boolean {
  return Boolean(filter.from || filter.to || filter.authorId || filter.groupId || filter.conversationId || filter.hasAttachment);
}
