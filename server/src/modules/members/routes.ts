// HTTP routes of an instance's member management.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { inTransaction } from '../../db/transaction.ts';
import { tenantOf } from '../../http/context.ts';
import { decodeCursor, paginate } from '../../http/cursor.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { assertAllowed, canAdministerInstance } from '../instances/policies.ts';
import { SlugParams } from '../instances/schemas.ts';
import { createMemberAccount, removeMember, revokeMemberSessions, updateMember } from './actions.ts';
import { presentMember } from './presenters.ts';
import { listMembersPage } from './queries.ts';
import { CreateMemberBody, ListMembersQuery, Member, MemberPage, MemberParams, UpdateMemberBody } from './schemas.ts';

const tags = ['members'];

export async function memberRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/i/:slug/members', {
    schema: { tags, summary: 'List members (administrators)', params: SlugParams, querystring: ListMembersQuery, response: { 200: MemberPage, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    assertAllowed(canAdministerInstance(t.membership));
    const limit = request.query.limit ?? 50;
    const after = decodeCursor(request.query.cursor);
    const rows = await inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => listMembersPage(tx, t.instance.id, limit + 1, after));
    const { page, nextCursor } = paginate(rows, limit, (m) => ({ micros: m.joinedAtMicros, id: m.userId }));
    return { items: page.map(presentMember), nextCursor };
  });

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
