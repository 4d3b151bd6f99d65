// HTTP routes of instances: creation, settings, ownership.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf, tenantOf } from '../../http/context.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { createInstance, transferOwnership, updateInstanceSettings } from './actions.ts';
import { MyInstance, presentMyInstance } from './presenters.ts';
import { CreateInstanceBody, SlugParams, TransferOwnershipBody, UpdateInstanceBody } from './schemas.ts';

const tags = ['instances'];

export async function instanceRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/instances', {
    schema: { tags, summary: 'Create an instance; the caller becomes its owner', body: CreateInstanceBody, response: { 201: MyInstance, ...problemResponses } },
  }, async (request, reply) => {
    const instance = await createInstance(s, actorOf(request).user.id, request.body);
    return reply.code(201).send(presentMyInstance(instance, 'owner'));
  });

  app.get('/api/v1/i/:slug', {
    schema: { tags, summary: 'The instance, with my role in it', params: SlugParams, response: { 200: MyInstance, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    return presentMyInstance(t.instance, t.membership.role);
  });

  app.patch('/api/v1/i/:slug', {
    schema: { tags, summary: 'Change instance settings (administrators)', params: SlugParams, body: UpdateInstanceBody, response: { 200: MyInstance, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    return presentMyInstance(await updateInstanceSettings(s, t, request.body), t.membership.role);
  });

  app.post('/api/v1/i/:slug/ownership', {
    schema: { tags, summary: 'Transfer ownership to another member (owner)', params: SlugParams, body: TransferOwnershipBody, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await transferOwnership(s, tenantOf(request), request.body.userId);
    return reply.code(204).send(null);
  });
}
