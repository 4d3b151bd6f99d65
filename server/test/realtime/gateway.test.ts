// The realtime gateway end to end over real WebSockets: authentication and
// origin at the upgrade, permission on subscribe, ordered delivery with
// sequence numbers, recovery after a reconnect, membership ends subscriptions.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { connect, type TestSocket } from '../support/socket.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember } from '../feed/fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
const sockets: TestSocket[] = [];

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Bob');
});
after(async () => {
  for (const s of sockets) s.close();
  await h.close();
});

async function open(person: Person, slug = 'alpha') {
  const socket = await connect(h, person, slug);
  sockets.push(socket);
  return socket;
}

async function direct(a: Person, b: Person): Promise<string> {
  const answer = await a.client.post('/api/v1/i/alpha/conversations', { kind: 'direct', userId: b.user.id });
  assert.ok([200, 201].includes(answer.status), JSON.stringify(answer.body));
  return answer.body.id;
}

async function say(by: Person, conversationId: string, body: string) {
  const answer = await by.client.post(`/api/v1/i/alpha/conversations/${conversationId}/messages`, { body, clientId: randomUUID() });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

describe('connecting', () => {
  test('anonymous upgrade is refused with 401', async () => {
    await assert.rejects(connect(h, null, 'alpha'), (e: { status?: number }) => e.status === 401);
  });

  test('another site cannot open a socket with the cookie', async () => {
    await assert.rejects(connect(h, ann, 'alpha', { origin: 'https://evil.example' }), (e: { status?: number }) => e.status === 403);
  });

  test('a non-member of the instance gets 404', async () => {
    await assert.rejects(connect(h, ann, 'beta'), (e: { status?: number }) => e.status === 404);
  });

  test('a plain GET is told to upgrade', async () => {
    const answer = await ann.client.get('/api/v1/i/alpha/realtime');
    assert.equal(answer.status, 426);
    assert.equal(answer.body.code, 'upgrade_required');
  });
});

describe('delivery and recovery', () => {
  test('a message reaches the other member in order, with its sequence number', async () => {
    const id = await direct(ann, bob);
    const socket = await open(bob);
    const subscribed = await socket.subscribe(`conversation:${id}`);
    assert.equal(subscribed.type, 'subscribed');
    const first = await say(ann, id, 'hello');
    const second = await say(ann, id, 'again');
    await socket.next((f) => f.event === 'message.created' && f.data.message.id === second.id);
    const created = socket.events(`conversation:${id}`).filter((f) => f.event === 'message.created');
    assert.deepEqual(created.map((f) => f.data.message.body), ['hello', 'again']);
    assert.deepEqual(created.map((f) => f.seq), [first.seq, second.seq]);
  });

  test('reconnecting with the last seq seen delivers exactly what was missed', async () => {
    const id = await direct(ann, bob);
    await say(ann, id, 'before');
    const first = await open(bob);
    await first.subscribe(`conversation:${id}`);
    const seen = await say(ann, id, 'seen');
    await first.next((f) => f.data?.message?.id === seen.id);
    first.close();
    await say(ann, id, 'missed 1');
    await say(ann, id, 'missed 2');
    const again = await open(bob);
    const answer = await again.subscribe(`conversation:${id}`, seen.seq);
    assert.equal(answer.type, 'subscribed');
    const live = await say(ann, id, 'live');
    await again.next((f) => f.data?.message?.id === live.id);
    const bodies = again.events(`conversation:${id}`).filter((f) => f.event === 'message.created').map((f) => f.data.message.body);
    assert.deepEqual(bodies, ['missed 1', 'missed 2', 'live']);
  });

  test('a stream one may not read is refused like one that does not exist', async () => {
    const socket = await open(bob);
    const other = await direct(ann, world.alpha.people.administrator);
    const refused = await socket.subscribe(`conversation:${other}`);
    assert.equal(refused.type, 'error');
    assert.equal(refused.code, 'stream_not_found');
    const unknown = await socket.subscribe(`conversation:${randomUUID()}`);
    assert.deepEqual([unknown.type, unknown.code], ['error', 'stream_not_found']);
    const inbox = await socket.subscribe(`inbox:${ann.user.id}`);
    assert.equal(inbox.code, 'stream_not_found');
  });
});
