// Invitations end to end: the email through the real SMTP sink, the public
// preview, accepting as a new or an existing account, and every way a link
// stops working (used, addressed to someone else, revoked, expired, replaced,
// instance suspended).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { changeInstanceStatus } from '../../src/modules/instances/actions.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { linkIn } from '../support/smtp.ts';
import { buildWorld, PASSWORD, type Person, type World } from '../support/world.ts';

let h: Harness;
let world: World;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
});
after(() => h.close());

/** Invites `email` into `slug` as `by` and returns the invitation and the token from the email's link. */
async function invite(by: Person, slug: string, address: string, role = 'member'): Promise<{ id: string; token: string }> {
  const email = address.trim().toLowerCase();
  const mails = () => h.mail.received.filter((m) => m.to.includes(email));
  const before = mails().length;
  const answer = await by.client.post(`/api/v1/i/${slug}/invitations`, { email: address, role });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  assert.equal(answer.body.email, email);
  assert.equal(answer.body.status, 'pending');
  await h.mail.waitFor(email, () => mails().length > before);
  const link = linkIn(mails().at(-1)!);
  assert.equal(link.pathname, `/i/${slug}/join`);
  return { id: answer.body.id, token: link.searchParams.get('token')! };
}

const preview = (slug: string, token: string) => new Client(h.app).get(`/api/v1/i/${slug}/invitations/preview?token=${encodeURIComponent(token)}`);
const accept = (client: Client, slug: string, token: string) => client.post(`/api/v1/i/${slug}/invitations/accept`, { token });

async function signUp(email: string): Promise<Client> {
  const client = new Client(h.app);
  const answer = await client.post('/api/v1/auth/signup', { email, password: PASSWORD, displayName: 'Invitee' });
  assert.equal(answer.status, 201);
  return client;
}

function assertInvalid(answer: { status: number; body: any }): void {
  assert.equal(answer.status, 404, JSON.stringify(answer.body));
  assert.equal(answer.body.code, 'invitation_invalid');
}

async function roleIn(slug: string, email: string): Promise<string | undefined> {
  const { rows } = await h.owner.query<{ role: string }>(
    `SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id JOIN instances i ON i.id = m.instance_id
     WHERE i.slug = $1 AND u.email = $2`, [slug, email]);
  return rows[0]?.role;
}

describe('a new person joins through an invitation', () => {
  let token: string;
  let invitee: Client;

  test('the email carries a join link; only the token hash is stored', async () => {
    const admin = world.alpha.people.administrator;
    ({ token } = await invite(admin, 'alpha', 'Newbie@Example.test', 'guest'));
    const mail = h.mail.received.find((m) => m.to.includes('newbie@example.test'))!;
    assert.equal(mail.subject, 'alpha administrator invited you to join Instance alpha on Ruche');
    assert.equal(linkIn(mail).origin, 'http://localhost:3000');
    const { rows } = await h.owner.query<{ email: string; role: string }>('SELECT email, role FROM invitations WHERE token_hash = $1', [hashSecret(token)]);
    assert.deepEqual(rows, [{ email: 'newbie@example.test', role: 'guest' }]);
  });

  test('anyone holding the link sees what it is for; the token means nothing in another instance', async () => {
    const answer = await preview('alpha', token);
    assert.equal(answer.status, 200);
    assert.deepEqual({ ...answer.body, expiresAt: undefined },
      { instance: { name: 'Instance alpha', slug: 'alpha' }, email: 'newbie@example.test', role: 'guest', expiresAt: undefined });
    assertInvalid(await preview('beta', token));
    assertInvalid(await preview('alpha', 'x'.repeat(43)));
  });

  test('the invitee signs up with that address and accepts: a guest of alpha', async () => {
    invitee = await signUp(' NEWBIE@example.test');
    const answer = await accept(invitee, 'alpha', token);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.slug, 'alpha');
    assert.equal(answer.body.role, 'guest');
    assert.equal(await roleIn('alpha', 'newbie@example.test'), 'guest');
    const me = await invitee.get('/api/v1/me');
    assert.deepEqual(me.body.instances.map((i: any) => [i.slug, i.role]), [['alpha', 'guest']]);
    const list = await world.alpha.people.administrator.client.get('/api/v1/i/alpha/invitations');
    assert.equal(list.body.items.find((i: any) => i.email === 'newbie@example.test').status, 'accepted');
  });

  test('the link is single-use', async () => {
    assertInvalid(await accept(invitee, 'alpha', token));
    assertInvalid(await preview('alpha', token));
  });
});

