// Every endpoint is guarded, without anyone having to remember it: this file
// walks the OpenAPI document (and checks it lists every registered API route)
// and, for each operation, asserts that
//  - anonymous callers get 401, unless the route is on the PUBLIC list below;
//  - cookie sessions without the CSRF token get 403 on unsafe methods;
//  - signed-in non-operators get 403 on operator routes;
//  - members of another instance get 404/403 on instance routes, and so do
//    API tokens of another instance (401: the token does not exist there);
//  - roles below the route's minimum (table MINIMUM_ROLE) get 403.
// A new route fails this file until it is classified here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Role } from '../../src/modules/instances/queries.ts';
import { Client } from '../support/client.ts';
import { exampleFor } from '../support/examples.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, ROLES, type World } from '../support/world.ts';

/** Routes reachable without authentication, on purpose. */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/signin',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
  'GET /api/v1/i/{slug}/invitations/preview',
  'POST /api/v1/i/{slug}/unsubscribe',
]);

/**
 * The least instance role that may call each instance route (by the policies),
 * or 'resource' where the group or post decides (group role, visibility,
 * authorship): those are tabled in server/test/groups/group-permissions.test.ts
 * and server/test/feed/*.test.ts.
 */
const MINIMUM_ROLE: Record<string, Role | 'resource'> = {
  'GET /api/v1/i/{slug}': 'guest',
  'PATCH /api/v1/i/{slug}': 'administrator',
  'POST /api/v1/i/{slug}/ownership': 'owner',
  'GET /api/v1/i/{slug}/members': 'administrator',
  'POST /api/v1/i/{slug}/members': 'administrator',
  'PATCH /api/v1/i/{slug}/members/{userId}': 'administrator',
  'DELETE /api/v1/i/{slug}/members/{userId}': 'administrator',
  'POST /api/v1/i/{slug}/members/{userId}/revoke-sessions': 'administrator',
  'GET /api/v1/i/{slug}/invitations': 'administrator',
  'POST /api/v1/i/{slug}/invitations': 'administrator',
  'DELETE /api/v1/i/{slug}/invitations/{id}': 'administrator',
  'POST /api/v1/i/{slug}/invitations/accept': 'guest',
  'GET /api/v1/i/{slug}/tokens': 'guest',
  'POST /api/v1/i/{slug}/tokens': 'member',
  'DELETE /api/v1/i/{slug}/tokens/{id}': 'guest',
  'GET /api/v1/i/{slug}/groups': 'guest',
  'POST /api/v1/i/{slug}/groups': 'member',
  'GET /api/v1/i/{slug}/groups/{groupId}': 'resource',
  'PATCH /api/v1/i/{slug}/groups/{groupId}': 'resource',
  'DELETE /api/v1/i/{slug}/groups/{groupId}': 'resource',
  'POST /api/v1/i/{slug}/groups/{groupId}/join': 'resource',
  'POST /api/v1/i/{slug}/groups/{groupId}/leave': 'resource',
  'GET /api/v1/i/{slug}/groups/{groupId}/members': 'resource',
  'PATCH /api/v1/i/{slug}/groups/{groupId}/members/{userId}': 'resource',
  'DELETE /api/v1/i/{slug}/groups/{groupId}/members/{userId}': 'resource',
  'POST /api/v1/i/{slug}/groups/{groupId}/invitations': 'resource',
  'GET /api/v1/i/{slug}/groups/{groupId}/requests': 'resource',
  'POST /api/v1/i/{slug}/groups/{groupId}/requests': 'resource',
  'POST /api/v1/i/{slug}/groups/{groupId}/requests/{userId}/approve': 'resource',
  'DELETE /api/v1/i/{slug}/groups/{groupId}/requests/{userId}': 'resource',
  'GET /api/v1/i/{slug}/groups/{groupId}/people-set': 'resource',
  'PUT /api/v1/i/{slug}/groups/{groupId}/people-set': 'resource',
  'GET /api/v1/i/{slug}/feed': 'guest',
  'GET /api/v1/i/{slug}/bookmarks': 'guest',
  'GET /api/v1/i/{slug}/people/{userId}/posts': 'guest',
  'PUT /api/v1/i/{slug}/people/{userId}/follow': 'member',
  'DELETE /api/v1/i/{slug}/people/{userId}/follow': 'member',
  'POST /api/v1/i/{slug}/posts': 'resource',
  'GET /api/v1/i/{slug}/posts/{postId}': 'resource',
  'PATCH /api/v1/i/{slug}/posts/{postId}': 'resource',
  'DELETE /api/v1/i/{slug}/posts/{postId}': 'resource',
  'GET /api/v1/i/{slug}/posts/{postId}/revisions': 'resource',
  'PUT /api/v1/i/{slug}/posts/{postId}/pin': 'resource',
  'PUT /api/v1/i/{slug}/posts/{postId}/bookmark': 'resource',
  'DELETE /api/v1/i/{slug}/posts/{postId}/bookmark': 'resource',
  'PUT /api/v1/i/{slug}/posts/{postId}/reactions/{emoji}': 'resource',
  'DELETE /api/v1/i/{slug}/posts/{postId}/reactions/{emoji}': 'resource',
  'GET /api/v1/i/{slug}/posts/{postId}/comments': 'resource',
  'POST /api/v1/i/{slug}/posts/{postId}/comments': 'resource',
  'PATCH /api/v1/i/{slug}/posts/{postId}/comments/{commentId}': 'resource',
  'DELETE /api/v1/i/{slug}/posts/{postId}/comments/{commentId}': 'resource',
  'GET /api/v1/i/{slug}/people': 'guest',
  'GET /api/v1/i/{slug}/people/{userId}': 'resource',
  'PATCH /api/v1/i/{slug}/people/{userId}': 'resource',
  'GET /api/v1/i/{slug}/people/{userId}/avatar': 'resource',
  'PUT /api/v1/i/{slug}/people/{userId}/avatar': 'resource',
  'DELETE /api/v1/i/{slug}/people/{userId}/avatar': 'resource',
  'GET /api/v1/i/{slug}/profile-fields': 'guest',
  'POST /api/v1/i/{slug}/profile-fields': 'administrator',
  'PATCH /api/v1/i/{slug}/profile-fields/{fieldId}': 'administrator',
  'DELETE /api/v1/i/{slug}/profile-fields/{fieldId}': 'administrator',
  'GET /api/v1/i/{slug}/notifications': 'guest',
  'GET /api/v1/i/{slug}/notification-settings': 'guest',
  'PUT /api/v1/i/{slug}/notification-settings': 'guest',
  'POST /api/v1/i/{slug}/notifications/read': 'guest',
  'GET /api/v1/i/{slug}/realtime': 'guest',
  'GET /api/v1/i/{slug}/presence': 'guest',
  'GET /api/v1/i/{slug}/conversations': 'guest',
  'GET /api/v1/i/{slug}/conversations/unread': 'guest',
  'POST /api/v1/i/{slug}/conversations': 'resource',
  'POST /api/v1/i/{slug}/groups/{groupId}/conversation': 'resource',
  'GET /api/v1/i/{slug}/conversations/{conversationId}': 'resource',
  'PATCH /api/v1/i/{slug}/conversations/{conversationId}': 'resource',
  'POST /api/v1/i/{slug}/conversations/{conversationId}/members': 'resource',
  'DELETE /api/v1/i/{slug}/conversations/{conversationId}/members/me': 'resource',
  'GET /api/v1/i/{slug}/conversations/{conversationId}/messages': 'resource',
  'POST /api/v1/i/{slug}/conversations/{conversationId}/messages': 'resource',
  'GET /api/v1/i/{slug}/conversations/{conversationId}/messages/{messageId}/thread': 'resource',
  'PATCH /api/v1/i/{slug}/conversations/{conversationId}/messages/{messageId}': 'resource',
  'DELETE /api/v1/i/{slug}/conversations/{conversationId}/messages/{messageId}': 'resource',
  'PUT /api/v1/i/{slug}/conversations/{conversationId}/messages/{messageId}/reactions/{emoji}': 'resource',
  'DELETE /api/v1/i/{slug}/conversations/{conversationId}/messages/{messageId}/reactions/{emoji}': 'resource',
  'POST /api/v1/i/{slug}/conversations/{conversationId}/read': 'resource',
  // The drive: every role has a personal drive (guests included) and its own
  // chunked uploads; an item's routes depend on its drive (the owner, or the
  // group's membership and visibility) or on a share: tabled in server/test/drive/*.test.ts.
  'GET /api/v1/i/{slug}/drive/usage': 'guest',
  'GET /api/v1/i/{slug}/drive/items': 'guest',
  'POST /api/v1/i/{slug}/drive/folders': 'guest',
  'POST /api/v1/i/{slug}/drive/files': 'guest',
  'GET /api/v1/i/{slug}/drive/shared': 'guest',
  'GET /api/v1/i/{slug}/drive/recent': 'guest',
  'GET /api/v1/i/{slug}/drive/trash': 'guest',
  'DELETE /api/v1/i/{slug}/drive/trash': 'guest',
  'POST /api/v1/i/{slug}/drive/uploads': 'guest',
  'GET /api/v1/i/{slug}/drive/uploads/{uploadId}': 'guest',
  'PUT /api/v1/i/{slug}/drive/uploads/{uploadId}/parts/{index}': 'guest',
  'POST /api/v1/i/{slug}/drive/uploads/{uploadId}/complete': 'guest',
  'DELETE /api/v1/i/{slug}/drive/uploads/{uploadId}': 'guest',
  'GET /api/v1/i/{slug}/drive/items/{itemId}': 'resource',
  'PATCH /api/v1/i/{slug}/drive/items/{itemId}': 'resource',
  'DELETE /api/v1/i/{slug}/drive/items/{itemId}': 'resource',
  'POST /api/v1/i/{slug}/drive/items/{itemId}/restore': 'resource',
  'DELETE /api/v1/i/{slug}/drive/items/{itemId}/forever': 'resource',
  'POST /api/v1/i/{slug}/drive/items/{itemId}/copy': 'resource',
  'GET /api/v1/i/{slug}/drive/items/{itemId}/content': 'resource',
  'GET /api/v1/i/{slug}/drive/items/{itemId}/preview': 'resource',
  'GET /api/v1/i/{slug}/drive/items/{itemId}/versions': 'resource',
  'POST /api/v1/i/{slug}/drive/items/{itemId}/versions': 'resource',
  'GET /api/v1/i/{slug}/drive/items/{itemId}/versions/{versionId}/content': 'resource',
  'POST /api/v1/i/{slug}/drive/items/{itemId}/versions/{versionId}/restore': 'resource',
  'GET /api/v1/i/{slug}/drive/items/{itemId}/shares': 'resource',
  // Guests cannot share, whatever the file.
  'POST /api/v1/i/{slug}/drive/items/{itemId}/shares': 'member',
  'DELETE /api/v1/i/{slug}/drive/items/{itemId}/shares/{shareId}': 'resource',
  // Search: everyone searches what they may open (the statements filter by permission: server/test/search/).
  'GET /api/v1/i/{slug}/search': 'guest',
  // Attachments: anyone may upload one (guests post in their groups and chat);
  // reading one is decided by its post, comment or message: server/test/attachments/.
  'POST /api/v1/i/{slug}/attachments': 'guest',
  'POST /api/v1/i/{slug}/attachments/from-drive': 'resource',
  'GET /api/v1/i/{slug}/attachments/{attachmentId}': 'resource',
  'DELETE /api/v1/i/{slug}/attachments/{attachmentId}': 'resource',
  'GET /api/v1/i/{slug}/attachments/{attachmentId}/content': 'resource',
  'GET /api/v1/i/{slug}/attachments/{attachmentId}/preview': 'resource',
};

