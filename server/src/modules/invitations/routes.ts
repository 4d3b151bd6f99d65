// HTTP routes of invitations: managed by administrators, previewed by anyone
// holding the link, accepted by the signed-in invitee.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf, instanceOf, tenantOf } from '../../http/context.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { MyInstance, presentMyInstance } from '../instances/presenters.ts';
import { SlugParams } from '../instances/schemas.ts';
import { acceptInvitation, cancelInvitation, inviteMember, previewInvitation } from './actions.ts';
import { presentInvitation, presentPreview } from './presenters.ts';
import { readInvitations } from './reads.ts';
import { AcceptInvitationBody, CreateInvitationBody, Invitation, InvitationList, InvitationParams, InvitationPreview, PreviewQuery } from './schemas.ts';

const tags = ['invitations'];

export async function invitationRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/i/:slug/invitations', {
    schema: { tags, summary: 'Latest invitations (administrators)', params: SlugParams, response: { 200: InvitationList, ...problemResponses } },
  }, async (request) => ({ items: await readInvitations(s, tenantOf(request)) }));

  app.post('/api/v1/i/:slug/invitations', {
    schema: { tags, summary: 'Invite someone by email (administrators)', params: SlugParams, body: CreateInvitationBody, response: { 201: Invitation, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send(presentInvitation(await inviteMember(s, tenantOf(request), actorOf(request).user, request.body))));

  app.delete('/api/v1/i/:slug/invitations/:id', {
    schema: { tags, summary: 'Revoke a pending invitation (administrators)', params: InvitationParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await cancelInvitation(s, tenantOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/i/:slug/invitations/preview', {
    config: { access: 'public' },
    schema: { tags, summary: 'What an invitation link is for (public: the token is the credential)', params: SlugParams, querystring: PreviewQuery, response: { 200: InvitationPreview, ...problemResponses } },
  }, async (request) => {
    const instance = instanceOf(request);
    return presentPreview(instance, await previewInvitation(s, instance, request.query.token));
  });

  app.post('/api/v1/i/:slug/invitations/accept', {
    config: { allowNonMember: true },
    schema: { tags, summary: 'Accept an invitation addressed to my email', params: SlugParams, body: AcceptInvitationBody, response: { 200: MyInstance, ...problemResponses } },
  }, async (request) => {
    const instance = instanceOf(request);
    const membership = await acceptInvitation(s, instance, actorOf(request).user, request.body.token);
    return presentMyInstance(instance, membership.role);
  });
}
