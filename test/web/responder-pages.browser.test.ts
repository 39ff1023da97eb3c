// The responder's pages in chromium at 1440×900 and 390×844, light and dark, against a real serve
// process: the dashboard puts SEV-1 first and raises a red banner when a page fails, the room
// collapses paging per escalation step and confirms each action, viewers see no buttons they cannot
// use, no page overflows sideways, and axe-core finds no violation on any page.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createToken, startServe, type ServeProcess } from '../http/serve-process.js';
import { runBin, tempDir } from '../support/cli.js';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../support/stores.js';
import { startTogether } from '../support/start-together.js';
import { DESKTOP, PHONE, axeViolations, describeViolations, horizontalOverflow, launchChromium, screenshot, signedInContext } from './browser.js';

/**
 * The rota starts at midnight today (London) with Alice's week, so Alice is on call whenever the
 * test runs and Bob is the next on the rota (a rota fixed to a past date put Bob on call every
 * other day).
 */
const TODAY_IN_LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

// No channels are configured: every SMS and voice page fails ("no SMS channel configured").
const CONFIG = `
display_time_zone: Europe/London
services:
  checkout-api: { name: Checkout API, owner_team: payments, escalation_policy: payments }
  search: { name: Search, owner_team: payments, escalation_policy: payments }
people:
  alice:
    name: Alice Adams
    contact_methods:
      - { kind: sms, address: "+15550000001" }
      - { kind: voice, address: "+15550000001" }
    notification_rules:
      - { after_minutes: 0, method: sms }
      - { after_minutes: 0, method: voice }
  bob:
    name: Bob Brown
    contact_methods:
      - { kind: sms, address: "+15550000002" }
teams:
  payments: { name: Payments, members: [alice, bob] }
schedules:
  primary:
    name: Payments primary
    layers:
      - { time_zone: Europe/London, start_date: ${TODAY_IN_LONDON}, hand_off_time: "00:00", turn: weekly, participants: [alice, bob] }
escalation_policies:
  payments:
    name: Payments
    steps:
      - targets: [{ schedule: primary }]
      - delay_minutes: 30
        targets: [{ person: bob }]
paging:
  war_room_severities: []
`;

