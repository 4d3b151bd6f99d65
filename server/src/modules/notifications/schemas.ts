// Request and response schemas of the notification routes.
import { Type } from 'typebox';

const Id = Type.String({ format: 'uuid' });

export const NotificationQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  unread: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const MarkReadBody = Type.Object({
  ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 200 })),
  all: Type.Optional(Type.Literal(true)),
}, { additionalProperties: false, minProperties: 1, maxProperties: 1 });

export const Notification = Type.Object({
  id: Id,
  kind: Type.String(),
  actor: Type.Union([Type.Object({ id: Id, displayName: Type.String() }), Type.Null()]),
  group: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  postId: Type.Union([Id, Type.Null()]),
  commentId: Type.Union([Id, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});

export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  unreadCount: Type.Integer(),
});

export const MarkReadResult = Type.Object({ marked: Type.Integer(), unreadCount: Type.Integer() });

export const DigestSchema = Type.Union([Type.Literal('hourly'), Type.Literal('daily'), Type.Literal('weekly'), Type.Literal('never')]);
export const NotificationSettings = Type.Object({ digest: DigestSchema }, { additionalProperties: false });
export const UnsubscribeBody = Type.Object({ token: Type.String({ minLength: 32, maxLength: 128, pattern: '^[0-9a-f]+$' }) }, { additionalProperties: false });
