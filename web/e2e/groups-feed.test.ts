// Groups and the feed in a real browser, with two people in two browser
// contexts: Alice creates an instance and invites Bob by email; Bob joins.
// Alice creates a private group and invites Bob by picking him; Bob accepts.
// Alice posts mentioning Bob; Bob sees the notification (the bell's count,
// then the list), opens the post and comments; Alice sees the comment and
// reacts; Bob sees the reaction and its count. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkIn } from '../../server/test/support/smtp.ts';
import { browserScene, signUpWithInstance } from './support/scene.ts';

const scene = browserScene('groups-feed');

test('a private group, an invitation, a post with a mention, a comment and a reaction', async () => {
  // Alice opens an instance and invites Bob, who joins from the email.
  const alice = await scene.person();
  await signUpWithInstance(alice, scene, { name: 'Alice Martin', email: 'alice@example.test', password: 'a strong enough passphrase' }, { name: 'Atelier', slug: 'atelier' });
  await alice.getByRole('link', { name: 'Admin' }).click();
  const invite = alice.getByRole('form', { name: 'Invite by email' });
  await invite.getByLabel('Email address').fill('bob@example.test');
  await invite.getByRole('button', { name: 'Send the invitation' }).click();
  await alice.getByText('An invitation has been sent to bob@example.test.').waitFor();

  const bob = await scene.person();
  await bob.goto(linkIn(await scene.ruche.mail.waitFor('bob@example.test')).toString());
  await bob.getByLabel('Display name').fill('Bob Durand');
  await bob.getByLabel('Password', { exact: true }).fill('another strong passphrase');
  await bob.getByRole('button', { name: 'Create my account' }).click();
  await bob.waitForURL(/\/i\/atelier\/feed/);

  // Alice creates a private group and invites Bob by picking him.
  await alice.getByRole('link', { name: 'Groups' }).click();
  await alice.getByRole('button', { name: 'Create a group' }).click();
  const dialog = alice.getByRole('dialog', { name: 'Create a group' });
  await dialog.getByLabel('Name').fill('Marketing');
  await dialog.getByLabel('Description').fill('Campaigns, launches and the brand.');
  await dialog.getByLabel('Private').check();
  await dialog.getByRole('button', { name: 'Create the group' }).click();
  await alice.getByRole('heading', { name: 'Marketing' }).waitFor();
  await alice.getByRole('navigation', { name: 'Group sections' }).getByRole('link', { name: 'Members' }).click();
  await alice.getByLabel('Member of the instance').selectOption({ label: 'Bob Durand (bob@example.test)' });
  await alice.getByRole('button', { name: 'Send the invitation' }).click();
  await alice.getByText('Bob Durand (bob@example.test) has been invited.', { exact: false }).waitFor();
  await scene.shot(alice, '1-invite');

  // Bob accepts from the groups page.
  await bob.getByRole('link', { name: 'Groups' }).click();
  await bob.getByTestId('group-card').getByText('Private').waitFor();
  await bob.getByRole('button', { name: 'Accept — Marketing' }).click();
  await bob.getByRole('button', { name: 'Leave the group — Marketing' }).waitFor();

  // Alice posts, mentioning Bob through the suggestions.
  await alice.getByRole('navigation', { name: 'Group sections' }).getByRole('link', { name: 'Posts' }).click();
  const composer = alice.getByRole('textbox', { name: 'Write a post' });
  await composer.click();
  await composer.pressSequentially('Hello @Bo');
  await alice.getByRole('option', { name: 'Bob Durand' }).waitFor();
  await composer.press('Enter');
  await composer.pressSequentially('can you review the **launch plan**?');
  await alice.getByText('Mentioning: Bob Durand').waitFor();
  await alice.getByRole('button', { name: 'Publish' }).click();
  const alicePost = alice.getByTestId('post');
  await alicePost.getByRole('link', { name: '@Bob Durand' }).waitFor();
  await scene.shot(alice, '2-post');
  const users = await scene.ruche.owner.query("SELECT id FROM users WHERE email = 'bob@example.test'");
  const stored = await scene.ruche.owner.query('SELECT body FROM posts');
  assert.equal(stored.rows[0].body, `Hello <@${users.rows[0].id}> can you review the **launch plan**?`);

  // Bob sees the count on the bell, then the sentence in its list.
  await bob.reload();
  const count = bob.getByTestId('notification-count');
  await count.waitFor();
  assert.ok(Number(await count.textContent()) >= 1, 'the bell counts unread notifications');
  await bob.getByRole('button', { name: /^Notifications: \d+ unread$/ }).click();
  const mention = bob.getByRole('link', { name: /Alice Martin mentioned you in Marketing/ });
  await mention.waitFor();
  await scene.shot(bob, '3-bell');
  await mention.click();
  await bob.waitForURL(/\/i\/atelier\/posts\//);
  await bob.getByTestId('post').getByText('launch plan').waitFor();
  await bob.getByRole('textbox', { name: 'Write a comment' }).fill('Yes, I will read it **today**.');
  await bob.getByRole('button', { name: 'Comment', exact: true }).click();
  await bob.getByTestId('comment').getByText('today').waitFor();
  await scene.shot(bob, '4-comment');
  const read = await scene.ruche.owner.query("SELECT read_at FROM notifications WHERE kind = 'mention'");
  assert.notEqual(read.rows[0].read_at, null, 'opening the notification marks it read');

  // Alice sees the comment and reacts.
  await alice.reload();
  await alice.getByRole('button', { name: '1 comment' }).click();
  await alice.getByTestId('comment').getByText('Yes, I will read it').waitFor();
  await alice.getByRole('button', { name: 'Add a reaction' }).click();
  await alice.getByRole('button', { name: 'Like', exact: true }).click();
  const aliceLike = alice.getByRole('button', { name: 'Like: 1' });
  await aliceLike.waitFor();
  assert.equal(await aliceLike.getAttribute('aria-pressed'), 'true', 'my reaction is highlighted');
  await scene.shot(alice, '5-reaction');

  // Bob sees the reaction and its count after a reload.
  await bob.reload();
  const bobLike = bob.getByRole('button', { name: 'Like: 1' });
  await bobLike.waitFor();
  assert.equal(await bobLike.getAttribute('aria-pressed'), 'false', 'not Bob’s reaction');
  await scene.shot(bob, '6-reaction-seen');

  assert.deepEqual(scene.errors.filter((e) => !/401|Unauthorized/.test(e)), [], 'no errors in the browser consoles');
});
