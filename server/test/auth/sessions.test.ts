// Server-side sessions: who /api/v1/me sees, sign-out, listing and revoking
// my sessions, idle and absolute timeouts (by time travel), password change,
// an administrator's "sign out everywhere", and account disabling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { setAccountDisabled } from '../../src/modules/operator/actions.ts';
import { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, newUser, PASSWORD, signedIn, type World } from '../support/world.ts';

let h: Harness;
let world: World;
before(async () => {
  h = await startHarness({ SESSION_IDLE_TIMEOUT_MINUTES: '1' });
  world = await buildWorld(h);
});
after(() => h.close());

function sessionIdOf(client: Client): Promise<string | undefined> {
  const secret = client.cookie!.replace(/^ruche_session=/, '');
  return h.owner.query<{ id: string }>('SELECT id FROM sessions WHERE token_hash = $1', [hashSecret(secret)]).then((r) => r.rows[0]?.id);
}

async function sessionsOf(email: string): Promise<number> {
  const { rows } = await h.owner.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1', [email]);
  return rows[0]!.n;
}

/** A client carrying only someone's cookie, as a stolen or stale browser would. */
function withCookie(cookie: string | null): Client {
  const client = new Client(h.app);
  client.cookie = cookie;
  return client;
}

async function assertSignedOut(client: Client): Promise<void> {
  const answer = await client.get('/api/v1/me');
  assert.equal(answer.status, 401);
  assert.equal(answer.body.code, 'unauthenticated');
}

describe('the signed-in user', () => {
  test('/api/v1/me shows the user, a CSRF token and their instances', async () => {
    const answer = await world.alpha.people.member.client.get('/api/v1/me');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.user.email, 'member@alpha.test');
    assert.equal(answer.body.csrfToken, world.alpha.people.member.client.csrf);
    assert.deepEqual(answer.body.instances.map((i: any) => [i.slug, i.role]), [['alpha', 'member']]);
  });

  test('/api/v1/me without a session, or with a made-up cookie: 401', async () => {
    await assertSignedOut(new Client(h.app));
    await assertSignedOut(withCookie('ruche_session=made-up-secret'));
  });

  test('signing out ends the session: the cookie no longer works anywhere', async () => {
    const person = await newUser(h, 'leaving@example.test');
    const cookie = person.client.cookie;
    const id = await sessionIdOf(person.client);
    assert.ok(id);
    assert.equal((await person.client.post('/api/v1/auth/signout')).status, 204);
    assert.equal(person.client.cookie, null, 'the answer clears the cookie');
    await assertSignedOut(withCookie(cookie));
    const { rowCount } = await h.owner.query('SELECT 1 FROM sessions WHERE id = $1', [id]);
    assert.equal(rowCount, 0);
  });
});

describe('my sessions', () => {
  test('the list marks the current session, and revoking another one ends it', async () => {
    const laptop = await signedIn(h, 'owner@gamma.test');
    const phone = await signedIn(h, 'owner@gamma.test');
    const list = await laptop.get('/api/v1/me/sessions');
    assert.equal(list.status, 200);
    const current = list.body.items.filter((s: any) => s.current);
    assert.equal(current.length, 1);
    assert.equal(current[0].id, await sessionIdOf(laptop));
    const phoneId = await sessionIdOf(phone);
    assert.ok(list.body.items.some((s: any) => s.id === phoneId && !s.current));

    assert.equal((await laptop.delete(`/api/v1/me/sessions/${phoneId}`)).status, 204);
    await assertSignedOut(phone);
    assert.equal((await laptop.get('/api/v1/me')).status, 200);
  });

  test("revoking someone else's session answers 404 and leaves it alone", async () => {
    const victim = world.beta.people.member.client;
    const answer = await world.beta.people.guest.client.delete(`/api/v1/me/sessions/${await sessionIdOf(victim)}`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body.code, 'not_found');
    assert.equal((await victim.get('/api/v1/me')).status, 200);
  });
});

