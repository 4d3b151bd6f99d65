// What the HTTP layer attaches to a request: the authenticated actor and, on
// instance routes, the instance and the actor's membership in it. Route
// options declare who may call a route; the gate in authenticate.ts enforces
// it before any handler runs (deny by default).
import type { FastifyRequest } from 'fastify';
import type { Instance, Membership } from '../modules/instances/queries.ts';
import type { SessionRecord } from '../modules/auth/sessions.ts';
import type { ApiTokenRecord } from '../modules/tokens/queries.ts';
import type { UserRecord } from '../modules/users/queries.ts';

/** public: anyone; user: a signed-in user (session, or API token on instance routes); operator: a platform operator. */
export type Access = 'public' | 'user' | 'operator';

export type Actor =
  | { kind: 'session'; user: UserRecord; session: SessionRecord }
  | { kind: 'token'; user: UserRecord; token: ApiTokenRecord };

export interface TenantContext {
  instance: Instance;
  membership: Membership;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Instance routes reachable by signed-in non-members (e.g. accepting an invitation). */
    allowNonMember?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The instance named by /api/v1/i/:slug, whether or not the actor belongs to it. */
    instance: Instance | null;
    /** The instance and the actor's active membership: set on member-only instance routes. */
    tenant: TenantContext | null;
  }
}

// Route handlers run only after the gate has set these; a missing one is a wiring bug.
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error(`route ${request.routeOptions.url} used actorOf() without an actor`);
  return request.actor;
}

export function tenantOf(request: FastifyRequest): TenantContext {
  if (!request.tenant) throw new Error(`route ${request.routeOptions.url} used tenantOf() without a tenant`);
  return request.tenant;
}

export function instanceOf(request: FastifyRequest): Instance {
  if (!request.instance) throw new Error(`route ${request.routeOptions.url} used instanceOf() outside /api/v1/i/:slug`);
  return request.instance;
}
