// Request and response schemas of the group routes.
import { Type } from 'typebox';
import { Slug } from '../instances/schemas.ts';

export const VisibilitySchema = Type.Union([Type.Literal('open'), Type.Literal('private'), Type.Literal('secret')]);
export const PostingSchema = Type.Union([Type.Literal('everyone'), Type.Literal('admins')]);
export const GroupRoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('member')]);

export const GroupParams = Type.Object({ slug: Slug, groupId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const GroupMemberParams = Type.Object({ slug: Slug, groupId: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const GroupName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Description = Type.String({ maxLength: 2000 });

export const CreateGroupBody = Type.Object({
  name: GroupName,
  description: Type.Optional(Description),
  visibility: VisibilitySchema,
  posting: Type.Optional(PostingSchema),
}, { additionalProperties: false });

export const UpdateGroupBody = Type.Object({
  name: Type.Optional(GroupName),
  description: Type.Optional(Description),
  visibility: Type.Optional(VisibilitySchema),
  posting: Type.Optional(PostingSchema),
  archived: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });

export const ListGroupsQuery = Type.Object({
  filter: Type.Optional(Type.Union([Type.Literal('visible'), Type.Literal('mine'), Type.Literal('archived')], { default: 'visible' })),
}, { additionalProperties: false });

export const InviteToGroupBody = Type.Object({ userId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const SetGroupRoleBody = Type.Object({ role: GroupRoleSchema }, { additionalProperties: false });

export const GroupSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Type.String(),
  visibility: VisibilitySchema,
  posting: PostingSchema,
  archived: Type.Boolean(),
  memberCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  myRole: Type.Union([GroupRoleSchema, Type.Null()]),
  myRequest: Type.Union([Type.Literal('request'), Type.Literal('invitation'), Type.Null()]),
  can: Type.Object({ read: Type.Boolean(), post: Type.Boolean(), join: Type.Boolean(), requestToJoin: Type.Boolean(), manage: Type.Boolean() }),
});

export const GroupList = Type.Object({ items: Type.Array(GroupSchema) });

export const GroupMember = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  displayName: Type.String(),
  role: GroupRoleSchema,
  joinedAt: Type.String({ format: 'date-time' }),
});

export const GroupMemberList = Type.Object({ items: Type.Array(GroupMember) });

export const GroupRequestSchema = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  displayName: Type.String(),
  kind: Type.Union([Type.Literal('request'), Type.Literal('invitation')]),
  createdAt: Type.String({ format: 'date-time' }),
});

export const GroupRequestList = Type.Object({ items: Type.Array(GroupRequestSchema) });
