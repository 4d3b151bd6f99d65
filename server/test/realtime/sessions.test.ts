// Who may hold a realtime connection, at the upgrade and afterwards: API
// tokens (no Origin needed), and the periodic re-verification that closes a
// connection (4001) once its session, token, account, membership or instance
// has ended, and drops subscriptions whose stream became unreadable. Re-checks
// and heartbeats run every second here; the tests of that part run concurrently,
// each with its own people.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { changeInstanceStatus } from '../../src/modules/instances/actions.ts';
import { setAccountDisabled } from '../../src/modules/operator/actions.ts';
import { addMember, addToGroup, makeGroup, publish } from '../feed/fixtures.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { listening, type TestSocket } from '../support/socket.ts';
import { buildWorld, signedIn, type Person, type World } from '../support/world.ts';
import { conversation, inbox, openDirect, openRoom, say, Sockets, subscribed } from './scene.ts';

let h: Harness;
let world: World;
let admin: Person;
const sockets = new Sockets(() => h);
let counter = 0;

before(async () => {
  h = await startHarness({ REALTIME_REAUTH_SECONDS: '1', REALTIME_HEARTBEAT_SECONDS: '1' });
  world = await buildWorld(h);
  admin = world.alpha.people.administrator;
});
after(async () => {
  sockets.closeAll();
  await h.close();
});

const person = (name: string) => addMember(h, world.alpha, `${name.toLowerCase()}${(counter += 1)}@alpha.test`, name);

async function mint(who: Person, scopes = ['read', 'write']): Promise<{ id: string; secret: string }> {
  const answer = await who.client.post('/api/v1/i/alpha/tokens', { name: `realtime ${(counter += 1)}`, scopes, expiresInDays: 1 });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return { id: answer.body.token.id, secret: answer.body.secret };
}

/** Another signed-in session of the same person. */
async function secondSession(who: Person): Promise<Person> {
  return { ...who, client: await signedIn(h, who.email) };
}

async function currentSessionId(who: Person): Promise<string> {
  const answer = await who.client.get('/api/v1/me/sessions');
  assert.equal(answer.status, 200);
  return answer.body.items.find((s: { current: boolean }) => s.current).id;
}

/** Re-verification runs every 1 s (± 25 %) on a 1 s tick: well within 6 s. */
async function assertSessionEnded(socket: TestSocket): Promise<void> {
  const closed = await socket.waitClosed(6_000);
  assert.equal(closed.code, 4001, JSON.stringify(closed));
  assert.ok(closed.reason.length > 0);
}

/** The connection is alive and delivers: a new conversation with `who` is announced on their inbox. */
async function assertStillDelivers(socket: TestSocket, who: Person): Promise<void> {
  const mark = socket.mark();
  const id = await openDirect(await person('Friend'), who);
  const frame = await socket.next((f) => f.event === 'conversation.added', 5_000, mark);
  assert.deepEqual(frame.data, { conversationId: id });
  assert.equal(socket.closed, null);
}

async function refusedWith(status: number, attempt: Promise<unknown>): Promise<void> {
  await assert.rejects(attempt, (e: { status?: number }) => {
    assert.equal(e.status, status);
    return true;
  });
}

describe('the upgrade: API tokens and origins', () => {
  test("a member's token opens the socket without an Origin, and delivers", async () => {
    const bob = await person('Bob');
    const { secret } = await mint(bob);
    const socket = await sockets.connect(null, 'alpha', { bearer: secret, origin: null });
    assert.deepEqual(socket.frames[0], { type: 'hello', userId: bob.user.id, heartbeatSeconds: 1 });
    await subscribed(socket, inbox(bob));
    await assertStillDelivers(socket, bob);
  });

  test('a read-only token is enough; a write-only token lacks the read scope (403)', async () => {
    const bob = await person('Bob');
    const reader = await mint(bob, ['read']);
    await sockets.connect(null, 'alpha', { bearer: reader.secret, origin: null });
    const writer = await mint(bob, ['write']);
    await refusedWith(403, sockets.connect(null, 'alpha', { bearer: writer.secret, origin: null }));
  });

  test("another instance's token, an unknown token or a revoked one is refused with 401", async () => {
    const betaMember = world.beta.people.member;
    const answer = await betaMember.client.post('/api/v1/i/beta/tokens', { name: 'beta', scopes: ['read'], expiresInDays: 1 });
    assert.equal(answer.status, 201);
    await refusedWith(401, sockets.connect(null, 'alpha', { bearer: answer.body.secret, origin: null }));
    await sockets.connect(null, 'beta', { bearer: answer.body.secret, origin: null }); // where it belongs, it works
    await refusedWith(401, sockets.connect(null, 'alpha', { bearer: `ruche_pat_${'A'.repeat(43)}`, origin: null }));
    const bob = await person('Bob');
    const { id, secret } = await mint(bob);
    assert.equal((await bob.client.delete(`/api/v1/i/alpha/tokens/${id}`)).status, 204);
    await refusedWith(401, sockets.connect(null, 'alpha', { bearer: secret, origin: null }));
  });

  test("a page's Origin must be the public URL's or the host the server was reached at; 'null' (a sandboxed page) is refused", async () => {
    const bob = await person('Bob');
    await sockets.connect(bob, 'alpha', { origin: 'http://localhost:3000' });
    const port = new URL(await listening(h)).port;
    await sockets.connect(bob, 'alpha', { origin: `http://127.0.0.1:${port}` });
    for (const origin of ['null', 'http://localhost:3001', 'https://localhost:3000.evil.example', `http://127.0.0.1:${port}.evil.example`]) {
      await refusedWith(403, sockets.connect(bob, 'alpha', { origin }));
    }
  });

  test("a token sent from another site's page is refused like a cookie (403)", async () => {
    const bob = await person('Bob');
    const { secret } = await mint(bob);
    await refusedWith(403, sockets.connect(null, 'alpha', { bearer: secret, origin: 'https://evil.example' }));
  });
});

