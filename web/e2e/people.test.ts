// People in a real browser: Alice (administrator) defines a required choice
// field "Team" and creates accounts for Bob and Carol. Bob is asked to
// complete his profile, uploads a picture and fills in his job title,
// department and team. Carol finds him in the directory by department and by
// part of his name, opens his profile, sees his fields and his picture, and
// follows him; she mentions him in a post although they share no group, and
// his name on the post leads to his profile. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserScene, signUpWithInstance } from './support/scene.ts';
import sharp from 'sharp';

const scene = browserScene('people');

async function signIn(page: Page, email: string, next: string): Promise<void> {
  await page.goto(`${scene.ruche.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('a strong enough passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

test('a custom field, a completed profile with a picture, found in the directory, followed and mentioned', async () => {
  // Alice opens an instance, creates Bob's and Carol's accounts and defines a field.
  const alice = await scene.person();
  await signUpWithInstance(alice, scene, { name: 'Alice Martin', email: 'alice@example.test', password: 'a strong enough passphrase' }, { name: 'Fabrique', slug: 'fabrique' });
  await alice.getByRole('link', { name: 'Admin' }).click();
  const accounts = alice.getByRole('form', { name: 'Create an account' });
  for (const [email, name] of [['bob@example.test', 'Bob Durand'], ['carol@example.test', 'Carol Petit']] as const) {
    await accounts.getByLabel('Email address').fill(email);
    await accounts.getByLabel('Display name').fill(name);
    await accounts.getByLabel('Initial password').fill('a strong enough passphrase');
    await accounts.getByRole('button', { name: 'Create the account' }).click();
    await alice.getByText(`The account of ${email} has been created.`).waitFor();
  }

  const define = alice.getByRole('form', { name: 'Add the field' });
  await define.getByLabel('Label').fill('Team');
  await define.getByLabel('Type').selectOption({ label: 'Choice from a list' });
  await define.getByLabel('Choices').fill('Platform\nMobile\n\nData\n');
  await define.getByLabel('Required').check();
  await define.getByRole('button', { name: 'Add the field' }).click();
  const fieldsTable = alice.getByTestId('profile-fields-table');
  await fieldsTable.getByRole('rowheader', { name: 'Team' }).waitFor();
  await fieldsTable.getByText('Platform, Mobile, Data').waitFor();
  await scene.shot(alice, '1-fields');

  // Bob is asked to complete his profile, and does, with a picture.
  const bob = await scene.person();
  await signIn(bob, 'bob@example.test', '/i/fabrique/people');
  await bob.getByRole('link', { name: 'My profile' }).click();
  await bob.getByTestId('missing-fields').getByText('These required fields are empty: Team.').waitFor();
  await bob.getByRole('button', { name: 'Fill them in' }).click();
  const picture = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#1d6fa5' } }).png().toBuffer();
  await bob.getByLabel('Choose a picture').setInputFiles({ name: 'bob.png', mimeType: 'image/png', buffer: picture });
  await bob.getByRole('img', { name: 'Preview of the new picture' }).waitFor();
  await bob.getByRole('button', { name: 'Use this picture' }).click();
  await bob.getByText('The picture has been updated.').waitFor();
  await bob.getByLabel('Job title').fill('Site reliability engineer');
  await bob.getByLabel('Department').fill('Engineering');
  await bob.getByLabel('Location').fill('Lyon');
  await bob.getByLabel('Team (required)').selectOption('Platform');
  await scene.shot(bob, '2-edit');
  await bob.getByRole('button', { name: 'Save', exact: true }).click();
  await bob.getByText('The profile has been saved.').waitFor();
  assert.equal(await bob.getByTestId('missing-fields').count(), 0, 'nothing required is missing any more');
  await scene.shot(bob, '3-profile');

  // Carol finds Bob by department, then by part of his name.
  const carol = await scene.person();
  await signIn(carol, 'carol@example.test', '/i/fabrique/people');
  await carol.getByTestId('person-card').first().waitFor();
  assert.equal(await carol.getByTestId('person-card').count(), 3, 'everyone is listed at first');
  await carol.getByLabel('Department').fill('engineering');
  await carol.waitForURL(/department=engineering/);
  await carol.getByTestId('person-card').filter({ hasText: 'Bob Durand' }).waitFor();
  await carol.waitForFunction(() => document.querySelectorAll('[data-testid="person-card"]').length === 1);
  await scene.shot(carol, '4-by-department');
  await carol.getByRole('button', { name: 'Clear the search' }).click();
  await carol.waitForFunction(() => document.querySelectorAll('[data-testid="person-card"]').length === 3);
  await carol.getByLabel('Search', { exact: true }).fill('uran');
  await carol.waitForURL(/q=uran/);
  await carol.waitForFunction(() => document.querySelectorAll('[data-testid="person-card"]').length === 1);
  const card = carol.getByTestId('person-card');
  await card.getByText('Site reliability engineer').waitFor();
  await card.getByText('Engineering · Lyon').waitFor();

  // Bob's profile: fields, picture, follow.
  await card.getByRole('link', { name: 'Bob Durand' }).click();
  await carol.waitForURL(/\/i\/fabrique\/people\/[0-9a-f-]{36}$/);
  await carol.getByRole('heading', { name: 'Bob Durand', level: 1 }).waitFor();
  const details = carol.getByTestId('profile-details');
  await details.getByText('Team').waitFor();
  await details.getByText('Platform').waitFor();
  await details.getByText('bob@example.test').waitFor();
  const avatar = carol.getByRole('img', { name: 'Picture of Bob Durand' });
  await avatar.waitFor();
  await carol.waitForFunction(() => {
    const image = document.querySelector<HTMLImageElement>('img[alt="Picture of Bob Durand"]');
    return image !== null && image.complete && image.naturalWidth > 0;
  });
  assert.equal(await avatar.evaluate((image: HTMLImageElement) => image.naturalWidth), 256, 'the stored picture is 256 pixels wide');
  assert.equal(await carol.getByRole('button', { name: 'Edit the profile' }).count(), 0, 'only Bob and administrators edit it');
  await carol.getByRole('button', { name: 'Follow' }).click();
  await carol.getByRole('button', { name: 'Unfollow' }).waitFor();
  await carol.getByText('You follow Bob Durand: their posts appear in your feed.').waitFor();
  await scene.shot(carol, '5-followed');
  const follows = await scene.ruche.owner.query(
    `SELECT count(*)::int AS n FROM follows f JOIN users a ON a.id = f.follower_id JOIN users b ON b.id = f.followed_id
     WHERE a.email = 'carol@example.test' AND b.email = 'bob@example.test'`);
  assert.equal(follows.rows[0].n, 1, 'Carol follows Bob');

  // Carol mentions Bob, with whom she shares no group, then opens his profile from the post.
  await carol.getByRole('link', { name: 'Feed' }).click();
  const composer = carol.getByRole('textbox', { name: 'Write a post' });
  await composer.click();
  await composer.pressSequentially('Welcome @Bo');
  await carol.getByRole('option', { name: 'Bob Durand' }).waitFor();
  await composer.press('Enter');
  await composer.pressSequentially('to the Platform team!');
  await carol.getByRole('button', { name: 'Publish' }).click();
  const post = carol.getByTestId('post').first();
  await post.getByRole('link', { name: '@Bob Durand' }).waitFor();
  await post.getByRole('link', { name: 'Carol Petit' }).click();
  await carol.getByRole('heading', { name: 'Carol Petit', level: 1 }).waitFor();
  await carol.getByTestId('post').getByText('to the Platform team!').waitFor();

  assert.deepEqual(scene.errors.filter((e) => !/401|Unauthorized/.test(e)), [], 'no errors in the browser consoles');
});
