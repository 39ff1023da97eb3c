import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createToken, startServe, type ServeProcess } from '../http/serve-process.js';
import { runBin, tempDir } from '../support/cli.js';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../support/stores.js';
import { startTogether } from '../support/start-together.js';
import { DESKTOP, PHONE, launchChromium, screenshot, signedInContext } from './browser.js';

const CONFIG = `
status_page:
  name: Acme Status
  url: https://status.example.com
  components:
    - id: api
      name: Public API
people:
  alice: { name: Alice Adams, contact_methods: [{ kind: sms, address: "+15550000001" }] }
  bob: { name: Bob Brown, contact_methods: [{ kind: sms, address: "+15550000002" }] }
schedules:
  primary:
    name: Payments primary
    layers:
      - time_zone: UTC
        start_date: 2026-01-05
        hand_off_time: "09:00"
        turn: daily
        participants: [alice, bob]
`;

/** One `serve` process on a fresh database, with tokens per role, and helpers over its API. */
async function startWorld(kind: StoreKind) {
  const cwd = tempDir('ir-web-');
  await writeFile(join(cwd, 'incident-response.yaml'), CONFIG);
  const database: TestDatabase = await createTestDatabase(kind);
  const env: Record<string, string> = kind === 'postgres' ? { DATABASE_URL: database.location } : { IR_DB: database.location };
  const admin = await createToken(cwd, env, 'root', 'admin');
  const responder = await createToken(cwd, env, 'rita', 'responder');
  const viewer = await createToken(cwd, env, 'victor', 'viewer');
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
  const declare = async (body: Record<string, unknown>, token = admin) => (await api('POST', '/api/v1/incidents', token, body))['incident'].id as string;
  return {
    cwd, env, serve, admin, responder, viewer, api, declare,
    async close() {
      await serve.stop();
      await database.cleanup();
    },
  };
}