describe('links that do not work', () => {
  test('someone else signed in cannot accept: 403 invitation_email_mismatch, and the link stays usable', async () => {
    const { token } = await invite(world.beta.people.owner, 'beta', 'intended@example.test');
    const intruder = await signUp('intruder@example.test');
    const answer = await accept(intruder, 'beta', token);
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'invitation_email_mismatch');
    assert.equal(await roleIn('beta', 'intruder@example.test'), undefined);
    assert.equal((await preview('beta', token)).status, 200);
    assert.equal((await accept(await signUp('intended@example.test'), 'beta', token)).status, 200);
  });

  test('a revoked invitation is refused', async () => {
    const admin = world.beta.people.administrator;
    const { id, token } = await invite(admin, 'beta', 'revoked@example.test');
    assert.equal((await admin.client.delete(`/api/v1/i/beta/invitations/${id}`)).status, 204);
    assertInvalid(await preview('beta', token));
    assertInvalid(await accept(await signUp('revoked@example.test'), 'beta', token));
    assert.equal(await roleIn('beta', 'revoked@example.test'), undefined);
    assert.equal((await admin.client.delete(`/api/v1/i/beta/invitations/${id}`)).status, 404, 'revoking twice');
  });

  test('an expired invitation is refused', async () => {
    const { id, token } = await invite(world.beta.people.administrator, 'beta', 'late@example.test');
    await h.owner.query("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    assertInvalid(await preview('beta', token));
    assertInvalid(await accept(await signUp('late@example.test'), 'beta', token));
    assert.equal(await roleIn('beta', 'late@example.test'), undefined);
  });

  test('inviting the same address again replaces the previous link', async () => {
    const admin = world.beta.people.administrator;
    const first = await invite(admin, 'beta', 'twice@example.test', 'guest');
    const second = await invite(admin, 'beta', 'twice@example.test', 'member');
    assert.notEqual(first.token, second.token);
    assertInvalid(await preview('beta', first.token));
    const client = await signUp('twice@example.test');
    assertInvalid(await accept(client, 'beta', first.token));
    assert.equal((await accept(client, 'beta', second.token)).body.role, 'member');
  });

  test('inviting an existing member: 409 already_member, no email', async () => {
    const before = h.mail.received.length;
    const answer = await world.alpha.people.administrator.client.post('/api/v1/i/alpha/invitations', { email: 'MEMBER@alpha.test', role: 'guest' });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.code, 'already_member');
    assert.equal(h.mail.received.length, before);
    assert.equal((await h.owner.query("SELECT 1 FROM invitations WHERE email = 'member@alpha.test'")).rowCount, 0);
  });

  test('in a suspended instance nobody can invite, and pending links stop working until it is reactivated', async () => {
    const { token } = await invite(world.gamma.people.owner, 'gamma', 'paused@example.test');
    await changeInstanceStatus(h.s, world.gamma.instance.id, 'suspended');
    const refused = await world.gamma.people.owner.client.post('/api/v1/i/gamma/invitations', { email: 'other@example.test', role: 'member' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'instance_suspended');
    assertInvalid(await preview('gamma', token));
    const client = await signUp('paused@example.test');
    assertInvalid(await accept(client, 'gamma', token));
    assert.equal(await roleIn('gamma', 'paused@example.test'), undefined);

    await changeInstanceStatus(h.s, world.gamma.instance.id, 'active');
    assert.equal((await accept(client, 'gamma', token)).status, 200);
  });
});

describe('an existing account joins a second instance', () => {
  test('one login, two instances', async () => {
    const person = world.beta.people.member;
    const { token } = await invite(world.alpha.people.owner, 'alpha', person.email, 'administrator');
    const answer = await accept(person.client, 'alpha', token);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.role, 'administrator');
    const me = await person.client.get('/api/v1/me');
    assert.deepEqual(me.body.instances.map((i: any) => [i.slug, i.role]).sort(), [['alpha', 'administrator'], ['beta', 'member']]);
    assert.equal((await person.client.get('/api/v1/i/alpha/members')).status, 200);
    assert.equal((await person.client.get('/api/v1/i/beta')).body.role, 'member');
  });
});
