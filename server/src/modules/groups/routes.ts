// HTTP routes of groups.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { tenantOf } from '../../http/context.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SlugParams } from '../instances/schemas.ts';
import {
  approveRequest, createGroup, dismissRequest, inviteToGroup, joinGroup, leaveGroup, removeGroup, removeGroupMember,
  requestToJoin, setGroupMemberRole, updateGroupSettings,
} from './actions.ts';
import { readGroup, readGroupMembers, readGroupRequests, readGroups } from './reads.ts';
import {
  CreateGroupBody, GroupList, GroupMemberList, GroupMemberParams, GroupParams, GroupRequestList, GroupSchema,
  InviteToGroupBody, ListGroupsQuery, SetGroupRoleBody, UpdateGroupBody,
} from './schemas.ts';

const tags = ['groups'];
const done = (reply: FastifyReply) => reply.code(204).send(null);

export async function groupRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/v1/i/:slug/groups';

  app.get(base, {
    schema: { tags, summary: 'Groups I can see (visible), belong to (mine), or archived ones', params: SlugParams, querystring: ListGroupsQuery, response: { 200: GroupList, ...problemResponses } },
  }, async (request) => ({ items: await readGroups(s, tenantOf(request), request.query.filter ?? 'visible') }));

  app.post(base, {
    schema: { tags, summary: 'Create a group; I become its administrator', params: SlugParams, body: CreateGroupBody, response: { 201: GroupSchema, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const id = await createGroup(s, t, request.body);
    return reply.code(201).send(await readGroup(s, t, id));
  });

  app.get(`${base}/:groupId`, {
    schema: { tags, summary: 'A group', params: GroupParams, response: { 200: GroupSchema, ...problemResponses } },
  }, async (request) => readGroup(s, tenantOf(request), request.params.groupId));

  app.patch(`${base}/:groupId`, {
    schema: { tags, summary: 'Change, archive or unarchive a group (group administrators)', params: GroupParams, body: UpdateGroupBody, response: { 200: GroupSchema, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    await updateGroupSettings(s, t, request.params.groupId, request.body);
    return readGroup(s, t, request.params.groupId);
  });

  app.delete(`${base}/:groupId`, {
    schema: { tags, summary: 'Delete a group and its posts (group administrators)', params: GroupParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await removeGroup(s, tenantOf(request), request.params.groupId);
    return done(reply);
  });

  app.post(`${base}/:groupId/join`, {
    schema: { tags, summary: 'Join an open group, or accept an invitation', params: GroupParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await joinGroup(s, tenantOf(request), request.params.groupId);
    return done(reply);
  });

  app.post(`${base}/:groupId/leave`, {
    schema: { tags, summary: 'Leave a group', params: GroupParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await leaveGroup(s, tenantOf(request), request.params.groupId);
    return done(reply);
  });

  app.get(`${base}/:groupId/members`, {
    schema: { tags, summary: "A group's members", params: GroupParams, response: { 200: GroupMemberList, ...problemResponses } },
  }, async (request) => ({ items: await readGroupMembers(s, tenantOf(request), request.params.groupId) }));

  app.patch(`${base}/:groupId/members/:userId`, {
    schema: { tags, summary: "Change a member's group role (group administrators)", params: GroupMemberParams, body: SetGroupRoleBody, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await setGroupMemberRole(s, tenantOf(request), request.params.groupId, request.params.userId, request.body.role);
    return done(reply);
  });

  app.delete(`${base}/:groupId/members/:userId`, {
    schema: { tags, summary: 'Remove a member from a group (group administrators, or oneself)', params: GroupMemberParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await removeGroupMember(s, tenantOf(request), request.params.groupId, request.params.userId);
    return done(reply);
  });

  app.post(`${base}/:groupId/invitations`, {
    schema: { tags, summary: 'Invite a member of the instance to the group (group administrators)', params: GroupParams, body: InviteToGroupBody, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await inviteToGroup(s, tenantOf(request), request.params.groupId, request.body.userId);
    return done(reply);
  });

  app.get(`${base}/:groupId/requests`, {
    schema: { tags, summary: 'Pending requests and invitations (group administrators)', params: GroupParams, response: { 200: GroupRequestList, ...problemResponses } },
  }, async (request) => ({ items: await readGroupRequests(s, tenantOf(request), request.params.groupId) }));

  app.post(`${base}/:groupId/requests`, {
    schema: { tags, summary: 'Ask to join a private group', params: GroupParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await requestToJoin(s, tenantOf(request), request.params.groupId);
    return done(reply);
  });

  app.post(`${base}/:groupId/requests/:userId/approve`, {
    schema: { tags, summary: 'Approve a request to join (group administrators)', params: GroupMemberParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await approveRequest(s, tenantOf(request), request.params.groupId, request.params.userId);
    return done(reply);
  });

  app.delete(`${base}/:groupId/requests/:userId`, {
    schema: { tags, summary: 'Refuse a request or withdraw an invitation; or withdraw my own request / decline my invitation', params: GroupMemberParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await dismissRequest(s, tenantOf(request), request.params.groupId, request.params.userId);
    return done(reply);
  });
}
