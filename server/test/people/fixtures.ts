// Shared helpers of the people tests: problem assertions, the stored profile
// row (read as the database owner, past RLS), and field definitions made
// through the real API.
import assert from 'node:assert/strict';
import type { Client } from '../support/client.ts';
import type { Harness } from '../support/harness.ts';

export function assertProblem(answer: { status: number; body: any }, status: number, code: string, note?: string): void {
  assert.equal(answer.status, status, note ?? JSON.stringify(answer.body));
  assert.equal(answer.body.code, code, note);
}

export interface ProfileRow { job_title: string; department: string; location: string; about: string; fields: Record<string, string> }

export async function profileRow(h: Harness, slug: string, userId: string): Promise<ProfileRow | undefined> {
  const { rows } = await h.owner.query<ProfileRow>(
    `SELECT p.job_title, p.department, p.location, p.about, p.fields FROM profiles p JOIN instances i ON i.id = p.instance_id
     WHERE i.slug = $1 AND p.user_id = $2`, [slug, userId]);
  return rows[0];
}

export async function defineField(admin: Client, slug: string, body: Record<string, unknown>): Promise<string> {
  const answer = await admin.post(`/api/v1/i/${slug}/profile-fields`, body);
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}
