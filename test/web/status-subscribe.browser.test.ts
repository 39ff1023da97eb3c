// The public status page's subscribe form in chromium, on a desktop and a phone: it fits the
// window, axe-core finds nothing, subscribing answers "Check your inbox", and the confirmation
// link shows one button that confirms. Screenshots go to test-artifacts/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Harness } from '../http/http-harness.js';
import { caughtUp, declareIncident, postUpdate, publish, startSubscribableHarness } from '../status-page/status-page-world.js';
import { axeViolations, describeViolations, DESKTOP, horizontalOverflow, launchChromium, PHONE, screenshot } from './browser.js';

describe('status page subscriptions in chromium', () => {
  let browser: Browser;
  let h: Harness;
  let base: string;
  before(async () => {
    browser = await launchChromium();
    h = await startSubscribableHarness('sqlite');
    const id = await declareIncident(h, { severity: 'high', type: 'performance', environment: 'production', title: 'CDN node fra-3 dropping packets' });
    await postUpdate(h, id, 'identified', 'Pages load slowly in Europe; we are moving traffic to another region.');
    await publish(h, id, { title: 'Slow web app in Europe', componentIds: ['web'], impact: 'minor' });
    await caughtUp(h);
    base = await h.server.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`subscribes from the page and confirms from the link (${size}, ${colorScheme})`, async () => {
        const context = await browser.newContext({ viewport, colorScheme, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(`${base}/status`);
        await page.locator('form.subscribe').scrollIntoViewIfNeeded();
        assert.equal(await horizontalOverflow(page), 0);
        assert.equal(describeViolations(await axeViolations(page)), '');
        await screenshot(page, `status-page-subscribe-${size}-${colorScheme}`);

        const address = `reader-${size}-${colorScheme}@example.com`;
        await page.fill('input[name=address]', address);
        await page.selectOption('select[name=component]', 'web');
        await Promise.all([page.waitForURL('**/status/subscriptions'), page.click('form.subscribe button[type=submit]')]);
        assert.match(await page.textContent('h1') ?? '', /Check your inbox/);
        assert.equal(await horizontalOverflow(page), 0);
        await screenshot(page, `status-subscription-sent-${size}-${colorScheme}`);

        const confirmation = (await h.app.store.listMessages({ limit: 1000 })).find((m) => m.address === address)!;
        const link = /https:\/\/status\.example\.com(\/status\/subscriptions\/confirm\/\S+)/.exec(confirmation.text)![1]!;
        await page.goto(`${base}${link}`);
        assert.equal(await horizontalOverflow(page), 0);
        assert.equal(describeViolations(await axeViolations(page)), '');
        await screenshot(page, `status-subscription-confirm-${size}-${colorScheme}`);
        await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
        await page.waitForSelector('h1:has-text("Subscribed")');
        assert.ok((await h.app.store.listConfirmedStatusSubscribers()).some((s) => s.address === address));
        await context.close();
      });
    }
  }
});
