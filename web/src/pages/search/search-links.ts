// Where each search result opens: a post its page, a comment its post (at the
// comment), a message its conversation at the message (a thread reply: its
// thread, open), a file the drive with the file open, a person their
// profile, a group its page. And the address of the search page itself.
import type { SearchKind, TextHit } from '../../api/search-types';
import { messageJumpPath } from '../chat/use-message-jump';

export function textHitPath(slug: string, hit: TextHit): string {
  const base = `/i/${slug}`;
  switch (hit.kind) {
    case 'post':
      return `${base}/posts/${hit.postId ?? hit.id}`;
    case 'comment':
      return hit.postId ? `${base}/posts/${hit.postId}#comment-${hit.id}` : `${base}/feed`;
    case 'message':
      return hit.conversation ? messageJumpPath(slug, hit.conversation.id, hit.id) : `${base}/chat`;
    case 'file':
      return `${base}/drive?file=${hit.id}`;
  }
}

export function personHitPath(slug: string, userId: string): string {
  return `/i/${slug}/people/${userId}`;
}

export function groupHitPath(slug: string, groupId: string): string {
  return `/i/${slug}/groups/${groupId}`;
}

export function searchPagePath(slug: string, q: string, kind?: SearchKind): string {
  const params = new URLSearchParams({ q });
  if (kind) params.set('kind', kind);
  return `/i/${slug}/search?${params.toString()}`;
}
