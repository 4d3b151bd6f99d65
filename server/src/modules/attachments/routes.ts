// HTTP routes of attachments: upload one (raw body, streamed like a drive
// upload), attach a drive file, discard a pending one, and read one with the
// permission of the post, comment or message it belongs to.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { inTransaction } from '../../db/transaction.ts';
import { tenantOf, type TenantContext } from '../../http/context.ts';
import { acceptRawBodies, declaredLength, rawBody, receiving } from '../../http/raw-body.ts';
import { Binary, NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { sendContent } from '../drive/downloads.ts';
import { sendThumbnail } from '../drive/previews.ts';
import { ContentQuery } from '../drive/schemas.ts';
import { SlugParams } from '../instances/schemas.ts';
import { attachFromDrive, discardAttachment, loadAttachment, uploadAttachment } from './actions.ts';
import { presentAttachment } from './presenters.ts';
import type { AttachmentRecord } from './queries.ts';
import { AttachFromDriveBody, Attachment, AttachmentParams, AttachmentUploadQuery } from './schemas.ts';

const tags = ['attachments'];
const scope = (t: TenantContext) => ({ instanceId: t.instance.id, userId: t.membership.userId });

async function readAttachment(s: Services, t: TenantContext, attachmentId: string): Promise<AttachmentRecord> {
  return inTransaction(s.pool, scope(t), (tx) => loadAttachment(tx, t, attachmentId));
}

const present = presentAttachment;

export async function attachmentRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const base = '/api/v1/i/:slug/attachments';
  await root.register(async (scoped) => {
    acceptRawBodies(scoped);
    scoped.withTypeProvider<TypeBoxTypeProvider>().post(base, {
      schema: { tags, summary: 'Upload a file to attach to a post, comment or message (the raw body is the content); pending for 24 hours', params: SlugParams, querystring: AttachmentUploadQuery, response: { 201: Attachment, ...problemResponses } },
    }, async (request, reply) => receiving(request, reply, async () => {
      const t = tenantOf(request);
      const id = await uploadAttachment(s, t, request.query.name, rawBody(request), declaredLength(request));
      return reply.code(201).send(present(await readAttachment(s, t, id)));
    }));
  });

  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const done = (reply: FastifyReply) => reply.code(204).send(null);
  const one = `${base}/:attachmentId`;

  app.post(`${base}/from-drive`, {
    schema: { tags, summary: 'Attach a drive file (nothing is stored again)', params: SlugParams, body: AttachFromDriveBody, response: { 201: Attachment, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const id = await attachFromDrive(s, t, request.body.itemId);
    return reply.code(201).send(present(await readAttachment(s, t, id)));
  });

  app.get(one, {
    schema: { tags, summary: 'An attachment', params: AttachmentParams, response: { 200: Attachment, ...problemResponses } },
  }, async (request) => present(await readAttachment(s, tenantOf(request), request.params.attachmentId)));

  app.delete(one, {
    schema: { tags, summary: 'Discard a pending attachment (one not attached yet)', params: AttachmentParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await discardAttachment(s, tenantOf(request), request.params.attachmentId);
    return done(reply);
  });

  app.get(`${one}/content`, {
    schema: { tags, summary: 'Download an attachment (Range requests supported)', params: AttachmentParams, querystring: ContentQuery, response: { 200: Binary, 206: Binary, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const a = await readAttachment(s, t, request.params.attachmentId);
    return sendContent(s, request, reply, {
      instanceId: t.instance.id, sha256: a.sha256, size: a.size, mediaType: a.mediaType, name: a.name, modifiedAt: a.createdAt,
    }, request.query.disposition === 'inline');
  });

  app.get(`${one}/preview`, {
    schema: { tags, summary: 'A thumbnail of an image attachment (WebP, at most 320×320)', params: AttachmentParams, response: { 200: Binary, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const a = await readAttachment(s, t, request.params.attachmentId);
    return sendThumbnail(s, reply, { instanceId: t.instance.id, sha256: a.sha256 }, a.mediaType, a.size);
  });
}
