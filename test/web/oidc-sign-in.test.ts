// People sign in as themselves through an OpenID Connect provider: a real provider (oidc-provider)
// runs in this process on its own port, the app's start and callback routes on another, and the
// test follows every redirect and posts the provider's login form as a browser would. On SQLite and
// PostgreSQL (the session token and the audit trail are in the store).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/adapters/config/index.js';
import { AddressGuard } from '../../src/adapters/outbound-net/index.js';
import { SESSION_COOKIE, SESSION_TTL_MS, SessionKeeper } from '../../src/adapters/web/web-session.js';
import { createOidcSignIn, registerOidcRoutes, type OidcRouteDeps, type OidcSignIn } from '../../src/adapters/web/oidc/index.js';
import type { OidcConfig, ResponseConfig } from '../../src/app/config/index.js';
import { resolveSignIn } from '../../src/app/people/index.js';
import { TokenService } from '../../src/app/tokens/index.js';
import { epochMs } from '../../src/domain/time/index.js';
import { nodeSecretSource } from '../../src/main/node-secret-source.js';
import { Browser, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startProvider, type LocalProvider } from '../support/oidc-provider.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../support/stores.js';

const SESSION_SECRET = 'a-session-secret-of-at-least-thirty-two-characters';

function config(issuer: string, redirect: string, unknownUsers: 'refuse' | 'viewer'): ResponseConfig {
  return parseConfig(`
people:
  alice:
    contact_methods: [{ kind: email, address: alice@example.com }]
  bob:
    contact_methods: [{ kind: email, address: bob@example.com }]
teams:
  payments:
    members: [bob]
auth:
  oidc:
    issuer: ${issuer}
    client_id: ${OIDC_CLIENT_ID}
    client_secret_env: OIDC_CLIENT_SECRET
    redirect_url: ${redirect}
    scopes: [openid, email, profile, groups]
    claims: { groups: groups }
    groups:
      ir-admins: { role: admin }
      ir-commanders: { role: commander }
      sec-team: { teams: [security] }
    unknown_users: ${unknownUsers}
`, 'incident-response.yaml');
}

