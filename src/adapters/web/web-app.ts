import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../domain/access/index.js';
import { registerDashboardPage } from './pages/dashboard-page.js';
import { registerDeclarePage } from './pages/declare-page.js';
import { registerIncidentListPage } from './pages/incident-list-page.js';
import { registerIncidentRoomPage } from './pages/incident-room-page.js';
import { registerOnCallPage } from './pages/oncall-page.js';
import { registerOfflinePage } from './pages/offline-page.js';
import { registerRcaPage } from './pages/rca-page.js';
import { registerReportsPage } from './pages/reports-page.js';
import { registerSignInPage } from './pages/sign-in-page.js';
import { refuseFormPage } from './pages/error-pages.js';
import { sessionPlugin, type WebSessions } from './session-plugin.js';
import { loadWebAssets, type AssetName } from './web-assets.js';
import { createWebContext, type WebContext } from './web-context.js';
import type { WebDeps } from './web-deps.js';
import { WebTime } from './web-time.js';
import type { SessionSubject } from './web-session.js';
import type { FastifyReply } from 'fastify';

/** The responder web app: server-rendered pages under /app, a session cookie, live regions fed by the event stream. */
export interface WebApp {
  register(app: FastifyInstance): void;
  /** The signed-in principal of a request's session cookie (for the event stream the pages open); undefined without one. */
  principalFromCookie(cookieHeader: string | undefined): Promise<{ principal: Principal; tokenHash: string } | undefined>;
  /**
   * Starts a web session for a principal another sign-in established (an identity provider's
   * callback), setting the session cookie on `reply`; see `WebSessions.startSession`. Available
   * once `register` ran.
   */
  startSession(reply: FastifyReply, subject: SessionSubject | Principal): void;
}

/** Routes that need no session: the sign-in page, the static files, the offline shell. */
const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/', '/app/sign-in', '/app/assets/:name', '/app/sw.js', '/app/manifest.webmanifest', '/app/offline']);

export function createWebApp(deps: WebDeps): WebApp {
  const assets = loadWebAssets();
  const time = new WebTime(deps.displayTimeZone);
  let sessions: WebSessions | undefined;

  function register(app: FastifyInstance): void {
    app.register(async (scope) => {
      await scope.register(formbody, { bodyLimit: 64 * 1024 });
      // The refusal page needs the context, which needs the sessions: the context is set just below.
      const late: { context?: WebContext } = {};
      sessions = sessionPlugin(scope, {
        secret: deps.sessionSecret,
        now: () => deps.clock.now(),
        principalForTokenHash: deps.principalForTokenHash,
        publicRoutes: PUBLIC_ROUTES,
        refuseForm: (request, reply) => refuseFormPage(late.context!, request, reply),
        revocations: deps.sessionRevocations,
      });
      const context = createWebContext(deps, sessions, time, assets);
      late.context = context;

      scope.get('/', async (_request, reply) => reply.redirect('/app', 303));
      scope.get<{ Params: { name: string } }>('/app/assets/:name', async (request, reply) => {
        const name = request.params.name as AssetName;
        const file = Object.hasOwn(assets.files, name) ? assets.files[name] : undefined;
        if (file === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such file.');
        // Pages link to a content-hashed address, so the file under it never changes.
        return reply.type(file.type).header('cache-control', 'public, max-age=31536000, immutable').send(file.body);
      });
      // Fixed names the browser re-checks: the service worker (its scope is /app/) and the manifest.
      scope.get('/app/sw.js', async (_request, reply) => reply.type(assets.files['sw.js'].type).header('cache-control', 'no-cache').header('service-worker-allowed', '/app/').send(assets.files['sw.js'].body));
      scope.get('/app/manifest.webmanifest', async (_request, reply) => reply.type(assets.files['manifest.webmanifest'].type).header('cache-control', 'no-cache').send(assets.files['manifest.webmanifest'].body));

      registerOfflinePage(scope, context);
      registerSignInPage(scope, context);
      registerDashboardPage(scope, context);
      registerIncidentListPage(scope, context);
      registerDeclarePage(scope, context);
      registerIncidentRoomPage(scope, context);
      registerRcaPage(scope, context);
      registerOnCallPage(scope, context);
      registerReportsPage(scope, context);
    });
  }

  return {
    register,
    async principalFromCookie(header) {
      if (sessions === undefined) return undefined;
      const signed = await sessions.fromCookie(header);
      return signed === undefined ? undefined : { principal: signed.principal, tokenHash: signed.tokenHash };
    },
    startSession(reply, subject) {
      if (sessions === undefined) throw new Error('The web app is not registered on a server yet.');
      sessions.startSession(reply, subject);
    },
  };
}
