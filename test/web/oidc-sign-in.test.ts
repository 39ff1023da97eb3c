// People sign in as themselves through an OpenID Connect provider: a real provider (oidc-provider)
// runs in this process on its own port, the app's start and callback routes on another, and the
// test follows every redirect and posts the provider's login form as a browser would. On SQLite and
// PostgreSQL (the session token and the audit trail are in the store).
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { parseConfig } from '../../src/adapters/config/index.js';
import { AddressGuard } from '../../src/adapters/outbound-net/index.js';
import { SESSION_COOKIE, SESSION_TTL_MS, SessionKeeper } from '../../src/adapters/web/web-session.js';
import { createOidcSignIn, registerOidcRoutes, type OidcRouteDeps, type OidcSignIn } from '../../src/adapters/web/oidc/index.js';
import type { OidcConfig, ResponseConfig } from '../../src/app/config/index.js';
import { resolveSignIn } from '../../src/app/people/index.js';
import { TokenService } from '../../src/app/tokens/index.js';
import { epochMs } from '../../src/domain/time/index.js';
import { nodeSecretSource } from '../../src/main/node-secret-source.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../support/stores.js';

const CLIENT_SECRET = 'a-client-secret-only-the-provider-and-the-app-know';
const SESSION_SECRET = 'a-session-secret-of-at-least-thirty-two-characters';

/** The provider's accounts: what each one's ID token says. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  alice: { email: 'Alice@Example.com', email_verified: true, preferred_username: 'alice.w', groups: ['ir-commanders', 'sec-team'] },
  bob: { email: 'bob@example.com', email_verified: true, preferred_username: 'bob', groups: [] },
  mallory: { email: 'mallory@elsewhere.example', email_verified: true, preferred_username: 'mallory', groups: ['ir-admins'] },
};

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
    client_id: incident-response
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

/** A browser: one cookie jar for 127.0.0.1 (cookies ignore ports, as browsers do), redirects followed by hand. */
class Browser {
  readonly jar = new Map<string, string>();
  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }
  async send(url: string, init: { method: string; body?: string; contentType?: string }): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.jar.size > 0) headers['cookie'] = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.contentType) headers['content-type'] = init.contentType;
    const response = await fetch(url, { method: init.method, headers, redirect: 'manual', ...(init.body === undefined ? {} : { body: init.body }) });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (gone) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  }
  /** Follows redirects from `url` until an answer that is not one, or until `stopAt` is about to be requested. */
  async follow(url: string, stopAt?: string): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      if (stopAt !== undefined && current.startsWith(stopAt)) return { response: new Response(null, { status: 599 }), url: current };
      const response = await this.get(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return { response, url: current };
      current = new URL(location, current).href;
    }
    throw new Error('too many redirects');
  }
}

