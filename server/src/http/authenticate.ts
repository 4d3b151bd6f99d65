// The gate every request passes before its handler, deny by default:
//  1. on /api/v1/i/:slug routes, resolve the instance (unknown slug → 404);
//  2. resolve the actor from an API token (instance routes only) or the session cookie;
//  3. enforce the route's declared access (default: a signed-in user) and CSRF;
//  4. on instance routes, require an active membership (else 404, so that the
//     existence of other instances' resources does not leak) and an active instance.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden, notFound, unauthenticated } from '../errors.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Services } from '../services.ts';
import { resumeSession, SESSION_COOKIE } from '../modules/auth/sessions.ts';
import { hashSecret, secretsEqual } from '../modules/auth/tokens.ts';
import { canUseApiTokens, isPlatformOperator } from '../modules/instances/policies.ts';
import { findInstanceBySlug, findMembership, type Instance } from '../modules/instances/queries.ts';
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

async function actorFromToken(s: Services, request: FastifyRequest, instance: Instance | null, secret: string): Promise<Actor> {
  if (!instance) throw new AppError(401, 'token_not_accepted', 'API tokens are accepted on instance routes (/api/v1/i/…) only.');
  const found = await inTransaction(s.pool, { instanceId: instance.id }, async (tx) => {
    const token = await findLiveToken(tx, hashSecret(secret));
    if (!token) return null;
    const user = await findUserById(tx, token.userId);
    if (!user || user.disabledAt) return null;
    await touchToken(tx, token.id);
    return { token, user };
  });
  if (!found) throw unauthenticated('This API token is invalid, expired or revoked.');
  const needed = isSafeMethod(request.method) ? 'read' : 'write';
  if (!found.token.scopes.includes(needed)) throw forbidden(`This API token lacks the "${needed}" scope.`, 'insufficient_scope');
  return { kind: 'token', ...found };
}

async function actorFromCookie(s: Services, request: FastifyRequest): Promise<Actor | null> {
  const secret = request.cookies[SESSION_COOKIE];
  if (!secret) return null;
  const resumed = await inTransaction(s.pool, {}, (tx) => resumeSession(tx, s.config, secret));
  return resumed ? { kind: 'session', ...resumed } : null;
}

export function registerAuthentication(app: FastifyInstance, s: Services): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('instance', null);
  app.decorateRequest('tenant', null);

  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.url) return; // no route: the not-found handler answers
    const access = request.routeOptions.config.access ?? 'user';
    const slug = instanceSlug(request);
    const instance = slug ? await inTransaction(s.pool, {}, (tx) => findInstanceBySlug(tx, slug)) : null;
    if (slug && !instance) throw notFound('No such instance.');

    request.instance = instance;
    // Public routes never need the actor: no session look-up (nor last-seen write) for them.
    if (access === 'public') return;

    const token = bearerToken(request);
    const actor = token !== null ? await actorFromToken(s, request, instance, token) : await actorFromCookie(s, request);
    request.actor = actor;
    if (!actor) throw unauthenticated();
    if (actor.kind === 'session' && !isSafeMethod(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !secretsEqual(sent, actor.session.csrfToken)) throw csrfFailed();
    }
    if (access === 'operator' && !isPlatformOperator(actor.user)) throw forbidden('This is reserved to platform operators.');
    if (!instance) return;

    const membership = await inTransaction(s.pool, { instanceId: instance.id, userId: actor.user.id }, (tx) =>
      findMembership(tx, instance.id, actor.user.id));
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
