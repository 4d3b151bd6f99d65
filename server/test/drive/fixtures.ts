// Helpers of the drive tests: upload raw bytes, create folders, read rows.
import assert from 'node:assert/strict';
import type { Person } from '../support/world.ts';
import type { Answer } from '../support/client.ts';

export const driveUrl = (slug: string, rest: string) => `/api/v1/i/${slug}/drive${rest}`;

export function upload(by: Person, slug: string, name: string, content: Buffer | string, options: { drive?: string; parentId?: string; onConflict?: string } = {}): Promise<Answer> {
  const query = new URLSearchParams({ drive: options.drive ?? 'me', name });
  if (options.parentId) query.set('parentId', options.parentId);
  if (options.onConflict) query.set('onConflict', options.onConflict);
  return by.client.request('POST', driveUrl(slug, `/files?${query}`), Buffer.from(content), { 'content-type': 'application/octet-stream' });
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
  return by.client.request('POST', driveUrl(slug, `/items/${itemId}/versions`), Buffer.from(content), { 'content-type': 'application/octet-stream' });
}
