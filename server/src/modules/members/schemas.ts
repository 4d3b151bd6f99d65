// Request and response schemas of the member routes.
import { Type } from 'typebox';
import { DisplayName, Email, Password } from '../auth/schemas.ts';
import { RoleSchema } from '../instances/presenters.ts';
import { Slug } from '../instances/schemas.ts';

export const AssignableRole = Type.Union([Type.Literal('administrator'), Type.Literal('member'), Type.Literal('guest')]);
export const MemberStatus = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const MemberParams = Type.Object({ slug: Slug, userId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const ListMembersQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

export const CreateMemberBody = Type.Object({
  email: Email,
  displayName: DisplayName,
  role: AssignableRole,
  password: Password,
}, { additionalProperties: false });

export const UpdateMemberBody = Type.Object({
  role: Type.Optional(AssignableRole),
  status: Type.Optional(MemberStatus),
}, { additionalProperties: false, minProperties: 1 });

export const Member = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  status: MemberStatus,
  joinedAt: Type.String({ format: 'date-time' }),
});

export const MemberPage = Type.Object({
  items: Type.Array(Member),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
