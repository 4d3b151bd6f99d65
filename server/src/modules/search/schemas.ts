// Request and response schemas of search.
import { Type } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });

export const KINDS = ['posts', 'messages', 'files', 'people', 'groups'] as const;
export type Kind = typeof KINDS[number];

export const SearchQuery = Type.Object({
  q: Type.String({ maxLength: 500, description: 'Words (the last one also as a prefix), "quoted phrases", -exclusions' }),
  kind: Type.Optional(Type.Union(KINDS.map((k) => Type.Literal(k)), { description: 'Only this kind of result (then up to `limit` of them, pageable with `offset`)' })),
  groupId: Type.Optional(Id),
  conversationId: Type.Optional(Id),
  authorId: Type.Optional(Id),
  from: Type.Optional(Type.String({ format: 'date', description: 'On or after this day (UTC)' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'On or before this day (UTC)' })),
  hasAttachment: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
}, { additionalProperties: false });

const Person = Type.Object({ id: Id, displayName: Type.String() });

export const TextHit = Type.Object({
  kind: Type.Union([Type.Literal('post'), Type.Literal('comment'), Type.Literal('message'), Type.Literal('file')]),
  id: Id,
  postId: Type.Union([Id, Type.Null()], { description: 'The post of a comment (and of a post, itself)' }),
  group: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  conversation: Type.Union([Type.Object({ id: Id, title: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  author: Type.Union([Person, Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()], { description: 'A file\'s name' }),
  mediaType: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  snippet: Type.String({ description: 'Safe HTML: the text escaped, matches in <mark>' }),
});

const Section = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ items: Type.Array(item), hasMore: Type.Boolean() });

export const SearchAnswer = Type.Object({
  posts: Section(TextHit),
  messages: Section(TextHit),
  files: Section(TextHit),
  people: Section(Type.Object({ id: Id, displayName: Type.String(), jobTitle: Type.String() })),
  groups: Section(Type.Object({ id: Id, name: Type.String(), visibility: Type.String(), archived: Type.Boolean() })),
});
