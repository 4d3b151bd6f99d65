// The gate every request passes before its handler, deny by default:
//  1. on /api/v1/i/:slug routes, resolve the instance (unknown slug → 404);
//  2. resolve the actor from an API token (instance routes only) or the session cookie
//     (1, 2 and the membership of step 4 are read in one transaction);
//  3. enforce the route's declared access (default: a signed-in user) and CSRF;
//  4. on instance routes, require an active membership (else 404, so that the
//     existence of other instances' resources does not leak) and an active instance.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden, notFound, unauthenticated } from '../errors.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import type { Services } from '../services.ts';
import { resumeSession, SESSION_COOKIE } from '../modules/auth/sessions.ts';
import { hashSecret, secretsEqual } from '../modules/auth/tokens.ts';
import { canUseApiTokens, isPlatformOperator } from '../modules/instances/policies.ts';
import { findInstanceBySlug, findMembership, type Instance, type Membership } from '../modules/instances/queries.ts';
import { findLiveToken, touchToken } from '../modules/tokens/queries.ts';
import { findUserById } from '../modules/users/queries.ts';
import type { Actor } from './context.ts';
import { csrfFailed, isSafeMethod } from './security.ts';

export const API_TOKEN_PREFIX = 'ruche_pat_';
const SLUG_SHAPE = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

function instanceSlug(request: FastifyRequest): string | null {
  if (!request.routeOptions.url?.startsWith('/api/v1/i/:slug')) return null;
  const slug = (request.params as { slug?: string }).slug ?? '';
  if (!SLUG_SHAPE.test(slug)) throw notFound('No such instance.');
  return slug;
}

/** A Ruche API token from `Authorization: Bearer ruche_pat_…`; other schemes (e.g. a proxy's Basic auth) are not ours. */
function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer (ruche_pat_\S+)$/.exec(request.headers.authorization ?? '');
  return match ? match[1]!.slice(API_TOKEN_PREFIX.length) : null;
}

/** The token's actor, looked up inside its instance (the transaction is scoped to it): another instance's token is not found. */
async function actorFromToken(tx: Tx, instance: Instance | null, secret: string): Promise<Actor> {
  if (!instance) throw new AppError(401, 'token_not_accepted', 'API tokens are accepted on instance routes (/api/v1/i/…) only.');
  const token = await findLiveToken(tx, hashSecret(secret));
  const user = token ? await findUserById(tx, token.userId) : null;
  if (!token || !user || user.disabledAt) throw unauthenticated('This API token is invalid, expired or revoked.');
  await touchToken(tx, token.id);
  return { kind: 'token', token, user };
}

async function actorFromCookie(tx: Tx, s: Services, secret: string | undefined): Promise<Actor | null> {
  if (!secret) return null;
  const resumed = await resumeSession(tx, s.config, secret);
  return resumed ? { kind: 'session', ...resumed } : null;
}

interface Resolved {
  instance: Instance | null;
  actor: Actor | null;
  membership: Membership | null;
}

/** Every look-up the gate needs, in one transaction: instance, actor, membership. */
function resolve(s: Services, request: FastifyRequest, slug: string | null, needsActor: boolean): Promise<Resolved> {
  return inTransaction(s.pool, {}, async (tx) => {
    const instance = slug ? await findInstanceBySlug(tx, slug) : null;
    if (slug && !instance) throw notFound('No such instance.');
    if (!needsActor) return { instance, actor: null, membership: null };
    if (instance) await tx.setScope({ instanceId: instance.id });
    const token = bearerToken(request);
    const actor = token !== null ? await actorFromToken(tx, instance, token) : await actorFromCookie(tx, s, request.cookies[SESSION_COOKIE]);
    if (!actor || !instance) return { instance, actor, membership: null };
    await tx.setScope({ instanceId: instance.id, userId: actor.user.id });
    return { instance, actor, membership: await findMembership(tx, instance.id, actor.user.id) };
  });
}

export function registerAuthentication(app: FastifyInstance, s: Services): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('instance', null);
  app.decorateRequest('tenant', null);

  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.url) return; // no route: the not-found handler answers
    const access = request.routeOptions.config.access ?? 'user';
    const slug = instanceSlug(request);
    // Public routes never need the actor: no session look-up (nor last-seen write) for them.
    if (access === 'public' && !slug) return;
    const { instance, actor, membership } = await resolve(s, request, slug, access !== 'public');
    request.instance = instance;
    if (access === 'public') return;

    request.actor = actor;
    if (!actor) throw unauthenticated();
    if (actor.kind === 'token') {
      const needed = isSafeMethod(request.method) ? 'read' : 'write';
      if (!actor.token.scopes.includes(needed)) throw forbidden(`This API token lacks the "${needed}" scope.`, 'insufficient_scope');
    }
    if (actor.kind === 'session' && !isSafeMethod(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !secretsEqual(sent, actor.session.csrfToken)) throw csrfFailed();
    }
    if (access === 'operator' && !isPlatformOperator(actor.user)) throw forbidden('This is reserved to platform operators.');
    if (!instance) return;
    if (!membership || membership.status !== 'active') {
      if (request.routeOptions.config.allowNonMember) return;
      throw notFound('No such instance.');
    }
    if (instance.status === 'suspended') {
      throw forbidden('This instance is suspended. Contact the platform operator.', 'instance_suspended');
    }
    // Checked on every use, not only at creation: a member demoted to guest loses their tokens' access.
    if (actor.kind === 'token' && !canUseApiTokens(membership)) throw forbidden('Guests cannot use API tokens.');
    request.tenant = { instance, membership };
  });
}
