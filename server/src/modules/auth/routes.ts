// HTTP routes of authentication and of the signed-in user's own account.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../db/transaction.ts';
import { unauthenticated } from '../../errors.ts';
import { actorOf } from '../../http/context.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { listUserInstances } from '../instances/queries.ts';
import { presentUser, User } from '../users/presenters.ts';
import type { UserRecord } from '../users/queries.ts';
import { changePassword, requestPasswordReset, resetPassword, revokeOwnSession, signIn, signOut, signUp, updateMe } from './actions.ts';
import { presentSession, presentSessionItem } from './presenters.ts';
import { listUserSessions, type SessionRow } from './queries.ts';
import {
  ChangePasswordBody, PasswordResetConfirmBody, PasswordResetRequestBody, SessionIdParams, SessionList,
  SessionView, SignInBody, SignUpBody, UpdateMeBody,
} from './schemas.ts';
import { cookieOptions, SESSION_COOKIE, type ClientInfo } from './sessions.ts';

const tags = ['auth'];
const publicRoute = { access: 'public' } as const;

function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}

function sessionOf(request: FastifyRequest): SessionRow {
  const actor = actorOf(request);
  if (actor.kind !== 'session') throw unauthenticated('This route needs a browser session, not an API token.');
  return actor.session;
}

export async function authRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  async function sessionView(user: UserRecord, session: SessionRow) {
    const instances = await inTransaction(s.pool, { userId: user.id }, (tx) => listUserInstances(tx, user.id));
    return presentSession(user, session, instances);
  }

  function setCookie(reply: FastifyReply, secret: string) {
    reply.setCookie(SESSION_COOKIE, secret, cookieOptions(s.config, s.config.session.absoluteTimeoutMs));
  }

  app.post('/api/v1/auth/signup', {
    config: publicRoute,
    schema: { tags, summary: 'Create an account and sign in', body: SignUpBody, response: { 201: SessionView, ...problemResponses } },
  }, async (request, reply) => {
    const { user, secret, session } = await signUp(s, { ...request.body, locale: request.body.locale ?? 'en' }, clientInfo(request));
    setCookie(reply, secret);
    return reply.code(201).send(await sessionView(user, session));
  });

  app.post('/api/v1/auth/signin', {
    config: publicRoute,
    schema: { tags, summary: 'Sign in with email and password', body: SignInBody, response: { 200: SessionView, ...problemResponses } },
  }, async (request, reply) => {
    const { user, secret, session } = await signIn(s, request.body, clientInfo(request));
    setCookie(reply, secret);
    return sessionView(user, session);
  });

  app.post('/api/v1/auth/signout', {
    schema: { tags, summary: 'End the current session', response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    const session = sessionOf(request);
    await signOut(s, session.userId, session.id);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(s.config));
    return reply.code(204).send(null);
  });

  app.post('/api/v1/auth/password-reset', {
    config: publicRoute,
    schema: { tags, summary: 'Email a password reset link (answers 202 whether or not the account exists)', body: PasswordResetRequestBody, response: { 202: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await requestPasswordReset(s, request.body.email);
    return reply.code(202).send(null);
  });

  app.post('/api/v1/auth/password-reset/confirm', {
    config: publicRoute,
    schema: { tags, summary: 'Set a new password with a reset token', body: PasswordResetConfirmBody, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await resetPassword(s, request.body);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/me', {
    schema: { tags: ['me'], summary: 'The signed-in user, CSRF token and instances', response: { 200: SessionView, ...problemResponses } },
  }, async (request) => sessionView(actorOf(request).user, sessionOf(request)));

  app.patch('/api/v1/me', {
    schema: { tags: ['me'], summary: 'Update my profile', body: UpdateMeBody, response: { 200: User, ...problemResponses } },
  }, async (request) => presentUser(await updateMe(s, sessionOf(request).userId, request.body)));

  app.post('/api/v1/me/password', {
    schema: { tags: ['me'], summary: 'Change my password (ends my other sessions)', body: ChangePasswordBody, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await changePassword(s, actorOf(request).user, sessionOf(request).id, request.body, clientInfo(request));
    return reply.code(204).send(null);
  });

  app.get('/api/v1/me/sessions', {
    schema: { tags: ['me'], summary: 'My active sessions', response: { 200: SessionList, ...problemResponses } },
  }, async (request) => {
    const current = sessionOf(request);
    const sessions = await inTransaction(s.pool, {}, (tx) => listUserSessions(tx, current.userId, s.config.session.idleTimeoutMs));
    return { items: sessions.map((row) => presentSessionItem(row, current.id)) };
  });

  app.delete('/api/v1/me/sessions/:id', {
    schema: { tags: ['me'], summary: 'Revoke one of my sessions', params: SessionIdParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await revokeOwnSession(s, sessionOf(request).userId, request.params.id);
    return reply.code(204).send(null);
  });
}
