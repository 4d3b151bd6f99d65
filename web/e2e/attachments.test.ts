// Attachments in a real browser, two people in two browser contexts. In a
// group, Alice attaches an image (the paperclip) and a text file (dropped on
// the composer) to a post: chips with their sizes, publishing waits for an
// upload in flight, a refused upload says why on its chip. Bob, a member,
// sees the thumbnail, opens the image in the viewer, and downloads the text
// file (its bytes checked); he comments with a pasted image. In chat, Alice
// sends a message that is only a file; Bob sees it arrive live, and in his
// conversation list. Last, a message whose answer was lost is confirmed
// once, with its attachment claimed once. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { createAccount, PASSWORD, signIn } from './support/accounts.ts';
import { browserScene, signUpWithInstance } from './support/scene.ts';

const scene = browserScene('attachments');

const NOTES = 'Launch checklist\n- print the posters\n- book the room\n';

function picture(width: number, height: number, background: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .composite([{ input: { create: { width: Math.round(width / 2), height: Math.round(height / 2), channels: 3, background: '#1d4ed8' } }, top: Math.round(height / 4), left: Math.round(width / 4) }])
    .png()
    .toBuffer();
}

/** A server error names its request, so a failure says which one. */
function reportServerErrors(...pages: Page[]): void {
  for (const page of pages) {
    page.on('response', (response) => {
      if (response.status() >= 500 && response.status() !== 507) scene.errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
  }
}

/** Drops files on an element with a real drop event carrying a DataTransfer. */
async function dropFiles(page: Page, selector: string, files: { name: string; type: string; bytes: Buffer }[], whileHeld?: () => Promise<void>): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const file of list) data.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
    return data;
  }, files.map((file) => ({ ...file, bytes: [...file.bytes] })));
  const target = page.locator(selector);
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await whileHeld?.();
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

/** Waits until an image has loaded, and answers its natural width. */
async function loadedWidth(page: Page, selector: string): Promise<number> {
  await page.waitForFunction((s) => {
    const img = document.querySelector<HTMLImageElement>(s);
    return img !== null && img.complete && img.naturalWidth > 0;
  }, selector);
  return page.locator(selector).first().evaluate((img: HTMLImageElement) => img.naturalWidth);
}

