// HTTP routes of an instance's member management.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { tenantOf } from '../../http/context.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SlugParams } from '../instances/schemas.ts';
import { createMemberAccount, removeMember, revokeMemberSessions, updateMember } from './actions.ts';
import { presentMember } from './presenters.ts';
import { readMembers } from './reads.ts';
import { CreateMemberBody, ListMembersQuery, Member, MemberPage, MemberParams, UpdateMemberBody } from './schemas.ts';

const tags = ['members'];

export async function memberRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/i/:slug/members', {
    schema: { tags, summary: 'List members (administrators)', params: SlugParams, querystring: ListMembersQuery, response: { 200: MemberPage, ...problemResponses } },
  }, async (request) => readMembers(s, tenantOf(request), request.query));

  app.post('/api/v1/i/:slug/members', {
    schema: { tags, summary: 'Create an account and add it to the instance (administrators)', params: SlugParams, body: CreateMemberBody, response: { 201: Member, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(presentMember(await createMemberAccount(s, tenantOf(request), request.body))));

  app.patch('/api/v1/i/:slug/members/:userId', {
    schema: { tags, summary: "Change a member's role or status (administrators)", params: MemberParams, body: UpdateMemberBody, response: { 200: Member, ...problemResponses } },
  }, async (request) => presentMember(await updateMember(s, tenantOf(request), request.params.userId, request.body)));

  app.delete('/api/v1/i/:slug/members/:userId', {
    schema: { tags, summary: 'Remove a member from the instance (administrators)', params: MemberParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await removeMember(s, tenantOf(request), request.params.userId);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/i/:slug/members/:userId/revoke-sessions', {
    schema: { tags, summary: "End all of a member's sessions (administrators)", params: MemberParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await revokeMemberSessions(s, tenantOf(request), request.params.userId);
    return reply.code(204).send(null);
  });
}