for (const kind of STORE_KINDS) {
  describe(`OpenID Connect sign-in (${kind})`, () => {
    let t: TestStore;
    let provider: LocalProvider;
    let issuer: string;
    let clockOffsetMs = 0;
    const clock = { now: () => epochMs(Date.now() + clockOffsetMs) };
    let tokens: TokenService;
    const sessions = new SessionKeeper(SESSION_SECRET);
    const apps: FastifyInstance[] = [];

    before(async () => {
      t = await openTestStore(kind);
      tokens = new TokenService(t.store, clock, nodeSecretSource, t.store);
      provider = await startProvider();
      issuer = provider.issuer;
    });
    after(async () => {
      for (const app of apps) await app.close();
      await provider.close();
      await t.cleanup();
    });

    /** The app's sign-in routes on a port of their own, and the provider told about their redirect URL. */
    async function startApp(unknownUsers: 'refuse' | 'viewer', trustIssuer = true): Promise<{ base: string; oidc: OidcConfig; response: ResponseConfig }> {
      const app = Fastify();
      apps.push(app);
      // Routes are registered before listening, and the redirect URL is known only once listening: they read these when called.
      const late: { signIn?: OidcSignIn; resolve?: OidcRouteDeps['resolve'] } = {};
      registerOidcRoutes(app, {
        signIn: { start: () => late.signIn!.start(), finish: (url, pending) => late.signIn!.finish(url, pending) },
        clock, secret: SESSION_SECRET,
        resolve: (claims) => late.resolve!(claims),
        async startSession(reply, principal, detail) {
          const { tokenHash } = await tokens.startSession({ principal, ttlMs: SESSION_TTL_MS, detail });
          const { cookie } = sessions.create({ tokenHash }, clock.now());
          reply.header('set-cookie', `${SESSION_COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Lax`);
        },
        auditRefusal: (who, detail) => t.store.recordAdminAudit({ at: clock.now(), actor: who, action: 'sign-in.refused', subject: who, detail: { ...detail } }),
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const response = config(issuer, `${base}/app/auth/oidc/callback`, unknownUsers);
      const oidc = response.auth!.oidc!;
      provider.register(oidc.redirectUrl);
      late.signIn = createOidcSignIn(oidc, OIDC_CLIENT_SECRET, { guard: new AddressGuard([], 'auth.oidc.issuer', trustIssuer ? [oidc.issuer] : []), clock });
      late.resolve = (claims) => resolveSignIn(claims, oidc, response.people, response.teams);
      return { base, oidc, response };
    }

    async function sessionOf(browser: Browser) {
      const opened = sessions.open(browser.jar.get(SESSION_COOKIE), clock.now());
      assert.ok(opened !== undefined && 'tokenHash' in opened, 'a session cookie naming a session token');
      return tokens.principalForHash(opened.tokenHash);
    }

    it('signs a configured person in with the role and teams their groups and teams give, and audits it', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      const callback = await browser.signInAt(base, 'alice');
      const done = await browser.get(callback);
      assert.equal(done.status, 200);
      // A page that moves on to /app itself: the session cookie is SameSite=Strict, and this request came from the provider's site.
      assert.match(await done.text(), /<meta http-equiv="refresh" content="0;url=\/app">/);
      assert.equal(browser.jar.has('ir_oidc'), false, 'the sign-in in flight is forgotten');
      assert.deepEqual(await sessionOf(browser), { name: 'alice', role: 'commander', teams: ['security'] });

      const bob = new Browser();
      assert.equal((await bob.get(await bob.signInAt(base, 'bob'))).status, 200);
      assert.deepEqual(await sessionOf(bob), { name: 'bob', role: 'responder', teams: ['payments'] });

      const audit = (await t.store.readAdminAudit({ limit: 100 })).filter((a) => a.action === 'sign-in' && a.subject === 'alice');
      assert.equal(audit.length, 1);
      assert.deepEqual({ ...(audit[0]!.detail as Record<string, unknown>), sessionId: 'x' }, { via: 'oidc', issuer, subject: 'alice', sessionId: 'x', role: 'commander', teams: ['security'] });
      assert.doesNotMatch(JSON.stringify(await t.rawExec('select * from ir_admin_audit')), new RegExp(OIDC_CLIENT_SECRET));
    });

    it('refuses a callback whose state is not the one this browser was sent with', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      const callback = new URL(await browser.signInAt(base, 'alice'));
      callback.searchParams.set('state', 'a-state-from-someone-else');
      const refused = await browser.get(callback.href);
      assert.equal(refused.status, 401);
      assert.match(await refused.text(), /Sign-in failed: .*state/);
      assert.equal(browser.jar.has(SESSION_COOKIE), false);
    });

    it('refuses a code used a second time, even with the cookie the first use carried', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      const callback = await browser.signInAt(base, 'alice');
      const inFlight = browser.jar.get('ir_oidc')!;
      assert.equal((await browser.get(callback)).status, 200);
      const attacker = new Browser();
      attacker.jar.set('ir_oidc', inFlight);
      const replayed = await attacker.get(callback);
      assert.equal(replayed.status, 401);
      assert.match(await replayed.text(), /the provider refused the code \(invalid_grant/);
      assert.equal(attacker.jar.has(SESSION_COOKIE), false);
    });

    it('refuses an ID token that has expired by the server\'s clock', async () => {
      // The server's clock is two hours ahead of the provider's: the one-hour ID token is past its exp.
      clockOffsetMs = 2 * 3_600_000;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      const refused = await browser.get(await browser.signInAt(base, 'alice'));
      assert.equal(refused.status, 401);
      assert.match(await refused.text(), /Sign-in failed: .*exp/);
      assert.equal(browser.jar.has(SESSION_COOKIE), false);
      clockOffsetMs = 0;
    });

    it('refuses someone the provider knows but people: does not, and audits the refusal', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      const refused = await browser.get(await browser.signInAt(base, 'mallory'));
      assert.equal(refused.status, 403);
      assert.match(await refused.text(), /mallory@elsewhere.example signed in with the provider but is not one of the people configured here/);
      assert.equal(browser.jar.has(SESSION_COOKIE), false);
      const audit = (await t.store.readAdminAudit({ limit: 100 })).filter((a) => a.action === 'sign-in.refused');
      assert.deepEqual(audit.map((a) => a.actor), ['mallory@elsewhere.example']);
    });

    it('signs an unknown person in as a viewer without teams when unknown_users is viewer, whatever their groups say', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('viewer');
      const browser = new Browser();
      assert.equal((await browser.get(await browser.signInAt(base, 'mallory'))).status, 200);
      assert.deepEqual(await sessionOf(browser), { name: 'mallory@elsewhere.example', role: 'viewer', teams: [] });
    });

    it('reaches the provider only through the SSRF guard: a private address not configured as the issuer is refused', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse', false);
      const refused = await new Browser().get(`${base}/app/auth/oidc/start`);
      assert.equal(refused.status, 502);
      assert.match(await refused.text(), /The sign-in provider could not be reached \(refused to connect to 127\.0\.0\.1/);
    });

    it('says so when the provider sends the person back with an error instead of a code', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      // Sent to the provider (not followed further): the state it carries comes back with the error.
      const state = new URL((await browser.follow(`${base}/app/auth/oidc/start`, provider.issuer)).url).searchParams.get('state');
      const refused = await browser.get(`${base}/app/auth/oidc/callback?error=access_denied&error_description=${encodeURIComponent('The user cancelled')}&state=${state}`);
      assert.equal(refused.status, 401);
      assert.match(await refused.text(), /The sign-in provider refused \(access_denied: The user cancelled\)/);
    });

    it('refuses a callback without the cookie of a sign-in started here', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      const callback = await browser.signInAt(base, 'alice');
      browser.jar.delete('ir_oidc');
      const refused = await browser.get(callback);
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /This sign-in was not started from this app/);
    });
  });
}
