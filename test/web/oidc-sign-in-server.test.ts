// The whole server with auth.oidc configured: the sign-in page offers the provider's button, and
// signing in there lands on the dashboard as the configured person, with the web app's own session.
// On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from '../http/http-harness.js';
import { Browser, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startProvider, type LocalProvider } from '../support/oidc-provider.js';
import { STORE_KINDS } from '../support/stores.js';

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

for (const kind of STORE_KINDS) {
  describe(`signing in to the web app with the provider (${kind})`, () => {
    let provider: LocalProvider;
    let h: Harness;
    let base: string;

    before(async () => {
      provider = await startProvider();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const yaml = `
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
    groups:
      ir-commanders: { role: commander }
      sec-team: { teams: [security] }
    button_label: Sign in with Acme ID
`;
      h = await startHarness(kind, {}, { configYaml: yaml, env: { OIDC_CLIENT_SECRET, IR_SESSION_SECRET: 'a-session-secret-of-at-least-thirty-two-characters' } });
      provider.register(`${base}/app/auth/oidc/callback`);
      await h.server.listen({ host: '127.0.0.1', port });
    });
    after(async () => {
      await h.close();
      await provider.close();
    });

    it('offers the provider on the sign-in page', async () => {
      const page = await (await fetch(`${base}/app/sign-in`)).text();
      assert.match(page, /<a class="button primary" href="\/app\/auth\/oidc\/start">Sign in with Acme ID<\/a>/);
    });

    it('lands on the dashboard signed in as the configured person, and the sign-in is on the audit trail', async () => {
      const browser = new Browser();
      const done = await browser.get(await browser.signInAt(base, 'alice'));
      assert.equal(done.status, 200);
      // A page that moves on to /app itself: the session cookie is SameSite=Strict, and this request came from the provider's site.
      assert.match(await done.text(), /<meta http-equiv="refresh" content="0;url=\/app">/);
      const dashboard = await browser.get(`${base}/app`);
      assert.equal(dashboard.status, 200);
      assert.match(await dashboard.text(), /alice/);
      const audit = (await h.app.store.readAdminAudit({ limit: 100 })).filter((a) => a.action === 'sign-in' && a.subject === 'alice');
      assert.equal(audit.length, 1);
      assert.deepEqual([audit[0]!.detail['role'], audit[0]!.detail['teams'], audit[0]!.detail['via']], ['commander', ['security'], 'oidc']);
      assert.ok(!h.logs.join('').includes(OIDC_CLIENT_SECRET), 'the client secret is never logged');
    });
  });
}

describe('sign-in with the provider when its client secret cannot be read', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('sqlite', {}, {
      configYaml: `
auth:
  oidc:
    issuer: https://login.example.com
    client_id: ir
    client_secret_env: OIDC_CLIENT_SECRET
    redirect_url: https://ir.example.com/app/auth/oidc/callback
`,
    });
  });
  after(() => h.close());

  it('is off, says why in the log, and the sign-in page offers tokens only', async () => {
    assert.match(h.logs.join(''), /Sign-in with the provider is off: the environment variable OIDC_CLIENT_SECRET \(auth\.oidc\.client_secret_env\) is not set/);
    const page = await h.server.inject({ method: 'GET', url: '/app/sign-in' });
    assert.doesNotMatch(page.body, /auth\/oidc\/start/);
    assert.match(page.body, /API token/);
    assert.equal((await h.server.inject({ method: 'GET', url: '/app/auth/oidc/start' })).statusCode, 404);
  });
});
