// Request and response schemas of the feed routes.
import { Attachment, AttachmentIds } from '../attachments/schemas.ts';
import { Type } from 'typebox';
import { Slug } from '../instances/schemas.ts';
import { REACTIONS } from './queries.ts';

export const ReactionSchema = Type.Union(REACTIONS.map((r) => Type.Literal(r)));
const Id = Type.String({ format: 'uuid' });

export const PostParams = Type.Object({ slug: Slug, postId: Id }, { additionalProperties: false });
export const CommentParams = Type.Object({ slug: Slug, postId: Id, commentId: Id }, { additionalProperties: false });
export const ReactionParams = Type.Object({ slug: Slug, postId: Id, emoji: ReactionSchema }, { additionalProperties: false });
export const PersonParams = Type.Object({ slug: Slug, userId: Id }, { additionalProperties: false });

// Not blank, and no NUL character (PostgreSQL text cannot hold one). A lookahead keeps the check linear.
const TEXT = '^(?![\\s\\S]*\\u0000)[\\s\\S]*\\S';
export const PostBodyText = Type.String({ minLength: 1, maxLength: 20000, pattern: TEXT });
export const CommentBodyText = Type.String({ minLength: 1, maxLength: 5000, pattern: TEXT });

export const CreatePostBody = Type.Object({ groupId: Type.Optional(Id), body: PostBodyText, attachmentIds: Type.Optional(AttachmentIds) }, { additionalProperties: false });
export const EditPostBody = Type.Object({ body: PostBodyText }, { additionalProperties: false });
export const PinBody = Type.Object({ pinned: Type.Boolean() }, { additionalProperties: false });
export const CreateCommentBody = Type.Object({ body: CommentBodyText, parentId: Type.Optional(Id), attachmentIds: Type.Optional(AttachmentIds) }, { additionalProperties: false });
export const EditCommentBody = Type.Object({ body: CommentBodyText }, { additionalProperties: false });

export const FeedQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  groupId: Type.Optional(Id),
  pinned: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

export const Post = Type.Object({
  id: Id,
  group: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  author: Type.Object({ id: Id, displayName: Type.String() }),
  body: Type.String({ description: 'Markdown source, as written' }),
  html: Type.String({ description: 'Sanitised HTML rendering, safe to insert' }),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  pinned: Type.Boolean(),
  reactions: Type.Record(Type.String(), Type.Integer()),
  myReactions: Type.Array(Type.String()),
  commentCount: Type.Integer(),
  bookmarked: Type.Boolean(),
  attachments: Type.Array(Attachment),
});

export const PostPage = Type.Object({ items: Type.Array(Post), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const Comment = Type.Object({
  id: Id,
  parentId: Type.Union([Id, Type.Null()]),
  author: Type.Object({ id: Id, displayName: Type.String() }),
  body: Type.String(),
  html: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  attachments: Type.Array(Attachment),
});

export const CommentList = Type.Object({ items: Type.Array(Comment) });
export const RevisionList = Type.Object({ items: Type.Array(Type.Object({ body: Type.String(), replacedAt: Type.String({ format: 'date-time' }) })) });
