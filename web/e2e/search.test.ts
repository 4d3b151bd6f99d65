// Search in a real browser. Alice seeds, through the API, a post in an open
// group, a post in a secret group, a chat message to Bob, a file, and enough
// reports to page through. She presses Ctrl+K, types "réun" and sees the
// results grouped by kind with the match highlighted, walks them with the
// arrow keys and opens the group's post. "See all results" opens the search
// page; she narrows it to posts, to a month, and pages through the reports.
// Bob, outside the secret group, never gets its post. Last, the page in
// French and the palette on a phone-sized screen. Screenshots go to
// test-results/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, signIn, PASSWORD } from './support/accounts.ts';
import { browserScene, signUpWithInstance } from './support/scene.ts';

const scene = browserScene('search');
const SLUG = 'recherche';
const REPORTS = 23;

/** A server error names its request, so a failure says which one. */
function reportServerErrors(page: Page): void {
  page.on('response', (response) => {
    if (response.status() < 500) return;
    const error = `${response.status()} ${response.request().method()} ${response.url()}`;
    scene.errors.push(error);
    console.error(error); // shown even when a later step fails first
  });
}

/** Calls the API from the page, as the person signed in there (their cookie, their CSRF token). */
async function api<T>(page: Page, method: string, path: string, body?: unknown, raw?: string): Promise<T> {
  return page.evaluate(async ({ method, path, body, raw }) => {
    const { csrfToken } = await (await fetch('/api/v1/me')).json();
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: { 'content-type': raw === undefined ? 'application/json' : 'application/octet-stream', 'x-csrf-token': csrfToken },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }, { method, path, body, raw });
}

async function userId(email: string): Promise<string> {
  const found = await scene.ruche.owner.query('SELECT id FROM users WHERE email = $1', [email]);
  return found.rows[0].id;
}

const palette = (page: Page) => page.getByRole('dialog', { name: 'Quick search' });

