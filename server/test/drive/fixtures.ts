// Helpers of the drive tests: upload raw bytes, create folders, download
// bytes exactly (the API client decodes bodies as text), and look behind the
// API: the drive's rows through the superuser pool and the objects in the
// filesystem store, so a test can prove what was (not) stored.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import http from 'node:http';
import { Readable } from 'node:stream';
import type { Response } from 'light-my-request';
import { createInstance } from '../../src/modules/instances/actions.ts';
import type { Harness } from '../support/harness.ts';
import { newUser, type Person, type Tenant } from '../support/world.ts';
import type { Answer } from '../support/client.ts';

export { assertProblem } from '../chat/fixtures.ts';

export const driveUrl = (slug: string, rest: string) => `/api/v1/i/${slug}/drive${rest}`;
export const itemUrl = (itemId: string, rest = '', slug = 'alpha') => driveUrl(slug, `/items/${itemId}${rest}`);
export const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');
const octets = { 'content-type': 'application/octet-stream' };

export function upload(by: Person, slug: string, name: string, content: Buffer | string, options: { drive?: string; parentId?: string; onConflict?: string } = {}): Promise<Answer> {
  const query = new URLSearchParams({ drive: options.drive ?? 'me', name });
  if (options.parentId) query.set('parentId', options.parentId);
  if (options.onConflict) query.set('onConflict', options.onConflict);
  return by.client.request('POST', driveUrl(slug, `/files?${query}`), Buffer.from(content), octets);
}

