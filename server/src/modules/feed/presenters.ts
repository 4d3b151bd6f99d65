// API shapes of posts and comments.
import type { Static } from 'typebox';
import { presentAttachments } from '../attachments/presenters.ts';
import type { CommentRecord, FeedRow } from './queries.ts';
import type { Comment, Post } from './schemas.ts';

export function presentPost(p: FeedRow): Static<typeof Post> {
  return {
    id: p.id,
    group: p.groupId ? { id: p.groupId, name: p.groupName ?? '' } : null,
    author: { id: p.authorId, displayName: p.authorName },
    body: p.body,
    html: p.bodyHtml,
    createdAt: p.createdAt.toISOString(),
    editedAt: p.editedAt?.toISOString() ?? null,
    pinned: p.pinnedAt !== null,
    reactions: p.reactionCounts,
    myReactions: p.myReactions,
    commentCount: p.commentCount,
    bookmarked: p.bookmarked,
    attachments: presentAttachments(p.attachments),
  };
}

export function presentComment(c: CommentRecord): Static<typeof Comment> {
  return {
    id: c.id, parentId: c.parentId, author: { id: c.authorId, displayName: c.authorName },
    body: c.body, html: c.bodyHtml, createdAt: c.createdAt.toISOString(), editedAt: c.editedAt?.toISOString() ?? null,
    attachments: presentAttachments(c.attachments),
  };
}
