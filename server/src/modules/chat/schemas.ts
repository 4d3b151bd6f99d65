// Request and response schemas of the chat routes.
import { Attachment, AttachmentIds } from '../attachments/schemas.ts';
import { Type } from 'typebox';
import { Slug } from '../instances/schemas.ts';
import { ReactionSchema } from '../feed/schemas.ts';

const Id = Type.String({ format: 'uuid' });
const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const DateTime = Type.String({ format: 'date-time' });
const Person = Type.Object({ id: Id, displayName: Type.String() });

// Not blank, and no NUL character (PostgreSQL text cannot hold one). A lookahead keeps the check linear.
const TEXT = '^(?![\\s\\S]*\\u0000)[\\s\\S]*\\S';
export const MessageText = Type.String({ minLength: 1, maxLength: 10000, pattern: TEXT });
const Title = Type.String({ minLength: 1, maxLength: 100, pattern: TEXT });
/** Up to 49 others: a group conversation holds at most MAX_GROUP_CONVERSATION_MEMBERS people. */
const UserIds = Type.Array(Id, { minItems: 1, maxItems: 49, uniqueItems: true });

export const ConversationParams = Type.Object({ slug: Slug, conversationId: Id }, { additionalProperties: false });
export const MessageParams = Type.Object({ slug: Slug, conversationId: Id, messageId: Id }, { additionalProperties: false });
export const ReactionParams = Type.Object({ slug: Slug, conversationId: Id, messageId: Id, emoji: ReactionSchema }, { additionalProperties: false });
export const GroupRoomParams = Type.Object({ slug: Slug, groupId: Id }, { additionalProperties: false });

export const CreateConversationBody = Type.Union([
  Type.Object({ kind: Type.Literal('direct'), userId: Id }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('group'), title: Type.Optional(Title), userIds: UserIds }, { additionalProperties: false }),
]);
export const UpdateConversationBody = Type.Object({ title: Title }, { additionalProperties: false });
export const AddMembersBody = Type.Object({ userIds: UserIds }, { additionalProperties: false });
export const ReadBody = Type.Object({ seq: Seq }, { additionalProperties: false });

export const SendMessageBody = Type.Object({
  body: Type.Optional({ ...MessageText, description: 'Markdown; may be left out when the message carries attachments' }),
  attachmentIds: Type.Optional(AttachmentIds),
  clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$', description: 'Idempotency key chosen by the client: a retried send with the same clientId returns the first message' })),
  parentId: Type.Optional(Id),
}, { additionalProperties: false });
export const EditMessageBody = Type.Object({ body: MessageText }, { additionalProperties: false });

export const ConversationListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

export const HistoryQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  before: Type.Optional(Seq),
  after: Type.Optional(Seq),
  around: Type.Optional(Id),
}, { additionalProperties: false });

export const ThreadQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  after: Type.Optional(Seq),
}, { additionalProperties: false });

export const PresenceQuery = Type.Object({
  userIds: Type.String({ maxLength: 3700, pattern: '^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,99}$', description: 'Up to 100 comma-separated user ids' }),
}, { additionalProperties: false });

export const Message = Type.Object({
  id: Id,
  conversationId: Id,
  seq: Type.Integer(),
  clientId: Type.Union([Type.String(), Type.Null()]),
  author: Person,
  body: Type.String({ description: 'Markdown source; empty once deleted' }),
  html: Type.String({ description: 'Sanitised HTML rendering, safe to insert; empty once deleted' }),
  parentId: Type.Union([Id, Type.Null()]),
  replyCount: Type.Integer(),
  lastReplyAt: Type.Union([DateTime, Type.Null()]),
  reactions: Type.Array(Type.Object({ emoji: Type.String(), userIds: Type.Array(Id) })),
  createdAt: DateTime,
  editedAt: Type.Union([DateTime, Type.Null()]),
  deletedAt: Type.Union([DateTime, Type.Null()]),
  attachments: Type.Array(Attachment),
});

export const Conversation = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('direct'), Type.Literal('group'), Type.Literal('room')]),
  title: Type.Union([Type.String(), Type.Null()]),
  group: Type.Union([Type.Object({ id: Id, name: Type.String(), archived: Type.Boolean() }), Type.Null()]),
  members: Type.Array(Person, { description: 'The first 20 members' }),
  memberCount: Type.Integer(),
  lastSeq: Type.Integer({ description: 'Sequence number of the latest top-level message' }),
  readSeq: Type.Integer({ description: 'My read marker' }),
  unreadCount: Type.Integer({ description: 'Unread messages from others, counted up to 100' }),
  mentionCount: Type.Integer(),
  lastMessage: Type.Union([Message, Type.Null()]),
  receipts: Type.Union([Type.Array(Type.Object({ userId: Id, seq: Type.Integer() })), Type.Null()], { description: 'Read markers of every member; null above 20 members' }),
  lastActivityAt: DateTime,
  createdAt: DateTime,
});

export const ConversationPage = Type.Object({ items: Type.Array(Conversation), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const UnreadCounts = Type.Object({ conversations: Type.Integer(), mentions: Type.Integer() });
export const MessagePage = Type.Object({ items: Type.Array(Message), hasMoreBefore: Type.Boolean(), hasMoreAfter: Type.Boolean() });
export const Thread = Type.Object({ root: Message, items: Type.Array(Message), hasMore: Type.Boolean() });
export const PresenceAnswer = Type.Object({ online: Type.Array(Id) });