/** Documentation routes: public, not part of the API surface they describe. */
const UNDOCUMENTED = [/^\/api\/v1\/docs/, /^\/api\/v1\/openapi\.json$/];

interface Operation {
  key: string;
  method: string;
  path: string;
  security: unknown[];
  params: any;
  query: any;
  body: any;
}

let h: Harness;
let world: World;
let operations: Operation[];
/** An open group of alpha: cross-tenant probes aim at a resource that really exists. */
let alphaGroupId: string;

function operationsOf(doc: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      const parameters: any[] = op.parameters ?? [];
      const schemaFor = (where: string) => ({
        type: 'object',
        required: parameters.filter((p) => p.in === where && p.required).map((p) => p.name),
        properties: Object.fromEntries(parameters.filter((p) => p.in === where).map((p) => [p.name, p.schema])),
      });
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        security: op.security ?? [],
        params: schemaFor('path'),
        query: schemaFor('query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

/** A concrete, valid request for an operation against instance `slug`, naming the resources in `ids`. */
function requestFor(op: Operation, slug: string, ids: Record<string, string> = { userId: world.alpha.people.member.user.id, groupId: alphaGroupId }) {
  const hints: Record<string, string> = { slug, ...ids, ...(op.path.includes('/tokens/') && ids.tokenId ? { id: ids.tokenId } : {}) };
  // A body that names a person or a group (a drive share) names the person only.
  const either = op.body?.properties?.userId && op.body?.properties?.groupId && !op.body.required?.includes('groupId');
  if (either) delete hints.groupId;
  const params = exampleFor(op.params, hints) as Record<string, string>;
  const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
  const query = new URLSearchParams(exampleFor(op.query, hints) as Record<string, string>).toString();
  const body = op.body ? exampleFor(op.body, hints) : ['POST', 'PATCH', 'PUT'].includes(op.method) ? {} : undefined;
  return { url: query ? `${url}?${query}` : url, body };
}

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  const group = await world.alpha.people.member.client.post('/api/v1/i/alpha/groups', { name: 'Alpha open', visibility: 'open' });
  assert.equal(group.status, 201);
  alphaGroupId = group.body.id;
  const doc = await new Client(h.app).get('/api/v1/openapi.json');
  assert.equal(doc.status, 200);
  operations = operationsOf(doc.body);
});
after(() => h.close());

