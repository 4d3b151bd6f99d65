// What the realtime test files share: their sockets (closed when the file
// ends), conversations and messages made through the real HTTP API, and a
// look at a stream's head and events in PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Harness } from '../support/harness.ts';
import { connect, type ConnectOptions, type Frame, type TestSocket } from '../support/socket.ts';
import type { Person } from '../support/world.ts';

export class Sockets {
  private readonly open: TestSocket[] = [];
  private readonly h: () => Harness;

  constructor(h: () => Harness) {
    this.h = h;
  }

  async connect(person: Person | null, slug = 'alpha', options: ConnectOptions = {}): Promise<TestSocket> {
    const socket = await connect(this.h(), person, slug, options);
    this.open.push(socket);
    return socket;
  }

  /** A socket subscribed to `stream` (live only), failing unless the server said `subscribed`. */
  async following(person: Person, stream: string, slug = 'alpha'): Promise<TestSocket> {
    const socket = await this.connect(person, slug);
    await subscribed(socket, stream);
    return socket;
  }

  closeAll(): void {
    for (const socket of this.open) if (!socket.closed) socket.close();
  }
}

/** Subscribes and fails unless the answer is `subscribed` for that stream; returns the head seq it carries. */
export async function subscribed(socket: TestSocket, stream: string, since?: number): Promise<number> {
  const answer = await socket.subscribe(stream, since);
  assert.equal(answer.type, 'subscribed', JSON.stringify(answer));
  assert.equal(answer.stream, stream);
  assert.equal(typeof answer.seq, 'number');
  return answer.seq!;
}

export async function openDirect(a: Person, b: Person, slug = 'alpha'): Promise<string> {
  const answer = await a.client.post(`/api/v1/i/${slug}/conversations`, { kind: 'direct', userId: b.user.id });
  assert.ok([200, 201].includes(answer.status), JSON.stringify(answer.body));
  return answer.body.id;
}

export async function openGroupConversation(by: Person, others: Person[], slug = 'alpha'): Promise<string> {
  const answer = await by.client.post(`/api/v1/i/${slug}/conversations`, { kind: 'group', title: 'Realtime', userIds: others.map((p) => p.user.id) });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

export async function openRoom(by: Person, groupId: string, slug = 'alpha'): Promise<string> {
  const answer = await by.client.post(`/api/v1/i/${slug}/groups/${groupId}/conversation`);
  assert.ok([200, 201].includes(answer.status), JSON.stringify(answer.body));
  return answer.body.id;
}

export async function say(by: Person, conversationId: string, body: string, slug = 'alpha'): Promise<{ id: string; seq: number; body: string }> {
  const answer = await by.client.post(`/api/v1/i/${slug}/conversations/${conversationId}/messages`, { body, clientId: randomUUID() });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

export const conversation = (id: string) => `conversation:${id}`;
export const inbox = (person: Person) => `inbox:${person.user.id}`;

/** The stream's head as PostgreSQL holds it (0 when nothing was ever published on it). */
export async function headOf(h: Harness, instanceId: string, stream: string): Promise<number> {
  const { rows } = await h.owner.query<{ seq: string }>('SELECT seq FROM stream_heads WHERE instance_id = $1 AND stream = $2', [instanceId, stream]);
  return rows[0] ? Number(rows[0].seq) : 0;
}

/** The seqs of the `message.created` events among `frames`, for one stream. */
export function createdSeqs(frames: Frame[], stream: string): number[] {
  return frames.filter((f) => f.type === 'event' && f.stream === stream && f.event === 'message.created').map((f) => f.seq!);
}

/** An error frame without its human-readable message (checked to be there), for exact comparisons. */
export function withoutMessage(frame: Frame): Frame {
  if (frame.type !== 'error') return frame;
  assert.equal(typeof frame.message, 'string');
  assert.ok((frame.message as string).length > 0);
  const { message: _message, ...rest } = frame;
  return rest as Frame;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds or `ms` pass (for state the server changes after a socket event). */
export async function eventually(check: () => Promise<boolean>, ms = 3_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what} did not hold within ${ms} ms`);
    await sleep(25);
  }
}
