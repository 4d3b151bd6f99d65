// Jumping to a chat message from a search result, in a real browser. Alice
// seeds, through the API, a direct conversation with Bob of 150 messages,
// one word only in the 40th and a thread reply with another. Bob finds the
// word with Ctrl+K and opens the hit: the conversation opens at the message,
// in view, highlighted for a moment and focused, far from the latest
// messages. A message Alice sends meanwhile does not land after the wrong
// one; scrolling up loads the older messages, scrolling down the newer ones
// until the latest, where the timeline is live again and sticks to the
// bottom. "Jump to latest", and sending, bring the latest messages from a
// jump, even when the latest page comes without what was just sent yet says
// that newer messages exist (a race the server's answers allow); a thread
// reply opens its thread. A deleted message, or one that does
// not exist, says so (in English and in French) and opens the latest
// messages. Last, a phone-sized screen. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, PASSWORD, signIn } from './support/accounts.ts';
import { browserScene, signUpWithInstance } from './support/scene.ts';

const scene = browserScene('chat-jump');
const SLUG = 'saut';
const COUNT = 150;
const TARGET = 40;
const targetText = `Message ${TARGET}: the quarterly xylophone budget`;
const bodyOf = (n: number) => (n === TARGET ? targetText : `Message ${n}`);

/** A server error names its request, so a failure says which one. */
function reportServerErrors(...pages: Page[]): void {
  for (const page of pages) {
    page.on('response', (response) => {
      if (response.status() >= 500) scene.errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
  }
}

/** Calls the API from the page, as the person signed in there; several calls in a row, in order. */
async function api<T>(page: Page, calls: { method: string; path: string; body?: unknown }[]): Promise<T[]> {
  return page.evaluate(async (calls) => {
    const { csrfToken } = await (await fetch('/api/v1/me')).json();
    const answers = [];
    for (const { method, path, body } of calls) {
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'x-csrf-token': csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      answers.push(text ? JSON.parse(text) : undefined);
    }
    return answers;
  }, calls);
}

async function userId(email: string): Promise<string> {
  const found = await scene.ruche.owner.query('SELECT id FROM users WHERE email = $1', [email]);
  return found.rows[0].id;
}

const timelineList = (page: Page) => page.getByRole('list', { name: /^Messages with / });

/** The text of every message of the timeline (not its thread), in order. */
async function timeline(page: Page): Promise<string[]> {
  const texts = await timelineList(page).getByTestId('message').locator('.message-body, .message-deleted').allTextContents();
  return texts.map((text) => text.trim());
}

/** Whether the element shows whole inside the timeline's scrolling area. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((element) => {
    const scroller = element.closest('.message-scroll');
    if (!scroller) return false;
    const box = element.getBoundingClientRect();
    const area = scroller.getBoundingClientRect();
    return box.top >= area.top - 1 && box.bottom <= area.bottom + 1;
  });
}

/** The number of the first message whose top shows in the timeline's scrolling area. */
async function firstShown(page: Page): Promise<number> {
  return page.locator('.conversation-column .message-scroll').evaluate((scroller) => {
    const top = scroller.getBoundingClientRect().top;
    const first = [...scroller.querySelectorAll('.message-body')].find((body) => body.getBoundingClientRect().top >= top);
    return Number(/^Message (\d+)/.exec(first?.textContent ?? '')?.[1] ?? Number.NaN);
  });
}

async function distanceFromBottom(page: Page): Promise<number> {
  return page.locator('.conversation-column .message-scroll').evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
}

/** Opens the first message hit for `word` from the quick search. */
async function openFromPalette(page: Page, word: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Quick search' });
  await dialog.getByRole('combobox', { name: 'Search everything' }).fill(word);
  const hit = dialog.getByRole('listbox', { name: 'Results' }).getByRole('group', { name: 'Messages' }).getByRole('option').first();
  // The word itself highlighted: until the answer comes, the palette still shows the previous word's results.
  await hit.locator('mark', { hasText: new RegExp(word, 'i') }).first().waitFor();
  await hit.click();
  await dialog.waitFor({ state: 'hidden' });
}

test('a search result opens the conversation at the message, far from the latest ones', async () => {
  const alice = await scene.person();
  await signUpWithInstance(alice, scene, { name: 'Alice Martin', email: 'alice@example.test', password: PASSWORD }, { name: 'Saut', slug: SLUG });
  await alice.getByRole('link', { name: 'Admin' }).click();
  await createAccount(alice, { name: 'Bob Durand', email: 'bob@example.test' });
  const bob = await scene.person();
  reportServerErrors(alice, bob);
  const base = `/i/${SLUG}`;
  await signIn(bob, scene, 'bob@example.test', `${base}/chat`);

  // 150 messages, through the API; the 30th gets a thread reply.
  const [conversation] = await api<{ id: string }>(alice, [{ method: 'POST', path: `${base}/conversations`, body: { kind: 'direct', userId: await userId('bob@example.test') } }]);
  const messagesPath = `${base}/conversations/${conversation!.id}/messages`;
  const seeded = await api<{ id: string }>(alice, Array.from({ length: COUNT }, (_, i) => ({ method: 'POST', path: messagesPath, body: { body: bodyOf(i + 1), clientId: randomUUID() } })));
  const [reply] = await api<{ id: string }>(alice, [{ method: 'POST', path: messagesPath, body: { body: 'A marimba in the thread', clientId: randomUUID(), parentId: seeded[29]!.id } }]);
  const all = Array.from({ length: COUNT }, (_, i) => bodyOf(i + 1));
  const target = seeded[TARGET - 1]!;
  const targetSelector = `.conversation-column [id="message-${target.id}"]`;
  await bob.getByTestId('conversation-item').filter({ hasText: 'Message 150' }).waitFor();

  // Ctrl+K, "xylophone": the hit opens the conversation at the message, and the address is the conversation's.
  await openFromPalette(bob, 'xylophone');
  await bob.waitForURL((url) => url.pathname === `${base}/chat/${conversation!.id}` && url.search === '');
  const jumped = bob.locator(targetSelector);
  await jumped.and(bob.locator('.message-highlight')).waitFor();
  assert.ok(await inView(bob, targetSelector), 'the message is in view');
  assert.ok(await jumped.evaluate((element) => element === document.activeElement), 'the message has the focus');
  assert.equal(await jumped.getAttribute('tabindex'), '-1');
  const opened = await timeline(bob);
  assert.ok(opened.length < COUNT && !opened.includes('Message 150'), 'the messages around it, not the latest');
  assert.deepEqual(opened, all.slice(all.indexOf(opened[0]!), all.indexOf(opened[0]!) + opened.length), 'in order, none missing');
  const jumpToLatest = bob.getByRole('button', { name: /Jump to latest/ });
  await jumpToLatest.waitFor();
  await scene.shot(bob, '1-jumped');

  // Alice writes while Bob reads far up: it reaches Bob's page (his list shows it) but not his timeline.
  await api(alice, [{ method: 'POST', path: messagesPath, body: { body: 'Live while you read the history', clientId: randomUUID() } }]);
  await bob.getByTestId('conversation-item').filter({ hasText: 'Live while you read the history' }).waitFor();
  assert.ok(!(await timeline(bob)).includes('Live while you read the history'), 'not after the wrong message');
  // The highlight is brief.
  await bob.locator('.message-highlight').waitFor({ state: 'detached', timeout: 10_000 });

  // Up, a little at a time: the older messages come in above without moving the ones in view.
  const scroller = bob.locator('.conversation-column .message-scroll');
  await scroller.hover();
  let shown = await firstShown(bob);
  for (let step = 0; step < 40 && shown > 1; step += 1) {
    await bob.mouse.wheel(0, -150);
    await bob.waitForTimeout(100);
    const now = await firstShown(bob);
    assert.ok(now <= shown && now >= shown - 10, `scrolling up by a few messages moved from message ${shown} to ${now}`);
    shown = now;
  }
  assert.equal(shown, 1);
  await bob.getByText('This is the beginning of your conversation with Alice Martin.').waitFor();
  const newerPages: string[] = [];
  bob.on('request', (request) => {
    if (/\/messages\?after=\d+&limit=50$/.test(request.url())) newerPages.push(request.url());
  });
  for (let step = 0; step < 20 && (await bob.locator('.conversation-column .timeline-bottom').count()) > 0; step += 1) {
    await bob.mouse.wheel(0, 4000);
    await bob.waitForTimeout(150);
  }
  await bob.locator('.conversation-column .timeline-bottom').waitFor({ state: 'detached' });
  assert.ok(newerPages.length >= 2, `newer messages came a page at a time (${newerPages.length} pages)`);
  assert.deepEqual(await timeline(bob), [...all, 'Live while you read the history'], 'every message once, in order, the live one last');
  await bob.mouse.wheel(0, 20_000);
  await bob.waitForFunction(() => {
    const element = document.querySelector('.conversation-column .message-scroll');
    return element !== null && element.scrollHeight - element.scrollTop - element.clientHeight < 10;
  });
  await jumpToLatest.waitFor({ state: 'detached' });
  await scene.shot(bob, '2-reached-the-end');

  // Live again: Alice's next message appears at the end, in view.
  await api(alice, [{ method: 'POST', path: messagesPath, body: { body: 'Now you are up to date', clientId: randomUUID() } }]);
  await timelineList(bob).getByTestId('message').filter({ hasText: 'Now you are up to date' }).waitFor();
  assert.equal((await timeline(bob)).at(-1), 'Now you are up to date');
  await bob.waitForFunction(() => {
    const element = document.querySelector('.conversation-column .message-scroll');
    return element !== null && element.scrollHeight - element.scrollTop - element.clientHeight < 60;
  });

  // From a jump, "Jump to latest" brings the latest page, at the bottom.
  await openFromPalette(bob, 'xylophone');
  await jumped.and(bob.locator('.message-highlight')).waitFor();
  assert.ok(await inView(bob, targetSelector), 'in view again, from the same conversation');
  await jumpToLatest.click();
  await timelineList(bob).getByTestId('message').filter({ hasText: 'Now you are up to date' }).waitFor();
  await jumpToLatest.waitFor({ state: 'detached' });
  assert.ok((await distanceFromBottom(bob)) < 60, 'at the bottom');
  assert.equal((await timeline(bob)).length, 50, 'the latest page');

  // From a jump, sending brings the latest messages too, with what was sent at the end.
  await openFromPalette(bob, 'xylophone');
  await jumped.and(bob.locator('.message-highlight')).waitFor();
  const box = bob.getByRole('textbox', { name: 'Write a message' });
  await box.fill('Sent from far up');
  await box.press('Enter');
  await timelineList(bob).getByTestId('message').filter({ hasText: 'Sent from far up' }).waitFor();
  await bob.getByTestId('pending-message').waitFor({ state: 'detached' });
  assert.deepEqual((await timeline(bob)).slice(-3), ['Live while you read the history', 'Now you are up to date', 'Sent from far up']);
  await jumpToLatest.waitFor({ state: 'detached' });

  // Again, the answers in the order that once lost the message: the server lists the latest page,
  // the message is committed, then the server asks whether newer messages exist (each statement
  // sees what was committed when it began). So the page comes after the message's own answer,
  // without it, yet saying "more after". The timeline is live all the same, the message last.
  await openFromPalette(bob, 'xylophone');
  await jumped.and(bob.locator('.message-highlight')).waitFor();
  const racing = 'Sent while the latest page was read';
  const sentAnswer = bob.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === `/api/v1${messagesPath}`);
  const latestPage = /\/messages\?limit=50$/;
  await bob.route(latestPage, async (route) => {
    const response = await route.fetch();
    const page = (await response.json()) as { items: { body: string }[]; hasMoreAfter: boolean };
    await sentAnswer;
    await route.fulfill({ response, json: { ...page, items: page.items.filter((item) => item.body !== racing), hasMoreAfter: true } });
  });
  await box.fill(racing);
  await box.press('Enter');
  await timelineList(bob).getByTestId('message').filter({ hasText: racing }).waitFor();
  await bob.unroute(latestPage);
  await bob.getByTestId('pending-message').waitFor({ state: 'detached' });
  await jumpToLatest.waitFor({ state: 'detached' });
  assert.deepEqual((await timeline(bob)).slice(-3), ['Now you are up to date', 'Sent from far up', racing]);

  // A thread reply: its thread opens beside the conversation, the reply highlighted; its first message too.
  await openFromPalette(bob, 'marimba');
  const thread = bob.getByTestId('thread-panel');
  await thread.locator(`[id="message-${reply!.id}"].message-highlight`).waitFor();
  await bob.locator(`.conversation-column [id="message-${seeded[29]!.id}"].message-highlight`).waitFor();
  assert.ok(await thread.locator(`[id="message-${reply!.id}"]`).evaluate((element) => element === document.activeElement), 'the reply has the focus');
  await bob.waitForURL((url) => url.searchParams.get('thread') === seeded[29]!.id && !url.searchParams.has('message'));
  await scene.shot(bob, '3-thread-reply');
  await thread.getByRole('button', { name: 'Close' }).click();

  // A hit that went stale: Alice deleted the message since. The latest messages, and a notice.
  await bob.goto(`${scene.ruche.url}${base}/search?q=xylophone`);
  const result = bob.locator('.search-page').getByRole('link').filter({ hasText: 'xylophone' });
  await result.waitFor();
  await api(alice, [{ method: 'DELETE', path: `${messagesPath}/${target.id}` }]);
  await result.click();
  const notice = bob.getByTestId('jump-notice');
  await notice.getByText('This message is no longer available: it was deleted, or you can no longer read it. Here are the latest messages.').waitFor();
  await timelineList(bob).getByTestId('message').filter({ hasText: 'Sent from far up' }).waitFor();
  assert.equal(await bob.locator('.message-highlight').count(), 0);
  await bob.waitForFunction(() => {
    const element = document.querySelector('.conversation-column .message-scroll');
    return element !== null && element.scrollHeight - element.scrollTop - element.clientHeight < 60;
  });
  await scene.shot(bob, '4-deleted');
  await notice.getByRole('button', { name: 'Close' }).click();
  await notice.waitFor({ state: 'detached' });

  // A message that never was (the server answers 404), in French.
  // Saved on the account before leaving the page, or the next page would speak English again.
  const saved = bob.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH');
  await bob.getByLabel('Interface language').selectOption('fr');
  await saved;
  await bob.goto(`${scene.ruche.url}${base}/chat/${conversation!.id}?message=${randomUUID()}`);
  await notice.getByText('Ce message n’est plus disponible : il a été supprimé, ou vous ne pouvez plus le lire. Voici les derniers messages.').waitFor();
  await bob.getByRole('list', { name: /^Messages avec / }).getByTestId('message').filter({ hasText: 'Sent from far up' }).waitFor();
  await scene.shot(bob, '5-missing-french');
  const savedAgain = bob.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH');
  await bob.getByLabel('Langue de l’interface').selectOption('en');
  await savedAgain;

  // A phone-sized screen, motion reduced: the message in view, highlighted without fading.
  await bob.setViewportSize({ width: 390, height: 760 });
  await bob.emulateMedia({ reducedMotion: 'reduce' });
  const other = seeded[99]!;
  await bob.goto(`${scene.ruche.url}${base}/chat/${conversation!.id}?message=${other.id}`);
  const otherSelector = `.conversation-column [id="message-${other.id}"]`;
  await bob.locator(`${otherSelector}.message-highlight`).waitFor();
  assert.ok(await inView(bob, otherSelector), 'in view on a phone');
  assert.equal(await bob.locator(otherSelector).evaluate((element) => getComputedStyle(element).animationName), 'message-highlight-hold');
  await jumpToLatest.waitFor();
  await scene.shot(bob, '6-phone');

  assert.deepEqual(scene.errors.filter((e) => !/status of 40[14]/.test(e)), [], 'no errors in the browser consoles');
});
