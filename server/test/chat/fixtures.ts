// Factories and checks shared by the chat tests: conversations and messages
// through the API (asserting each step worked), crowds of members for the
// size limits, group membership through the real group actions, the events
// of a stream, a fingerprint of every chat table to prove a refused request
// wrote nothing, and a count of the deadlocks PostgreSQL broke meanwhile.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inTransaction } from '../../src/db/transaction.ts';
import type { TenantContext } from '../../src/http/context.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { joinGroup } from '../../src/modules/groups/actions.ts';
import { insertMembership, type Role } from '../../src/modules/instances/queries.ts';
import { insertUser } from '../../src/modules/users/queries.ts';
import type { RucheEvent } from '../../src/realtime/events.ts';
import type { Harness } from '../support/harness.ts';
import { PASSWORD, type Person, type Tenant } from '../support/world.ts';

export const api = (slug = 'alpha') => `/api/v1/i/${slug}`;
export const conversationUrl = (id: string, rest = '', slug = 'alpha') => `${api(slug)}/conversations/${id}${rest}`;
export const messagesUrl = (id: string, query = '', slug = 'alpha') => `${conversationUrl(id, '/messages', slug)}${query}`;
export const messageUrl = (conversationId: string, messageId: string, rest = '', slug = 'alpha') =>
  `${conversationUrl(conversationId, `/messages/${messageId}`, slug)}${rest}`;

/** The direct conversation of `a` with `b` (201 the first time, 200 after). */
export async function direct(a: Person, b: Person, slug = 'alpha'): Promise<any> {
  const answer = await a.client.post(`${api(slug)}/conversations`, { kind: 'direct', userId: b.user.id });
  assert.ok([200, 201].includes(answer.status), JSON.stringify(answer.body));
  return answer.body;
}

