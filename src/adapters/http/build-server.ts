import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { readEventFeed } from '../../app/incidents/index.js';
import type { TokenScope } from '../../app/ports/index.js';
import { requireScope } from '../../app/tokens/index.js';
import { requirePermission, type Principal } from '../../domain/access/index.js';
import { AppError } from '../../domain/errors/index.js';
import { HIJACKED, defineRoute, type ApiRoute, type RouteContext } from './api-route.js';
import { openApiDocument } from './api-schemas.js';
import { EventHub, type ReadFeed } from './event-hub.js';
import { eventStreamRoute } from './event-stream-route.js';
import { FailedAuthLimiter } from './failed-auth-limiter.js';
import { detectionRoutes } from './detection-routes.js';
import { createHttpMetrics } from './http-metrics.js';
import { toHttpFailure } from './http-error.js';
import { INCIDENT_ROUTES } from './incident-routes.js';
import { parseJsonBody } from './json-body-parser.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { maskUrl } from './server-logger.js';
import { registerRawEndpoints } from './raw-endpoint.js';
import { PAGING_ROUTES } from './paging-routes.js';
import { ONCALL_OVERRIDE_ROUTES } from './oncall-override-routes.js';
import { PAGE_PERSON_ROUTES } from './page-person-routes.js';
import { CONTACT_TEST_ROUTES } from './contact-test-routes.js';
import { CONFIG_ROUTES } from './config-routes.js';
import { DASHBOARD_ROUTES } from './dashboard-routes.js';
import { registerPublicPages } from './public-page-route.js';
import { computeSecurityHeaders } from './security-headers.js';
import { registerSignedFormRoute } from './signed-form-route.js';
import { ALERT_ROUTES } from './alert-routes.js';
import { DEFAULT_TUNING, type ServerDeps, type ServerTuning } from './server-deps.js';
import { TOKEN_ROUTES } from './token-routes.js';
import { MAINTENANCE_ROUTES } from './maintenance-routes.js';
import { REPORT_ROUTES } from './report-routes.js';
import { FOLLOW_UP_ROUTES } from './follow-up-routes.js';
import { COMPLIANCE_ROUTES } from './compliance-routes.js';
import { validateInput } from './validate-input.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authentication on every route but the public ones. */
    principal: Principal | undefined;
    /** The SHA-256 of the token the principal authenticated with (bearer or web session). */
    tokenHash: string | undefined;
    /** What that token may do (read, ingest, write). */
    tokenScopes: readonly TokenScope[] | undefined;
  }
}

export const API_PREFIX = '/api/v1';

/**
 * The HTTP server, built but not listening: `inject()` in tests, `listen()` in `serve`. Routes are
 * the table of docs/api.md (incident, token, stream and OpenAPI routes) plus /healthz, /readyz,
 * /metrics and the signed form endpoints (Slack commands) src/main passes in. Closing it ends open event streams first, then waits for requests in flight.
 */