test('attachments on a post, a comment and chat messages', async () => {
  const alice = await scene.person();
  await signUpWithInstance(alice, scene, { name: 'Alice Martin', email: 'alice@example.test', password: PASSWORD }, { name: 'Atelier', slug: 'atelier' });
  await alice.getByRole('link', { name: 'Admin' }).click();
  await createAccount(alice, { name: 'Bob Durand', email: 'bob@example.test' });
  const bob = await scene.person();
  reportServerErrors(alice, bob);

  // Alice creates an open group; Bob joins it.
  await alice.getByRole('link', { name: 'Groups' }).click();
  await alice.getByRole('button', { name: 'Create a group' }).click();
  const dialog = alice.getByRole('dialog', { name: 'Create a group' });
  await dialog.getByLabel('Name').fill('Launch');
  await dialog.getByRole('button', { name: 'Create the group' }).click();
  await alice.getByRole('heading', { name: 'Launch' }).waitFor();
  const groupUrl = new URL(alice.url()).pathname;
  await signIn(bob, scene, 'bob@example.test', '/i/atelier/groups');
  await bob.getByRole('button', { name: 'Join — Launch' }).click();
  await bob.getByRole('button', { name: 'Leave the group — Launch' }).waitFor();

  // Alice attaches an image with the paperclip and a text file by dropping it.
  const image = await picture(800, 500, '#d9822b');
  const composer = alice.getByRole('form', { name: 'Write a post' });
  await composer.getByRole('textbox', { name: 'Write a post' }).fill('The poster and the checklist for the **launch**.');
  const [chooser] = await Promise.all([alice.waitForEvent('filechooser'), composer.getByRole('button', { name: 'Attach files' }).click()]);
  await chooser.setFiles({ name: 'poster.png', mimeType: 'image/png', buffer: image });
  const chips = composer.getByRole('list', { name: 'Files to send' });
  // Uploaded: the chip shows its size and no more progress.
  await chips.getByRole('listitem').filter({ hasText: 'poster.png' }).getByText(/^[\d.]+ KB$/).waitFor();

  // An upload held in flight: its chip shows progress and publishing waits for it.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await alice.route('**/api/v1/i/atelier/attachments?name=checklist.txt', async (route) => {
    await held;
    await route.continue();
  });
  await dropFiles(alice, 'form[aria-label="Write a post"]', [{ name: 'checklist.txt', type: 'text/plain', bytes: Buffer.from(NOTES) }]);
  await composer.getByRole('progressbar', { name: 'Uploading checklist.txt' }).waitFor();
  assert.equal(await composer.getByRole('button', { name: 'Publish' }).isDisabled(), true, 'publishing waits for the upload');
  await scene.shot(alice, '1-uploading');
  release();
  await composer.getByRole('progressbar').waitFor({ state: 'detached' });
  await alice.unroute('**/api/v1/i/atelier/attachments?name=checklist.txt');

  // A refused upload says why on its chip, and can be removed.
  await alice.route('**/api/v1/i/atelier/attachments?name=huge.bin', (route) => route.fulfill({
    status: 507,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title: 'Insufficient storage', status: 507, code: 'quota_exceeded', detail: 'Your storage quota is full.' }),
  }));
  await dropFiles(alice, 'form[aria-label="Write a post"]', [{ name: 'huge.bin', type: 'application/octet-stream', bytes: Buffer.from('x') }]);
  await chips.getByRole('listitem').filter({ hasText: 'huge.bin' }).getByText('Not uploaded: your storage space is full.').waitFor();
  await scene.shot(alice, '2-chips');
  await chips.getByRole('button', { name: 'Remove huge.bin' }).click();
  await chips.getByRole('listitem').filter({ hasText: 'huge.bin' }).waitFor({ state: 'detached' });
  assert.equal(await chips.getByRole('listitem').count(), 2);

  await composer.getByRole('button', { name: 'Publish' }).click();
  const alicePost = alice.getByTestId('post').filter({ hasText: 'The poster and the checklist' });
  await alicePost.getByRole('img', { name: 'poster.png' }).waitFor();
  await composer.getByRole('list', { name: 'Files to send' }).waitFor({ state: 'detached' });
  const stored = await scene.ruche.owner.query('SELECT a.name FROM attachments a JOIN posts p ON p.id = a.post_id ORDER BY a.position');
  assert.deepEqual(stored.rows.map((row) => row.name), ['poster.png', 'checklist.txt'], 'attached in the order added');

  // Bob sees the thumbnail and the file; the image opens in the viewer.
  await bob.goto(`${scene.ruche.url}${groupUrl}`);
  const bobPost = bob.getByTestId('post').filter({ hasText: 'The poster and the checklist' });
  await bobPost.getByRole('img', { name: 'poster.png' }).waitFor();
  assert.equal(await loadedWidth(bob, '[data-testid="post"] img[alt="poster.png"]'), 320, 'a 320 px wide thumbnail');
  const fileRow = bobPost.getByRole('list', { name: 'Files' }).getByRole('listitem');
  await fileRow.getByText('checklist.txt').waitFor();
  assert.match((await fileRow.textContent()) ?? '', /checklist\.txt\s*\d+ bytes/);
  await fileRow.getByRole('img', { name: 'Text file' }).waitFor();
  await scene.shot(bob, '3-post-seen');
  await bobPost.getByRole('button', { name: 'poster.png' }).click();
  const viewer = bob.getByTestId('attachment-viewer');
  await viewer.getByRole('img', { name: 'poster.png' }).waitFor();
  assert.equal(await bob.evaluate(() => document.activeElement?.textContent), 'Close', 'focus on Close');
  assert.equal(await loadedWidth(bob, '[data-testid="attachment-viewer"] img'), 800, 'the full image');
  await scene.shot(bob, '4-viewer');
  await bob.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  assert.equal(await bob.evaluate(() => document.activeElement?.querySelector('img')?.alt), 'poster.png', 'focus back on the thumbnail');

  // Bob downloads the text file: the same bytes.
  const [download] = await Promise.all([bob.waitForEvent('download'), fileRow.getByRole('link', { name: 'checklist.txt' }).click()]);
  assert.equal(download.suggestedFilename(), 'checklist.txt');
  assert.equal((await readFile(await download.path())).toString('utf8'), NOTES, 'the same bytes');

  // Bob comments with a pasted image.
  await bobPost.getByRole('button', { name: '0 comments' }).click();
  const commentBox = bobPost.getByRole('textbox', { name: 'Write a comment' });
  await commentBox.fill('Nice poster! Here is the room.');
  const room = await picture(600, 400, '#15803d');
  await commentBox.evaluate((box, bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [...room]);
  const commentForm = bobPost.getByRole('form', { name: 'Write a comment' });
  await commentForm.getByRole('list', { name: 'Files to send' }).getByText('image.png').waitFor();
  await commentForm.getByRole('button', { name: 'Comment', exact: true }).click();
  await bobPost.getByTestId('comment').getByRole('img', { name: 'image.png' }).waitFor();
  await loadedWidth(bob, '[data-testid="comment"] img[alt="image.png"]');
  await scene.shot(bob, '5-comment');

  // Chat: Alice sends Bob a message that is only a file; Bob sees it live.
  await alice.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Chat' }).click();
  await alice.getByRole('button', { name: 'New conversation' }).click();
  const start = alice.getByRole('dialog', { name: 'New conversation' });
  await start.getByLabel('Find people').fill('Bob');
  await start.getByRole('button', { name: /Bob Durand/ }).click();
  await start.getByRole('button', { name: 'Start the conversation' }).click();
  await alice.waitForURL(/\/i\/atelier\/chat\/[0-9a-f-]{36}$/);
  const conversationUrl = new URL(alice.url()).pathname;
  await bob.goto(`${scene.ruche.url}${conversationUrl}`);
  await bob.getByRole('heading', { name: 'Alice Martin' }).waitFor();

  const chat = alice.getByRole('form', { name: 'Write a message' });
  assert.equal(await chat.getByRole('button', { name: 'Send' }).isDisabled(), true, 'nothing to send yet');
  const plan = await picture(640, 360, '#7c3aed');
  await dropFiles(alice, 'form[aria-label="Write a message"]', [{ name: 'floor-plan.png', type: 'image/png', bytes: plan }], async () => {
    // The hint is drawn by CSS from the form's data-drop-hint.
    await alice.locator('form.attachments-drop-target[data-drop-hint="Drop the files here to attach them"]').waitFor();
    await scene.shot(alice, '6-chat-dragging');
  });
  await chat.getByRole('list', { name: 'Files to send' }).getByText('floor-plan.png').waitFor();
  await chat.getByRole('button', { name: 'Send' }).and(alice.locator(':enabled')).waitFor();
  await scene.shot(alice, '7-chat-chip');
  await chat.getByRole('textbox', { name: 'Write a message' }).press('Enter');
  const bobMessage = bob.getByTestId('message').filter({ has: bob.getByRole('img', { name: 'floor-plan.png' }) });
  await bobMessage.waitFor();
  assert.equal(await bobMessage.locator('.message-body').count(), 0, 'no empty text');
  await loadedWidth(bob, '[data-testid="message"] img[alt="floor-plan.png"]');
  await bob.getByTestId('conversation-item').filter({ hasText: 'Alice Martin' }).getByText('File: floor-plan.png').waitFor();
  await scene.shot(bob, '8-chat-live');

  // The answer to a send is lost: the message is confirmed once, its attachment claimed once.
  await alice.route('**/api/v1/i/atelier/conversations/*/messages', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await route.fetch();
    await route.abort('connectionreset');
  }, { times: 1 });
  await chat.getByRole('textbox', { name: 'Write a message' }).fill('And the checklist again');
  const [again] = await Promise.all([alice.waitForEvent('filechooser'), chat.getByRole('button', { name: 'Attach files' }).click()]);
  await again.setFiles({ name: 'checklist.txt', mimeType: 'text/plain', buffer: Buffer.from(NOTES) });
  await chat.getByRole('button', { name: 'Send' }).and(alice.locator(':enabled')).waitFor();
  await chat.getByRole('button', { name: 'Send' }).click();
  const sentTwice = alice.getByTestId('message').filter({ hasText: 'And the checklist again' });
  await sentTwice.getByRole('link', { name: 'checklist.txt' }).waitFor();
  await alice.getByTestId('pending-message').waitFor({ state: 'detached' });
  await bob.getByTestId('message').filter({ hasText: 'And the checklist again' }).getByRole('link', { name: 'checklist.txt' }).waitFor();
  const messages = await scene.ruche.owner.query("SELECT m.id, (SELECT count(*) FROM attachments a WHERE a.message_id = m.id)::int AS files FROM messages m WHERE m.body = 'And the checklist again'");
  assert.deepEqual(messages.rows.map((row) => row.files), [1], 'one message, one attachment');
  assert.equal(await sentTwice.count(), 1, 'shown once');
  await scene.shot(alice, '9-chat-confirmed');

  // Deleted, the message shows no attachment any more.
  const fileOnly = alice.getByTestId('message').filter({ has: alice.getByRole('img', { name: 'floor-plan.png' }) });
  const fileOnlyId = await fileOnly.getAttribute('id');
  await fileOnly.hover();
  await fileOnly.getByRole('button', { name: 'Delete' }).click();
  await fileOnly.getByRole('button', { name: 'Delete this message?' }).click();
  const deletedForBob = bob.locator(`#${fileOnlyId}`);
  await deletedForBob.getByText('Message deleted').waitFor();
  assert.equal(await deletedForBob.getByTestId('attachments').count(), 0, 'no attachments on a deleted message');
  await scene.shot(bob, '10-chat-deleted');

  // In French, on a phone: the same post, and a chip in the chat composer.
  // Saved on the account before leaving the page, or the next page would speak English again (it did, under load).
  const saved = bob.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH');
  await bob.getByLabel('Interface language').selectOption('fr');
  await saved;
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.goto(`${scene.ruche.url}${groupUrl}`);
  const frenchPost = bob.getByTestId('post').filter({ hasText: 'The poster and the checklist' });
  await frenchPost.getByRole('list', { name: 'Fichiers' }).getByText('53 octets').waitFor();
  await frenchPost.getByRole('img', { name: 'Fichier texte' }).waitFor();
  await loadedWidth(bob, '[data-testid="post"] img[alt="poster.png"]');
  await scene.shot(bob, '11-french-phone-post');
  await bob.goto(`${scene.ruche.url}${conversationUrl}`);
  const frenchChat = bob.getByRole('form', { name: 'Écrire un message' });
  const [chooserFr] = await Promise.all([bob.waitForEvent('filechooser'), frenchChat.getByRole('button', { name: 'Joindre des fichiers' }).click()]);
  await chooserFr.setFiles([
    { name: 'compte-rendu de la réunion de lancement.txt', mimeType: 'text/plain', buffer: Buffer.from(NOTES) },
    { name: 'salle.png', mimeType: 'image/png', buffer: room },
    { name: 'plan.png', mimeType: 'image/png', buffer: plan },
  ]);
  await frenchChat.getByRole('list', { name: 'Fichiers à envoyer' }).getByText('53 octets').waitFor();
  await frenchChat.getByRole('button', { name: 'Retirer salle.png' }).waitFor();
  await scene.shot(bob, '12-french-phone-chat');

  // Sent, its two images go one to the other in the viewer (arrow keys).
  await frenchChat.getByRole('button', { name: 'Envoyer' }).and(bob.locator(':enabled')).waitFor();
  await frenchChat.getByRole('button', { name: 'Envoyer' }).click();
  const gallery = bob.getByTestId('message').last().getByRole('list', { name: 'Images' });
  await gallery.getByRole('button', { name: 'salle.png' }).click();
  const viewerFr = bob.getByTestId('attachment-viewer');
  await viewerFr.getByText('1 sur 2').waitFor();
  await bob.keyboard.press('ArrowRight');
  await viewerFr.getByRole('img', { name: 'plan.png' }).waitFor();
  await viewerFr.getByText('2 sur 2').waitFor();
  await viewerFr.getByRole('button', { name: 'Image précédente' }).waitFor();
  await loadedWidth(bob, '[data-testid="attachment-viewer"] img');
  await scene.shot(bob, '13-french-phone-viewer');
  await viewerFr.getByRole('button', { name: 'Fermer' }).click();
  await viewerFr.waitFor({ state: 'detached' });

  // A thumbnail that cannot be had leaves the image as a file to download.
  await bob.route('**/attachments/*/preview', (route) => route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{"status":404,"code":"not_found","title":"Not found"}' }));
  await bob.goto(`${scene.ruche.url}${groupUrl}`);
  await bob.getByTestId('post').getByRole('list', { name: 'Fichiers' }).getByRole('link', { name: 'poster.png' }).waitFor();

  assert.deepEqual(scene.errors.filter((e) => !/401|Unauthorized|404|Not Found|507|Insufficient Storage|ERR_CONNECTION_RESET/.test(e)), [], 'no errors in the browser consoles');
});
