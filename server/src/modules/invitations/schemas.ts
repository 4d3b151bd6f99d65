// Request and response schemas of the invitation routes.
import { Type } from 'typebox';
import { Email } from '../auth/schemas.ts';
import { Slug } from '../instances/schemas.ts';
import { AssignableRole } from '../members/schemas.ts';

export const InvitationParams = Type.Object({ slug: Slug, id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const InvitationToken = Type.String({ minLength: 10, maxLength: 200 });

export const CreateInvitationBody = Type.Object({ email: Email, role: AssignableRole }, { additionalProperties: false });
export const AcceptInvitationBody = Type.Object({ token: InvitationToken }, { additionalProperties: false });
export const PreviewQuery = Type.Object({ token: InvitationToken }, { additionalProperties: false });

export const Invitation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  role: AssignableRole,
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('revoked'), Type.Literal('expired')]),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  invitedBy: Type.Union([Type.Object({ userId: Type.String({ format: 'uuid' }), displayName: Type.String() }), Type.Null()]),
});

export const InvitationList = Type.Object({ items: Type.Array(Invitation) });

export const InvitationPreview = Type.Object({
  instance: Type.Object({ name: Type.String(), slug: Type.String() }),
  email: Type.String(),
  role: AssignableRole,
  expiresAt: Type.String({ format: 'date-time' }),
});