describe('the web app in chromium, against a real serve process (sqlite)', () => {
  let browser: Browser;
  let w: Awaited<ReturnType<typeof startWorld>>;
  before(async () => {
    [browser, w] = await startTogether({ start: launchChromium(), close: (b) => b.close() }, { start: startWorld('sqlite'), close: (x) => x.close() });
  });
  after(async () => {
    await browser?.close();
    await w?.close();
  });

  it('shows an incident declared through the API on an open dashboard within a second, without a reload', async () => {
    const { context, page } = await signedInContext(browser, w.serve.url, w.responder);
    await page.waitForSelector('body[data-live=connected]', { timeout: 5000 });
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));
    const id = await w.declare({ severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout' });
    await page.waitForSelector(`#row-${id}`, { timeout: 1000 });
    assert.deepEqual(navigations, [], 'the page did not navigate');
    const row = await page.textContent(`#row-${id}`);
    assert.match(row ?? '', /SEV-1|Critical/i);
    assert.match(row ?? '', /Checkout API down/);
    assert.match(row ?? '', /left|overdue/, 'the SLA clock ticks client-side');
    assert.equal(await page.textContent('#no-metric-source') !== null, true);
    await context.close();
  });

  it('completes a checklist step in the incident room and shows it on the timeline', async () => {
    const id = await w.declare({ severity: 'high', type: 'outage', environment: 'production', title: 'Queue backlog growing' });
    const { context, page } = await signedInContext(browser, w.serve.url, w.responder);
    // Someone else has the same room open: it updates without a reload.
    const watcher = await context.newPage();
    await watcher.goto(`/app/incidents/${id}`);
    await watcher.waitForSelector('body[data-live=connected]', { timeout: 5000 });
    await page.goto(`/app/incidents/${id}`);
    const step = page.locator('#room-checklist li[data-step]').first();
    const key = await step.getAttribute('data-step');
    assert.ok(key);
    assert.equal(await page.locator('#room-timeline li[data-kind=step-completed]').count(), 0);
    await step.getByRole('button', { name: /^Complete step/ }).click();
    await page.waitForSelector('#room-timeline li[data-kind=step-completed]', { timeout: 2000 });
    assert.equal(await page.locator(`#room-checklist li[data-step="${key}"].done`).count(), 1);
    await watcher.waitForSelector('#room-timeline li[data-kind=step-completed]', { timeout: 2000 });
    await watcher.waitForSelector(`#room-checklist li[data-step="${key}"].done`, { timeout: 2000 });
    await page.click('text=Acknowledgements');
    assert.equal(await page.locator('#room-timeline li[data-kind=step-completed]').count(), 0, 'the filter hides other kinds');
    await context.close();
  });

  it('publishes a status update from the room and shows it on the status page and in summary.json', async () => {
    const id = await w.declare({ severity: 'critical', type: 'outage', environment: 'production', title: 'Primary DB failover stuck' });
    const published = await runBin(['publish', id, '--component', 'api', '--impact', 'major', '--title', 'API errors'], { cwd: w.cwd, env: w.env });
    assert.equal(published.code, 0, published.stderr);
    const { context, page } = await signedInContext(browser, w.serve.url, w.responder);
    await page.goto(`/app/incidents/${id}`);
    assert.match(await page.textContent('#update-h + p') ?? '', /Goes to: .*Executive/i);
    await page.selectOption('#update-status', 'identified');
    await page.fill('#update-message', 'We found the cause and are failing over to the replica.');
    await Promise.all([page.waitForURL(`**/app/incidents/${id}`), page.click('button:has-text("Post update")')]);
    await page.waitForSelector('#room-timeline li[data-kind=status-updated]');
    await page.goto('/status');
    assert.match(await page.content(), /We found the cause and are failing over to the replica\./);
    await screenshot(page, 'status-page-desktop');
    const summary = (await (await fetch(`${w.serve.url}/api/v2/summary.json`)).json()) as { incidents: { name: string; status: string; incident_updates: { body: string }[] }[] };
    const incident = summary.incidents.find((i) => i.name === 'API errors');
    assert.ok(incident);
    assert.equal(incident.status, 'identified');
    assert.equal(incident.incident_updates[0]!.body, 'We found the cause and are failing over to the replica.');
    await context.close();
  });

  it('never shows a security incident to a viewer outside the security team, on any page or through the live stream', async () => {
    const secret = 'Credential stuffing against admin login';
    const securityId = await w.declare({ severity: 'high', type: 'security', environment: 'production', title: secret });
    const { context, page } = await signedInContext(browser, w.serve.url, w.viewer);
    await page.waitForSelector('body[data-live=connected]', { timeout: 5000 });
    const later = await w.declare({ severity: 'high', type: 'security', environment: 'production', title: `${secret} (second wave)` });
    const visible = await w.declare({ severity: 'low', type: 'performance', environment: 'staging', title: 'Slow staging search' });
    await page.waitForSelector(`#row-${visible}`, { timeout: 2000 });
    for (const path of ['/app', '/app/incidents', '/app/incidents?type=security', `/app/incidents?q=${encodeURIComponent('Credential')}`, '/app/oncall', '/app/reports', '/app/fragments/dashboard']) {
      if (path !== '/app') await page.goto(path);
      const html = await page.content();
      assert.ok(!html.includes(secret), `${path} shows the security incident's title`);
      assert.ok(!html.includes(securityId) && !html.includes(later), `${path} shows the security incident's id`);
    }
    const room = await page.goto(`/app/incidents/${securityId}`);
    assert.equal(room?.status(), 404);
    assert.ok(!(await page.content()).includes(secret));
    assert.match(await page.textContent('h1') ?? '', /Not found/);
    const fragment = await page.goto(`/app/fragments/incidents/${securityId}/timeline`);
    assert.equal(fragment?.status(), 404);
    // An admin sees it.
    const adminSide = await signedInContext(browser, w.serve.url, w.admin);
    await adminSide.page.goto(`/app/incidents/${securityId}`);
    assert.match(await adminSide.page.content(), /Credential stuffing/);
    await adminSide.context.close();
    await context.close();
  });

  it('keeps a 2,000-character title and 500 active incidents inside the page, follows dark mode and reaches the skip link first', async () => {
    const long = `Long ${'title-without-spaces-'.repeat(95)}`.slice(0, 2000);
    const longId = await w.declare({ severity: 'medium', type: 'performance', environment: 'production', title: long });
    // 500 more active incidents (beside those of the tests before): the dashboard shows the newest 500.
    for (let i = 0; i < 500; i += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, j) => w.declare({ severity: 'low', type: 'integration', environment: 'staging', title: `Bulk incident ${i + j}` })));
    }
    for (const viewport of [DESKTOP, PHONE]) {
      const { context, page } = await signedInContext(browser, w.serve.url, w.responder, { viewport });
      for (const path of ['/app', '/app/incidents', `/app/incidents/${longId}`]) {
        await page.goto(path);
        if (path === '/app') assert.equal(await page.locator('#active-incidents tbody tr').count(), 500);
        const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
        assert.ok(overflow <= 1, `${path} at ${viewport.width}px overflows by ${overflow}px`);
      }
      await context.close();
    }
    const { context, page } = await signedInContext(browser, w.serve.url, w.responder, { colorScheme: 'dark' });
    const background = String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
    assert.notEqual(background, 'rgb(246, 247, 249)', 'dark mode follows prefers-color-scheme');
    await page.goto('/app/oncall');
    assert.match(await page.textContent('tr[data-when=now]') ?? '', /Now(Alice Adams|Bob Brown)/);
    // Keyboard: the first Tab reaches the skip link.
    await page.goto('/app');
    await page.keyboard.press('Tab');
    assert.equal(String(await page.evaluate('document.activeElement && document.activeElement.textContent')), 'Skip to content');
    await context.close();
  });

  it('declares from the form, refuses a post without the session CSRF token, and signs out', async () => {
    const { context, page } = await signedInContext(browser, w.serve.url, w.responder);
    await page.goto('/app/incidents/new');
    await page.selectOption('#severity', 'medium');
    await page.selectOption('#type', 'data');
    await page.fill('#title', 'Nightly export <script>alert(1)</script> missing rows');
    await Promise.all([page.waitForURL(/\/app\/incidents\/INC-/), page.click('button:has-text("Declare")')]);
    assert.match(await page.textContent('h1') ?? '', /Nightly export <script>alert\(1\)<\/script> missing rows/);
    const forged = await context.request.post(`${w.serve.url}/app/incidents`, { form: { severity: 'low', type: 'outage', environment: 'staging', _csrf: 'forged' } });
    assert.equal(forged.status(), 403);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'ir_session');
    assert.ok(session?.httpOnly && session.sameSite === 'Strict');
    await page.goto('/app');
    await Promise.all([page.waitForURL('**/app/sign-in'), page.click('button:has-text("Sign out")')]);
    await page.goto('/app');
    assert.match(page.url(), /\/app\/sign-in$/);
    await context.close();
  });
});

describe('the live dashboard on PostgreSQL', () => {
  let browser: Browser;
  let w: Awaited<ReturnType<typeof startWorld>>;
  before(async () => {
    [browser, w] = await startTogether({ start: launchChromium(), close: (b) => b.close() }, { start: startWorld('postgres'), close: (x) => x.close() });
  });
  after(async () => {
    await browser?.close();
    await w?.close();
  });

  it('shows an incident declared through the API within a second, without a reload', async () => {
    const { context, page } = await signedInContext(browser, w.serve.url, w.responder);
    await page.waitForSelector('body[data-live=connected]', { timeout: 5000 });
    const id = await w.declare({ severity: 'high', type: 'outage', environment: 'production', title: 'Payments degraded' });
    await page.waitForSelector(`#row-${id}`, { timeout: 1000 });
    await context.close();
  });
});