async function startWorld(kind: StoreKind) {
  const cwd = tempDir('ir-web-pages-');
  await writeFile(join(cwd, 'incident-response.yaml'), CONFIG);
  const database: TestDatabase = await createTestDatabase(kind);
  const env: Record<string, string> = kind === 'postgres' ? { DATABASE_URL: database.location } : { IR_DB: database.location };
  const [admin, responder, viewer, bob] = await Promise.all([
    createToken(cwd, env, 'root', 'admin'), createToken(cwd, env, 'rita', 'responder'), createToken(cwd, env, 'victor', 'viewer'), createToken(cwd, env, 'bob', 'responder'),
  ]);
  const serve: ServeProcess = await startServe(cwd, { ...env, IR_SESSION_SECRET: 'a-test-secret-of-at-least-thirty-two-characters' });
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(serve.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const declare = async (body: Record<string, unknown>) => (await api('POST', '/api/v1/incidents', admin, body))['incident'].id as string;
  return {
    cwd, env, serve, admin, responder, viewer, bob, api, declare,
    async close() {
      await serve.stop();
      await database.cleanup();
    },
  };
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`the responder's pages in chromium (${kind})`, () => {
    let browser: Browser;
    let w: Awaited<ReturnType<typeof startWorld>>;
    before(async () => {
      [browser, w] = await startTogether({ start: launchChromium(), close: (b) => b.close() }, { start: startWorld(kind), close: (x) => x.close() });
    });
    after(async () => {
      await browser?.close();
      await w?.close();
    });

    it('raises a red banner on the open dashboard when the page to the on-call fails, and lists SEV-1 first', async () => {
      await w.declare({ severity: 'medium', type: 'performance', environment: 'production', title: 'Search results slow for some queries in performance tests' });
      await w.declare({ severity: 'low', type: 'integration', environment: 'staging', title: 'Staging webhook retries' });
      const { context, page } = await signedInContext(browser, w.serve.url, w.responder);
      await page.waitForSelector('body[data-live=connected]', { timeout: 5000 });
      assert.equal(await page.locator('#paging-alarms').count(), 0, 'no banner before any page failed');
      const sev1 = await w.declare({ severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' });
      // The engine sends Alice's SMS at once; with no SMS channel it fails, and the banner follows the event.
      const banner = page.locator('#paging-alarms li', { hasText: new RegExp(`${sev1}.*by sms failed`) }).first();
      await banner.waitFor({ timeout: 10_000 });
      assert.match(await banner.textContent() ?? '', /Alice Adams by sms failed — no SMS channel configured/);
      const first = page.locator('#active-incidents tbody tr').first();
      assert.equal(await first.getAttribute('data-incident'), sev1, 'SEV-1 is the first row');
      assert.match(await page.textContent('.counts') ?? '', /1SEV-1.*1SEV-3.*1SEV-4/s);
      const time = page.locator(`#row-${sev1} td[data-label=Response] time`);
      assert.match(await time.getAttribute('title') ?? '', /UTC\)$/, 'the UTC instant is on hover');
      // Keys: / searches, j moves to the first incident, a acknowledges it.
      await page.keyboard.press('/');
      assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'search');
      await page.locator('#search').blur();
      await page.keyboard.press('j');
      assert.equal(await page.getAttribute('#active-incidents tbody tr.focused', 'data-incident'), sev1);
      await Promise.all([page.waitForURL(/\/app(\?|$)/), page.keyboard.press('a')]);
      assert.match(await page.textContent('.flash') ?? '', /Acknowledged/);
      assert.match(await page.textContent(`#row-${sev1}`) ?? '', /acked/);
      await context.close();
    });

    it('collapses paging into one line per step, confirms an acknowledgement, and shows times in the display zone', async () => {
      const id = await w.declare({ severity: 'critical', type: 'outage', environment: 'production', title: 'Payments failing', service: 'checkout-api' });
      const { context, page } = await signedInContext(browser, w.serve.url, w.responder);
      await page.goto(`/app/incidents/${id}`);
      await page.waitForSelector('#room-paging details[data-failed=true]', { timeout: 10_000 }).catch(async () => {
        await page.reload();
        await page.waitForSelector('#room-paging details[data-failed=true]', { timeout: 10_000 });
      });
      const summary = await page.textContent('#room-paging details summary') ?? '';
      assert.match(summary, /^step 1 .*: Alice Adams by SMS ✗ failed — no SMS channel configured.*; Alice Adams by Voice call ✗ failed/);
      assert.match(await page.textContent('#room-alarms') ?? '', /Paging failed at step 1/);
      assert.equal(await page.locator('#room-timeline li[data-kind=message-delivery]').count(), 0, 'deliveries are not in the timeline');
      assert.match(await page.textContent('#room-header .facts') ?? '', /Declared \d+ \w{3} \d\d:\d\d [+-]\d\d:\d\d/);
      // The composer and the note box come before paging and the timeline.
      const order = await page.evaluate(`['#update-message', '#note-text', '#room-paging', '#room-timeline'].map((s) => document.querySelector(s).getBoundingClientRect().top)`) as number[];
      const [update, note, paging, timeline] = order as [number, number, number, number];
      assert.ok(Math.max(update, note) < paging && paging < timeline, `composer ${update}, note ${note}, paging ${paging}, timeline ${timeline}`);
      await Promise.all([page.waitForURL(/done=acknowledge|\/app\/incidents\/[^?]+$/), page.click('button:has-text("Acknowledge")')]);
      assert.match(await page.textContent('.flash') ?? '', /Acknowledged\. Paging for this incident stopped\./);
      assert.doesNotMatch(page.url(), /done=/, 'the confirmation is not kept in the address');
      await page.fill('#note-text', 'Rolled back the deploy.');
      await page.click('button:has-text("Add note")');
      await page.waitForSelector('.flash:has-text("Note added.")');
      await context.close();
    });

    it('shows a viewer no action buttons, and refuses a declaration without a title naming the field', async () => {
      const id = await w.declare({ severity: 'high', type: 'outage', environment: 'production', title: 'Queue backlog' });
      const viewer = await signedInContext(browser, w.serve.url, w.viewer);
      await viewer.page.goto(`/app/incidents/${id}`);
      assert.equal(await viewer.page.locator('main form[method=post]').count(), 0, 'no forms for a viewer');
      await viewer.page.goto('/app');
      assert.equal(await viewer.page.locator('#active-incidents form').count(), 0);
      await viewer.context.close();
      const { context, page } = await signedInContext(browser, w.serve.url, w.responder);
      await page.goto('/app/incidents/new');
      assert.deepEqual(await page.locator('#service option').allTextContents(), ['not service-specific', 'Checkout API (checkout-api)', 'Search (search)']);
      assert.equal(await page.getAttribute('#title', 'required'), '');
      const csrf = await page.getAttribute('input[name=_csrf]', 'value');
      const res = await context.request.post(`${w.serve.url}/app/incidents`, { form: { severity: 'high', type: 'outage', environment: 'production', title: '  ', _csrf: csrf ?? '' } });
      assert.equal(res.status(), 400);
      assert.match(await res.text(), /Fill in the title\./);
      await page.selectOption('#service', 'search');
      await page.fill('#title', 'Search index stale');
      await Promise.all([page.waitForURL(/\/app\/incidents\/INC-/), page.click('button:has-text("Declare")')]);
      assert.match(await page.textContent('.flash') ?? '', /Incident declared/);
      assert.match(await page.textContent('#room-header') ?? '', /Service: search/);
      await context.close();
    });

    it('closes an incident declared by mistake from the room, keeping its record', async () => {
      const id = await w.declare({ severity: 'high', type: 'outage', environment: 'staging', title: 'Synthetic check misfired' });
      const { context, page } = await signedInContext(browser, w.serve.url, w.admin);
      await page.goto(`/app/incidents/${id}`);
      await page.fill('#mistake-summary', 'The synthetic check pointed at a retired host');
      await Promise.all([page.waitForURL(/\/app\/incidents\//), page.click('button:has-text("Close as declared by mistake")')]);
      assert.match(await page.textContent('.flash') ?? '', /declared by mistake: kept on record, left out of MTTR/);
      assert.match(await page.textContent('#room-timeline li[data-kind=resolved]') ?? '', /closed as declared by mistake by root: The synthetic check pointed at a retired host/);
      await Promise.all([page.waitForURL(/done=close|\/app\/incidents\/[^?]+$/), page.click('button:has-text("Close")')]);
      assert.match(await page.textContent('#room-header .facts') ?? '', /Status: closed/);
      await context.close();
    });

    it('lets a person on the rota send themselves a test page and take a shift from the on-call page', async () => {
      const { context, page } = await signedInContext(browser, w.serve.url, w.bob);
      await page.goto('/app/oncall');
      assert.match(await page.textContent('#mine-h ~ ul') ?? '', /✓ SMS/);
      // Push to this device is offered; with notifications not allowed for the site it says why it cannot.
      await page.click('#enable-push');
      await page.waitForSelector('#push-status:has-text("Could not turn on push")', { timeout: 10_000 });
      await page.click('button:has-text("Send me a test page")');
      assert.match(await page.textContent('#mine-h ~ .flash') ?? '', /Test by SMS: failed — no SMS channel configured/);
      const take = page.locator('table.oncall-now button:has-text("Take")').first();
      await Promise.all([page.waitForURL(/\/app\/oncall/), take.click()]);
      assert.match(await page.textContent('.flash') ?? '', /You are on call for that shift now/);
      assert.match(await page.textContent('table.oncall-now') ?? '', /Bob Brown \(override\)/);
      assert.equal(describeViolations(await axeViolations(page)), '');
      if (kind === 'sqlite') await screenshot(page, 'oncall-actions-desktop-light');
      await context.close();
      // Someone who is not on the rota sees no such buttons (any responder may still page the person on call).
      const rita = await signedInContext(browser, w.serve.url, w.responder);
      await rita.page.goto('/app/oncall');
      assert.equal(await rita.page.locator('main form:not(.page-person)').count(), 0);
      await rita.context.close();
    });

    it('keeps every page inside the window with no axe-core violation, light and dark, desktop and phone', { timeout: 300_000 }, async () => {
      const id = await w.declare({ severity: 'high', type: 'performance', environment: 'production', title: `Latency ${'very-long-word-without-spaces-'.repeat(12)}`, service: 'search' });
      await runBin(['note', id, 'Looking at the database pool'], { cwd: w.cwd, env: w.env });
      const pages = [['/app', 'dashboard'], ['/app/incidents', 'incident-list'], [`/app/incidents/${id}`, 'incident-room'], ['/app/incidents/new', 'declare'], ['/app/oncall', 'oncall'], ['/app/reports', 'reports'], [`/app/incidents/${id}/rca`, 'rca']] as const;
      const found: string[] = [];
      for (const [viewport, size] of [[DESKTOP, 'desktop'], [PHONE, 'phone']] as const) {
        for (const scheme of ['light', 'dark'] as const) {
          const { context, page } = await signedInContext(browser, w.serve.url, w.responder, { viewport, colorScheme: scheme });
          for (const [path, name] of pages) {
            await page.goto(path);
            const overflow = await horizontalOverflow(page);
            if (overflow > 0) found.push(`${path} at ${size}/${scheme} overflows by ${overflow}px`);
            if (path === '/app' && size === 'desktop') {
              const hidden = Number(await page.evaluate("(() => { const t = document.querySelector('#active-incidents').parentElement; return t.scrollWidth - t.clientWidth; })()"));
              if (hidden > 0) found.push(`the dashboard's incidents table at ${size}/${scheme} hides ${hidden}px behind a scroll`);
            }
            const violations = await axeViolations(page);
            if (violations.length > 0) found.push(`${path} at ${size}/${scheme}:\n${describeViolations(violations)}`);
            if (kind === 'sqlite') await screenshot(page, `${name}-${size}-${scheme}`);
          }
          await context.close();
        }
      }
      assert.deepEqual(found, []);
    });
  });
}
