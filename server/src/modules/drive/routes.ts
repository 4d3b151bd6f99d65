// HTTP routes of the drive (docs/drive.md). Content is sent as the raw request
// body (any Content-Type: the server sniffs the type itself) and streamed to
// the blob store as it arrives; nothing is buffered whole in memory.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { notFound } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { tenantOf, type TenantContext } from '../../http/context.ts';
import { acceptRawBodies, declaredLength, rawBody, receiving } from '../../http/raw-body.ts';
import { Binary, NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SlugParams } from '../instances/schemas.ts';
import { loadItem, parseDriveRef } from './access.ts';
import {
  addFile, checkUploadTarget, checkVersionTarget, copyFile, createFolder, deleteForever, emptyTrash, restoreItem, restoreVersion, shareItem, trashItem, unshareItem, updateItem,
  uploadVersion,
} from './actions.ts';
import { stageContent } from './content.ts';
import { sendContent } from './downloads.ts';
import { cleanName } from './names.ts';
import { presentUpload } from './presenters.ts';
import { sendThumbnail } from './previews.ts';
import { listVersions } from './queries.ts';
import { readFolder, readItem, readRecent, readSharedWithMe, readShares, readTrash, readUsage, readVersions } from './reads.ts';
import {
  CompleteUploadQuery, ContentQuery, CopyBody, CreateFolderBody, CreateUploadBody, DriveItemDetail, FolderPage, FolderQuery, ItemList, ItemParams,
  PartParams, Share, ShareBody, ShareList, ShareParams, TrashQuery, UpdateItemBody, Upload, UploadParams, UploadQuery, Usage, VersionList,
  VersionParams,
} from './schemas.ts';
import { abortUpload, completeUpload, createUpload, putPart, readUpload } from './uploads.ts';

const tags = ['drive'];
const done = (reply: FastifyReply) => reply.code(204).send(null);
const scope = (t: TenantContext) => ({ instanceId: t.instance.id, userId: t.membership.userId });

