// The drive in a real browser. Alice uploads a text file through the file
// input and sees it listed with its size; uploads it again and answers the
// name conflict with "Replace", making version 2; opens the versions,
// restores version 1 and checks that the viewer and the download both hold
// version 1's text; deletes the file, finds it in the trash, restores it and
// finds it back in its folder. She makes a folder, goes into it (breadcrumbs),
// drops an image on the list (a drop event with a DataTransfer) and sees its
// thumbnail; she shares the file with Bob, who finds it under "Shared with
// me" without the actions of its owner. A large file goes up in parts, one
// of which fails until retried; a file over the limit and a full quota are
// told on their rows. Last, French and a phone-sized screen. Screenshots go
// to test-results/.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { createAccount, signIn, PASSWORD } from './support/accounts.ts';
import { browserScene, signUpWithInstance } from './support/scene.ts';

const scene = browserScene('drive');

const VERSION_ONE = 'Version one of the notes.\n';
const VERSION_TWO = 'Version two of the notes, a little longer.\n';

/** A server error names its request, so a failure says which one. */
function reportServerErrors(page: Page): void {
  page.on('response', (response) => {
    if (response.status() >= 500 && response.status() !== 507) scene.errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
}

/** A one-page PDF saying `text`, with a correct cross-reference table. */
function pdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 24 Tf 40 100 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 24 Tf 40 100 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function row(page: Page, name: string): Locator {
  return page.getByTestId('drive-item').filter({ has: page.getByRole('button', { name, exact: true }).or(page.getByRole('link', { name, exact: true })) });
}

function uploadRow(page: Page, name: string): Locator {
  return page.getByRole('region', { name: 'Uploads' }).getByRole('listitem', { name, exact: true });
}

async function upload(page: Page, name: string, content: string | Buffer, mimeType = 'text/plain'): Promise<void> {
  await page.getByLabel('Upload files').setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
}

async function itemAction(page: Page, name: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menu', { name: `Actions for ${name}` }).getByRole('menuitem', { name: action, exact: true }).click();
}

async function place(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Drive places' }).getByRole('link', { name }).click();
}

test('upload, replace with a new version, restore version 1, trash and restore; folders, drop, thumbnails, sharing', async () => {
  const alice = await scene.person();
  reportServerErrors(alice);
  await signUpWithInstance(alice, scene, { name: 'Alice Martin', email: 'alice@example.test', password: PASSWORD }, { name: 'Archives', slug: 'archives' });
  await alice.getByRole('link', { name: 'Admin' }).click();
  await createAccount(alice, { name: 'Bob Durand', email: 'bob@example.test' });
  await alice.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Drive' }).click();
  await alice.waitForURL(/\/i\/archives\/drive$/);
  await alice.getByRole('heading', { name: 'My drive' }).waitFor();
  await alice.getByText('Your drive is empty').waitFor();
  await alice.getByTestId('drive-usage').getByText('0 bytes of 10 GB used').waitFor();
  await scene.shot(alice, '1-empty');

  // Upload through the file input: listed with its size.
  await upload(alice, 'notes.txt', VERSION_ONE);
  await row(alice, 'notes.txt').getByTestId('item-size').getByText('26 bytes').waitFor();
  // Once everything arrived, the upload panel folds to its summary.
  await alice.getByRole('region', { name: 'Uploads' }).getByRole('heading', { name: 'Uploads complete' }).waitFor();
  assert.equal(await alice.getByRole('region', { name: 'Uploads' }).getByRole('button', { name: 'Show' }).getAttribute('aria-expanded'), 'false');
  await alice.getByTestId('drive-usage').getByText('26 bytes of 10 GB used').waitFor();

  // The same name again: asked, and "Replace" makes version 2.
  await upload(alice, 'notes.txt', VERSION_TWO);
  const conflict = alice.getByRole('group', { name: 'notes.txt already exists' });
  await conflict.getByText('“notes.txt” already exists here.', { exact: false }).waitFor();
  await scene.shot(alice, '2-conflict');
  await conflict.getByRole('button', { name: 'Replace (new version)' }).click();
  await alice.getByRole('region', { name: 'Uploads' }).getByRole('button', { name: 'Show' }).click();
  await uploadRow(alice, 'notes.txt').getByText('Uploaded as version 2').waitFor();
  await alice.getByRole('region', { name: 'Uploads' }).getByRole('button', { name: 'Clear' }).click();
  await row(alice, 'notes.txt').getByTestId('item-size').getByText(`${VERSION_TWO.length} bytes`).waitFor();
  assert.equal(await alice.getByTestId('drive-item').count(), 1, 'still one file');

  // The versions: restore version 1, which comes back as version 3.
  await itemAction(alice, 'notes.txt', 'Versions');
  const versions = alice.getByRole('dialog', { name: 'Versions of “notes.txt”' });
  await versions.getByTestId('version').nth(1).waitFor();
  assert.deepEqual(await versions.locator('.version-title').allTextContents(), ['Version 2Current', 'Version 1']);
  await scene.shot(alice, '3-versions');
  await versions.getByRole('button', { name: 'Restore version 1' }).click();
  await versions.getByTestId('version').nth(2).waitFor();
  assert.deepEqual(await versions.locator('.version-title').allTextContents(), ['Version 3Current', 'Version 2', 'Version 1']);
  await versions.getByRole('button', { name: 'Close' }).click();
  await row(alice, 'notes.txt').getByTestId('item-size').getByText('26 bytes').waitFor();
  // Focus went back to the menu button the dialog was opened from.
  assert.equal(await alice.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Actions for notes.txt');

  // The viewer shows version 1's text, and the download is version 1.
  await alice.getByRole('button', { name: 'notes.txt', exact: true }).click();
  await alice.waitForURL(/[?&]file=[0-9a-f-]{36}/);
  const viewer = alice.getByTestId('viewer');
  await viewer.getByTestId('viewer-text').getByText('Version one of the notes.').waitFor();
  await scene.shot(alice, '4-viewer');
  const [download] = await Promise.all([alice.waitForEvent('download'), viewer.getByRole('link', { name: 'Download' }).click()]);
  assert.equal(download.suggestedFilename(), 'notes.txt');
  assert.equal(await readFile(await download.path(), 'utf8'), VERSION_ONE);
  await alice.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  assert.ok(!alice.url().includes('file='), 'closing the viewer leaves the address of the folder');

  // Deleted: gone from the folder, in the trash; restored: back in the folder.
  await itemAction(alice, 'notes.txt', 'Move to the trash');
  await alice.getByTestId('drive-notice').getByText('“notes.txt” moved to the trash.').waitFor();
  await row(alice, 'notes.txt').waitFor({ state: 'detached' });
  await place(alice, 'Trash');
  await alice.getByRole('heading', { name: 'Trash' }).waitFor();
  const trashed = alice.getByTestId('trash-item').filter({ hasText: 'notes.txt' });
  await trashed.getByText('Deleted for good in 30 days').waitFor();
  await alice.getByText('Items in the trash are deleted for good after 30 days.').waitFor();
  await scene.shot(alice, '5-trash');
  await trashed.getByRole('button', { name: 'Restore notes.txt' }).click();
  await alice.getByText('The trash is empty').waitFor();
  await place(alice, 'My drive');
  await row(alice, 'notes.txt').getByTestId('item-size').getByText('26 bytes').waitFor();

  // A folder, and into it: the address and the breadcrumbs follow.
  await alice.getByRole('button', { name: 'New folder' }).click();
  const newFolder = alice.getByRole('dialog', { name: 'New folder' });
  await newFolder.getByLabel('Folder name').fill('Photos');
  await newFolder.getByRole('button', { name: 'Create the folder' }).click();
  await newFolder.waitFor({ state: 'hidden' });
  await alice.getByRole('link', { name: 'Photos', exact: true }).click();
  await alice.waitForURL(/[?&]folder=[0-9a-f-]{36}/);
  const crumbs = alice.getByRole('navigation', { name: 'Folder path' });
  await crumbs.getByRole('heading', { name: 'Photos' }).waitFor();
  await crumbs.getByRole('link', { name: 'My drive' }).waitFor();
  await alice.getByText('This folder is empty').waitFor();

  // An image dropped on the list (a real drop event carrying a DataTransfer) gets a thumbnail.
  const image = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#d9822b' } })
    .composite([{ input: await sharp({ create: { width: 300, height: 180, channels: 3, background: '#2b6cd9' } }).png().toBuffer(), top: 60, left: 80 }])
    .png().toBuffer();
  const dataTransfer = await alice.evaluateHandle((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'sunset.png', { type: 'image/png' }));
    transfer.items.add(new File([], 'empty.txt', { type: 'text/plain' }));
    return transfer;
  }, [...image]);
  const zone = alice.getByTestId('drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await alice.getByText('Drop the files to upload them to Photos').waitFor();
  await zone.dispatchEvent('drop', { dataTransfer });
  await row(alice, 'empty.txt').getByTestId('item-size').getByText('0 bytes').waitFor();
  const thumbnail = row(alice, 'sunset.png').getByTestId('thumbnail');
  await thumbnail.waitFor();
  await alice.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="thumbnail"]');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  assert.equal(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth), 320, 'a 320 px wide thumbnail');
  await scene.shot(alice, '6-folder-thumbnail');
  await alice.getByRole('button', { name: 'empty.txt', exact: true }).click();
  await alice.getByTestId('viewer-text').waitFor();
  assert.equal(await alice.getByTestId('viewer-text').textContent(), '');
  // The next file, with the arrow key.
  await alice.keyboard.press('ArrowRight');
  await alice.getByTestId('viewer').getByRole('img', { name: 'sunset.png' }).waitFor();
  await scene.shot(alice, '7-image-viewer');
  await alice.getByTestId('viewer').getByRole('button', { name: 'Close' }).click();

  // Renamed from the keyboard: the menu opens on its first entry, the arrows
  // move, and the name is ready to retype without its extension.
  await alice.getByRole('button', { name: 'Actions for sunset.png' }).focus();
  await alice.keyboard.press('Enter');
  const imageMenu = alice.getByRole('menu', { name: 'Actions for sunset.png' });
  await imageMenu.getByRole('menuitem', { name: 'Open' }).waitFor();
  assert.equal(await alice.evaluate(() => document.activeElement?.textContent), 'Open');
  await alice.keyboard.press('ArrowDown');
  await alice.keyboard.press('ArrowDown');
  assert.equal(await alice.evaluate(() => document.activeElement?.textContent), 'Rename');
  await alice.keyboard.press('Enter');
  const rename = alice.getByRole('dialog', { name: 'Rename “sunset.png”' });
  await rename.getByLabel('New name').waitFor();
  assert.equal(await alice.evaluate(() => window.getSelection()?.toString() || (document.activeElement as HTMLInputElement).value.slice(0, (document.activeElement as HTMLInputElement).selectionEnd ?? 0)), 'sunset');
  await alice.keyboard.type('sunrise');
  await alice.keyboard.press('Enter');
  await row(alice, 'sunrise.png').waitFor();
  await rename.waitFor({ state: 'hidden' });
  assert.equal(await alice.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Actions for sunrise.png', 'focus is back on the menu button');

  await crumbs.getByRole('link', { name: 'My drive' }).click();
  await alice.getByRole('heading', { name: 'My drive' }).waitFor();
  await row(alice, 'Photos').waitFor();

  // Move the file into the folder, then share it with Bob as a viewer.
  await itemAction(alice, 'notes.txt', 'Move');
  const move = alice.getByRole('dialog', { name: 'Move “notes.txt”' });
  await move.getByRole('button', { name: 'Photos' }).click();
  await move.getByRole('button', { name: 'Move to Photos' }).click();
  await alice.getByTestId('drive-notice').getByText('“notes.txt” moved to Photos.').waitFor();
  await row(alice, 'notes.txt').waitFor({ state: 'detached' });
  await alice.getByRole('link', { name: 'Photos', exact: true }).click();
  await itemAction(alice, 'notes.txt', 'Share');
  const share = alice.getByRole('dialog', { name: 'Share “notes.txt”' });
  await share.getByLabel('Find people').fill('Bob');
  await share.getByRole('button', { name: /Bob Durand/ }).click();
  await share.getByRole('button', { name: 'Share', exact: true }).click();
  await share.getByTestId('share').filter({ hasText: 'Bob Durand' }).waitFor();
  assert.equal(await share.getByLabel('What Bob Durand can do').inputValue(), 'viewer');
  await scene.shot(alice, '8-share');
  await share.getByRole('button', { name: 'Close' }).click();

  const bob = await scene.person();
  reportServerErrors(bob);
  await signIn(bob, scene, 'bob@example.test', '/i/archives/drive');
  await bob.getByText('Your drive is empty').waitFor();
  await place(bob, 'Shared with me');
  await row(bob, 'notes.txt').waitFor();
  await bob.getByRole('button', { name: 'Actions for notes.txt' }).click();
  const menu = bob.getByRole('menu', { name: 'Actions for notes.txt' });
  assert.deepEqual(await menu.getByRole('menuitem').allTextContents(), ['Open', 'Download', 'Make a copy', 'Versions'], 'a viewer neither renames, moves, shares nor deletes');
  await bob.keyboard.press('Escape');
  await bob.getByRole('button', { name: 'notes.txt', exact: true }).click();
  await bob.getByTestId('viewer-text').getByText('Version one of the notes.').waitFor();
  await scene.shot(bob, '9-shared-with-me');
  await bob.keyboard.press('Escape');

  // A new version from the versions panel.
  await itemAction(alice, 'notes.txt', 'Versions');
  const panel = alice.getByRole('dialog', { name: 'Versions of “notes.txt”' });
  await panel.getByLabel('Upload a new version').setInputFiles({ name: 'notes-v4.txt', mimeType: 'text/plain', buffer: Buffer.from('Version four.\n') });
  await panel.getByTestId('version').filter({ hasText: 'Version 4' }).getByText('Current').waitFor();
  await panel.getByRole('button', { name: 'Close' }).click();
  await row(alice, 'notes.txt').getByTestId('item-size').getByText('14 bytes').waitFor();

  // Alice's recent files gather those of every folder.
  await place(alice, 'Recent');
  await row(alice, 'notes.txt').waitFor();
  await row(alice, 'sunrise.png').waitFor();
  await scene.shot(alice, '9b-recent');

  assert.deepEqual(scene.errors.filter((e) => !/status of 401/.test(e)), [], 'no errors in the browser consoles');
});

test('a large file in parts, a failed part retried; a file too large and a full drive', async () => {
  const carol = await scene.person();
  reportServerErrors(carol);
  await signUpWithInstance(carol, scene, { name: 'Carol Petit', email: 'carol@example.test', password: PASSWORD }, { name: 'Studio', slug: 'studio' });
  // A group has a drive of its own, among the places.
  await carol.getByRole('link', { name: 'Groups' }).click();
  await carol.getByRole('button', { name: 'Create a group' }).click();
  const dialog = carol.getByRole('dialog', { name: 'Create a group' });
  await dialog.getByLabel('Name').fill('Design');
  await dialog.getByRole('button', { name: 'Create the group' }).click();
  await carol.getByRole('heading', { name: 'Design' }).waitFor();
  await carol.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Drive' }).click();
  await carol.getByText('Your drive is empty').waitFor();
  await place(carol, 'Design');
  await carol.getByRole('heading', { name: 'Design' }).waitFor();
  await upload(carol, 'brief.txt', 'The brief of the design group.\n');
  await row(carol, 'brief.txt').waitFor();
  await itemAction(carol, 'brief.txt', 'Move to the trash');
  await row(carol, 'brief.txt').waitFor({ state: 'detached' });
  await place(carol, 'Trash');
  await carol.getByLabel('Trash of').selectOption({ label: 'Design' });
  await carol.waitForURL(/view=trash&drive=group%3A/);
  await carol.getByTestId('trash-item').filter({ hasText: 'brief.txt' }).waitFor();
  await carol.getByRole('button', { name: 'Empty the trash' }).click();
  await carol.getByRole('button', { name: 'Delete everything for good?' }).click();
  await carol.getByText('The trash is empty').waitFor();

  // A PDF opens in the browser's viewer, inside the page's.
  await place(carol, 'My drive');
  await upload(carol, 'plan.pdf', pdf('The plan of the studio'), 'application/pdf');
  await carol.getByRole('button', { name: 'plan.pdf', exact: true }).click();
  const frame = carol.getByTestId('viewer').locator('iframe[title="plan.pdf"]');
  await frame.waitFor();
  assert.match(await frame.getAttribute('src') ?? '', /\/content\?disposition=inline$/);
  const pdfAnswer = await carol.evaluate(async (src) => {
    const response = await fetch(src);
    return { type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition') };
  }, await frame.getAttribute('src') ?? '');
  assert.deepEqual(pdfAnswer, { type: 'application/pdf', disposition: 'inline; filename=plan.pdf' });
  await carol.waitForTimeout(500);
  await scene.shot(carol, '10a-pdf');
  await carol.getByTestId('viewer').getByRole('button', { name: 'Close' }).click();
  await itemAction(carol, 'plan.pdf', 'Move to the trash');
  await carol.getByTestId('drive-notice').getByRole('button', { name: 'Undo' }).click();
  await row(carol, 'plan.pdf').waitFor();
  await itemAction(carol, 'plan.pdf', 'Move to the trash');
  await row(carol, 'plan.pdf').waitFor({ state: 'detached' });

  // A folder of more than a page: the rest comes with "Load more".
  const many = await carol.evaluate(async () => {
    const { csrfToken } = await (await fetch('/api/v1/me')).json();
    const post = (body: unknown) => fetch('/api/v1/i/studio/drive/folders', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) }).then((r) => r.json());
    const folder = await post({ drive: 'me', name: 'Many' });
    for (let n = 1; n <= 101; n++) await post({ drive: 'me', parentId: folder.id, name: `Folder ${String(n).padStart(3, '0')}` });
    return folder.id as string;
  });
  await carol.goto(`${scene.ruche.url}/i/studio/drive?drive=me&folder=${many}`);
  await row(carol, 'Folder 100').waitFor();
  assert.equal(await carol.getByTestId('drive-item').count(), 100);
  await carol.getByRole('button', { name: 'Load more' }).click();
  await row(carol, 'Folder 101').waitFor();
  assert.equal(await carol.getByTestId('drive-item').count(), 101);
  await place(carol, 'My drive');

  // 17 MiB go up as parts of 8 MiB; the second part fails three times (the
  // page retries twice by itself, waiting between tries), then "Retry" resumes
  // from that part. Generous waits: under CI's load the first 8 MiB and the
  // retries took longer than 20 s once.
  let failures = 0;
  const parts: string[] = [];
  await carol.route('**/drive/uploads/*/parts/*', async (route) => {
    const index = route.request().url().split('/').at(-1) ?? '';
    if (index === '1' && failures < 3) {
      failures += 1;
      await route.abort('connectionreset');
      return;
    }
    parts.push(index);
    await route.continue();
  });
  const size = 17 * 1024 * 1024;
  const big = Buffer.alloc(size, 7);
  big.write('A large file made of parts.', 0);
  await upload(carol, 'big.bin', big, 'application/octet-stream');
  const bigRow = uploadRow(carol, 'big.bin');
  await bigRow.getByText('The upload was interrupted. Check your connection, then retry.').waitFor({ timeout: 60_000 });
  await scene.shot(carol, '10-part-failed');
  await bigRow.getByRole('button', { name: 'Retry the upload of big.bin' }).click();
  await row(carol, 'big.bin').waitFor({ timeout: 20_000 });
  assert.equal(failures, 3);
  assert.deepEqual(parts, ['0', '1', '2'], 'part 0 was not sent again');
  await row(carol, 'big.bin').getByTestId('item-size').getByText('17 MB').waitFor();
  const stored = await scene.ruche.owner.query("SELECT v.size FROM drive_items i JOIN drive_versions v ON v.id = i.current_version_id WHERE i.name = 'big.bin'");
  assert.equal(Number(stored.rows[0]?.size), size);
  await carol.unroute('**/drive/uploads/*/parts/*');

  // Over the limit the server refuses, and the row says so with the limit it just learnt.
  const drive = scene.ruche.s.config.drive;
  const saved = { ...drive };
  drive.maxFileBytes = 1024;
  // The refusal makes the row and the page each ask /drive/usage again; the page's answer is what the next upload is checked with.
  let usageAnswers = 0;
  const countUsage = (response: { url(): string }) => { if (response.url().includes('/drive/usage')) usageAnswers += 1; };
  carol.on('response', countUsage);
  await upload(carol, 'too-big.txt', 'x'.repeat(4096));
  await uploadRow(carol, 'too-big.txt').getByText('This file is too large: files are limited to 1 KB.').waitFor();
  for (let i = 0; i < 100 && usageAnswers < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  await carol.waitForTimeout(100); // the answer rendered
  carol.off('response', countUsage);
  // Known now: the next one is refused before it is sent.
  const sent: string[] = [];
  carol.on('request', (request) => void sent.push(request.url()));
  await upload(carol, 'also-too-big.txt', 'y'.repeat(2048));
  await uploadRow(carol, 'also-too-big.txt').getByText('This file is too large: files are limited to 1 KB.').waitFor();
  assert.ok(!sent.some((url) => url.includes('also-too-big')), 'refused without sending it');
  Object.assign(drive, saved);
  drive.userQuotaBytes = size + 10;
  await upload(carol, 'one-more.txt', 'z'.repeat(100));
  await uploadRow(carol, 'one-more.txt').getByText('The storage space is full', { exact: false }).waitFor();
  await scene.shot(carol, '11-refused');
  Object.assign(drive, saved);
  await uploadRow(carol, 'too-big.txt').getByText('This file is too large: files are limited to 1 KB.').waitFor();

  // French, then a phone-sized screen.
  await carol.getByLabel('Interface language').selectOption('fr');
  await carol.getByRole('heading', { name: 'Mes documents' }).waitFor();
  await carol.getByRole('region', { name: 'Envois' }).getByRole('heading', { name: '3 envois ont échoué' }).waitFor();
  await row(carol, 'big.bin').getByTestId('item-size').getByText('17 Mo').waitFor();
  await scene.shot(carol, '12-french');
  await carol.getByRole('button', { name: 'Effacer' }).click().catch(() => undefined);
  await carol.setViewportSize({ width: 390, height: 760 });
  await scene.shot(carol, '13-phone');
  await carol.getByRole('button', { name: 'Actions pour big.bin' }).click();
  await carol.getByRole('menu', { name: 'Actions pour big.bin' }).waitFor();
  await scene.shot(carol, '14-phone-menu');

  // 401: the page asks who is signed in before signing up.
  const expected = /status of (401|413|507)|ERR_CONNECTION_RESET|ERR_FAILED/;
  assert.deepEqual(scene.errors.filter((e) => !expected.test(e)), [], 'no other errors in the browser consoles');
});