export function buildServer(deps: ServerDeps, version = 'dev'): FastifyInstance {
  const tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: tuning.bodyLimitBytes,
    genReqId: () => randomUUID(),
    exposeHeadRoutes: false,
    trustProxy: fastifyTrustProxy(tuning.trustProxy),
    return503OnClosing: true,
  });
  app.decorateRequest('principal', undefined);
  app.decorateRequest('tokenHash', undefined);
  app.decorateRequest('tokenScopes', undefined);
  if (deps.onRoute) {
    const onRoute = deps.onRoute;
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) onRoute({ method, url: r.url });
    });
  }

  const metrics = createHttpMetrics(deps.countActiveIncidents, deps.pagingGauges);
  // Shared through the store when given (several instances, and restarts, see one count per address).
  const limiter = new FailedAuthLimiter(tuning.failedAuthMax, tuning.failedAuthWindowMs, deps.sharedAuthFailures === undefined ? undefined : { store: deps.sharedAuthFailures, now: () => deps.clock.now() });
  const readFeed: ReadFeed = (after, limit) => readEventFeed(deps.store, after, limit);
  const hub = new EventHub(readFeed, tuning.pollMs, app.log, { findDead: (hashes) => deps.tokens.findDead(hashes), checkEveryMs: tuning.tokenCheckMs }, deps.listenForAppends);
  // A token revoked through this server ends its streams at once; revoked elsewhere, at the next check.
  const stopRevocations = deps.tokens.onRevoked((tokenHash) => hub.endStreamsOf(tokenHash));

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  const securityHeaders = computeSecurityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders).header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  // Shutting down: answers to requests still in flight close their connection, so an idle
  // keep-alive socket does not hold the process open until its timeout.
  let isClosing = false;
  app.addHook('onReady', () => limiter.start());
  app.addHook('preClose', async () => {
    isClosing = true;
    limiter.stop();
    stopRevocations();
    await hub.close();
  });
  app.addHook('onSend', async (_request, reply) => {
    if (isClosing) reply.header('connection', 'close');
  });
  app.setErrorHandler((error, request, reply) => {
    const failure = toHttpFailure(error, request.id, request.routeOptions.bodyLimit ?? tuning.bodyLimitBytes);
    if (failure.isServerFault) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: failure.body.error.code, status: failure.status }, 'request refused');
    return reply.code(failure.status).headers(failure.headers).type('application/json; charset=utf-8').send(failure.body);
  });
  app.setNotFoundHandler((request) => {
    const path = maskUrl(request.url.split('?')[0] ?? '').slice(0, 200);
    throw new AppError('NOT_FOUND', `No route ${request.method} ${path}. The API is described at ${API_PREFIX}/openapi.json.`);
  });

  /** Throws RATE_LIMITED (with Retry-After) while the client is locked out for failed authentications. */
  function refuseWhileLockedOut(request: FastifyRequest, reply: FastifyReply): void {
    const waitMs = limiter.retryAfterMs(request.ip);
    if (waitMs !== undefined) {
      const seconds = Math.ceil(waitMs / 1000);
      reply.header('retry-after', String(seconds));
      throw new AppError('RATE_LIMITED', `Too many failed authentication attempts from your address; retry in ${seconds} s.`);
    }
  }

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    refuseWhileLockedOut(request, reply);
    const header = request.headers.authorization;
    if ((header === undefined || header.trim() === '') && request.method === 'GET' && deps.browserApp !== undefined) {
      // A signed-in browser (the web app) reads with its session cookie; it never writes through the API.
      const signedIn = await deps.browserApp.principalFromCookie(request.headers.cookie);
      if (signedIn !== undefined) {
        request.principal = signedIn.principal;
        request.tokenHash = signedIn.tokenHash;
        request.tokenScopes = ['read'];
        return;
      }
    }
    if (header === undefined || header.trim() === '') {
      throw new AppError('UNAUTHENTICATED', 'Authentication required: send "Authorization: Bearer <token>". An admin creates tokens with "incident-response token create --name NAME --role ROLE".');
    }
    const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
    const identified = token === undefined ? undefined : await deps.tokens.identify(token);
    if (identified === undefined) {
      await limiter.recordFailure(request.ip);
      throw new AppError('UNAUTHENTICATED', 'The API token is not valid: it is malformed, unknown or revoked. Ask an admin for a new one.');
    }
    request.principal = identified.principal;
    request.tokenHash = identified.tokenHash;
    request.tokenScopes = identified.scopes;
  }

  app.register(async (scope) => {
    scope.get('/healthz', async () => ({ status: 'ok' }));
    scope.get('/readyz', async (request) => {
      const readiness = await deps.checkReady();
      if (readiness.ready) return { status: 'ready' };
      request.log.warn({ code: readiness.code, reason: readiness.reason }, 'not ready');
      throw new AppError(readiness.code, readiness.reason);
    });
    // Unauthenticated as scrapers expect; a token, when sent, must be valid and have the read scope, and lets the security team and admins see security incidents counted apart.
    scope.get('/metrics', async (request, reply) => {
      if (request.headers.authorization !== undefined) {
        await authenticate(request, reply);
        requireScope(request.tokenScopes ?? [], 'read', 'GET /metrics');
      }
      const body = await metrics.render(request.principal);
      return reply.type(metrics.contentType).send(body);
    });

    let document: Record<string, unknown> | undefined;
    const routes: ApiRoute[] = [...INCIDENT_ROUTES, ...TOKEN_ROUTES, ...(deps.alerts ? ALERT_ROUTES : []), ...(deps.maintenanceFor ? MAINTENANCE_ROUTES : []), ...(deps.reportsFor ? REPORT_ROUTES : []), ...(deps.followUpFor ? FOLLOW_UP_ROUTES : []), ...(deps.complianceFor ? COMPLIANCE_ROUTES : []), ...(deps.paging ? PAGING_ROUTES : []), ...(deps.oncallChanges ? [...ONCALL_OVERRIDE_ROUTES, ...CONTACT_TEST_ROUTES, ...CONFIG_ROUTES, ...PAGE_PERSON_ROUTES] : []), ...(deps.dashboardFor ? DASHBOARD_ROUTES : []), eventStreamRoute(hub, readFeed, tuning.heartbeatMs, tuning.maxStreamsPerToken), ...detectionRoutes(deps)];
    routes.push(defineRoute({
      method: 'GET', path: '/openapi.json', summary: 'This OpenAPI 3.1 document', permission: 'public',
      status: 200, response: openApiDocument,
      handle: async () => (document ??= buildOpenApiDocument(routes, version)),
    }));
    for (const route of routes) registerRoute(scope, route);
  });

  for (const endpoint of deps.signedForms ?? []) registerSignedFormRoute(app, endpoint);
  // Raw endpoints that check credentials themselves (heartbeat pings) share the API's lock-out.
  registerRawEndpoints(app, deps.rawEndpoints ?? [], (request, reply) => ({
    refuseWhileLockedOut: () => refuseWhileLockedOut(request, reply),
    recordFailure: () => limiter.recordFailure(request.ip),
  }));
  const publicPages = deps.publicPages;
  if (publicPages !== undefined && publicPages.pages.length > 0) {
    registerPublicPages(app, publicPages.pages);
    // Cached public pages are rebuilt when events are written: the shared poller tells them, from
    // the head at start on, for as long as the server runs.
    // A store that cannot be read at start (down, busy, damaged) is tried again each second: the
    // server still starts and answers 503 meanwhile.
    let follow: NodeJS.Timeout | undefined;
    const followEvents = async (): Promise<void> => {
      try {
        const head = (await deps.store.chainHead()).seq;
        hub.subscribe({ deliver: (events) => publicPages.eventsSeen(events[events.length - 1]!.seq), end: () => undefined }, head);
        publicPages.eventsSeen(head);
      } catch {
        follow = setTimeout(() => void followEvents(), 1000);
        follow.unref();
      }
    };
    app.addHook('onReady', followEvents);
    app.addHook('onClose', async () => clearTimeout(follow));
  }
  deps.browserApp?.register(app);

  function registerRoute(scope: FastifyInstance, route: ApiRoute): void {
    scope.route({
      method: route.method,
      url: API_PREFIX + route.path.replace(/\{(\w+)\}/g, ':$1'),
      ...(route.permission === 'public' ? {} : { onRequest: authenticate }),
      handler: async (request, reply) => {
        const principal = request.principal;
        // Permission before input: a caller who may not do this learns nothing from validation.
        if (route.permission !== 'public') {
          requirePermission(principal!, route.permission);
          requireScope(request.tokenScopes ?? [], route.scope, `${route.method} ${API_PREFIX}${route.path}`);
        }
        const ctx: RouteContext<unknown, unknown, unknown> = {
          get principal(): Principal {
            if (principal === undefined) throw new AppError('INTERNAL', `public route ${route.path} asked for a principal`);
            return principal;
          },
          get api() {
            return deps.apiFor(this.principal);
          },
          params: route.params ? validateInput(route.params, request.params, 'path') : undefined,
          query: route.query ? validateInput(route.query, request.query ?? {}, 'query') : undefined,
          // No body at all reads as {} (every field optional); a JSON null is a body, and not an object.
          body: route.body ? validateInput(route.body, request.body === undefined ? {} : request.body, 'body') : undefined,
          deps,
          request,
          reply,
        };
        const result = await route.handle(ctx);
        if (result === HIJACKED) return reply;
        return reply.code(route.alternative?.matches(result) === true ? route.alternative.status : route.status).send(result);
      },
    });
  }

  return app;
}

/**
 * `server.trust_proxy` as Fastify takes it. A hop count becomes a function: Fastify 5 refuses bare
 * numbers (they cannot tell the proxy from a client connecting directly), so, like `true`, a count
 * is for servers only the proxy can reach; a list of proxy addresses is the safe choice otherwise.
 */
function fastifyTrustProxy(trust: ServerTuning['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  if (typeof trust === 'object') return [...trust];
  return trust;
}