describe('route inventory', () => {
  test('every registered API route is in the OpenAPI document', () => {
    const documented = new Set(operations.map((op) => `${op.method} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const missing = h.app.registeredRoutes
      .filter((r) => (r.url.startsWith('/api/') || r.url.endsWith('z')) && !['HEAD', 'OPTIONS'].includes(r.method))
      .filter((r) => !UNDOCUMENTED.some((re) => re.test(r.url)))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !documented.has(key));
    assert.deepEqual(missing, [], 'routes missing from the OpenAPI document (give them tags and schemas)');
  });

  test('the public routes are exactly the PUBLIC list', () => {
    const open = operations.filter((op) => op.security.length === 0).map((op) => op.key).sort();
    assert.deepEqual(open, [...PUBLIC].sort());
  });

  test('every instance route has a minimum role', () => {
    const unclassified = operations
      .filter((op) => op.path.startsWith('/api/v1/i/') && !PUBLIC.has(op.key))
      .map((op) => op.key)
      .filter((key) => !(key in MINIMUM_ROLE));
    assert.deepEqual(unclassified, [], 'add these routes to MINIMUM_ROLE');
  });
});

describe('authentication', () => {
  test('anonymous callers get 401 on every non-public route', async () => {
    const anonymous = new Client(h.app);
    for (const op of operations.filter((o) => !PUBLIC.has(o.key))) {
      const { url, body } = requestFor(op, 'alpha');
      const answer = await anonymous.request(op.method, url, body);
      assert.equal(answer.status, 401, `${op.key} answered ${answer.status} to an anonymous caller`);
      assert.equal(answer.body.code, 'unauthenticated', op.key);
    }
  });

  test('cookie sessions without the CSRF token get 403 on every unsafe non-public route', async () => {
    const session = new Client(h.app);
    session.cookie = world.alpha.people.owner.client.cookie;
    for (const op of operations.filter((o) => !PUBLIC.has(o.key) && !['GET', 'HEAD'].includes(o.method))) {
      const { url, body } = requestFor(op, 'alpha');
      const answer = await session.request(op.method, url, body);
      assert.equal(answer.status, 403, `${op.key} answered ${answer.status} without a CSRF token`);
      assert.equal(answer.body.code, 'csrf_failed', op.key);
    }
  });

  test('signed-in non-operators get 403 on every operator route', async () => {
    const owner = world.alpha.people.owner.client;
    for (const op of operations.filter((o) => o.path.startsWith('/api/v1/operator/'))) {
      const { url, body } = requestFor(op, 'alpha');
      const answer = await owner.request(op.method, url, body);
      assert.equal(answer.status, 403, `${op.key} answered ${answer.status} to a non-operator`);
    }
  });
});

describe('tenant isolation', () => {
  const instanceOps = () => operations.filter((op) => op.path.startsWith('/api/v1/i/'));

  test("the owner of beta gets 404 or 403 on every one of alpha's instance routes", async () => {
    const intruder = world.beta.people.owner.client;
    for (const op of instanceOps()) {
      const { url, body } = requestFor(op, 'alpha');
      const answer = await intruder.request(op.method, url, body);
      assert.ok([403, 404].includes(answer.status), `${op.key} answered ${answer.status} to another instance's owner`);
    }
  });

  test("an API token of beta is refused on every one of alpha's instance routes", async () => {
    const minted = await world.beta.people.owner.client.post('/api/v1/i/beta/tokens', { name: 'probe', scopes: ['read', 'write'], expiresInDays: 1 });
    assert.equal(minted.status, 201);
    const token = new Client(h.app);
    token.bearer = minted.body.secret;
    assert.equal((await token.get('/api/v1/i/beta')).status, 200, 'the token works in its own instance');
    for (const op of instanceOps().filter((o) => !PUBLIC.has(o.key))) {
      const { url, body } = requestFor(op, 'alpha');
      const answer = await token.request(op.method, url, body);
      assert.equal(answer.status, 401, `${op.key} answered ${answer.status} to another instance's token`);
    }
  });

  test("alpha's owner naming beta's members, groups, posts, comments, invitations, tokens, conversations, messages and drive items, versions, shares and uploads on alpha's routes gets 404", async () => {
    const beta = world.beta.people.owner.client;
    const group = await beta.post('/api/v1/i/beta/groups', { name: 'Beta open', visibility: 'open' });
    const post = await beta.post('/api/v1/i/beta/posts', { groupId: group.body.id, body: 'beta only' });
    const comment = await beta.post(`/api/v1/i/beta/posts/${post.body.id}/comments`, { body: 'beta comment' });
    const invitation = await beta.post('/api/v1/i/beta/invitations', { email: 'someone@beta.test', role: 'member' });
    const token = await beta.post('/api/v1/i/beta/tokens', { name: 'beta', scopes: ['read'], expiresInDays: 1 });
    const conversation = await beta.post('/api/v1/i/beta/conversations', { kind: 'direct', userId: world.beta.people.member.user.id });
    const message = await beta.post(`/api/v1/i/beta/conversations/${conversation.body.id}/messages`, { body: 'beta chat' });
    // The drive: a folder of beta's group drive holding a file with two versions, shared, and a chunked upload in progress.
    const drive = `group:${group.body.id}`;
    const folder = await beta.post('/api/v1/i/beta/drive/folders', { drive, name: 'Beta folder' });
    const octets = { 'content-type': 'application/octet-stream' };
    const file = await beta.request('POST', `/api/v1/i/beta/drive/files?drive=${drive}&parentId=${folder.body.id}&name=beta.txt`, Buffer.from('beta v1'), octets);
    const version = await beta.request('POST', `/api/v1/i/beta/drive/items/${file.body.id}/versions`, Buffer.from('beta v2'), octets);
    const versions = await beta.get(`/api/v1/i/beta/drive/items/${file.body.id}/versions`);
    const share = await beta.post(`/api/v1/i/beta/drive/items/${file.body.id}/shares`, { userId: world.beta.people.member.user.id, role: 'viewer' });
    const upload = await beta.post('/api/v1/i/beta/drive/uploads', { drive, parentId: folder.body.id, name: 'big.bin', size: 10 });
    const attachment = await beta.request('POST', '/api/v1/i/beta/attachments?name=beta.txt', Buffer.from('beta attachment'), octets);
    for (const answer of [group, post, comment, invitation, token, conversation, message, folder, file, version, share, upload, attachment]) assert.equal(answer.status, 201);
    const betaIds = {
      userId: world.beta.people.member.user.id, groupId: group.body.id, postId: post.body.id, commentId: comment.body.id,
      parentId: comment.body.id, id: invitation.body.id, tokenId: token.body.token.id,
      conversationId: conversation.body.id, messageId: message.body.id,
      drive, folderId: folder.body.id, itemId: file.body.id, versionId: versions.body.versions.at(-1).id, shareId: share.body.id, uploadId: upload.body.id,
      attachmentId: attachment.body.id,
    };
    // A drive item's parent is a folder of the drive, not a comment or a message.
    const idsFor = (op: Operation) => (op.path.includes('/drive/') ? { ...betaIds, parentId: folder.body.id } : betaIds);
    const naming = (op: Operation) => /\{(?!slug\})\w+\}/.test(op.path)
      || ['userId', 'groupId', 'parentId', 'drive', 'itemId'].some((field) => op.body?.properties?.[field])
      || ['drive', 'folderId', 'parentId'].some((field) => op.query?.properties?.[field]);
    const probed = instanceOps().filter((op) => !PUBLIC.has(op.key) && naming(op));
    assert.ok(probed.length >= 20, `only ${probed.length} routes name resources`);
    for (const route of ['GET /api/v1/i/{slug}/drive/items', 'POST /api/v1/i/{slug}/drive/files', 'DELETE /api/v1/i/{slug}/drive/trash', 'PUT /api/v1/i/{slug}/drive/uploads/{uploadId}/parts/{index}']) {
      assert.ok(probed.some((op) => op.key === route), `${route} is probed`);
    }
    for (const op of probed) {
      const { url, body } = requestFor(op, 'alpha', idsFor(op));
      const answer = await world.alpha.people.owner.client.request(op.method, url, body);
      assert.equal(answer.status, 404, `${op.key} answered ${answer.status} when naming beta's resources`);
    }
  });

  test('an unknown instance answers 404 like a foreign one', async () => {
    const answer = await world.alpha.people.owner.client.get('/api/v1/i/no-such-instance');
    assert.equal(answer.status, 404);
    const foreign = await world.alpha.people.owner.client.get('/api/v1/i/beta');
    assert.deepEqual(foreign.body, answer.body);
  });
});

describe('roles', () => {
  test('every role below a route\'s minimum gets 403', async () => {
    for (const op of operations.filter((o) => o.key in MINIMUM_ROLE && MINIMUM_ROLE[o.key] !== 'resource')) {
      const minimum = ROLES.indexOf(MINIMUM_ROLE[op.key] as Role);
      for (const role of ROLES.slice(minimum + 1)) {
        const { url, body } = requestFor(op, 'alpha');
        const answer = await world.alpha.people[role].client.request(op.method, url, body);
        assert.equal(answer.status, 403, `${op.key} answered ${answer.status} to a ${role}`);
      }
    }
  });
});
