/** @jsxImportSource @kitajs/html */
// Signing in with an API token, and signing out.
import type { FastifyInstance } from 'fastify';
import { ErrorBox, html } from '../components.js';
import { isAppError } from '../../../domain/errors/index.js';
import type { WebContext } from '../web-context.js';
import { FORMS, parseForm } from '../web-forms.js';

const FAILED_SIGN_IN_MAX = 20;

export function SignInPage({ error, singleSignOn }: { error: string | undefined; singleSignOn?: { label: string; href: string } | undefined }): JSX.Element {
  return (
    <>
      <h1>Sign in</h1>
      <ErrorBox message={error} />
      {singleSignOn === undefined ? '' : <><p><a class="button primary" href={singleSignOn.href} safe>{singleSignOn.label}</a></p><p class="muted">Or paste an API token:</p></>}
      <form class="panel" method="post" action="/app/sign-in">
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" required maxlength="200" size="48" autofocus />
        <p class="muted">Paste a token made with <code>incident-response token create --name NAME --role ROLE</code>. The page keeps only a signed session cookie; the token itself is never stored.</p>
        <p><button class="primary" type="submit">Sign in</button></p>
      </form>
    </>
  );
}

export function registerSignInPage(scope: FastifyInstance, ctx: WebContext): void {
  const failures = new Map<string, { count: number; since: number }>();
  const signInPage = (request: Parameters<WebContext['page']>[0], reply: Parameters<WebContext['page']>[1], error: string | undefined, status = 200) =>
    ctx.page(request, reply, { title: 'Sign in', body: html(<SignInPage error={error} singleSignOn={ctx.deps.singleSignOn} />), status });

  scope.get('/app/sign-in', async (request, reply) => {
    if (await ctx.sessions.findSignedIn(request)) return reply.redirect('/app', 303);
    return signInPage(request, reply, undefined);
  });
  scope.post('/app/sign-in', async (request, reply) => {
    if (!ctx.sessions.isSameOrigin(request)) return signInPage(request, reply, 'Sign in from this app’s own page.', 403);
    const now = ctx.deps.clock.now();
    const f = failures.get(request.ip);
    if (f !== undefined && now - f.since < 60_000 && f.count >= FAILED_SIGN_IN_MAX) {
      return signInPage(request, reply, 'Too many failed attempts from your address; wait a minute and try again.', 429);
    }
    let token: string;
    try {
      token = parseForm(FORMS.signIn, request.body).token;
    } catch (error) {
      if (!isAppError(error)) throw error;
      return signInPage(request, reply, 'Paste an API token (at most 200 characters) to sign in.', ctx.deps.httpStatus[error.code]);
    }
    const found = await ctx.deps.signIn(token);
    if (found === undefined) {
      if (failures.size > 10_000) for (const [ip, entry] of failures) if (now - entry.since >= 60_000) failures.delete(ip);
      failures.set(request.ip, f === undefined || now - f.since >= 60_000 ? { count: 1, since: now } : { count: f.count + 1, since: f.since });
      return signInPage(request, reply, 'That token is not valid: it is malformed, unknown or revoked. Ask an admin for a new one.', 401);
    }
    ctx.sessions.startSession(reply, { tokenHash: found.tokenHash });
    return reply.redirect('/app', 303);
  });
  scope.post('/app/sign-out', async (request, reply) => {
    ctx.sessions.endSession(request, reply);
    return reply.redirect('/app/sign-in', 303);
  });
}