export async function driveRoutes(root: FastifyInstance, s: Services): Promise<void> {
  await root.register(async (scoped) => {
    acceptRawBodies(scoped);
    const app = scoped.withTypeProvider<TypeBoxTypeProvider>();
    const base = '/api/v1/i/:slug/drive';

    app.post(`${base}/files`, {
      schema: { tags, summary: 'Upload a file (the raw body is the content); see /drive/uploads for large files', params: SlugParams, querystring: UploadQuery, response: { 200: DriveItemDetail, 201: DriveItemDetail, ...problemResponses } },
    }, async (request, reply) => receiving(request, reply, async () => {
      const t = tenantOf(request);
      const q = request.query;
      // Everything that can be checked before the body is read is: the drive, the folder, the name.
      const target = { drive: parseDriveRef(t, q.drive), parentId: q.parentId ?? null, name: cleanName(q.name), onConflict: q.onConflict ?? 'fail' };
      await checkUploadTarget(s, t, target);
      const staged = await stageContent(s, t, rawBody(request), target.name, declaredLength(request));
      const added = await addFile(s, t, staged, target);
      return reply.code(added.created ? 201 : 200).send(await readItem(s, t, added.id));
    }));

    app.post(`${base}/items/:itemId/versions`, {
      schema: { tags, summary: 'Upload a new version of a file (the raw body is the content)', params: ItemParams, response: { 201: DriveItemDetail, ...problemResponses } },
    }, async (request, reply) => receiving(request, reply, async () => {
      const t = tenantOf(request);
      // Checked before the body is read, and again when the version is recorded.
      const file = await checkVersionTarget(s, t, request.params.itemId);
      const staged = await stageContent(s, t, rawBody(request), file.name, declaredLength(request));
      await uploadVersion(s, t, request.params.itemId, staged);
      return reply.code(201).send(await readItem(s, t, request.params.itemId));
    }));

    app.put(`${base}/uploads/:uploadId/parts/:index`, {
      schema: { tags, summary: 'Send the next part of a chunked upload (the raw body is the part)', params: PartParams, response: { 200: Upload, ...problemResponses } },
    }, async (request, reply) => receiving(request, reply, async () =>
      presentUpload(await putPart(s, tenantOf(request), request.params.uploadId, request.params.index, rawBody(request)))));
  });

  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/v1/i/:slug/drive';
  const item = `${base}/items/:itemId`;
  /** A file the actor may open now, with its current content; a folder has none (404). */
  const loadFile = async (t: TenantContext, itemId: string) => {
    const { item: file } = await inTransaction(s.pool, scope(t), (tx) => loadItem(tx, t, itemId));
    if (file.kind !== 'file' || !file.sha256 || !file.mediaType) throw notFound('A folder has no content.');
    return { ...file, sha256: file.sha256, mediaType: file.mediaType };
  };

  app.get(`${base}/usage`, {
    schema: { tags, summary: 'My storage use and the limits', params: SlugParams, response: { 200: Usage, ...problemResponses } },
  }, async (request) => readUsage(s, tenantOf(request)));

  app.get(`${base}/items`, {
    schema: { tags, summary: "A folder's content (the drive's root without folderId): folders first, then by name", params: SlugParams, querystring: FolderQuery, response: { 200: FolderPage, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    return readFolder(s, t, { ...request.query, drive: parseDriveRef(t, request.query.drive) });
  });

  app.post(`${base}/folders`, {
    schema: { tags, summary: 'Create a folder', params: SlugParams, body: CreateFolderBody, response: { 201: DriveItemDetail, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const id = await createFolder(s, t, { drive: parseDriveRef(t, request.body.drive), parentId: request.body.parentId ?? null, name: request.body.name });
    return reply.code(201).send(await readItem(s, t, id));
  });

  app.get(`${base}/shared`, {
    schema: { tags, summary: 'Files shared with me, most recent share first', params: SlugParams, response: { 200: ItemList, ...problemResponses } },
  }, async (request) => readSharedWithMe(s, tenantOf(request)));

  app.get(`${base}/recent`, {
    schema: { tags, summary: 'Recently changed files I can open', params: SlugParams, response: { 200: ItemList, ...problemResponses } },
  }, async (request) => readRecent(s, tenantOf(request)));

  app.get(`${base}/trash`, {
    schema: { tags, summary: "A drive's trash", params: SlugParams, querystring: TrashQuery, response: { 200: ItemList, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    return readTrash(s, t, parseDriveRef(t, request.query.drive));
  });

  app.delete(`${base}/trash`, {
    schema: { tags, summary: "Empty a drive's trash", params: SlugParams, querystring: TrashQuery, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    await emptyTrash(s, t, parseDriveRef(t, request.query.drive));
    return done(reply);
  });

  app.get(item, {
    schema: { tags, summary: 'A file or folder', params: ItemParams, response: { 200: DriveItemDetail, ...problemResponses } },
  }, async (request) => readItem(s, tenantOf(request), request.params.itemId));

  app.patch(item, {
    schema: { tags, summary: 'Rename, or move within its drive', params: ItemParams, body: UpdateItemBody, response: { 200: DriveItemDetail, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    await updateItem(s, t, request.params.itemId, request.body);
    return readItem(s, t, request.params.itemId);
  });

  app.delete(item, {
    schema: { tags, summary: 'Put in the trash (a folder with everything in it)', params: ItemParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await trashItem(s, tenantOf(request), request.params.itemId);
    return done(reply);
  });

  app.post(`${item}/restore`, {
    schema: { tags, summary: 'Take out of the trash', params: ItemParams, response: { 200: DriveItemDetail, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    await restoreItem(s, t, request.params.itemId);
    return readItem(s, t, request.params.itemId);
  });

  app.delete(`${item}/forever`, {
    schema: { tags, summary: 'Delete an item in the trash for good', params: ItemParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await deleteForever(s, tenantOf(request), request.params.itemId);
    return done(reply);
  });

  app.post(`${item}/copy`, {
    schema: { tags, summary: 'Copy a file', params: ItemParams, body: CopyBody, response: { 201: DriveItemDetail, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const body = request.body;
    const id = await copyFile(s, t, request.params.itemId, { ...body, drive: body.drive === undefined ? undefined : parseDriveRef(t, body.drive) });
    return reply.code(201).send(await readItem(s, t, id));
  });

  app.get(`${item}/content`, {
    schema: { tags, summary: 'Download the current version (Range requests supported)', params: ItemParams, querystring: ContentQuery, response: { 200: Binary, 206: Binary, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const file = await loadFile(t, request.params.itemId);
    return sendContent(s, request, reply, {
      instanceId: t.instance.id, sha256: file.sha256, size: file.size, mediaType: file.mediaType, name: file.name, modifiedAt: file.updatedAt,
    }, request.query.disposition === 'inline');
  });

  app.get(`${item}/preview`, {
    schema: { tags, summary: 'A thumbnail of an image (WebP, at most 320×320)', params: ItemParams, response: { 200: Binary, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const file = await loadFile(t, request.params.itemId);
    return sendThumbnail(s, reply, { instanceId: t.instance.id, sha256: file.sha256 }, file.mediaType, file.size);
  });

  app.get(`${item}/versions`, {
    schema: { tags, summary: "A file's versions, newest first", params: ItemParams, response: { 200: VersionList, ...problemResponses } },
  }, async (request) => readVersions(s, tenantOf(request), request.params.itemId));

  app.get(`${item}/versions/:versionId/content`, {
    schema: { tags, summary: 'Download one version', params: VersionParams, querystring: ContentQuery, response: { 200: Binary, 206: Binary, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const { file, version } = await inTransaction(s.pool, scope(t), async (tx) => {
      const access = await loadItem(tx, t, request.params.itemId);
      return { file: access.item, version: (await listVersions(tx, t.instance.id, access.item.id)).find((v) => v.id === request.params.versionId) };
    });
    if (!version) throw notFound('No such version.');
    return sendContent(s, request, reply, {
      instanceId: t.instance.id, sha256: version.sha256, size: version.size, mediaType: version.mediaType, name: file.name, modifiedAt: version.createdAt,
    }, request.query.disposition === 'inline');
  });

  app.post(`${item}/versions/:versionId/restore`, {
    schema: { tags, summary: 'Make an old version current again (as a new version)', params: VersionParams, response: { 200: DriveItemDetail, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    await restoreVersion(s, t, request.params.itemId, request.params.versionId);
    return readItem(s, t, request.params.itemId);
  });

  app.get(`${item}/shares`, {
    schema: { tags, summary: "A file's shares", params: ItemParams, response: { 200: ShareList, ...problemResponses } },
  }, async (request) => readShares(s, tenantOf(request), request.params.itemId));

  app.post(`${item}/shares`, {
    schema: { tags, summary: 'Share a file with a person or a group (again: change the role)', params: ItemParams, body: ShareBody, response: { 200: Share, 201: Share, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const shared = await shareItem(s, t, request.params.itemId, request.body);
    const share = (await readShares(s, t, request.params.itemId)).shares.find((candidate) => candidate.id === shared.id);
    if (!share) throw notFound('No such share.');
    return reply.code(shared.created ? 201 : 200).send(share);
  });

  app.delete(`${item}/shares/:shareId`, {
    schema: { tags, summary: 'Stop sharing', params: ShareParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await unshareItem(s, tenantOf(request), request.params.itemId, request.params.shareId);
    return done(reply);
  });

  app.post(`${base}/uploads`, {
    schema: { tags, summary: 'Start a chunked upload (resumable for 24 hours)', params: SlugParams, body: CreateUploadBody, response: { 201: Upload, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const body = request.body;
    const upload = await createUpload(s, t, { ...body, drive: body.drive === undefined ? undefined : parseDriveRef(t, body.drive), parentId: body.parentId ?? null });
    return reply.code(201).send(presentUpload(upload));
  });

  app.get(`${base}/uploads/:uploadId`, {
    schema: { tags, summary: 'How far a chunked upload got (to resume it)', params: UploadParams, response: { 200: Upload, ...problemResponses } },
  }, async (request) => presentUpload(await readUpload(s, tenantOf(request), request.params.uploadId)));

  app.post(`${base}/uploads/:uploadId/complete`, {
    schema: { tags, summary: 'Assemble a chunked upload into the file', params: UploadParams, querystring: CompleteUploadQuery, response: { 200: DriveItemDetail, 201: DriveItemDetail, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const added = await completeUpload(s, t, request.params.uploadId, request.query.onConflict ?? 'fail');
    return reply.code(added.created ? 201 : 200).send(await readItem(s, t, added.id));
  });

  app.delete(`${base}/uploads/:uploadId`, {
    schema: { tags, summary: 'Abandon a chunked upload', params: UploadParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await abortUpload(s, tenantOf(request), request.params.uploadId);
    return done(reply);
  });
}
