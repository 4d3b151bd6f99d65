// HTTP routes of platform operators: the instance registry.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { inTransaction } from '../../db/transaction.ts';
import { decodeCursor, paginate } from '../../http/cursor.ts';
import { problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { Email } from '../auth/schemas.ts';
import { changeInstanceStatus } from '../instances/actions.ts';
import { presentRegistryInstance, RegistryInstance } from '../instances/presenters.ts';
import { listInstancesPage } from '../instances/queries.ts';
import { InstanceName, Slug } from '../instances/schemas.ts';
import { Locale } from '../users/presenters.ts';
import { createInstanceForOwner } from './actions.ts';

const tags = ['operator'];
const config = { access: 'operator' } as const;
const InstanceIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export async function operatorRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/operator/instances', {
    config,
    schema: {
      tags, summary: 'The instance registry (operators)',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })), cursor: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(RegistryInstance), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...problemResponses },
    },
  }, async (request) => {
    const limit = request.query.limit ?? 50;
    const after = decodeCursor(request.query.cursor);
    const rows = await inTransaction(s.pool, {}, (tx) => listInstancesPage(tx, limit + 1, after));
    const { page, nextCursor } = paginate(rows, limit, (i) => ({ micros: i.createdAtMicros, id: i.id }));
    return { items: page.map(presentRegistryInstance), nextCursor };
  });

  app.post('/api/v1/operator/instances', {
    config,
    schema: {
      tags, summary: 'Create an instance for an existing account (operators)',
      body: Type.Object({ name: InstanceName, slug: Slug, defaultLocale: Locale, ownerEmail: Email }, { additionalProperties: false }),
      response: { 201: RegistryInstance, ...problemResponses },
    },
  }, async (request, reply) => reply.code(201).send(presentRegistryInstance(await createInstanceForOwner(s, request.body))));

  for (const [action, status] of [['suspend', 'suspended'], ['unsuspend', 'active']] as const) {
    app.post(`/api/v1/operator/instances/:id/${action}`, {
      config,
      schema: { tags, summary: `${action === 'suspend' ? 'Suspend' : 'Reactivate'} an instance (operators)`, params: InstanceIdParams, response: { 200: RegistryInstance, ...problemResponses } },
    }, async (request) => presentRegistryInstance(await changeInstanceStatus(s, request.params.id, status)));
  }
}