async function activeOptionText(page: Page): Promise<string> {
  const id = await palette(page).getByRole('combobox').getAttribute('aria-activedescendant');
  assert.ok(id, 'an option is active');
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

test('palette, search page, filters, paging and permissions', async () => {
  const alice = await scene.person();
  reportServerErrors(alice);
  await signUpWithInstance(alice, scene, { name: 'Alice Martin', email: 'alice@example.test', password: PASSWORD }, { name: 'Recherche', slug: SLUG });
  await alice.getByRole('link', { name: 'Admin' }).click();
  await createAccount(alice, { name: 'Bob Durand', email: 'bob@example.test' });
  const bobId = await userId('bob@example.test');

  // Seeded through the API.
  const base = `/i/${SLUG}`;
  const committee = await api<{ id: string }>(alice, 'POST', `${base}/groups`, { name: 'Comité des fêtes', visibility: 'open' });
  const council = await api<{ id: string }>(alice, 'POST', `${base}/groups`, { name: 'Conseil restreint', visibility: 'secret' });
  const post = await api<{ id: string }>(alice, 'POST', `${base}/posts`, { groupId: committee.id, body: 'Ordre du jour de la réunion de lundi : le budget de la fête.' });
  const secret = await api<{ id: string }>(alice, 'POST', `${base}/posts`, { groupId: council.id, body: 'Réunion confidentielle du conseil, ne pas diffuser.' });
  const conversation = await api<{ id: string }>(alice, 'POST', `${base}/conversations`, { kind: 'direct', userId: bobId });
  await api(alice, 'POST', `${base}/conversations/${conversation.id}/messages`, { body: 'On se retrouve à la réunion de lundi ?' });
  const file = await api<{ id: string }>(alice, 'POST', `${base}/drive/files?drive=me&name=${encodeURIComponent('compte-rendu réunion.txt')}`, undefined, 'Notes.\n');
  for (let n = 1; n <= REPORTS; n += 1) await api(alice, 'POST', `${base}/posts`, { groupId: committee.id, body: `Rapport hebdomadaire numéro ${n}.` });
  // One report from long ago, for the date filter.
  const aged = await scene.ruche.owner.query(`UPDATE posts SET created_at = '2024-01-15T10:00:00Z' WHERE body LIKE '%numéro 1.%'`);
  assert.equal(aged.rowCount, 1);

  // Ctrl+K, "réun": grouped results, the match highlighted.
  await alice.goto(`${scene.ruche.url}${base}/feed`);
  await alice.getByRole('heading', { name: 'Feed' }).first().waitFor();
  await alice.keyboard.press('Control+k');
  const dialog = palette(alice);
  await dialog.waitFor();
  const input = dialog.getByRole('combobox', { name: 'Search everything' });
  assert.equal(await alice.evaluate(() => document.activeElement?.getAttribute('role')), 'combobox', 'the input has the focus');
  await input.pressSequentially('réun', { delay: 40 });
  const results = dialog.getByRole('listbox', { name: 'Results' });
  for (const section of ['Posts & comments', 'Messages', 'Files']) await results.getByRole('group', { name: section }).waitFor();
  const posts = results.getByRole('group', { name: 'Posts & comments' });
  await posts.getByRole('option').filter({ hasText: 'Ordre du jour' }).waitFor();
  assert.equal(await posts.getByRole('option').filter({ hasText: 'Ordre du jour' }).locator('mark').first().textContent(), 'réunion');
  await results.getByRole('group', { name: 'Files' }).getByRole('option').filter({ hasText: 'compte-rendu' }).locator('mark').first().waitFor();
  await results.getByRole('option', { name: /See all results for “réun”/ }).waitFor();
  await scene.shot(alice, '1-palette');

  // The arrows walk every option (wrapping), Enter opens the active one.
  const first = await activeOptionText(alice);
  await input.press('ArrowDown');
  assert.notEqual(await activeOptionText(alice), first, 'ArrowDown moves');
  await input.press('ArrowUp');
  assert.equal(await activeOptionText(alice), first, 'ArrowUp moves back');
  await input.press('ArrowUp');
  assert.match(await activeOptionText(alice), /See all results/, 'ArrowUp from the first wraps to the last');
  for (let step = 0; step < 10 && !(await activeOptionText(alice)).includes('Ordre du jour'); step += 1) await input.press('ArrowDown');
  assert.equal(await results.locator('[aria-selected="true"]').count(), 1);
  await input.press('Enter');
  await alice.waitForURL(new RegExp(`${base}/posts/${post.id}$`));
  await alice.getByText('le budget de la fête').first().waitFor();
  await dialog.waitFor({ state: 'hidden' });

  // The header's button opens it too; Escape closes it and gives the focus back.
  const launcher = alice.getByRole('button', { name: 'Search', exact: true });
  await launcher.click();
  await dialog.waitFor();
  await alice.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(await launcher.evaluate((button) => button === document.activeElement), 'focus back on the button');
  await launcher.click();
  await dialog.waitFor();
  await alice.mouse.click(5, 700);
  await dialog.waitFor({ state: 'hidden' });

  // Enter right after typing, the answer still on its way (held back here): once it comes, its first result
  // opens, not the first of the results still shown, which are the previous text's.
  await launcher.click();
  await results.getByRole('option').filter({ hasText: 'Ordre du jour' }).waitFor();
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const answering = (url: URL) => url.pathname.endsWith('/search') && url.searchParams.get('q') === 'retrouve';
  await alice.route(answering, async (route) => {
    await held;
    await route.continue();
  });
  const asked = alice.waitForRequest((request) => answering(new URL(request.url())));
  await input.fill('retrouve');
  await asked;
  await input.press('Enter');
  assert.ok(await dialog.isVisible(), 'Enter waits for the answer to what was typed');
  release();
  await alice.waitForURL((url) => url.pathname.includes(conversation.id));
  await dialog.waitFor({ state: 'hidden' });
  await alice.unroute(answering);

  // A file opens in the drive's viewer; "See all results" opens the page.
  await launcher.click();
  await input.fill('compte-rendu');
  await results.getByRole('group', { name: 'Files' }).getByRole('option').first().click();
  await alice.waitForURL(new RegExp(`${base}/drive\\?file=${file.id}$`));
  await alice.getByTestId('viewer').waitFor();
  await alice.keyboard.press('Escape');
  await alice.getByTestId('viewer').waitFor({ state: 'detached' });
  await alice.keyboard.press('Control+k');
  await input.fill('réun');
  await results.getByRole('option', { name: /See all results/ }).click();
  await alice.waitForURL((url) => url.pathname === `${base}/search` && url.searchParams.get('q') === 'réun');
  const page = alice.locator('.search-page');
  for (const section of ['Posts & comments', 'Messages', 'Files']) await page.getByRole('heading', { name: section }).waitFor();
  await page.getByRole('link').filter({ hasText: 'Réunion confidentielle' }).waitFor();
  await scene.shot(alice, '2-page-all');

  // Posts only, then January 2024 only: the old report.
  // On a slow device (the CPU slowed down twentyfold), typing right after choosing a tab: the router renders the
  // tab as a transition, after the address has changed, and the text typed meanwhile must keep the tab.
  const cdp = await alice.context().newCDPSession(alice);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await page.getByRole('navigation', { name: 'Kinds of results' }).getByRole('link', { name: 'Posts' }).click();
  await alice.waitForURL(/kind=posts/);
  await page.getByRole('searchbox', { name: 'Search everything' }).fill('rapport');
  await alice.waitForURL((url) => url.searchParams.get('q') === 'rapport');
  assert.equal(new URL(alice.url()).searchParams.get('kind'), 'posts', 'typing keeps the tab just chosen');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.getByTestId('search-result').nth(19).waitFor();
  assert.equal(await page.getByTestId('search-result').count(), 20, 'a first page of 20');
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.getByTestId('search-result').nth(REPORTS - 1).waitFor();
  assert.equal(await page.getByTestId('search-result').count(), REPORTS);
  await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
  // Slowed down again: the second date is set before the first is rendered, and must keep it.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await page.getByLabel('From').fill('2024-01-01');
  await page.getByLabel('To').fill('2024-01-31');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await alice.waitForURL((url) => url.searchParams.get('from') === '2024-01-01' && url.searchParams.get('to') === '2024-01-31');
  await page.getByTestId('search-result').filter({ hasText: 'Jan 15, 2024' }).waitFor();
  await alice.waitForFunction(() => document.querySelectorAll('[data-testid="search-result"]').length === 1);
  await scene.shot(alice, '3-page-filtered');

  // The author, picked from the directory, shows as a chip; "Clear the filters" drops them all.
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await page.getByTestId('search-result').nth(19).waitFor();
  await page.getByLabel('Author').fill('Alice');
  await page.getByRole('list', { name: 'People' }).getByRole('button', { name: /Alice Martin/ }).click();
  await alice.waitForURL((url) => url.searchParams.get('authorId') !== null && !url.searchParams.has('from'));
  await page.getByRole('button', { name: 'Remove the author filter (Alice Martin)' }).waitFor();
  await page.getByTestId('search-result').nth(19).waitFor();

  // Nothing found: said, with the hints.
  await page.getByRole('searchbox', { name: 'Search everything' }).fill('introuvable');
  await page.getByText('No results for “introuvable”.').waitFor();
  await page.getByText('-word').first().waitFor();

  // Bob is not in the secret group: never its post, though the same word.
  const bob = await scene.person();
  reportServerErrors(bob);
  await signIn(bob, scene, 'bob@example.test', `${base}/feed`);
  await bob.goto(`${scene.ruche.url}${base}/search?q=${encodeURIComponent('réunion')}`);
  const bobPage = bob.locator('.search-page');
  await bobPage.getByRole('heading', { name: 'Posts & comments' }).waitFor();
  await bobPage.getByRole('link').filter({ hasText: 'Ordre du jour' }).waitFor();
  await bobPage.getByRole('link').filter({ hasText: 'On se retrouve' }).waitFor();
  assert.equal(await bobPage.getByText('confidentielle').count(), 0, 'the secret post is not found');
  const answer = await api<{ posts: { items: { id: string }[] } }>(bob, 'GET', `${base}/search?q=confidentielle`);
  assert.deepEqual(answer.posts.items, [], 'nor through the API');
  assert.ok(secret.id);
  // A message opens its conversation.
  await bobPage.getByRole('link').filter({ hasText: 'On se retrouve' }).click();
  await bob.waitForURL(new RegExp(`${base}/chat/${conversation.id}$`));
  await bob.getByTestId('message').filter({ hasText: 'On se retrouve' }).waitFor();
  await bob.goBack();

  // French, for one screen.
  await bob.getByLabel('Interface language').selectOption('fr');
  await bobPage.getByRole('heading', { name: 'Recherche', exact: true }).waitFor();
  await bobPage.getByRole('heading', { name: 'Publications et commentaires' }).waitFor();
  await bobPage.getByRole('navigation', { name: 'Types de résultats' }).getByRole('link', { name: 'Publications' }).waitFor();
  await scene.shot(bob, '4-french');

  // A phone-sized screen: the palette fills the width.
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.getByLabel('Langue de l’interface').selectOption('en');
  await bobPage.getByRole('heading', { name: 'Search', exact: true }).waitFor();
  await bob.waitForLoadState('networkidle');
  await bob.goto(`${scene.ruche.url}${base}/feed`);
  await bob.getByRole('button', { name: 'Search', exact: true }).click();
  await palette(bob).getByRole('combobox').fill('réun');
  await palette(bob).getByRole('group', { name: 'Messages' }).waitFor();
  await scene.shot(bob, '5-phone-palette');
  await bob.keyboard.press('Escape');
  await bob.goto(`${scene.ruche.url}${base}/search?q=${encodeURIComponent('réunion')}`);
  await bobPage.getByRole('heading', { name: 'Posts & comments' }).waitFor();
  await scene.shot(bob, '6-phone-page');

  // 401: the session check of the sign-in page, before signing in.
  assert.deepEqual(scene.errors.filter((e) => !/status of 401/.test(e)), [], 'no errors in the browser consoles');
});