export async function uploaded(by: Person, slug: string, name: string, content: Buffer | string, options: { drive?: string; parentId?: string; onConflict?: string } = {}): Promise<any> {
  const answer = await upload(by, slug, name, content, options);
  assert.ok(answer.status === 201 || answer.status === 200, `${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function folder(by: Person, slug: string, name: string, options: { drive?: string; parentId?: string } = {}): Promise<any> {
  const answer = await by.client.post(driveUrl(slug, '/folders'), { drive: options.drive ?? 'me', name, ...(options.parentId ? { parentId: options.parentId } : {}) });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

export function newVersion(by: Person, slug: string, itemId: string, content: Buffer | string): Promise<Answer> {
  return by.client.request('POST', driveUrl(slug, `/items/${itemId}/versions`), Buffer.from(content), octets);
}

/** A folder's items (one page) as `by` sees them. */
export async function listing(by: Person, query: Record<string, string> = {}, slug = 'alpha'): Promise<any> {
  const answer = await by.client.get(driveUrl(slug, `/items?${new URLSearchParams({ drive: 'me', ...query })}`));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

/** Shares a file as `by` and returns the share. */
export async function share(by: Person, itemId: string, target: { userId: string } | { groupId: string }, role: 'viewer' | 'editor', slug = 'alpha'): Promise<any> {
  const answer = await by.client.post(itemUrl(itemId, '/shares', slug), { ...target, role });
  assert.ok([200, 201].includes(answer.status), JSON.stringify(answer.body));
  return answer.body;
}

/**
 * A request as `by` (session cookie and CSRF token) answered with its raw
 * bytes: downloads are binary, and uploads may be streams.
 */
export function raw(h: Harness, by: Person | null, method: string, url: string,
  options: { payload?: Buffer | string | Readable; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (by?.client.cookie) headers.cookie = by.client.cookie;
  if (by?.client.csrf && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = by.client.csrf;
  return h.app.inject({ method: method as 'GET', url, headers, ...(options.payload === undefined ? {} : { payload: options.payload }) });
}

export function download(h: Harness, by: Person, itemId: string, options: { headers?: Record<string, string>; query?: string; slug?: string } = {}): Promise<Response> {
  return raw(h, by, 'GET', itemUrl(itemId, `/content${options.query ? `?${options.query}` : ''}`, options.slug), { headers: options.headers ?? {} });
}

/** The bytes of a file as `by` downloads them, asserting a 200. */
export async function contentOf(h: Harness, by: Person, itemId: string, slug = 'alpha'): Promise<Buffer> {
  const answer = await download(h, by, itemId, { slug });
  assert.equal(answer.statusCode, 200, answer.body);
  return answer.rawPayload;
}

/** The objects of the filesystem store, by area (tmp/, blobs/, derived/), as paths relative to the area. */
export async function storedObjects(h: Harness): Promise<{ tmp: string[]; blobs: string[]; derived: string[] }> {
  const storage = h.s.config.storage;
  assert.equal(storage.kind, 'fs', 'these tests look into the filesystem store');
  const root = storage.kind === 'fs' ? storage.dir : '';
  const list = async (area: string) => {
    const entries = await readdir(path.join(root, area), { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => path.relative(path.join(root, area), path.join(e.parentPath, e.name))).sort();
  };
  return { tmp: await list('tmp'), blobs: await list('blobs'), derived: await list('derived') };
}

/** Row counts of every drive table, for "nothing was written" checks. */
export interface DriveCounts { blobs: number; items: number; versions: number; shares: number; uploads: number }

export async function driveCounts(h: Harness): Promise<DriveCounts> {
  const { rows } = await h.owner.query<DriveCounts>(`SELECT
    (SELECT count(*)::int FROM blobs) AS blobs, (SELECT count(*)::int FROM drive_items) AS items,
    (SELECT count(*)::int FROM drive_versions) AS versions, (SELECT count(*)::int FROM drive_shares) AS shares,
    (SELECT count(*)::int FROM drive_uploads) AS uploads`);
  return rows[0]!;
}

/** Runs `work` and fails if it left a drive row or a stored object (temporary ones included) behind. */
export async function assertNothingStored(h: Harness, work: () => Promise<void>): Promise<void> {
  const rows = await driveCounts(h);
  const objects = await storedObjects(h);
  await work();
  assert.deepEqual(await driveCounts(h), rows, 'a drive row was written');
  assert.deepEqual(changedObjects(objects, await storedObjects(h)), {}, 'the store changed');
}

type Objects = Awaited<ReturnType<typeof storedObjects>>;

/** What appeared (+) or went (-) in each area of the store. */
export function changedObjects(before: Objects, after: Objects): Record<string, string[]> {
  const changes: Record<string, string[]> = {};
  for (const area of ['tmp', 'blobs', 'derived'] as const) {
    const diff = [...after[area].filter((o) => !before[area].includes(o)).map((o) => `+${o}`), ...before[area].filter((o) => !after[area].includes(o)).map((o) => `-${o}`)];
    if (diff.length) changes[area] = diff;
  }
  return changes;
}

/** One drive_items row as stored. */
export async function itemRow(h: Harness, id: string): Promise<any> {
  return (await h.owner.query('SELECT * FROM drive_items WHERE id = $1', [id])).rows[0];
}

/** The blob rows holding `content` in an instance (0 or 1). */
export async function blobRows(h: Harness, instanceId: string, content: Buffer | string): Promise<number> {
  return (await h.owner.query('SELECT 1 FROM blobs WHERE instance_id = $1 AND sha256 = $2', [instanceId, sha256(content)])).rowCount ?? 0;
}

/** The blob's path in the filesystem store, relative to blobs/. */
export const blobObject = (instanceId: string, content: Buffer | string) => {
  const sha = sha256(content);
  return path.join(instanceId, sha.slice(0, 2), sha);
};

/**
 * One more instance with only its owner, for tests that fill an instance's
 * quota (add people with addMember from feed/fixtures.ts).
 */
export async function newTenant(h: Harness, slug: string): Promise<Tenant> {
  const owner = await newUser(h, `owner@${slug}.test`, `${slug} owner`);
  const instance = await createInstance(h.s, owner.user.id, { name: `Instance ${slug}`, slug, defaultLocale: 'en' });
  return { instance, people: { owner } as Tenant['people'] };
}

/**
 * A request over a real socket (the harness's app listening on a free port),
 * for what app.inject() cannot show: a streamed body the server stops reading,
 * a client that hangs up halfway. Sends `chunks` one by one (Transfer-Encoding:
 * chunked unless a Content-Length is given), then ends the body, or destroys
 * the connection when `hangUp` is set. Answers the response, or null when the
 * connection ended without one.
 */
export async function overSocket(h: Harness, by: Person, method: string, url: string, chunks: Buffer[],
  options: { headers?: Record<string, string>; hangUp?: boolean } = {}): Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders } | null> {
  const address = h.app.server.listening ? h.app.server.address() : null;
  const port = address && typeof address === 'object' ? address.port : new URL(await h.app.listen({ port: 0, host: '127.0.0.1' })).port;
  return new Promise((resolve) => {
    const request = http.request({
      host: '127.0.0.1', port, method, path: url,
      headers: { cookie: by.client.cookie ?? '', 'x-csrf-token': by.client.csrf ?? '', 'content-type': 'application/octet-stream', ...options.headers },
    }, (response) => {
      const parts: Buffer[] = [];
      const settle = () => {
        const text = Buffer.concat(parts).toString();
        let body: unknown = text;
        try { body = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: response.statusCode ?? 0, body, headers: response.headers });
      };
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', settle);
      // The server closing the connection right after its answer may cut the answer's end: what arrived counts.
      response.on('error', settle);
      response.on('close', settle);
    });
    // Writing after the server answered and closed may fail: the answer is what counts.
    request.on('error', () => resolve(null));
    const next = (i: number) => {
      if (request.destroyed) return;
      if (i < chunks.length) {
        request.write(chunks[i]);
        setTimeout(() => next(i + 1), 5);
      } else if (options.hangUp) {
        request.destroy();
        setTimeout(() => resolve(null), 50);
      } else {
        request.end();
      }
    };
    next(0);
  });
}

/** `content` cut into `size`-byte chunks. */
export const chunksOf = (content: Buffer, size: number) =>
  Array.from({ length: Math.ceil(content.length / size) }, (_, i) => content.subarray(i * size, (i + 1) * size));

/**
 * Runs uploads whose bodies stall after their first byte until every one of
 * them is streaming, past the checks made before a body is read: they then
 * reach their transactions together, so only what is checked when the content
 * is committed (quotas, names) decides between them.
 */
export async function racing<T>(sends: Array<(body: Readable) => Promise<T>>, contents: Buffer[]): Promise<T[]> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  // Should one upload be refused before it streams, the others must not wait forever.
  const fallback = setTimeout(() => release(), 3000);
  let waiting = 0;
  const bodies = contents.map((content) => Readable.from((async function* () {
    yield content.subarray(0, 1);
    if (++waiting === contents.length) release();
    await gate;
    yield content.subarray(1);
  })(), { objectMode: false }));
  try {
    return await Promise.all(sends.map((send, i) => send(bodies[i]!)));
  } finally {
    clearTimeout(fallback);
  }
}
