// The drive across instances and against bad input. Every id of beta's drive
// (items, folders, versions, shares, uploads, its groups' drives) used on
// alpha's routes is not found and leaves beta's rows as they were, and the
// database itself (RLS) never shows beta's rows to a transaction scoped to
// alpha. Malformed bodies, queries and paths get a 400 (or 404) problem with
// a stable code, never a 500, and store nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { inTransaction } from '../../src/db/transaction.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { makeGroup } from '../feed/fixtures.ts';
import {
  assertNothingStored, assertProblem, driveUrl, folder, itemUrl, newVersion, raw, share, upload, uploaded,
} from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let mine: { file: any; folder: any };
const beta = {} as {
  group: string; folder: any; file: any; groupFile: any; trashed: any; versionId: string; shareId: string; uploadId: string;
};

const BETA_TABLES = ['blobs', 'drive_items', 'drive_versions', 'drive_shares', 'drive_uploads'];

/** Every drive row of beta, as a digest: equal digests mean nothing of beta's changed. */
async function betaDigest(): Promise<string[]> {
  const digests: string[] = [];
  for (const table of BETA_TABLES) {
    const { rows } = await h.owner.query(`SELECT count(*)::int AS n, md5(string_agg(t::text, ',' ORDER BY t::text)) AS md5 FROM ${table} t WHERE instance_id = $1`,
      [world.beta.instance.id]);
    digests.push(`${table}:${rows[0].n}:${rows[0].md5}`);
  }
  return digests;
}

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  mine = { file: await uploaded(ann, 'alpha', 'alpha file.txt', 'alpha'), folder: await folder(ann, 'alpha', 'Alpha folder') };
  const b = world.beta.people.member;
  beta.group = await makeGroup(b, 'beta', 'Beta group', 'open');
  beta.folder = await folder(b, 'beta', 'Beta folder');
  beta.file = await uploaded(b, 'beta', 'beta.txt', 'beta v1', { parentId: beta.folder.id });
  assert.equal((await newVersion(b, 'beta', beta.file.id, 'beta v2')).status, 201);
  beta.versionId = (await b.client.get(itemUrl(beta.file.id, '/versions', 'beta'))).body.versions[1].id;
  beta.shareId = (await share(b, beta.file.id, { userId: world.beta.people.owner.user.id }, 'viewer', 'beta')).id;
  beta.groupFile = await uploaded(b, 'beta', 'group.txt', 'beta group file', { drive: `group:${beta.group}` });
  beta.trashed = await uploaded(b, 'beta', 'trashed.txt', 'beta trashed');
  assert.equal((await b.client.delete(itemUrl(beta.trashed.id, '', 'beta'))).status, 204);
  const started = await b.client.post(driveUrl('beta', '/uploads'), { drive: 'me', name: 'beta big.bin', size: 10 });
  beta.uploadId = started.body.id;
  assert.equal((await raw(h, b, 'PUT', driveUrl('beta', `/uploads/${beta.uploadId}/parts/0`), { payload: Buffer.from('12345') })).statusCode, 200);
});
after(() => h.close());