describe('timeouts', () => {
  test('a session idle for longer than SESSION_IDLE_TIMEOUT_MINUTES ends', async () => {
    const person = await newUser(h, 'idle@example.test');
    const id = await sessionIdOf(person.client);
    await h.owner.query("UPDATE sessions SET last_seen_at = now() - interval '30 seconds' WHERE id = $1", [id]);
    assert.equal((await person.client.get('/api/v1/me')).status, 200, 'idle for less than the timeout: still valid');
    await h.owner.query("UPDATE sessions SET last_seen_at = now() - interval '2 minutes' WHERE id = $1", [id]);
    await assertSignedOut(person.client);
  });

  test('a user active every 40 seconds stays signed in under a 1-minute idle timeout', async () => {
    const person = await newUser(h, 'active@example.test');
    const id = await sessionIdOf(person.client);
    // Each step moves the session 40 s into the past, as if 40 s had gone by since the last request.
    for (let step = 1; step <= 3; step++) {
      await h.owner.query("UPDATE sessions SET last_seen_at = last_seen_at - interval '40 seconds' WHERE id = $1", [id]);
      assert.equal((await person.client.get('/api/v1/me')).status, 200, `request ${step}, 40 s after the previous one`);
    }
  });

  test('a session past its absolute expiry ends, however active', async () => {
    const person = await newUser(h, 'expired@example.test');
    const id = await sessionIdOf(person.client);
    const { rows } = await h.owner.query<{ hours: number }>('SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM sessions WHERE id = $1', [id]);
    assert.equal(Math.round(Number(rows[0]!.hours)), 12, 'default SESSION_ABSOLUTE_TIMEOUT_HOURS');
    await h.owner.query("UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE id = $1", [id]);
    await assertSignedOut(person.client);
  });
});

describe('password change', () => {
  test('a wrong current password is refused and nothing changes', async () => {
    const person = await newUser(h, 'changer1@example.test');
    const before = await h.owner.query('SELECT password_hash FROM users WHERE email = $1', [person.email]);
    const wrong = await person.client.post('/api/v1/me/password', { currentPassword: 'not my password', newPassword: 'a fresh new passphrase' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'invalid_current_password');
    const weak = await person.client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'short' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.code, 'password_too_short');
    const after = await h.owner.query('SELECT password_hash FROM users WHERE email = $1', [person.email]);
    assert.deepEqual(after.rows, before.rows);
  });

  test('success ends every other session and keeps the current one', async () => {
    const person = await newUser(h, 'changer2@example.test');
    const other = await signedIn(h, person.email);
    const answer = await person.client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a fresh new passphrase' });
    assert.equal(answer.status, 204);
    await assertSignedOut(other);
    assert.equal((await person.client.get('/api/v1/me')).status, 200);
    assert.equal(await sessionsOf(person.email), 1);
    assert.equal((await new Client(h.app).post('/api/v1/auth/signin', { email: person.email, password: PASSWORD })).status, 401);
    assert.equal((await new Client(h.app).post('/api/v1/auth/signin', { email: person.email, password: 'a fresh new passphrase' })).status, 200);
  });
});

describe('ending sessions for someone else', () => {
  test("an administrator's revoke-sessions signs the member out everywhere", async () => {
    const member = world.alpha.people.member;
    const second = await signedIn(h, member.email);
    const admin = world.alpha.people.administrator.client;
    const answer = await admin.post(`/api/v1/i/alpha/members/${member.user.id}/revoke-sessions`);
    assert.equal(answer.status, 204);
    await assertSignedOut(member.client);
    await assertSignedOut(second);
    assert.equal(await sessionsOf(member.email), 0);
    assert.equal((await admin.get('/api/v1/me')).status, 200);
    member.client = await signedIn(h, member.email);
  });

  test("an administrator cannot end the sessions of another instance's member", async () => {
    const answer = await world.alpha.people.administrator.client.post(`/api/v1/i/alpha/members/${world.beta.people.member.user.id}/revoke-sessions`);
    assert.equal(answer.status, 404);
    assert.equal((await world.beta.people.member.client.get('/api/v1/me')).status, 200);
  });

  test('disabling an account ends all its sessions; sign-in then answers 403 account_disabled', async () => {
    const guest = world.gamma.people.guest;
    const second = await signedIn(h, guest.email);
    await setAccountDisabled(h.s, guest.email, true);
    await assertSignedOut(guest.client);
    await assertSignedOut(second);
    assert.equal(await sessionsOf(guest.email), 0);
    const refused = await new Client(h.app).post('/api/v1/auth/signin', { email: guest.email, password: PASSWORD });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'account_disabled');
    assert.equal(refused.headers['set-cookie'], undefined);
    const wrong = await new Client(h.app).post('/api/v1/auth/signin', { email: guest.email, password: 'not the password' });
    assert.equal(wrong.status, 401, 'a wrong password does not reveal that the account is disabled');
    assert.equal(await sessionsOf(guest.email), 0);

    await setAccountDisabled(h.s, guest.email, false);
    assert.equal((await new Client(h.app).post('/api/v1/auth/signin', { email: guest.email, password: PASSWORD })).status, 200);
  });
});