for (const kind of STORE_KINDS) {
  describe(`OpenID Connect sign-in (${kind})`, () => {
    let t: TestStore;
    let providerServer: Server;
    let issuer: string;
    let provider: Provider;
    let clockOffsetMs = 0;
    const clock = { now: () => epochMs(Date.now() + clockOffsetMs) };
    let tokens: TokenService;
    const sessions = new SessionKeeper(SESSION_SECRET);
    const apps: FastifyInstance[] = [];

    before(async () => {
      t = await openTestStore(kind);
      tokens = new TokenService(t.store, clock, nodeSecretSource, t.store);
      providerServer = createHttpServer();
      await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    });
    after(async () => {
      for (const app of apps) await app.close();
      await new Promise<void>((resolve) => providerServer.close(() => resolve()));
      await t.cleanup();
    });

    /** The app's sign-in routes on a port of their own, and the provider told about their redirect URL. */
    async function startApp(unknownUsers: 'refuse' | 'viewer'): Promise<{ base: string; oidc: OidcConfig; response: ResponseConfig }> {
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
      // A provider configured the way an operator registers the app with theirs.
      provider = new Provider(issuer, {
        clients: [{ client_id: 'incident-response', client_secret: CLIENT_SECRET, redirect_uris: [oidc.redirectUrl], grant_types: ['authorization_code'], response_types: ['code'] }],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'], groups: ['groups'] },
        scopes: ['openid', 'email', 'profile', 'groups'],
        findAccount: async (_ctx, id) => (ACCOUNTS[id] === undefined ? undefined : { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) }),
        // Consent is given once for all: each test signs in with the login form only.
        loadExistingGrant: async (ctx) => {
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
          grant.addOIDCScope('openid email profile groups');
          await grant.save();
          return grant;
        },
        pkce: { required: () => true },
        cookies: { keys: ['a-provider-cookie-signing-key'] },
        ttl: { IdToken: 3600, AuthorizationCode: 60 },
      });
      providerServer.removeAllListeners('request');
      providerServer.on('request', provider.callback());
      // The provider is on 127.0.0.1: reachable because its origin is the configured issuer, as the guard trusts what the operator wrote.
      late.signIn = createOidcSignIn(oidc, CLIENT_SECRET, { guard: new AddressGuard([], 'auth.oidc.issuer', [oidc.issuer]), clock });
      late.resolve = (claims) => resolveSignIn(claims, oidc, response.people, response.teams);
      return { base, oidc, response };
    }

    /** Start → provider → login form posted as `account` → back at the callback (not yet requested). */
    async function signInAt(browser: Browser, base: string, account: string): Promise<string> {
      const atForm = await browser.follow(`${base}/app/auth/oidc/start`);
      assert.equal(atForm.response.status, 200, 'the provider shows its login form');
      const html = await atForm.response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      assert.ok(action, 'a login form');
      const posted = await browser.send(new URL(action.replace(/&amp;/g, '&'), atForm.url).href, { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ prompt: 'login', login: account, password: 'any' }).toString() });
      const back = await browser.follow(new URL(posted.headers.get('location')!, atForm.url).href, `${base}/app/auth/oidc/callback`);
      assert.match(back.url, /\/app\/auth\/oidc\/callback\?.*code=/);
      return back.url;
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
      const callback = await signInAt(browser, base, 'alice');
      const done = await browser.get(callback);
      assert.equal(done.status, 303, await done.text());
      assert.equal(done.headers.get('location'), '/app');
      assert.equal(browser.jar.has('ir_oidc'), false, 'the sign-in in flight is forgotten');
      assert.deepEqual(await sessionOf(browser), { name: 'alice', role: 'commander', teams: ['security'] });

      const bob = new Browser();
      assert.equal((await bob.get(await signInAt(bob, base, 'bob'))).status, 303);
      assert.deepEqual(await sessionOf(bob), { name: 'bob', role: 'responder', teams: ['payments'] });

      const audit = (await t.store.readAdminAudit({ limit: 100 })).filter((a) => a.action === 'sign-in' && a.subject === 'alice');
      assert.equal(audit.length, 1);
      assert.deepEqual({ ...(audit[0]!.detail as Record<string, unknown>), sessionId: 'x' }, { via: 'oidc', issuer, subject: 'alice', sessionId: 'x', role: 'commander', teams: ['security'] });
      assert.doesNotMatch(JSON.stringify(await t.rawExec('select * from ir_admin_audit')), new RegExp(CLIENT_SECRET));
    });

    it('refuses a callback whose state is not the one this browser was sent with', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      const callback = new URL(await signInAt(browser, base, 'alice'));
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
      const callback = await signInAt(browser, base, 'alice');
      const inFlight = browser.jar.get('ir_oidc')!;
      assert.equal((await browser.get(callback)).status, 303);
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
      const refused = await browser.get(await signInAt(browser, base, 'alice'));
      assert.equal(refused.status, 401);
      assert.match(await refused.text(), /Sign-in failed: .*exp/);
      assert.equal(browser.jar.has(SESSION_COOKIE), false);
      clockOffsetMs = 0;
    });

    it('refuses someone the provider knows but people: does not, and audits the refusal', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      const refused = await browser.get(await signInAt(browser, base, 'mallory'));
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
      assert.equal((await browser.get(await signInAt(browser, base, 'mallory'))).status, 303);
      assert.deepEqual(await sessionOf(browser), { name: 'mallory@elsewhere.example', role: 'viewer', teams: [] });
    });

    it('refuses a callback without the cookie of a sign-in started here', async () => {
      clockOffsetMs = 0;
      const { base } = await startApp('refuse');
      const browser = new Browser();
      const callback = await signInAt(browser, base, 'alice');
      browser.jar.delete('ir_oidc');
      const refused = await browser.get(callback);
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /This sign-in was not started from this app/);
    });
  });
}
