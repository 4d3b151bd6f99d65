// Personal API tokens: nominative (one user), scoped (read/write, one
// instance), expiring, revocable, shown once and stored hashed.
import { notFound } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor, TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import { assertAllowed, canCreateApiTokensVia, canUseApiTokens } from '../instances/policies.ts';
import { insertToken, revokeToken, type ApiTokenRecord, type Scope } from './queries.ts';

export async function createApiToken(s: Services, t: TenantContext, via: Actor['kind'], input: { name: string; scopes: Scope[]; expiresInDays: number }): Promise<{ token: ApiTokenRecord; secret: string }> {
  assertAllowed(canUseApiTokens(t.membership), 'Guests cannot create API tokens.');
  // A token must not mint tokens: that would turn a stolen token into a permanent one.
  assertAllowed(canCreateApiTokensVia(via), 'API tokens cannot create API tokens.');
  const secret = newSecret();
  const token = await inTransaction(s.pool, { instanceId: t.instance.id, userId: t.membership.userId }, (tx) => insertToken(tx, {
    instanceId: t.instance.id,
    userId: t.membership.userId,
    name: input.name.trim(),
    scopes: [...new Set(input.scopes)],
    prefix: secret.slice(0, 6),
    tokenHash: hashSecret(secret),
    expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
  }));
  return { token, secret };
}

export async function revokeApiToken(s: Services, t: TenantContext, id: string): Promise<void> {
  const revoked = await inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => revokeToken(tx, t.membership.userId, id));
  if (!revoked) throw notFound('No such token.');
}
