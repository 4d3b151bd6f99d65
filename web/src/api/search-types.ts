// The shapes of GET /i/:slug/search (server/src/modules/search/schemas.ts).

export const SEARCH_KINDS = ['posts', 'messages', 'files', 'people', 'groups'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchFilter {
  kind?: SearchKind;
  groupId?: string;
  conversationId?: string;
  authorId?: string;
  /** Days, YYYY-MM-DD (UTC), both ends included. */
  from?: string;
  to?: string;
  hasAttachment?: boolean;
}

export interface TextHit {
  kind: 'post' | 'comment' | 'message' | 'file';
  id: string;
  /** The post of a comment (and of a post, itself). */
  postId: string | null;
  group: { id: string; name: string } | null;
  conversation: { id: string; title: string | null } | null;
  author: { id: string; displayName: string } | null;
  /** A file's name. */
  name: string | null;
  mediaType: string | null;
  createdAt: string;
  /** The text HTML-escaped, matches in <mark> (see Snippet). */
  snippet: string;
}

export interface PersonHit {
  id: string;
  displayName: string;
  jobTitle: string;
}

export interface GroupHit {
  id: string;
  name: string;
  visibility: string;
  archived: boolean;
}

export interface SearchSection<T> {
  items: T[];
  hasMore: boolean;
}

export interface SearchAnswer {
  posts: SearchSection<TextHit>;
  messages: SearchSection<TextHit>;
  files: SearchSection<TextHit>;
  people: SearchSection<PersonHit>;
  groups: SearchSection<GroupHit>;
}
