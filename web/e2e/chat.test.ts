// Chat in a real browser, two people in two browser contexts. Alice starts a
// direct conversation with Bob; Bob sees it arrive and the message in it
// without reloading, sees Alice typing, and answers. Bob's browser goes
// offline; Alice sends two messages; back online, Bob's page reconnects by
// itself and shows both, once each, in order, and Alice sees "Seen". Then a
// reaction, an edit, a deletion and a thread reply, all live. Last, a
// group's chat room opened from its page. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, PASSWORD, signIn } from './support/accounts.ts';
import { browserScene, signUpWithInstance } from './support/scene.ts';

const scene = browserScene('chat');

/** The text of every message of the open conversation's timeline (not its thread), in order. */
async function timeline(page: Page): Promise<string[]> {
  const texts = await page.getByRole('list', { name: /^Messages with / }).getByTestId('message').locator('.message-body, .message-deleted').allTextContents();
  return texts.map((text) => text.trim());
}

/** Sends from the composer and waits until the server confirmed it (no longer pending). */
/** A server error names its request, so a failure says which one. */
function reportServerErrors(...pages: Page[]): void {
  for (const page of pages) {
    page.on('response', (response) => {
      if (response.status() >= 500) scene.errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
  }
}

async function userId(email: string): Promise<string> {
  const found = await scene.ruche.owner.query('SELECT id FROM users WHERE email = $1', [email]);
  return found.rows[0].id;
}

async function send(page: Page, text: string, shown = text): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Write a message' });
  await box.fill(text);
  await box.press('Enter');
  await page.getByTestId('message').filter({ hasText: shown }).waitFor();
}

test('a direct conversation, live, across a lost connection', async () => {
  const alice = await scene.person();
  await signUpWithInstance(alice, scene, { name: 'Alice Martin', email: 'alice@example.test', password: PASSWORD }, { name: 'Causerie', slug: 'causerie' });
  await alice.getByRole('link', { name: 'Admin' }).click();
  await createAccount(alice, { name: 'Bob Durand', email: 'bob@example.test' });

  const bob = await scene.person();
  reportServerErrors(alice, bob);
  await signIn(bob, scene, 'bob@example.test', '/i/causerie/chat');
  await bob.getByText('No conversations yet.', { exact: false }).waitFor();
  await scene.shot(bob, '1-empty');

  // Alice starts the conversation from the directory and writes.
  await alice.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Chat' }).click();
  await alice.getByRole('button', { name: 'New conversation' }).click();
  const dialog = alice.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByLabel('Find people').fill('Bob');
  await dialog.getByRole('button', { name: /Bob Durand/ }).click();
  await dialog.getByRole('listitem').filter({ hasText: 'Bob Durand' }).getByRole('button', { name: 'Remove Bob Durand' }).waitFor();
  await scene.shot(alice, '2-new-conversation');
  await dialog.getByRole('button', { name: 'Start the conversation' }).click();
  await alice.waitForURL(/\/i\/causerie\/chat\/[0-9a-f-]{36}$/);
  await alice.getByRole('heading', { name: 'Bob Durand' }).waitFor();
  await send(alice, 'Hello Bob, do you have a minute for the **launch plan**?', 'do you have a minute for the launch plan?');

  // Bob sees the conversation arrive, unread, without reloading, then opens it.
  const item = bob.getByTestId('conversation-item').filter({ hasText: 'Alice Martin' });
  await item.getByText('do you have a minute').waitFor();
  await item.getByTestId('unread-count').getByText('1', { exact: true }).waitFor();
  await bob.getByTestId('chat-unread').waitFor();
  await scene.shot(bob, '3-arrived');
  await item.click();
  await bob.getByTestId('message').filter({ hasText: 'launch plan' }).waitFor();
  await bob.getByTestId('chat-unread').waitFor({ state: 'detached' });

  // Alice types; Bob sees it; Bob answers and Alice sees the answer.
  await alice.getByRole('textbox', { name: 'Write a message' }).pressSequentially('Also', { delay: 50 });
  await bob.getByTestId('typing-indicator').getByText('Alice Martin is typing…').waitFor();
  await scene.shot(bob, '4-typing');
  await alice.getByRole('textbox', { name: 'Write a message' }).fill('');
  // Bob answers on two lines (Shift+Enter), mentioning Alice through the suggestions.
  const bobBox = bob.getByRole('textbox', { name: 'Write a message' });
  await bobBox.pressSequentially('Sure @Al');
  await bob.getByRole('option', { name: 'Alice Martin' }).waitFor();
  await bobBox.press('Enter');
  await bob.getByText('Mentioning: Alice Martin').waitFor();
  await bobBox.pressSequentially('give me five minutes.');
  await bobBox.press('Shift+Enter');
  await bobBox.pressSequentially('Then I am all yours.');
  await bobBox.press('Enter');
  const answer = alice.getByTestId('message').filter({ hasText: 'give me five minutes' });
  await answer.getByRole('link', { name: '@Alice Martin' }).waitFor();
  assert.equal(await answer.locator('.message-body br').count(), 1, 'Shift+Enter made a new line');

  // Bob's browser goes offline: the page notices, Alice writes twice meanwhile.
  await bob.context().setOffline(true);
  await bob.getByTestId('connection-notice').waitFor();
  await send(alice, 'First while you were away');
  await send(alice, 'Second while you were away');
  await scene.shot(bob, '5-offline');
  assert.ok(!(await timeline(bob)).some((text) => text.includes('while you were away')), 'nothing reaches an offline page');

  // Back online: both messages appear, once each, in order, without a reload.
  await bob.context().setOffline(false);
  await bob.getByTestId('message').filter({ hasText: 'Second while you were away' }).waitFor();
  await bob.getByTestId('connection-notice').waitFor({ state: 'detached' });
  const seen = await timeline(bob);
  assert.deepEqual(seen.filter((text) => text.includes('while you were away')), ['First while you were away', 'Second while you were away']);
  assert.deepEqual(seen, [
    'Hello Bob, do you have a minute for the launch plan?',
    'Sure @Alice Martin give me five minutes.\nThen I am all yours.',
    'First while you were away',
    'Second while you were away',
  ]);
  await scene.shot(bob, '6-recovered');
  await bob.getByTestId('chat-unread').waitFor({ state: 'detached' });

  // Bob has read them: Alice sees it under her last message.
  await alice.getByTestId('read-receipt').getByText('Seen').waitFor();
  await scene.shot(alice, '7-seen');
  const stored = await scene.ruche.owner.query("SELECT count(*)::int AS n FROM messages WHERE body LIKE '%while you were away'");
  assert.equal(stored.rows[0].n, 2, 'each message stored once');

  // Bob reacts; Alice sees the reaction live.
  const bobSecond = bob.getByTestId('message').filter({ hasText: 'Second while you were away' });
  await bobSecond.hover();
  await bobSecond.getByRole('button', { name: 'Add a reaction' }).click();
  await bobSecond.getByRole('button', { name: 'Like', exact: true }).click();
  await bobSecond.getByRole('button', { name: 'Like: 1' }).waitFor();
  const aliceLike = alice.getByTestId('message').filter({ hasText: 'Second while you were away' }).getByRole('button', { name: 'Like: 1' });
  await aliceLike.waitFor();
  assert.equal(await aliceLike.getAttribute('aria-pressed'), 'false', 'not Alice’s reaction');

  // Alice edits one message and deletes the other; Bob sees both changes live.
  const aliceFirst = alice.getByTestId('message').filter({ hasText: 'First while you were away' });
  await aliceFirst.hover();
  await aliceFirst.getByRole('button', { name: 'Edit' }).click();
  const edit = alice.getByRole('textbox', { name: 'Edit the message' });
  await edit.fill('First, while you were away (fixed)');
  await edit.press('Enter');
  await bob.getByTestId('message').filter({ hasText: 'First, while you were away (fixed)' }).getByText('(edited)').waitFor();
  const aliceSecond = alice.getByTestId('message').filter({ hasText: 'Second while you were away' });
  await aliceSecond.hover();
  await aliceSecond.getByRole('button', { name: 'Delete' }).click();
  await aliceSecond.getByRole('button', { name: 'Delete this message?' }).click();
  await bob.getByTestId('message').filter({ hasText: 'Message deleted' }).waitFor();
  assert.ok(!(await timeline(bob)).some((text) => text.includes('Second while you were away')), 'the deleted text is gone');

  // Bob answers in a thread; Alice sees the reply count, then the reply.
  const bobFirst = bob.getByTestId('message').filter({ hasText: 'launch plan' });
  await bobFirst.hover();
  await bobFirst.getByRole('button', { name: 'Reply in thread' }).click();
  const thread = bob.getByTestId('thread-panel');
  await thread.getByRole('textbox', { name: 'Reply in the thread' }).fill('The plan looks good to me.');
  await thread.getByRole('textbox', { name: 'Reply in the thread' }).press('Enter');
  await thread.getByTestId('message').filter({ hasText: 'The plan looks good to me.' }).waitFor();
  await scene.shot(bob, '8-thread');
  await alice.getByRole('button', { name: /^1 reply/ }).click();
  await alice.getByTestId('thread-panel').getByTestId('message').filter({ hasText: 'The plan looks good to me.' }).waitFor();
  assert.ok(!(await timeline(alice)).some((text) => text.includes('looks good')), 'replies stay in their thread');
  await scene.shot(alice, '9-thread-seen');

  // A mention in the feed reaches Bob's bell at once, while he stays in chat.
  await alice.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Feed' }).click();
  const composer = alice.getByRole('textbox', { name: 'Write a post' });
  await composer.click();
  await composer.pressSequentially('Thanks @Bo');
  await alice.getByRole('option', { name: 'Bob Durand' }).click();
  await alice.getByRole('button', { name: 'Publish' }).click();
  await alice.getByTestId('post').waitFor();
  await bob.getByTestId('notification-count').getByText('1', { exact: true }).waitFor({ timeout: 10_000 });

  // Bob's tab is hidden: a new message is a desktop notification and stays
  // unread; shown again, the conversation is read.
  await bob.context().grantPermissions(['notifications'], { origin: scene.ruche.url });
  await bob.evaluate(() => {
    const notes: { title: string; body: string }[] = [];
    const Real = window.Notification;
    const Spy = function (title: string, options?: NotificationOptions) {
      notes.push({ title, body: options?.body ?? '' });
      return new Real(title, options);
    };
    Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
    Object.assign(window, { Notification: Spy, notes });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await alice.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Chat' }).click();
  await alice.getByTestId('conversation-item').filter({ hasText: 'Bob Durand' }).click();
  await send(alice, 'Are you there, <@' + (await userId('bob@example.test')) + '>?', 'Are you there, @Bob Durand?');
  await bob.getByTestId('conversation-item').getByTestId('unread-count').getByText('1', { exact: true }).waitFor();
  await bob.getByTestId('conversation-item').getByText('@1').waitFor();
  assert.deepEqual(await bob.evaluate(() => (window as unknown as { notes: unknown[] }).notes), [{ title: 'Alice Martin', body: 'Are you there, @Bob Durand?' }]);
  await bob.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await bob.getByTestId('conversation-item').getByTestId('unread-count').waitFor({ state: 'detached' });

  // The same conversation in French, on a phone-sized screen.
  await bob.getByLabel('Interface language').selectOption('fr');
  await bob.getByRole('heading', { name: 'Fil de discussion' }).waitFor();
  await bob.getByTestId('message').getByText('Message supprimé').waitFor();
  await scene.shot(bob, '10-french');
  await bob.setViewportSize({ width: 390, height: 760 });
  await bob.getByRole('button', { name: 'Fermer' }).click();
  await scene.shot(bob, '11-phone');

  assert.deepEqual(scene.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|401|Unauthorized/.test(e)), [], 'no errors in the browser consoles');
});

test('a group’s chat room, opened from the group page', async () => {
  const carol = await scene.person();
  await signUpWithInstance(carol, scene, { name: 'Carol Petit', email: 'carol@example.test', password: PASSWORD }, { name: 'Salon', slug: 'salon' });
  await carol.getByRole('link', { name: 'Groups' }).click();
  await carol.getByRole('button', { name: 'Create a group' }).click();
  const dialog = carol.getByRole('dialog', { name: 'Create a group' });
  await dialog.getByLabel('Name').fill('Design');
  await dialog.getByRole('button', { name: 'Create the group' }).click();
  await carol.getByRole('heading', { name: 'Design' }).waitFor();
  await carol.getByRole('button', { name: 'Open the chat' }).click();
  await carol.waitForURL(/\/i\/salon\/chat\/[0-9a-f-]{36}$/);
  await carol.getByRole('heading', { name: 'Design' }).waitFor();
  await carol.getByRole('link', { name: 'Chat room of Design' }).waitFor();
  await send(carol, 'Welcome to the design room');
  await carol.getByTestId('conversation-item').filter({ hasText: 'You: Welcome to the design room' }).waitFor();
  await scene.shot(carol, '12-room');

  // Archived, the group keeps its room's history, which takes no new messages.
  await carol.getByRole('link', { name: 'Chat room of Design' }).click();
  await carol.getByRole('navigation', { name: 'Group sections' }).getByRole('link', { name: 'Settings' }).click();
  await carol.getByRole('button', { name: 'Archive the group' }).click();
  await carol.getByText('This group is archived', { exact: false }).first().waitFor();
  await carol.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Chat' }).click();
  await carol.getByTestId('conversation-item').filter({ hasText: 'Design' }).click();
  await carol.getByText('This group is archived: its chat room keeps its history but takes no new messages.').waitFor();
  await carol.getByTestId('message').filter({ hasText: 'Welcome to the design room' }).waitFor();
  assert.equal(await carol.getByRole('textbox', { name: 'Write a message' }).count(), 0, 'no composer in an archived room');
});

test('too far behind after a reconnect: the conversation is read again over HTTP', async () => {
  const dana = await scene.person();
  await signUpWithInstance(dana, scene, { name: 'Dana Roux', email: 'dana@example.test', password: PASSWORD }, { name: 'Rattrapage', slug: 'rattrapage' });
  await dana.getByRole('link', { name: 'Admin' }).click();
  await createAccount(dana, { name: 'Eli Blanc', email: 'eli@example.test' });
  const eli = await scene.person();
  await signIn(eli, scene, 'eli@example.test', '/i/rattrapage/chat');

  await dana.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Chat' }).click();
  await dana.getByRole('button', { name: 'New conversation' }).click();
  const dialog = dana.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('button', { name: /Eli Blanc/ }).click();
  await dialog.getByRole('button', { name: 'Start the conversation' }).click();
  await send(dana, 'Before the gap');
  await eli.getByTestId('conversation-item').filter({ hasText: 'Dana Roux' }).click();
  await eli.getByTestId('message').filter({ hasText: 'Before the gap' }).waitFor();

  // More missed events than the server replays: it tells the page to reload.
  const realtime = scene.ruche.s.config.realtime;
  const limit = realtime.recoveryLimit;
  realtime.recoveryLimit = 10;
  try {
    await eli.context().setOffline(true);
    await eli.getByTestId('connection-notice').waitFor();
    const box = dana.getByRole('textbox', { name: 'Write a message' });
    const gap = Array.from({ length: 12 }, (_, i) => `Gap message ${i + 1}`);
    for (const text of gap) {
      await box.fill(text);
      await box.press('Enter');
    }
    await dana.getByTestId('message').filter({ hasText: 'Gap message 12' }).waitFor();
    await dana.getByTestId('pending-message').first().waitFor({ state: 'detached' });

    const reloads: string[] = [];
    eli.on('request', (request) => {
      if (/\/messages\?limit=\d+$/.test(request.url())) reloads.push(request.url());
    });
    await eli.context().setOffline(false);
    await eli.getByTestId('message').filter({ hasText: 'Gap message 12' }).waitFor();
    await eli.getByTestId('connection-notice').waitFor({ state: 'detached' });
    assert.deepEqual(await timeline(eli), ['Before the gap', ...gap]);
    assert.ok(reloads.length >= 1, 'the latest page was read again after the reset');
    // Shown, hence read: the counts clear.
    await eli.getByTestId('conversation-item').getByTestId('unread-count').waitFor({ state: 'detached' });
    await eli.getByTestId('chat-unread').waitFor({ state: 'detached' });
    await scene.shot(eli, '13-after-reset');
  } finally {
    realtime.recoveryLimit = limit;
  }

  // A longer history: the latest page first, earlier ones when scrolled up.
  const box = dana.getByRole('textbox', { name: 'Write a message' });
  const more = Array.from({ length: 40 }, (_, i) => `Later message ${i + 1}`);
  for (const text of more) {
    await box.fill(text);
    await box.press('Enter');
  }
  await eli.getByTestId('message').filter({ hasText: 'Later message 40' }).waitFor();
  await dana.getByTestId('pending-message').first().waitFor({ state: 'detached' });
  await eli.reload();
  await eli.getByTestId('message').filter({ hasText: 'Later message 40' }).waitFor();
  assert.equal((await timeline(eli)).length, 50, 'one page of history at first');
  await eli.getByRole('list', { name: /^Messages with / }).getByTestId('message').first().scrollIntoViewIfNeeded();
  await eli.getByTestId('message').filter({ hasText: 'Before the gap' }).waitFor();
  await eli.getByText('This is the beginning of your conversation with Dana Roux.').waitFor();
  assert.deepEqual(await timeline(eli), ['Before the gap', ...Array.from({ length: 12 }, (_, i) => `Gap message ${i + 1}`), ...more]);
  await scene.shot(eli, '14-history');
  await eli.getByRole('button', { name: /Jump to latest/ }).click();
  await eli.getByRole('button', { name: /Jump to latest/ }).waitFor({ state: 'detached' });
  await eli.getByTestId('chat-unread').waitFor({ state: 'detached', timeout: 5000 });
});
