// The pages a one-tap acknowledgement link shows, in chromium on a desktop and a phone, light and
// dark: what the link will do (with its one button), done, and each refusal. They fit the window
// and axe-core finds nothing. Screenshots go to test-artifacts/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import type { Browser } from 'playwright-core';
import type { AckLinkOutcome, AckLinkPreview } from '../../src/app/ack-links/index.js';
import { registerAckRoutes } from '../../src/adapters/http/index.js';
import { axeViolations, describeViolations, DESKTOP, horizontalOverflow, launchChromium, PHONE, screenshot } from './browser.js';

const OUTCOMES: Record<string, AckLinkPreview> = {
  ready: { kind: 'ready', incidentId: 'INC-2026-1128-001', personName: 'Alice Adams', title: 'Checkout API down for card payments in the EU region' },
  acknowledged: { kind: 'acknowledged', incidentId: 'INC-2026-1128-001', personName: 'Alice Adams', title: 'Checkout API down for card payments in the EU region' },
  used: { kind: 'used', incidentId: 'INC-2026-1128-001' },
  expired: { kind: 'expired', incidentId: 'INC-2026-1128-001' },
  'not-open': { kind: 'not-open', incidentId: 'INC-2026-1128-001', status: 'acknowledged', by: 'bob' },
};

describe('acknowledgement link pages in chromium', () => {
  let browser: Browser;
  const server = Fastify();
  before(async () => {
    registerAckRoutes(server, {
      publicUrl: 'https://incidents.example.com',
      actions: {
        preview: async (token) => OUTCOMES[token] ?? { kind: 'invalid' },
        acknowledge: async (token) => (OUTCOMES[token] ?? { kind: 'invalid' }) as AckLinkOutcome,
        acknowledgeReply: async () => ({ kind: 'no-page' }),
        claimDelivery: async () => true,
        acknowledgePushoverReceipt: async () => ({ kind: 'invalid' }),
        acknowledgeTelegramButton: async () => ({ kind: 'invalid' }),
      },
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server.close();
  });

  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`shows each outcome readably (${size}, ${colorScheme})`, async () => {
        const context = await browser.newContext({ viewport, colorScheme, bypassCSP: true });
        const page = await context.newPage();
        for (const token of [...Object.keys(OUTCOMES), 'tampered']) {
          const res = await server.inject({ method: 'GET', url: `/ack/${token}` });
          await page.setContent(res.body);
          assert.equal(await horizontalOverflow(page), 0, token);
          assert.equal(describeViolations(await axeViolations(page)), '', token);
          if (token === 'ready') assert.equal(await page.locator('form button[type=submit]').count(), 1);
          await screenshot(page, `ack-link-${token}-${size}-${colorScheme}`);
        }
        await context.close();
      });
    }
  }
});
