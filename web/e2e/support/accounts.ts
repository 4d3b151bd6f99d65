// Accounts for browser tests: an administrator creates one from the admin
// page (no email round trip), and a person signs in through the page.
import type { Page } from 'playwright-core';
import type { Scene } from './scene.ts';

export const PASSWORD = 'a strong enough passphrase';

/** On the admin page of the current instance, as an administrator. */
export async function createAccount(admin: Page, who: { name: string; email: string }): Promise<void> {
  const form = admin.getByRole('form', { name: 'Create an account' });
  await form.getByLabel('Email address').fill(who.email);
  await form.getByLabel('Display name').fill(who.name);
  await form.getByLabel('Initial password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create the account' }).click();
  await admin.getByText(`The account of ${who.email} has been created.`).waitFor();
}

/** Signs in and lands on `next`. */
export async function signIn(page: Page, scene: Scene, email: string, next: string): Promise<void> {
  await page.goto(`${scene.ruche.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}
