// Request and response schemas of the authentication and "me" routes.
import { Type } from 'typebox';
import { MyInstance } from '../instances/presenters.ts';
import { Locale, User } from '../users/presenters.ts';

export const Email = Type.String({ minLength: 3, maxLength: 254 });
// Length is checked after Unicode normalisation by the password policy; this bound stops abuse early.
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const DisplayName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const SignUpBody = Type.Object({
  email: Email,
  password: Password,
  displayName: DisplayName,
  locale: Type.Optional(Locale),
}, { additionalProperties: false });

export const SignInBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });

export const PasswordResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });

export const PasswordResetConfirmBody = Type.Object({
  token: Type.String({ minLength: 10, maxLength: 200 }),
  password: Password,
}, { additionalProperties: false });

export const UpdateMeBody = Type.Object({
  displayName: Type.Optional(DisplayName),
  locale: Type.Optional(Locale),
}, { additionalProperties: false, minProperties: 1 });

export const ChangePasswordBody = Type.Object({
  currentPassword: Password,
  newPassword: Password,
}, { additionalProperties: false });

export const SessionIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const SessionView = Type.Object({
  user: User,
  csrfToken: Type.String(),
  instances: Type.Array(MyInstance),
});

export const SessionItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean(),
});

export const SessionList = Type.Object({ items: Type.Array(SessionItem) });
