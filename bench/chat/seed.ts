// Ruche's side of the chat benchmark: N people in one instance, each with a
// signed-in session, and N/10 group conversations of 10. People, memberships
// and sessions are bulk SQL as the database owner (sign-up would hash N
// passwords with argon2 and sign-in would create the same session rows: a
// session is the SHA-256 of the cookie's secret plus a CSRF token, see
// server/src/modules/auth/sessions.ts). Conversations go through the real
// HTTP API, so they are whatever the chat module makes of them.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { hashPassword } from '../../server/src/modules/auth/passwords.ts';
import type { Conversation } from './publisher.ts';
import type { ClientSpec } from './protocol.ts';

export const SLUG = 'bench';
export const GROUP_SIZE = 10;

export interface Person { id: string; secret: string; csrf: string }

export async function seedPeople(ownerUrl: string, count: number): Promise<Person[]> {
  const db = new pg.Client({ connectionString: ownerUrl, application_name: 'ruche-bench-seed' });
  await db.connect();
  try {
    const { rows: [instance] } = await db.query("INSERT INTO instances (slug, name) VALUES ($1, 'Chat bench') RETURNING id", [SLUG]);
    const passwordHash = await hashPassword(randomBytes(16).toString('hex')); // nobody signs in with it
    const { rows: users } = await db.query<{ id: string; email: string }>(`
      INSERT INTO users (email, display_name, password_hash)
      SELECT format('chat%s@bench.test', lpad(i::text, 6, '0')), format('Person %s', i), $2 FROM generate_series(1, $1) i
      RETURNING id, email`, [count, passwordHash]);
    users.sort((a, b) => (a.email < b.email ? -1 : 1));
    await db.query(`INSERT INTO memberships (instance_id, user_id, role)
      SELECT $1, id, CASE WHEN ordinality = 1 THEN 'owner' ELSE 'member' END FROM unnest($2::uuid[]) WITH ORDINALITY AS u (id, ordinality)`,
    [instance.id, users.map((u) => u.id)]);
    const people = users.map((u) => ({ id: u.id, secret: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url') }));
    await db.query(`INSERT INTO sessions (user_id, token_hash, csrf_token, user_agent, expires_at)
      SELECT id, decode(hash, 'hex'), csrf, 'ruche-bench', now() + interval '12 hours' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s (id, hash, csrf)`,
    [people.map((p) => p.id), people.map((p) => createHash('sha256').update(p.secret).digest('hex')), people.map((p) => p.csrf)]);
    await db.query('VACUUM (ANALYZE) users, memberships, sessions');
    return people;
  } finally {
    await db.end();
  }
}

const cookie = (p: Person) => `ruche_session=${p.secret}`;

/** Conversation c holds people 10c to 10c+9; its first member creates it. Returns the conversation ids in order. */
export async function createConversations(base: string, people: Person[]): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const count = people.length / GROUP_SIZE;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < count) {
      const c = next++;
      const [creator, ...others] = people.slice(c * GROUP_SIZE, (c + 1) * GROUP_SIZE);
      const res = await fetch(`${base}/api/v1/i/${SLUG}/conversations`, {
        method: 'POST',
        headers: { cookie: cookie(creator!), 'x-csrf-token': creator!.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'group', title: `Bench ${c + 1}`, userIds: others.map((p) => p.id) }),
      });
      const body = await res.json() as { id?: string; memberCount?: number };
      if (res.status !== 201 || !body.id) throw new Error(`POST /conversations: ${res.status} ${JSON.stringify(body)}`);
      if (body.memberCount !== undefined && body.memberCount !== GROUP_SIZE) throw new Error(`conversation of ${body.memberCount} members, expected ${GROUP_SIZE}`);
      ids[c] = body.id;
    }
  }));
  return ids;
}

export function rucheClients(people: Person[], conversationIds: string[]): ClientSpec[] {
  return people.map((p, i) => ({ headers: { cookie: cookie(p) }, streams: [`inbox:${p.id}`, `conversation:${conversationIds[Math.floor(i / GROUP_SIZE)]}`] }));
}

export function rucheConversations(people: Person[], conversationIds: string[]): Conversation[] {
  return conversationIds.map((id, c) => ({
    path: `/api/v1/i/${SLUG}/conversations/${id}/messages`,
    senders: people.slice(c * GROUP_SIZE, (c + 1) * GROUP_SIZE).map((p) => ({ cookie: cookie(p), 'x-csrf-token': p.csrf })),
  }));
}
