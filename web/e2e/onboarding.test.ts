// The first day of an organisation on Ruche, in a real browser: Alice signs
// up and creates an instance, invites Bob by email; Bob follows the link from
// the email, creates his account and joins, switches the interface to
// French, and signs out. Screenshots go to test-results/ for a human to look at.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkIn } from '../../server/test/support/smtp.ts';
import { browserScene } from './support/scene.ts';

const scene = browserScene('onboarding');

test('sign up, create an instance, invite a colleague who joins, switch language, sign out', async () => {
  const alice = await scene.person();

  await alice.goto(`${scene.ruche.url}/sign-up`);
  await alice.getByLabel('Display name').fill('Alice Martin');
  await alice.getByLabel('Email address').fill('alice@example.test');
  await alice.getByLabel('Password', { exact: true }).fill('a strong enough passphrase');
  await alice.getByRole('button', { name: 'Create my account' }).click();

  await alice.getByLabel('Instance name').fill('Équipe Nord');
  await alice.getByLabel('Address').fill('equipe-nord');
  await alice.getByRole('button', { name: 'Create the instance' }).click();
  await alice.waitForURL(/\/i\/equipe-nord/);
  await alice.getByRole('link', { name: 'Admin' }).click();
  await alice.waitForURL(/\/i\/equipe-nord\/admin/);

  const invite = alice.getByRole('form', { name: 'Invite by email' });
  await invite.getByLabel('Email address').fill('bob@example.test');
  await invite.getByRole('button', { name: 'Send the invitation' }).click();
  await alice.getByText('An invitation has been sent to bob@example.test.').waitFor();
  await scene.shot(alice, '1-admin');

  const email = await scene.ruche.mail.waitFor('bob@example.test');
  assert.match(email.subject, /Alice Martin invited you to join Équipe Nord/);
  const link = linkIn(email);
  assert.equal(link.pathname, '/i/equipe-nord/join');

  const bob = await scene.person();
  await bob.goto(link.toString());
  await bob.getByTestId('invitation-preview').getByText('bob@example.test').waitFor();
  await scene.shot(bob, '2-join');
  await bob.getByLabel('Display name').fill('Bob Durand');
  await bob.getByLabel('Password', { exact: true }).fill('another strong passphrase');
  await bob.getByRole('button', { name: 'Create my account' }).click();
  await bob.waitForURL(/\/i\/equipe-nord\/feed/);
  await bob.getByRole('link', { name: 'Feed' }).waitFor();

  await bob.getByLabel('Interface language').selectOption('fr');
  await bob.getByRole('link', { name: 'Fil d’actualité' }).waitFor();
  assert.equal(await bob.getAttribute('html', 'lang'), 'fr');
  await scene.shot(bob, '3-french');
  const saved = await scene.ruche.owner.query('SELECT locale FROM users WHERE email = $1', ['bob@example.test']);
  assert.equal(saved.rows[0].locale, 'fr', 'the language choice is saved to the account');

  await bob.getByRole('button', { name: /Bob Durand/ }).click();
  await bob.getByRole('button', { name: 'Se déconnecter' }).click();
  await bob.waitForURL(/\/sign-in/);
  const me = await bob.request.get(`${scene.ruche.url}/api/v1/me`);
  assert.equal(me.status(), 401, 'signed out for real, not only in the page');

  await alice.reload();
  await alice.getByTestId('members-table').getByText('bob@example.test').waitFor();
  const membership = await scene.ruche.owner.query(
    "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id JOIN instances i ON i.id = m.instance_id WHERE u.email = 'bob@example.test' AND i.slug = 'equipe-nord'");
  assert.equal(membership.rows[0].role, 'member');
  assert.deepEqual(scene.errors.filter((e) => !/401|Unauthorized/.test(e)), [], 'no errors in the browser consoles');
});