describe('re-verification closes connections whose right ended (4001)', { concurrency: true }, () => {
  test('a revoked session; the same person’s other session keeps its connection', async () => {
    const bob = await person('Bob');
    const other = await secondSession(bob);
    const revokedId = await currentSessionId(bob);
    const doomed = await sockets.connect(bob);
    const kept = await sockets.connect(other);
    await subscribed(kept, inbox(bob));
    assert.equal((await other.client.delete(`/api/v1/me/sessions/${revokedId}`)).status, 204);
    await assertSessionEnded(doomed);
    await assertStillDelivers(kept, bob);
    await refusedWith(401, sockets.connect(bob));
  });

  test('signing out', async () => {
    const bob = await person('Bob');
    const socket = await sockets.connect(bob);
    assert.equal((await bob.client.post('/api/v1/auth/signout')).status, 204);
    await assertSessionEnded(socket);
  });

  test("an administrator ending the member's sessions", async () => {
    const bob = await person('Bob');
    const socket = await sockets.connect(bob);
    assert.equal((await admin.client.post(`/api/v1/i/alpha/members/${bob.user.id}/revoke-sessions`)).status, 204);
    await assertSessionEnded(socket);
  });

  test('an idle session (no request for longer than the idle timeout)', async () => {
    const bob = await person('Bob');
    const id = await currentSessionId(bob);
    const socket = await sockets.connect(bob);
    await h.owner.query(`UPDATE sessions SET last_seen_at = now() - interval '1 day' WHERE id = $1`, [id]);
    await assertSessionEnded(socket);
  });

  test('a disabled account: its session and token connections both close, others stay', async () => {
    const [bob, carol] = [await person('Bob'), await person('Carol')];
    const { secret } = await mint(bob);
    const bySession = await sockets.connect(bob);
    const byToken = await sockets.connect(null, 'alpha', { bearer: secret, origin: null });
    const bystander = await sockets.following(carol, inbox(carol));
    await setAccountDisabled(h.s, bob.email, true);
    await Promise.all([assertSessionEnded(bySession), assertSessionEnded(byToken)]);
    await assertStillDelivers(bystander, carol);
    await refusedWith(401, sockets.connect(bob));
  });

  test('a membership removed from the instance', async () => {
    const bob = await person('Bob');
    const { secret } = await mint(bob);
    const bySession = await sockets.connect(bob);
    const byToken = await sockets.connect(null, 'alpha', { bearer: secret, origin: null });
    assert.equal((await admin.client.delete(`/api/v1/i/alpha/members/${bob.user.id}`)).status, 204);
    await Promise.all([assertSessionEnded(bySession), assertSessionEnded(byToken)]);
    await refusedWith(404, sockets.connect(bob));
  });

  test('a membership disabled by an administrator', async () => {
    const bob = await person('Bob');
    const socket = await sockets.connect(bob);
    const answer = await admin.client.patch(`/api/v1/i/alpha/members/${bob.user.id}`, { status: 'disabled' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    await assertSessionEnded(socket);
    await refusedWith(404, sockets.connect(bob));
  });

  test("a revoked token; the person's browser connection stays", async () => {
    const bob = await person('Bob');
    const { id, secret } = await mint(bob);
    const byToken = await sockets.connect(null, 'alpha', { bearer: secret, origin: null });
    const bySession = await sockets.following(bob, inbox(bob));
    assert.equal((await bob.client.delete(`/api/v1/i/alpha/tokens/${id}`)).status, 204);
    await assertSessionEnded(byToken);
    await assertStillDelivers(bySession, bob);
  });

  test("demoted to guest: the token connection closes (guests have no tokens); the browser one loses others' profiles only", async () => {
    const [bob, carol] = [await person('Bob'), await person('Carol')];
    const { secret } = await mint(bob);
    const byToken = await sockets.connect(null, 'alpha', { bearer: secret, origin: null });
    const bySession = await sockets.following(bob, `user:${carol.user.id}`);
    await subscribed(bySession, `user:${bob.user.id}`);
    await subscribed(bySession, inbox(bob));
    const mark = bySession.mark();
    const answer = await admin.client.patch(`/api/v1/i/alpha/members/${bob.user.id}`, { role: 'guest' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    await assertSessionEnded(byToken);
    const dropped = await bySession.next((f) => f.type === 'unsubscribed', 6_000, mark);
    assert.deepEqual(dropped, { type: 'unsubscribed', stream: `user:${carol.user.id}`, reason: 'membership_ended' });
    await bySession.settle();
    assert.deepEqual(bySession.since(mark), [dropped], 'one subscription ended, the others kept');
    assert.equal(bySession.closed, null);
  });

  test('a suspended instance', async () => {
    const gamma = world.gamma;
    const socket = await sockets.connect(gamma.people.member, 'gamma');
    await changeInstanceStatus(h.s, gamma.instance.id, 'suspended');
    try {
      await assertSessionEnded(socket);
      await refusedWith(403, sockets.connect(gamma.people.member, 'gamma'));
    } finally {
      await changeInstanceStatus(h.s, gamma.instance.id, 'active');
    }
  });

  test('a client that stops answering pings is cut off after two, and is no longer online', async () => {
    const bob = await person('Bob');
    const deaf = await sockets.connect(bob, 'alpha', { autoPong: false });
    const closed = await deaf.waitClosed(6_000);
    assert.equal(closed.code, 1006, 'terminated, not closed politely');
    const online = await admin.client.get(`/api/v1/i/alpha/presence?userIds=${bob.user.id}`);
    assert.deepEqual(online.body, { online: [] });
  });

  test('a client that answers pings stays connected across several heartbeats', async () => {
    const bob = await person('Bob');
    const socket = await sockets.connect(bob);
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    assert.equal(socket.closed, null);
    await socket.settle();
  });
});

describe('re-verification drops subscriptions whose stream became unreadable', { concurrency: true }, () => {
  test('an open group turned private: non-members lose its stream, members keep it', async () => {
    const [reader, member] = [await person('Reader'), await person('Member')];
    const groupId = await makeGroup(admin, 'alpha', `Turning private ${(counter += 1)}`, 'open');
    await addToGroup('alpha', groupId, member);
    const outsider = await sockets.following(reader, `group:${groupId}`);
    const insider = await sockets.following(member, `group:${groupId}`);
    const mark = outsider.mark();
    assert.equal((await admin.client.patch(`/api/v1/i/alpha/groups/${groupId}`, { visibility: 'private' })).status, 200);
    const dropped = await outsider.next((f) => f.type === 'unsubscribed', 6_000, mark);
    assert.deepEqual(dropped, { type: 'unsubscribed', stream: `group:${groupId}`, reason: 'membership_ended' });
    const post = await publish(admin, 'alpha', 'members only now', groupId);
    await insider.next((f) => f.data?.postId === post.id);
    await outsider.settle();
    // The change itself is the last thing the outsider hears of the group: the gateway re-checks at once.
    assert.deepEqual(outsider.since(mark).map((f) => f.event ?? f.type), ['group.changed', 'unsubscribed']);
    assert.deepEqual(outsider.since(mark)[0]!.data, { groupId, deleted: false });
    assert.equal(insider.frames.some((f) => f.type === 'unsubscribed'), false);
  });

  test("a deleted group: its stream and its room's", async () => {
    const member = await person('Member');
    const groupId = await makeGroup(admin, 'alpha', `Soon gone ${(counter += 1)}`, 'private');
    await addToGroup('alpha', groupId, member, admin);
    const roomId = await openRoom(member, groupId);
    const socket = await sockets.following(member, `group:${groupId}`);
    await subscribed(socket, conversation(roomId));
    const chat = await openDirect(admin, member);
    await subscribed(socket, conversation(chat));
    const mark = socket.mark();
    assert.equal((await admin.client.delete(`/api/v1/i/alpha/groups/${groupId}`)).status, 204);
    await socket.next((f) => f.type === 'unsubscribed' && f.stream === conversation(roomId), 6_000, mark);
    await socket.next((f) => f.type === 'unsubscribed' && f.stream === `group:${groupId}`, 6_000, mark);
    const sent = await say(admin, chat, 'the rest goes on');
    await socket.next((f) => f.seq === sent.seq && f.stream === conversation(chat), 5_000, mark);
  });
});
