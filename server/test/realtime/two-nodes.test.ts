// Across nodes: two Ruche server processes on one PostgreSQL and one Redis.
// A message sent through node A reaches a WebSocket client of node B, in
// order and once; presence seen by one node is answered by the other; and a
// client that moves from node B to node A recovers what it missed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../support/harness.ts';
import { TestSocket } from '../support/socket.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = path.join(import.meta.dirname, '../../..');
const prefix = `ruche-test-${randomUUID()}`;

interface Node {
  url: string;
  child: ChildProcess;
  output: () => string;
}

let h: Harness;
let world: World;
const nodes: Node[] = [];
const sockets: TestSocket[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startNode(): Promise<Node> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['bin/ruche.js', 'serve'], {
    cwd: root,
    env: {
      ...process.env, DATABASE_URL: h.db.ownerUrl, DATABASE_APP_URL: h.db.appUrl, REDIS_URL, REDIS_PREFIX: prefix,
      HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: url, SERVE_WEB: 'false', LOG_LEVEL: 'info', DATA_DIR: h.s.config.dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const deadline = Date.now() + 60_000;
  while (!output.includes('Ruche is ready')) {
    if (child.exitCode !== null) throw new Error(`node exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`node not ready within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.match(output, /through redis/, 'the node uses the redis bus');
  return { url, child, output: () => output };
}

/** An HTTP call to a node as `person` (their session cookie and CSRF token). */
async function call(node: Node, person: Person, method: string, url: string, body?: unknown) {
  const response = await fetch(`${node.url}${url}`, {
    method,
    headers: {
      cookie: person.client.cookie!, 'x-csrf-token': person.client.csrf!,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() as any };
}

async function connectTo(node: Node, person: Person): Promise<TestSocket> {
  const ws = new WebSocket(`${node.url.replace('http', 'ws')}/api/v1/i/alpha/realtime`, { headers: { cookie: person.client.cookie!, origin: node.url } });
  const socket = new TestSocket(ws);
  sockets.push(socket);
  await socket.next((f) => f.type === 'hello');
  return socket;
}

before(async () => {
  h = await startHarness({ REDIS_URL, REDIS_PREFIX: prefix });
  world = await buildWorld(h);
  nodes.push(...await Promise.all([startNode(), startNode()]));
});

after(async () => {
  for (const socket of sockets) socket.close();
  for (const node of nodes) node.child.kill('SIGTERM');
  await Promise.all(nodes.map((node) => new Promise((resolve) => node.child.exitCode !== null ? resolve(null) : node.child.once('exit', resolve))));
  await h.close();
});

test('a message sent on node A reaches a client of node B, in order, once', async () => {
  const [a, b] = nodes as [Node, Node];
  const { member: ann, administrator: bob } = world.alpha.people;
  const opened = await call(a, ann, 'POST', '/api/v1/i/alpha/conversations', { kind: 'direct', userId: bob.user.id });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const stream = `conversation:${opened.body.id}`;
  const onB = await connectTo(b, bob);
  assert.equal((await onB.subscribe(stream)).type, 'subscribed');

  const sent: Array<{ id: string; body: string; seq: number }> = [];
  for (let i = 0; i < 10; i += 1) {
    const answer = await call(a, ann, 'POST', `/api/v1/i/alpha/conversations/${opened.body.id}/messages`, { body: `hello ${i}`, clientId: randomUUID() });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    sent.push(answer.body);
  }
  await onB.next((f) => f.event === 'message.created' && f.data.message.id === sent.at(-1)!.id);
  const received = onB.events(stream).filter((f) => f.event === 'message.created');
  assert.deepEqual(received.map((f) => f.data.message.body), sent.map((m) => m.body));
  assert.deepEqual(received.map((f) => f.seq), sent.map((m) => m.seq));

  // Presence: connected to B, asked of A.
  const presence = await call(a, ann, 'GET', `/api/v1/i/alpha/presence?userIds=${bob.user.id},${ann.user.id}`);
  assert.equal(presence.status, 200);
  assert.deepEqual(presence.body.online, [bob.user.id]);

  // The client moves from B to A (B went away), with the last seq it saw: nothing lost, nothing twice.
  const lastSeen = received.at(-1)!.seq!;
  onB.close();
  const missed = await call(b, ann, 'POST', `/api/v1/i/alpha/conversations/${opened.body.id}/messages`, { body: 'while moving', clientId: randomUUID() });
  assert.equal(missed.status, 201);
  const onA = await connectTo(a, bob);
  assert.equal((await onA.subscribe(stream, lastSeen)).type, 'subscribed');
  const live = await call(b, ann, 'POST', `/api/v1/i/alpha/conversations/${opened.body.id}/messages`, { body: 'after the move', clientId: randomUUID() });
  await onA.next((f) => f.data?.message?.id === live.body.id);
  assert.deepEqual(onA.events(stream).filter((f) => f.event === 'message.created').map((f) => f.data.message.body), ['while moving', 'after the move']);
});
