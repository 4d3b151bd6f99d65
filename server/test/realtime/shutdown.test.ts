// Closing the application tells every realtime client to come back (1001)
// rather than cutting it off, then stops accepting upgrades. A file of its own:
// the test closes its application.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { createInstance } from '../../src/modules/instances/actions.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { listening } from '../support/socket.ts';
import { newUser, type Person } from '../support/world.ts';
import { inbox, Sockets, subscribed } from './scene.ts';

let h: Harness;
let owner: Person;
const sockets = new Sockets(() => h);

before(async () => {
  h = await startHarness();
  owner = await newUser(h, 'owner@solo.test', 'Solo owner');
  await createInstance(h.s, owner.user.id, { name: 'Solo', slug: 'solo', defaultLocale: 'en' });
});
after(async () => {
  sockets.closeAll();
  await h.close();
});

test('closing the app closes every client socket with 1001, then refuses new connections', async () => {
  const base = await listening(h);
  const idle = await sockets.connect(owner, 'solo');
  const following = await sockets.connect(owner, 'solo');
  await subscribed(following, inbox(owner));
  assert.equal(h.app.websocketServer.clients.size, 2);

  await h.app.close();
  for (const socket of [idle, following]) {
    const closed = await socket.waitClosed();
    assert.equal(closed.code, 1001);
    assert.match(closed.reason, /reconnect/i);
  }
  const late = new WebSocket(`${base}/api/v1/i/solo/realtime`, { headers: { cookie: owner.client.cookie! } });
  const outcome = await new Promise<string>((resolve) => {
    late.once('open', () => resolve('open'));
    late.once('error', () => resolve('error'));
    late.once('unexpected-response', () => resolve('refused'));
  });
  assert.notEqual(outcome, 'open');
});
