// HTTP routes of personal API tokens (the caller's own tokens in one instance).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { inTransaction } from '../../db/transaction.ts';
import { actorOf, tenantOf } from '../../http/context.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SlugParams } from '../instances/schemas.ts';
import { API_TOKEN_PREFIX } from '../../http/authenticate.ts';
import { createApiToken, revokeApiToken } from './actions.ts';
import { presentToken } from './presenters.ts';
import { listUserTokens } from './queries.ts';
import { CreateTokenBody, CreatedToken, TokenList, TokenParams } from './schemas.ts';

const tags = ['tokens'];

export async function tokenRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/i/:slug/tokens', {
    schema: { tags, summary: 'My API tokens in this instance', params: SlugParams, response: { 200: TokenList, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    const rows = await inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => listUserTokens(tx, t.membership.userId));
    return { items: rows.map(presentToken) };
  });

  app.post('/api/v1/i/:slug/tokens', {
    schema: { tags, summary: 'Create an API token (the secret is shown once)', params: SlugParams, body: CreateTokenBody, response: { 201: CreatedToken, ...problemResponses } },
  }, async (request, reply) => {
    const { token, secret } = await createApiToken(s, tenantOf(request), actorOf(request).kind, request.body);
    return reply.code(201).send({ token: presentToken(token), secret: `${API_TOKEN_PREFIX}${secret}` });
  });

  app.delete('/api/v1/i/:slug/tokens/:id', {
    schema: { tags, summary: 'Revoke one of my API tokens', params: TokenParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await revokeApiToken(s, tenantOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
