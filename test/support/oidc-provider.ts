// A real OpenID Connect provider (oidc-provider) on a local port, and a browser that follows
// redirects by hand with one cookie jar for 127.0.0.1 and posts the provider's login form.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const OIDC_CLIENT_ID = 'incident-response';
export const OIDC_CLIENT_SECRET = 'a-client-secret-only-the-provider-and-the-app-know';

/** The provider's accounts: what each one's claims say. */
export const OIDC_ACCOUNTS: Record<string, Record<string, unknown>> = {
  alice: { email: 'Alice@Example.com', email_verified: true, preferred_username: 'alice.w', groups: ['ir-commanders', 'sec-team'] },
  bob: { email: 'bob@example.com', email_verified: true, preferred_username: 'bob', groups: [] },
  mallory: { email: 'mallory@elsewhere.example', email_verified: true, preferred_username: 'mallory', groups: ['ir-admins'] },
};

export interface LocalProvider {
  readonly issuer: string;
  /** (Re)configures the provider for the app's redirect URL, as an operator registers the app. */
  register(redirectUrl: string): void;
  close(): Promise<void>;
}

/**
 * `host` names the provider in its issuer: `localhost` puts it on another site than an app on
 * 127.0.0.1, as a real provider is (browsers tell sites apart by host, not port). It listens on
 * both IPv4 and IPv6 loopback, whichever `localhost` resolves to.
 */
export async function startProvider(host: '127.0.0.1' | 'localhost' = '127.0.0.1'): Promise<LocalProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    register(redirectUrl) {
      const provider = new Provider(issuer, {
        clients: [{ client_id: OIDC_CLIENT_ID, client_secret: OIDC_CLIENT_SECRET, redirect_uris: [redirectUrl], grant_types: ['authorization_code'], response_types: ['code'] }],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'], groups: ['groups'] },
        scopes: ['openid', 'email', 'profile', 'groups'],
        findAccount: async (_ctx, id) => (OIDC_ACCOUNTS[id] === undefined ? undefined : { accountId: id, claims: async () => ({ sub: id, ...OIDC_ACCOUNTS[id] }) }),
        // Consent is given once for all: each sign-in shows the login form only.
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
      server.removeAllListeners('request');
      server.on('request', provider.callback());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser: one cookie jar for 127.0.0.1 (cookies ignore ports, as browsers do), redirects followed by hand. */
export class Browser {
  readonly jar = new Map<string, string>();

  get(url: string): Promise<Response> {
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

  /** Follows redirects from `url` until an answer that is not one, or until a URL starting with `stopAt` is next. */
  async follow(url: string, stopAt?: string): Promise<{ response: Response | undefined; url: string }> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      if (stopAt !== undefined && current.startsWith(stopAt)) return { response: undefined, url: current };
      const response = await this.get(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return { response, url: current };
      current = new URL(location, current).href;
    }
    throw new Error('too many redirects');
  }

  /** From the app's start route to the provider's login form, posted as `account`; returns the callback URL the provider sends the browser to (not yet requested). */
  async signInAt(base: string, account: string): Promise<string> {
    const atForm = await this.follow(`${base}/app/auth/oidc/start`);
    assert.equal(atForm.response?.status, 200, 'the provider shows its login form');
    const html = await atForm.response!.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    assert.ok(action, 'a login form');
    const posted = await this.send(new URL(action.replace(/&amp;/g, '&'), atForm.url).href, {
      method: 'POST', contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ prompt: 'login', login: account, password: 'any' }).toString(),
    });
    const back = await this.follow(new URL(posted.headers.get('location')!, atForm.url).href, `${base}/app/auth/oidc/callback`);
    assert.match(back.url, /\/app\/auth\/oidc\/callback\?.*code=/);
    return back.url;
  }
}