/** A new group conversation started by `by` with `others` (people or user ids). */
export async function groupChat(by: Person, others: Array<Person | string>, title?: string, slug = 'alpha'): Promise<any> {
  const userIds = others.map((o) => (typeof o === 'string' ? o : o.user.id));
  const answer = await by.client.post(`${api(slug)}/conversations`, { kind: 'group', userIds, ...(title ? { title } : {}) });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

/** Opens a group's room as `by` (201 on first use, 200 after). */
export async function room(by: Person, groupId: string, slug = 'alpha'): Promise<any> {
  const answer = await by.client.post(`${api(slug)}/groups/${groupId}/conversation`);
  assert.ok([200, 201].includes(answer.status), JSON.stringify(answer.body));
  return answer.body;
}

/** Sends a message (with a fresh clientId unless one is given) and returns it. */
export async function send(by: Person, conversationId: string, body: string, extra: { clientId?: string; parentId?: string } = {}, slug = 'alpha'): Promise<any> {
  const answer = await by.client.post(messagesUrl(conversationId, '', slug), { body, clientId: randomUUID(), ...extra });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

export async function read(by: Person, conversationId: string, slug = 'alpha'): Promise<any> {
  const answer = await by.client.get(conversationUrl(conversationId, '', slug));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

/** A tenant context for calling actions directly as `userId`. */
export function contextOf(tenant: Tenant, userId: string, role: Role = 'member'): TenantContext {
  return { instance: tenant.instance, membership: { instanceId: tenant.instance.id, userId, role, status: 'active', createdAt: new Date() } };
}

/**
 * `n` more active members of `tenant` who never sign in (for the size limits):
 * the real user and membership queries, with one password hash for all of
 * them, since hashing fifty passwords would cost this file seconds.
 */
export async function crowd(h: Harness, tenant: Tenant, prefix: string, n: number): Promise<string[]> {
  const passwordHash = await hashPassword(PASSWORD);
  return inTransaction(h.s.pool, { instanceId: tenant.instance.id }, async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const user = await insertUser(tx, { email: `${prefix}${i}@${tenant.instance.slug}.test`, displayName: `${prefix} ${i}`, passwordHash, locale: 'en' });
      await insertMembership(tx, { instanceId: tenant.instance.id, userId: user!.id, role: 'member' });
      ids.push(user!.id);
    }
    return ids;
  });
}

/** `userId` joins an open group through the real action (no signed-in client needed). */
export async function joinAs(h: Harness, tenant: Tenant, userId: string, groupId: string, role: Role = 'member'): Promise<void> {
  await joinGroup(h.s, contextOf(tenant, userId, role), groupId);
}

/** The events published on a stream, in order. */
export function streamEvents(h: Harness, stream: string): RucheEvent[] {
  return h.events.filter((e) => e.stream === stream);
}

export const conversationEvents = (h: Harness, conversationId: string) => streamEvents(h, `conversation:${conversationId}`);
export const inboxEvents = (h: Harness, userId: string) => streamEvents(h, `inbox:${userId}`);

export { streamHead } from '../support/streams.ts';

/** The stream's stored events as [seq, type], oldest first. */
export async function storedEvents(h: Harness, stream: string): Promise<Array<[number, string]>> {
  const { rows } = await h.owner.query<{ seq: string; type: string }>('SELECT seq, type FROM stream_events WHERE stream = $1 ORDER BY seq', [stream]);
  return rows.map((r) => [Number(r.seq), r.type]);
}

/**
 * Fails unless the published events of a stream are numbered 1, 2, 3… without gap or repeat. In whatever order
 * they reached the bus: two transactions of one stream take their numbers in turn (the head's row lock), but each
 * publishes once its own COMMIT is answered, and those answers come back on two connections in either order
 * (seen in CI: 31 published before 30). Subscribers get them in order all the same: the gateway holds 31 until 30
 * comes (realtime/subscription.ts offer; server/test/realtime/ordering.test.ts).
 */
export function assertConsecutive(events: RucheEvent[], label: string): void {
  const numbers = events.map((e) => e.seq!).sort((a, b) => a - b);
  assert.deepEqual(numbers, events.map((_, i) => i + 1), `${label}: ${events.map((e) => `${e.seq}:${e.type}`).join(' ')}`);
}

const CHAT_TABLES = ['conversations', 'conversation_members', 'messages', 'message_reactions', 'message_mentions', 'stream_heads', 'stream_events'];

/** A digest of every row of every chat table: equal digests mean nothing was written. */
export async function chatFingerprint(h: Harness): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const table of CHAT_TABLES) {
    const { rows } = await h.owner.query<{ n: number; md5: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, ',' ORDER BY t::text)) FROM ${table} t`);
    digest[table] = `${rows[0]!.n}:${rows[0]!.md5 ?? ''}`;
  }
  return digest;
}

/** Runs `work` and fails if it wrote any chat row or published any event. */
export async function assertNothingWritten(h: Harness, work: () => Promise<void>): Promise<void> {
  const before = await chatFingerprint(h);
  const events = h.events.length;
  await work();
  assert.deepEqual(await chatFingerprint(h), before, 'a chat table changed');
  assert.deepEqual(h.events.slice(events), [], 'an event was published');
}

/** Asserts a problem answer: status and stable code. */
export function assertProblem(answer: { status: number; body: any }, status: number, code: string, label = ''): void {
  assert.equal(answer.status, status, `${label} ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body?.code, code, `${label} ${JSON.stringify(answer.body)}`);
}

/**
 * Runs `work` and counts the statements PostgreSQL aborted to break a deadlock. The transaction
 * layer runs such a transaction again, so callers only see a delay: this is how a test still sees
 * that two actions locked in opposite orders.
 */
export async function deadlocksDuring(work: () => Promise<unknown>): Promise<number> {
  let deadlocks = 0;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) {
      result.then(undefined, (error: { code?: string }) => { if (error?.code === '40P01') deadlocks += 1; });
    }
    return result;
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return deadlocks;
}
