// Search results as the API shows them. Snippets come from PostgreSQL with
// private-use markers around the matches: the text is HTML-escaped first,
// then the markers become <mark>, so a snippet is safe to insert as HTML
// whatever the document contained.
import type { Static } from 'typebox';
import { MARK_END, MARK_START, type TextHit } from './queries.ts';
import type { TextHit as TextHitSchema } from './schemas.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function safeSnippet(text: string): string {
  return text.trim().replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

export function presentTextHit(h: TextHit): Static<typeof TextHitSchema> {
  return {
    kind: h.kind,
    id: h.id,
    postId: h.postId,
    group: h.groupId ? { id: h.groupId, name: h.groupName ?? '' } : null,
    conversation: h.conversationId ? { id: h.conversationId, title: h.conversationTitle } : null,
    author: h.authorId ? { id: h.authorId, displayName: h.authorName ?? '' } : null,
    name: h.name,
    mediaType: h.mediaType,
    createdAt: h.createdAt.toISOString(),
    snippet: safeSnippet(h.snippet),
  };
}
