// Debian's chromium driven by playwright-core (never `playwright install`), and screenshots as test artifacts.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export const SCREENSHOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A browser context signed in to the web app with `token` (through its sign-in page). */
export async function signedInContext(browser: Browser, baseUrl: string, token: string, options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, colorScheme: options.colorScheme ?? 'light', baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto('/app/sign-in');
  await page.fill('#token', token);
  await Promise.all([page.waitForURL('**/app'), page.click('button[type=submit]')]);
  return { context, page };
}
