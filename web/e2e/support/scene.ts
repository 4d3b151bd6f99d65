// What every browser test starts from: a running Ruche, Debian's Chromium,
// one browser context per person (with its console errors collected), and
// screenshots under test-results/ for a human to look at.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startRuche, type RunningRuche } from './server.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../../test-results');

export interface Scene {
  ruche: RunningRuche;
  /** Page errors and console errors of every person's page. */
  errors: string[];
  /** A new person: a browser context of their own (their own cookies). */
  person(): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
}

/** Registers the file's before/after hooks; the scene is ready inside tests. */
export function browserScene(prefix: string): Scene {
  let browser: Browser;
  const scene = {
    errors: [] as string[],
    async person() {
      const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
      page.on('pageerror', (error) => scene.errors.push(error.message));
      page.on('console', (message) => { if (message.type() === 'error') scene.errors.push(message.text()); });
      return page;
    },
    async shot(page: Page, name: string) {
      await page.screenshot({ path: path.join(SHOTS, `${prefix}-${name}.png`), fullPage: true });
    },
  } as Scene;
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    scene.ruche = await startRuche();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await scene.ruche?.close();
  });
  return scene;
}

/** Signs up through the page and creates an instance, landing on its feed. */
export async function signUpWithInstance(page: Page, scene: Scene, who: { name: string; email: string; password: string }, instance: { name: string; slug: string }): Promise<void> {
  await page.goto(`${scene.ruche.url}/sign-up`);
  await page.getByLabel('Display name').fill(who.name);
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.getByLabel('Instance name').fill(instance.name);
  await page.getByLabel('Address').fill(instance.slug);
  await page.getByRole('button', { name: 'Create the instance' }).click();
  await page.waitForURL(new RegExp(`/i/${instance.slug}/feed`));
}
