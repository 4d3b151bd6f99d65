// HTTP routes of people: the directory, profiles, avatars, and the custom
// profile fields administrators define.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { tenantOf } from '../../http/context.ts';
import { Binary, NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SlugParams } from '../instances/schemas.ts';
import { changeAvatar, changeProfileField, createProfileField, removeProfileField, updateProfile } from './actions.ts';
import { AVATAR_MAX_BYTES, AVATAR_TYPES } from './avatar.ts';
import { presentField } from './presenters.ts';
import { readAvatar, readDirectory, readProfile, readProfileFields } from './reads.ts';
import {
  CreateFieldBody, Directory, DirectoryQuery, FieldParams, PersonParams, Profile, ProfileFieldList, ProfileFieldSchema,
  UpdateFieldBody, UpdateProfileBody,
} from './schemas.ts';

const tags = ['people'];
const done = (reply: FastifyReply) => reply.code(204).send(null);

export async function peopleRoutes(root: FastifyInstance, s: Services): Promise<void> {
  // Encapsulated: the raw image body parser applies to these routes only.
  await root.register(async (scoped) => {
    scoped.addContentTypeParser(AVATAR_TYPES, { parseAs: 'buffer', bodyLimit: AVATAR_MAX_BYTES }, (_request, body, done) => done(null, body));
    const app = scoped.withTypeProvider<TypeBoxTypeProvider>();
    const base = '/api/v1/i/:slug';

    app.get(`${base}/people`, {
      schema: { tags, summary: 'The people directory: search by name, job title, department or location, with filters', params: SlugParams, querystring: DirectoryQuery, response: { 200: Directory, ...problemResponses } },
    }, async (request) => readDirectory(s, tenantOf(request), request.query));

    app.get(`${base}/people/:userId`, {
      schema: { tags, summary: "A person's profile", params: PersonParams, response: { 200: Profile, ...problemResponses } },
    }, async (request) => readProfile(s, tenantOf(request), request.params.userId));

    app.patch(`${base}/people/:userId`, {
      schema: { tags, summary: 'Edit a profile (one\'s own; administrators: anyone\'s)', params: PersonParams, body: UpdateProfileBody, response: { 200: Profile, ...problemResponses } },
    }, async (request) => {
      const t = tenantOf(request);
      await updateProfile(s, t, request.params.userId, request.body);
      return readProfile(s, t, request.params.userId);
    });

    app.get(`${base}/people/:userId/avatar`, {
      schema: { tags, summary: "A person's picture (WebP)", params: PersonParams, response: { 200: Binary, ...problemResponses } },
    }, async (request, reply) => {
      const avatar = await readAvatar(s, tenantOf(request), request.params.userId);
      return reply.type('image/webp').header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(avatar.image);
    });

    app.put(`${base}/people/:userId/avatar`, {
      bodyLimit: AVATAR_MAX_BYTES,
      schema: {
        tags, summary: `Upload a picture (JPEG, PNG, WebP or GIF up to ${AVATAR_MAX_BYTES / 1_048_576} MiB; stored re-encoded as 256×256 WebP)`, params: PersonParams,
        consumes: AVATAR_TYPES, response: { 204: NoContent, ...problemResponses },
      },
    }, async (request, reply) => {
      await changeAvatar(s, tenantOf(request), request.params.userId, request.body);
      return done(reply);
    });

    app.delete(`${base}/people/:userId/avatar`, {
      schema: { tags, summary: 'Remove a picture', params: PersonParams, response: { 204: NoContent, ...problemResponses } },
    }, async (request, reply) => {
      await changeAvatar(s, tenantOf(request), request.params.userId, null);
      return done(reply);
    });

    app.get(`${base}/profile-fields`, {
      schema: { tags, summary: 'The custom profile fields of this instance', params: SlugParams, response: { 200: ProfileFieldList, ...problemResponses } },
    }, async (request) => ({ items: await readProfileFields(s, tenantOf(request)) }));

    app.post(`${base}/profile-fields`, {
      schema: { tags, summary: 'Define a custom profile field (administrators)', params: SlugParams, body: CreateFieldBody, response: { 201: ProfileFieldSchema, ...problemResponses } },
    }, async (request, reply) => reply.code(201).send(presentField(await createProfileField(s, tenantOf(request), request.body))));

    app.patch(`${base}/profile-fields/:fieldId`, {
      schema: { tags, summary: 'Change a custom profile field (administrators)', params: FieldParams, body: UpdateFieldBody, response: { 200: ProfileFieldSchema, ...problemResponses } },
    }, async (request) => presentField(await changeProfileField(s, tenantOf(request), request.params.fieldId, request.body)));

    app.delete(`${base}/profile-fields/:fieldId`, {
      schema: { tags, summary: 'Delete a custom profile field and its values (administrators)', params: FieldParams, response: { 204: NoContent, ...problemResponses } },
    }, async (request, reply) => {
      await removeProfileField(s, tenantOf(request), request.params.fieldId);
      return done(reply);
    });
  });
}
