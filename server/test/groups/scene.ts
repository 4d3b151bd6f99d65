// The scene of the group behaviour tests: the three-instance world plus three
// alpha members outside every group, and the helpers the files share.
// Bindings are exported live: they hold their values once useGroupScene()'s
// before hook has run.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, PASSWORD, signedIn, type World } from '../support/world.ts';

export let h: Harness;
export let world: World;
export let alphaId: string;
/** Alpha members outside every group at first. */
export const extra = {} as Record<'other' | 'second' | 'third', { id: string; client: Client }>;
export const ids = {} as Record<'owner' | 'member' | 'guest', string>;

export const base = '/api/v1/i/alpha/groups';
export const at = (id: string, rest = '') => `${base}/${id}${rest}`;
export const rows = async (sql: string, params: unknown[] = []) => (await h.owner.query(sql, params)).rows;
export const membersOf = async (g: string) => (await rows('SELECT user_id, role FROM group_members WHERE group_id = $1 ORDER BY user_id', [g])).map((r) => [r.user_id, r.role]);
export const requestOf = async (g: string, userId: string) => (await rows('SELECT kind FROM group_requests WHERE group_id = $1 AND user_id = $2', [g, userId]))[0]?.kind ?? null;
export const since = (mark: number, type: string) => h.events.slice(mark).filter((e) => e.type === type);

export async function create(client: Client, name: string, visibility: string): Promise<string> {
  const answer = await client.post(base, { name, visibility });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

export async function ok(answer: Promise<{ status: number; body: any }>, status = 204) {
  const { status: got, body } = await answer;
  assert.equal(got, status, JSON.stringify(body));
  return body;
}

/** `member` (alpha's member, the creator of every group here) invites and the invitee joins. */
export async function bringIn(g: string, who: { id: string; client: Client }) {
  await ok(world.alpha.people.member.client.post(at(g, '/invitations'), { userId: who.id }));
  await ok(who.client.post(at(g, '/join')));
}

export function useGroupScene(): void {
  before(async () => {
    h = await startHarness();
    world = await buildWorld(h);
    alphaId = world.alpha.instance.id;
    for (const role of ['owner', 'member', 'guest'] as const) ids[role] = world.alpha.people[role].user.id;
    for (const name of ['other', 'second', 'third'] as const) {
      const email = `${name}@alpha.test`;
      const body = await ok(world.alpha.people.administrator.client.post('/api/v1/i/alpha/members', { email, displayName: name, role: 'member', password: PASSWORD }), 201);
      extra[name] = { id: body.userId, client: await signedIn(h, email) };
    }
  });
  after(() => h.close());
}
