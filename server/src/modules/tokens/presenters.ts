// API shape of a personal API token (never its hash).
import type { Static } from 'typebox';
import type { ApiTokenRecord } from './queries.ts';
import type { ApiToken } from './schemas.ts';

export function presentToken(t: ApiTokenRecord): Static<typeof ApiToken> {
  return {
    id: t.id, name: t.name, scopes: t.scopes, prefix: t.prefix,
    createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt.toISOString(),
  };
}