describe("beta's ids on alpha's routes", () => {
  test('every item, version, share and upload id of beta is not found, for every role of alpha', async () => {
    const before = await betaDigest();
    const octets = { 'content-type': 'application/octet-stream' };
    const items = [beta.file.id, beta.folder.id, beta.groupFile.id, beta.trashed.id];
    const calls: Array<[string, string, unknown?, Record<string, string>?]> = [];
    for (const id of items) {
      calls.push(
        ['GET', itemUrl(id)], ['GET', itemUrl(id, '/content')], ['GET', itemUrl(id, '/preview')], ['GET', itemUrl(id, '/versions')],
        ['GET', itemUrl(id, `/versions/${beta.versionId}/content`)], ['POST', itemUrl(id, `/versions/${beta.versionId}/restore`)],
        ['POST', itemUrl(id, '/versions'), Buffer.from('intruder'), octets],
        ['PATCH', itemUrl(id), { name: 'pwned.txt' }], ['PATCH', itemUrl(id), { parentId: null }], ['DELETE', itemUrl(id)],
        ['POST', itemUrl(id, '/restore')], ['DELETE', itemUrl(id, '/forever')], ['POST', itemUrl(id, '/copy'), { drive: 'me' }],
        ['GET', itemUrl(id, '/shares')], ['POST', itemUrl(id, '/shares'), { userId: world.alpha.people.administrator.user.id, role: 'editor' }],
        ['DELETE', itemUrl(id, `/shares/${beta.shareId}`)],
        ['GET', driveUrl('alpha', `/items?drive=me&folderId=${id}`)],
        ['POST', driveUrl('alpha', '/folders'), { drive: 'me', parentId: id, name: 'inside beta' }],
        ['POST', driveUrl('alpha', `/files?drive=me&parentId=${id}&name=inside-beta.txt`), Buffer.from('x'), octets],
        ['POST', driveUrl('alpha', '/uploads'), { itemId: id, name: 'x', size: 1 }],
      );
    }
    // alpha's own file and folder named together with beta's version, share and folder ids.
    calls.push(
      ['GET', itemUrl(mine.file.id, `/versions/${beta.versionId}/content`)], ['POST', itemUrl(mine.file.id, `/versions/${beta.versionId}/restore`)],
      ['DELETE', itemUrl(mine.file.id, `/shares/${beta.shareId}`)], ['PATCH', itemUrl(mine.file.id), { parentId: beta.folder.id }],
      ['POST', itemUrl(mine.file.id, '/copy'), { parentId: beta.folder.id }], ['POST', itemUrl(mine.file.id, '/copy'), { drive: `group:${beta.group}` }],
      ['GET', driveUrl('alpha', `/items?drive=group:${beta.group}`)], ['GET', driveUrl('alpha', `/trash?drive=group:${beta.group}`)],
      ['DELETE', driveUrl('alpha', `/trash?drive=group:${beta.group}`)], ['POST', driveUrl('alpha', '/folders'), { drive: `group:${beta.group}`, name: 'x' }],
      ['POST', driveUrl('alpha', `/files?drive=group:${beta.group}&name=x.txt`), Buffer.from('x'), octets],
      ['POST', driveUrl('alpha', '/uploads'), { drive: `group:${beta.group}`, name: 'x', size: 1 }],
      ['POST', itemUrl(mine.file.id, '/shares'), { groupId: beta.group, role: 'viewer' }],
      ['POST', itemUrl(mine.file.id, '/shares'), { userId: world.beta.people.member.user.id, role: 'viewer' }],
      ['GET', driveUrl('alpha', `/uploads/${beta.uploadId}`)], ['DELETE', driveUrl('alpha', `/uploads/${beta.uploadId}`)],
      ['POST', driveUrl('alpha', `/uploads/${beta.uploadId}/complete`)],
      ['PUT', driveUrl('alpha', `/uploads/${beta.uploadId}/parts/1`), Buffer.from('67890'), octets],
    );
    const wrong: string[] = [];
    for (const role of ['owner', 'administrator', 'member'] as const) {
      const who = world.alpha.people[role];
      for (const [method, url, body, headers] of calls) {
        const answer = await who.client.request(method, url, body, headers);
        if (answer.status !== 404 || answer.body?.code !== 'not_found') wrong.push(`${role} ${method} ${url}: ${answer.status} ${answer.body?.code}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(await betaDigest(), before, "beta's rows changed");
    // Nothing of beta leaks into alpha's lists either.
    for (const path of ['/shared', '/recent', '/trash?drive=me', '/items?drive=me']) {
      const answer = await ann.client.get(driveUrl('alpha', path));
      assert.equal(answer.status, 200, path);
      assert.ok(!JSON.stringify(answer.body).includes(world.beta.instance.id) && !answer.body.items.some((i: any) => items.includes(i.id)), path);
    }
  });

  test("an alpha member on beta's routes is not found either", async () => {
    for (const url of [itemUrl(beta.file.id, '', 'beta'), itemUrl(beta.file.id, '/content', 'beta'), driveUrl('beta', '/items?drive=me')]) {
      assertProblem(await ann.client.get(url), 404, 'not_found', url);
    }
  });

  test("RLS: a transaction scoped to alpha sees none of beta's drive rows, and cannot write one", async () => {
    const alphaScope = { instanceId: world.alpha.instance.id, userId: ann.user.id };
    await inTransaction(h.s.pool, alphaScope, async (tx) => {
      for (const table of BETA_TABLES) {
        const { rows } = await tx.query(`SELECT DISTINCT instance_id FROM ${table}`);
        assert.deepEqual(rows.map((r) => r.instance_id), rows.length ? [world.alpha.instance.id] : [], table);
      }
      for (const id of [beta.file.id, beta.folder.id, beta.groupFile.id, beta.trashed.id]) {
        assert.equal((await tx.query('SELECT 1 FROM drive_items WHERE id = $1', [id])).rowCount, 0);
      }
      assert.equal((await tx.query('SELECT 1 FROM drive_versions WHERE id = $1', [beta.versionId])).rowCount, 0);
      assert.equal((await tx.query('SELECT 1 FROM drive_shares WHERE id = $1', [beta.shareId])).rowCount, 0);
      assert.equal((await tx.query('SELECT 1 FROM drive_uploads WHERE id = $1', [beta.uploadId])).rowCount, 0);
      assert.equal((await tx.query("UPDATE drive_items SET name = 'pwned' WHERE id = $1", [beta.file.id])).rowCount, 0);
    });
    await assert.rejects(inTransaction(h.s.pool, alphaScope, (tx) =>
      tx.query("INSERT INTO drive_items (instance_id, owner_id, kind, name) VALUES ($1, $2, 'folder', 'planted')", [world.beta.instance.id, world.beta.people.member.user.id])),
    /row-level security/);
    const { rows } = await h.owner.query("SELECT count(*)::int AS n FROM drive_items WHERE name = 'pwned' OR name = 'planted'");
    assert.equal(rows[0].n, 0);
  });
});

describe('bad input', () => {
  type Case = [label: string, method: string, url: string, body?: unknown, code?: string, status?: number];

  /** Each call gets a problem answer with the status (400 unless given) and code (validation_failed unless given), stores nothing, never a 500. */
  async function refuses(cases: Case[]): Promise<void> {
    const wrong: string[] = [];
    await assertNothingStored(h, async () => {
      for (const [label, method, url, body, code = 'validation_failed', status = 400] of cases) {
        const answer = await ann.client.request(method, url, body);
        if (answer.status !== status || answer.body?.code !== code) wrong.push(`${label}: expected ${status} ${code}, got ${answer.status} ${JSON.stringify(answer.body)}`);
        else if (!String(answer.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${label}: ${answer.headers['content-type']}`);
      }
    });
    assert.deepEqual(wrong, []);
  }

  const url = (rest: string) => driveUrl('alpha', rest);
  const fileUrl = () => itemUrl(mine.file.id);

  test('bodies: malformed JSON, unknown fields, wrong types', async () => {
    await refuses([
      ['folders: malformed JSON', 'POST', url('/folders'), '{"drive": "me", "name": ', 'malformed_json'],
      ['folders: empty JSON', 'POST', url('/folders'), '', 'malformed_json'],
      ['folders: JSON null', 'POST', url('/folders'), 'null'],
      ['folders: an array', 'POST', url('/folders'), '[]'],
      ['folders: no name', 'POST', url('/folders'), { drive: 'me' }],
      ['folders: no drive', 'POST', url('/folders'), { name: 'x' }],
      ['folders: unknown field', 'POST', url('/folders'), { drive: 'me', name: 'x', color: 'red' }],
      ['folders: name as a number', 'POST', url('/folders'), { drive: 'me', name: 42 }],
      ['folders: name as an array', 'POST', url('/folders'), { drive: 'me', name: ['x'] }],
      ['folders: parentId not a uuid', 'POST', url('/folders'), { drive: 'me', name: 'x', parentId: 'root' }],
      ['folders: drive you', 'POST', url('/folders'), { drive: 'you', name: 'x' }],
      ['folders: drive user:<id>', 'POST', url('/folders'), { drive: `user:${ann.user.id}`, name: 'x' }],
      ['folders: drive group:abc', 'POST', url('/folders'), { drive: 'group:abc', name: 'x' }],
      ['patch: empty', 'PATCH', fileUrl(), {}],
      ['patch: unknown field', 'PATCH', fileUrl(), { name: 'x', owner: 'me' }],
      ['patch: name as a number', 'PATCH', fileUrl(), { name: 1 }],
      ['patch: parentId not a uuid', 'PATCH', fileUrl(), { parentId: '..' }],
      ['patch: malformed JSON', 'PATCH', fileUrl(), '{', 'malformed_json'],
      ['copy: unknown field', 'POST', itemUrl(mine.file.id, '/copy'), { drive: 'me', overwrite: true }],
      ['copy: bad drive', 'POST', itemUrl(mine.file.id, '/copy'), { drive: 'group:1' }],
      ['share: no role', 'POST', itemUrl(mine.file.id, '/shares'), { userId: world.alpha.people.administrator.user.id }],
      ['share: unknown role', 'POST', itemUrl(mine.file.id, '/shares'), { userId: world.alpha.people.administrator.user.id, role: 'owner' }],
      ['share: userId not a uuid', 'POST', itemUrl(mine.file.id, '/shares'), { userId: 'bob', role: 'viewer' }],
      ['share: unknown field', 'POST', itemUrl(mine.file.id, '/shares'), { userId: world.alpha.people.administrator.user.id, role: 'viewer', notify: true }],
      ['uploads: negative size', 'POST', url('/uploads'), { drive: 'me', name: 'x', size: -1 }],
      ['uploads: fractional size', 'POST', url('/uploads'), { drive: 'me', name: 'x', size: 1.5 }],
      ['uploads: size as text', 'POST', url('/uploads'), { drive: 'me', name: 'x', size: 'big' }],
      ['uploads: size past 2^53', 'POST', url('/uploads'), { drive: 'me', name: 'x', size: 2 ** 60 }],
      ['uploads: no size', 'POST', url('/uploads'), { drive: 'me', name: 'x' }],
      ['uploads: no name', 'POST', url('/uploads'), { drive: 'me', size: 1 }],
      ['uploads: itemId not a uuid', 'POST', url('/uploads'), { itemId: 'file', name: 'x', size: 1 }],
      ['uploads: unknown field', 'POST', url('/uploads'), { drive: 'me', name: 'x', size: 1, sha256: 'abc' }],
      ['uploads: malformed JSON', 'POST', url('/uploads'), '{"size": 1', 'malformed_json'],
    ]);
  });

  test('queries: missing, unknown and wrongly typed parameters', async () => {
    await refuses([
      ['items: no drive', 'GET', url('/items')],
      ['items: drive you', 'GET', url('/items?drive=you')],
      ['items: drive group:abc', 'GET', url('/items?drive=group:abc')],
      ['items: limit 0', 'GET', url('/items?drive=me&limit=0')],
      ['items: limit 201', 'GET', url('/items?drive=me&limit=201')],
      ['items: limit abc', 'GET', url('/items?drive=me&limit=abc')],
      ['items: folderId not a uuid', 'GET', url('/items?drive=me&folderId=root')],
      ['items: unknown parameter', 'GET', url('/items?drive=me&sort=size')],
      ['items: bad cursor', 'GET', url('/items?drive=me&cursor=%00%01'), undefined, 'invalid_cursor'],
      ['trash: no drive', 'GET', url('/trash')],
      ['empty trash: no drive', 'DELETE', url('/trash')],
      ['files: no name', 'POST', url('/files?drive=me')],
      ['files: no drive', 'POST', url('/files?name=x.txt')],
      ['files: bad onConflict', 'POST', url('/files?drive=me&name=x.txt&onConflict=overwrite')],
      ['files: parentId not a uuid', 'POST', url('/files?drive=me&name=x.txt&parentId=..')],
      ['files: unknown parameter', 'POST', url('/files?drive=me&name=x.txt&mediaType=text/html')],
      ['content: bad disposition', 'GET', itemUrl(mine.file.id, '/content?disposition=download')],
      ['content: unknown parameter', 'GET', itemUrl(mine.file.id, '/content?download=1')],
      ['complete: bad onConflict', 'POST', url(`/uploads/${randomUUID()}/complete?onConflict=overwrite`)],
    ]);
  });

  test('paths: ids that are not uuids', async () => {
    await refuses([
      ['item', 'GET', url('/items/not-a-uuid')],
      ['item content', 'GET', url('/items/1/content')],
      ['item with a traversal', 'GET', url('/items/..%2F..%2Fetc%2Fpasswd')],
      ['version', 'GET', itemUrl(mine.file.id, '/versions/v1/content')],
      ['version restore', 'POST', itemUrl(mine.file.id, '/versions/latest/restore')],
      ['share', 'DELETE', itemUrl(mine.file.id, '/shares/everyone')],
      ['upload', 'GET', url('/uploads/abc')],
      ['upload part upload id', 'PUT', url('/uploads/abc/parts/0'), Buffer.from('x')],
      ['upload part index', 'PUT', url(`/uploads/${randomUUID()}/parts/first`), Buffer.from('x')],
      ['upload part negative', 'PUT', url(`/uploads/${randomUUID()}/parts/-1`), Buffer.from('x')],
    ]);
  });

  test('well-formed ids and drives that do not exist: 404 not_found', async () => {
    const nobody = randomUUID();
    const dashes = `group:${'-'.repeat(36)}`;
    await refuses([
      ['item', 'GET', url(`/items/${nobody}`), undefined, 'not_found', 404],
      ['item content', 'GET', url(`/items/${nobody}/content`), undefined, 'not_found', 404],
      ['version', 'GET', itemUrl(mine.file.id, `/versions/${nobody}/content`), undefined, 'not_found', 404],
      ['share', 'DELETE', itemUrl(mine.file.id, `/shares/${nobody}`), undefined, 'not_found', 404],
      ['upload', 'GET', url(`/uploads/${nobody}`), undefined, 'not_found', 404],
      ['group drive', 'GET', url(`/items?drive=group:${nobody}`), undefined, 'not_found', 404],
      ['group drive of 36 dashes', 'GET', url(`/items?drive=${encodeURIComponent(dashes)}`), undefined, 'not_found', 404],
      ['folder in a drive of 36 dashes', 'POST', url('/folders'), { drive: dashes, name: 'x' }, 'not_found', 404],
      ['upload to a drive of 36 dashes', 'POST', url('/uploads'), { drive: dashes, name: 'x', size: 1 }, 'not_found', 404],
      ['folder in a missing group', 'POST', url('/folders'), { drive: `group:${nobody}`, name: 'x' }, 'not_found', 404],
      ['a group drive named with a person id', 'GET', url(`/items?drive=group:${ann.user.id}`), undefined, 'not_found', 404],
    ]);
  });

  test('an upload to a drive that is not a uuid is not found, and leaves no temporary object', async () => {
    await assertNothingStored(h, async () => {
      assertProblem(await upload(ann, 'alpha', 'x.txt', 'stray bytes', { drive: `group:${'-'.repeat(36)}` }), 404, 'not_found');
    });
  });

  test('a JSON route sent another content type: a problem, not a 500', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await ann.client.request('POST', url('/folders'), Buffer.from('drive=me&name=x'), { 'content-type': type });
      assert.ok([400, 415].includes(answer.status), `${type}: ${answer.status}`);
      assert.ok(answer.body?.code, type);
    }
  });
});
