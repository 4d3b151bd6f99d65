// HTTP routes of a group's people set.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { tenantOf } from '../../http/context.ts';
import { problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { readPeopleSet, setPeopleSet } from './people-sets.ts';
import { GroupParams } from './schemas.ts';

const tags = ['groups'];
const Rule = Type.Object({
  attribute: Type.Union([Type.Literal('department'), Type.Literal('location'), Type.Literal('jobTitle'), Type.Literal('field')]),
  fieldId: Type.Optional(Type.String({ format: 'uuid' })),
  value: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
}, { additionalProperties: false });
const PeopleSet = Type.Object({ rule: Type.Union([Rule, Type.Null()]) }, { additionalProperties: false });

export async function peopleSetRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/i/:slug/groups/:groupId/people-set', {
    schema: { tags, summary: "A group's people set: the profile rule that adds members automatically", params: GroupParams, response: { 200: PeopleSet, ...problemResponses } },
  }, async (request) => ({ rule: await readPeopleSet(s, tenantOf(request), request.params.groupId) }));

  app.put('/api/v1/i/:slug/groups/:groupId/people-set', {
    schema: {
      tags, summary: 'Set or clear (rule: null) the people set; matching members join at once, and leave when they stop matching (group administrators)',
      params: GroupParams, body: PeopleSet, response: { 200: PeopleSet, ...problemResponses },
    },
  }, async (request) => {
    await setPeopleSet(s, tenantOf(request), request.params.groupId, request.body.rule);
    return { rule: await readPeopleSet(s, tenantOf(request), request.params.groupId) };
  });
}
