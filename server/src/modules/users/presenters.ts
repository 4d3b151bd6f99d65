// The API shape of an account: never the hash, never internal flags beyond what the client needs.
import { Type, type Static } from 'typebox';
import type { UserRecord } from './queries.ts';

export const Locale = Type.Union([Type.Literal('fr'), Type.Literal('en')]);

export const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  displayName: Type.String(),
  locale: Locale,
  isOperator: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export function presentUser(user: UserRecord): Static<typeof User> {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    isOperator: user.isOperator,
    createdAt: user.createdAt.toISOString(),
  };
}
