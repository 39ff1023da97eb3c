// Signing in with the provider in chromium, on a desktop and a phone: the sign-in page offers the
// provider's button, the provider (on another site, as a real one is) shows its login form, and the
// browser lands on the dashboard with the SameSite=Strict session cookie; someone not in people:
// sees why they are refused. Pages fit the window and axe-core finds nothing on ours.
// Screenshots go to test-artifacts/screenshots/.
import assert from 'node:assert/strict';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startHarness, type Harness } from '../http/http-harness.js';
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startProvider, type LocalProvider } from '../support/oidc-provider.js';
import { axeViolations, describeViolations, DESKTOP, horizontalOverflow, launchChromium, PHONE, screenshot } from './browser.js';

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('signing in with the provider in chromium', () => {
  let browser: Browser;
  let provider: LocalProvider;
  let h: Harness;
  let base: string;

  before(async () => {
    provider = await startProvider('localhost');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await startHarness('sqlite', {}, {
      configYaml: `
people:
  alice:
    name: Alice Wong
    contact_methods: [{ kind: email, address: alice@example.com }]
auth:
  oidc:
    issuer: ${provider.issuer}
    client_id: ${OIDC_CLIENT_ID}
    client_secret_env: OIDC_CLIENT_SECRET
    redirect_url: ${base}/app/auth/oidc/callback
    scopes: [openid, email, profile, groups]
    claims: { groups: groups }
    groups: { ir-commanders: { role: commander }, sec-team: { teams: [security] } }
    button_label: Sign in with Acme ID
`,
      env: { OIDC_CLIENT_SECRET, IR_SESSION_SECRET: 'a-session-secret-of-at-least-thirty-two-characters' },
    });
    provider.register(`${base}/app/auth/oidc/callback`);
    await h.server.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await h.close();
    await provider.close();
  });

  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    it(`signs Alice in from the button and lands on the dashboard (${size})`, async () => {
      const context = await browser.newContext({ viewport, colorScheme: 'light', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${base}/app/sign-in`);
      const button = page.getByRole('link', { name: 'Sign in with Acme ID' });
      assert.equal(await button.count(), 1);
      assert.equal(await horizontalOverflow(page), 0);
      assert.equal(describeViolations(await axeViolations(page)), '');
      await screenshot(page, `oidc-sign-in-page-${size}`);
      await button.click();
      await page.waitForURL(/localhost:\d+\/interaction\//);
      await page.fill('input[name=login]', 'alice');
      await page.fill('input[name=password]', 'any');
      await Promise.all([page.waitForURL(`${base}/app`), page.click('button[type=submit]')]);
      assert.match(await page.locator('body').innerText(), /alice/i);
      await screenshot(page, `oidc-signed-in-dashboard-${size}`);
      await context.close();
    });

    it(`tells someone who is not configured why they are refused (${size})`, async () => {
      const context = await browser.newContext({ viewport, colorScheme: 'light', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${base}/app/sign-in`);
      await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
      await page.waitForURL(/localhost:\d+\/interaction\//);
      await page.fill('input[name=login]', 'mallory');
      await page.fill('input[name=password]', 'any');
      await Promise.all([page.waitForURL(/\/app\/auth\/oidc\/callback/), page.click('button[type=submit]')]);
      assert.match(await page.locator('[role=alert]').innerText(), /mallory@elsewhere\.example signed in with the provider but is not one of the people configured here/);
      assert.equal(await horizontalOverflow(page), 0);
      assert.equal(describeViolations(await axeViolations(page)), '');
      await screenshot(page, `oidc-refused-${size}`);
      await context.close();
    });
  }
});
