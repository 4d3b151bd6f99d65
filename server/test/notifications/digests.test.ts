// Email digests through a real SMTP server: sent at the member's frequency,
// only for unread notifications, only to members not active in the period,
// in their language, with a working unsubscribe link; run by pg-boss.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startJobs } from '../../src/jobs/runner.ts';
import { sendDueDigests } from '../../src/modules/notifications/digests.ts';
import { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { linkIn, type ReceivedMail } from '../support/smtp.ts';
import { buildWorld, type World } from '../support/world.ts';

let h: Harness;
let world: World;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
});
after(() => h.close());


/** Alice (alpha's owner) mentions `who` in a profile post: one unread notification for them. */
async function mention(userId: string): Promise<void> {
  const post = await world.alpha.people.owner.client.post('/api/v1/i/alpha/posts', { body: `Hello <@${userId}>, see this` });
  assert.equal(post.status, 201);
}

/** Makes the member look away since `hoursAgo`: their sessions were last seen then. */
async function idleSince(userId: string, hoursAgo: number): Promise<void> {
  await h.owner.query(`UPDATE sessions SET last_seen_at = now() - make_interval(hours => $2) WHERE user_id = $1`, [userId, hoursAgo]);
}

async function setDigest(client: Client, digest: string): Promise<void> {
  assert.equal((await client.request('PUT', '/api/v1/i/alpha/notification-settings', { digest })).status, 200);
}

function mailsTo(email: string): ReceivedMail[] {
  return h.mail.received.filter((m) => m.to.includes(email));
}

describe('who gets a digest', () => {
  test('an idle member with an unread mention gets one daily digest in their language, once', async () => {
    const bob = world.alpha.people.member;
    await bob.client.patch('/api/v1/me', { locale: 'fr' });
    await mention(bob.user.id);
    await idleSince(bob.user.id, 30);
    assert.ok(await sendDueDigests(h.s) >= 1);
    const mail = await h.mail.waitFor(bob.email);
    assert.match(mail.subject, /1 notification non lue dans Instance alpha/);
    assert.match(mail.text, /alpha owner vous a mentionné/);
    assert.equal(linkIn(mail).pathname, '/i/alpha/notifications');
    const { rows } = await h.owner.query('SELECT digest_sent_at FROM memberships WHERE user_id = $1', [bob.user.id]);
    assert.ok(rows[0].digest_sent_at, 'digest_sent_at is recorded');
    await sendDueDigests(h.s);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(mailsTo(bob.email).length, 1, 'not sent twice within the period');
  });

  test('nothing for members active in the period, for read notifications, nor with digests off', async () => {
    const { administrator, guest } = world.alpha.people;
    await mention(administrator.user.id);
    await idleSince(administrator.user.id, 2); // active 2 hours ago: within a daily period
    await setDigest(guest.client, 'never');
    await mention(guest.user.id);
    await idleSince(guest.user.id, 30);
    await sendDueDigests(h.s);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(mailsTo(administrator.email).length, 0, 'active within the period');
    assert.equal(mailsTo(guest.email).length, 0, 'digests off');
  });

  test('read notifications are not sent; hourly digests use a one-hour period', async () => {
    const { email, user, client } = world.beta.people.member;
    const betaOwner = world.beta.people.owner.client;
    await client.request('PUT', '/api/v1/i/beta/notification-settings', { digest: 'hourly' });
    const first = await betaOwner.post('/api/v1/i/beta/posts', { body: `<@${user.id}> first` });
    assert.equal(first.status, 201);
    const read = await client.post('/api/v1/i/beta/notifications/read', { all: true });
    assert.equal(read.status, 200);
    await idleSince(user.id, 2);
    await sendDueDigests(h.s);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(mailsTo(email).length, 0, 'everything was read');
    await betaOwner.post('/api/v1/i/beta/posts', { body: `<@${user.id}> second` });
    await idleSince(user.id, 2);
    await sendDueDigests(h.s, new Date(Date.now() + 1000));
    const mail = await h.mail.waitFor(email);
    assert.match(mail.subject, /1 unread notification in Instance beta/);
    assert.doesNotMatch(mail.text, /first/);
  });
});

describe('unsubscribing', () => {
  test('the link from the digest switches digests off; a wrong or foreign token is refused', async () => {
    const bob = world.alpha.people.member;
    const mail = mailsTo(bob.email)[0]!;
    const link = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0])).find((u) => u.pathname.endsWith('/unsubscribe'))!;
    assert.equal(link.pathname, '/i/alpha/unsubscribe');
    const token = link.searchParams.get('token')!;
    const anonymous = new Client(h.app);
    assert.equal((await anonymous.post('/api/v1/i/beta/unsubscribe', { token })).status, 404, "alpha's token does nothing in beta");
    assert.equal((await anonymous.post('/api/v1/i/alpha/unsubscribe', { token: 'f'.repeat(64) })).status, 404);
    assert.equal((await anonymous.post('/api/v1/i/alpha/unsubscribe', { token })).status, 204);
    const { rows } = await h.owner.query("SELECT m.digest FROM memberships m JOIN instances i ON i.id = m.instance_id WHERE i.slug = 'alpha' AND m.user_id = $1", [bob.user.id]);
    assert.equal(rows[0].digest, 'never');
  });
});

describe('the job runner', () => {
  test('pg-boss runs the digest job and the email goes out', async () => {
    const { email, user } = world.gamma.people.member;
    await world.gamma.people.owner.client.post('/api/v1/i/gamma/posts', { body: `<@${user.id}> from the runner` });
    await idleSince(user.id, 30);
    const jobs = await startJobs(h.db.ownerUrl, h.s);
    try {
      await jobs.runDigestsNow();
      const mail = await h.mail.waitFor(email, (m) => /Instance gamma/.test(m.subject));
      assert.match(mail.text, /mentioned you/);
    } finally {
      await jobs.stop();
    }
  });
});
