// Request and response schemas of the API token routes.
import { Type } from 'typebox';
import { Slug } from '../instances/schemas.ts';

export const ScopeSchema = Type.Union([Type.Literal('read'), Type.Literal('write')]);

export const TokenParams = Type.Object({ slug: Slug, id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const CreateTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 2 }),
  expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
}, { additionalProperties: false });

export const ApiToken = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  prefix: Type.String({ description: 'First characters of the secret, to recognise it' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const TokenList = Type.Object({ items: Type.Array(ApiToken) });
export const CreatedToken = Type.Object({ token: ApiToken, secret: Type.String({ description: 'Shown once; send as "Authorization: Bearer <secret>"' }) });
